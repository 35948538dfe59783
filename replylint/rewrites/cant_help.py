"""cant-help: a refusal becomes an offer ("I can't help you with that." → "Here's what I can
do: [what you can do].").

The offer takes the refusal's sentence, after an opening address ("Hi Sam, here's what …").
Where the sentence goes on to say something the offer would contradict or lose — a contrast
that is the agent's own next step ("…, but our billing team can") or a condition ("… until you
send the receipt") — no rewrite is right, and the finding keeps its suggestion only."""
from __future__ import annotations

from dataclasses import dataclass

from ..checks.syntax import clause_start, subject_of
from ..extend import Draft, Options, option, register_rewriter
from .grammar import case_after, sentence_text_bounds

# After the refusal, words that open what an offer in its place would contradict or lose.
CONTRAST = {"but", "though", "although", "however", "yet", "instead", "whereas"}
CONDITION = {"until", "till", "unless", "if", "without", "except"}


def _speaker(span, verb) -> str:
    """'we' when the agent refuses for the team ('we can't', 'not our job'), else 'I'."""
    subject = subject_of(verb) if verb is not None else None
    if subject is not None and subject.lower_ in ("i", "we"):
        return subject.lower_.replace("i", "I")
    for words in (span, span.sent):
        if any(t.lower_ in ("my", "me", "i", "mine") for t in words):
            return "I"
        if any(t.lower_ in ("we", "our", "us", "ours") for t in words):
            return "we"
    return "I"


def _refusal_verb(span):
    node = span.root
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
        if node.head is node:
            break
        node = node.head
    return None


def _goes_on(span, end: int) -> bool:
    """After the refusal, up to the sentence's end, a contrast or a condition."""
    doc = span.doc
    for token in doc[span.end:]:
        if token.idx >= end:
            return False
        if (token.lower_ in CONTRAST and token.dep_ in ("cc", "mark", "advmod", "prep") or
                token.lower_ in CONDITION and token.dep_ in ("mark", "prep", "advmod", "cc")) and \
                any(t.is_alpha and t.idx < end for t in doc[token.i + 1:]):  # "…, though." ends it
            return True
    return False


@dataclass(frozen=True)
class OfferInstead(Options):
    slot: str = option("[what you can do]", "the slot for the agent's offer")
    description: str = option("Say what you can do.", "what the rewrite says it does")


@register_rewriter("offer_instead", needs="parse", options=OfferInstead)
def offer_instead(span, ctx, options: OfferInstead):
    """'I can't help you with that.' → 'Here's what I can do: [what you can do].'"""
    start, end = _rewritable_bounds(span[0], ctx)
    if _goes_on(span, end):
        return
    slot = options.slot
    text = span.doc.text
    offer = f"Here's what {_speaker(span, _refusal_verb(span))} can do: {slot}"
    yield Draft(start, end, case_after(offer, text, start, text[start:]), "suggest", True, options.description)


def _rewritable_bounds(token, ctx) -> tuple[int, int]:
    """The sentence around `token`, or only its clause when the sentence also holds a template
    field or a quotation that a rewrite must keep."""
    start, end = sentence_text_bounds(token)
    if ctx.in_region(start, end, ("placeholder", "quote", "code", "url")):
        start = token.doc[clause_start(token)].idx
    return start, end
