"""cant-help: a refusal becomes an offer ("I can't help you with that." → "Here's what I can
do: [what you can do].")."""
from __future__ import annotations

from dataclasses import dataclass

from ..checks.syntax import clause_start
from ..extend import Draft, Options, option, register_rewriter
from .grammar import case_after, sentence_text_bounds


def _speaker(sent) -> str:
    """'we' when the agent speaks for the team in this sentence, else 'I'."""
    return "we" if any(t.lower_ in ("we", "our", "us") for t in sent) else "I"


@dataclass(frozen=True)
class OfferInstead(Options):
    slot: str = option("[what you can do]", "the slot for the agent's offer")
    description: str = option("Say what you can do.", "what the rewrite says it does")


@register_rewriter("offer_instead", needs="parse", options=OfferInstead)
def offer_instead(span, ctx, options: OfferInstead):
    """'I can't help you with that.' → 'Here's what I can do: [what you can do].'"""
    start, end = _rewritable_bounds(span[0], ctx)
    slot = options.slot
    text = span.doc.text
    yield Draft(start, end, case_after(f"Here's what {_speaker(span.sent)} can do: {slot}", text, start, text[start:]),
                "suggest", True, options.description)


def _rewritable_bounds(token, ctx) -> tuple[int, int]:
    """The sentence around `token`, or only its clause when the sentence also holds a template
    field or a quotation that a rewrite must keep."""
    start, end = sentence_text_bounds(token)
    if ctx.in_region(start, end, ("placeholder", "quote", "code", "url")):
        start = token.doc[clause_start(token)].idx
    return start, end
