"""non-apology: an apology for the customer's feelings becomes an apology for what happened and
its impact ("I'm sorry you feel that way." → "I'm sorry for [what went wrong].")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Draft, Options, option, register_rewriter
from .grammar import like_case, sentence_text_bounds

APOLOGY_WORDS = {"sorry", "apologize", "apologise", "apologies", "apology", "regret", "apologizes",
                 "apologises", "apologizing", "apologising"}


@dataclass(frozen=True)
class OwnTheApology(Options):
    impact: str = option("the trouble this has caused", "what the second rewrite apologizes for")
    slot: str = option("[what went wrong]", "the slot the first rewrite leaves for what went wrong")
    description: str = option("Apologize for what happened and its impact.", "what the rewrite says it does")


@register_rewriter("own_the_apology", needs="parse", options=OwnTheApology)
def own_the_apology(span, ctx, options: OwnTheApology):
    """Keep the agent's own apology words and replace what they apologize for:
    'Sorry if the layout upset you.' → 'Sorry that the layout upset you.';
    'I'm sorry you feel that way.' → 'I'm sorry for [what went wrong].' (a slot for the agent) or
    'I'm sorry for the trouble this has caused.'; 'our apologies for any confusion' → 'our
    apologies for [what went wrong]'. Names, handles and thanks around the apology stay."""
    doc = span.doc
    description = options.description
    word = next((t for t in span if t.lower_ in APOLOGY_WORDS), None)
    if word is None:
        return
    after = doc[word.i + 1] if word.i + 1 < len(doc) else None
    if word.lower_ == "sorry" and after is not None and after.lower_ == "if":
        yield Draft(after.idx, after.idx + len(after.text), like_case("that", after.text), "suggest", False, description)
    _, end = sentence_text_bounds(word)
    start = word.idx + len(word.text)
    if end <= start:
        return
    tail = doc.text[start:end]
    joined_by_for = tail.lstrip().lower().startswith("for ")
    if joined_by_for:
        start += len(tail) - len(tail.lstrip()) + len("for")
    lead = " " if joined_by_for or word.lemma_ == "regret" else " for "
    if ctx.in_region(start, end, ("placeholder", "quote", "code", "url")):
        return
    slot = options.slot
    impact = options.impact
    yield Draft(start, end, lead + slot, "suggest", True, description)
    yield Draft(start, end, lead + impact, "suggest", False, description)
