"""Rewrites that make the agent own the next move: a follow-up promise gets a time slot, a
refusal becomes an offer, and a non-apology becomes an apology for the impact."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Draft, Options, PhraseList, option, register_rewriter
from ..checks.syntax import clause_start
from ..checks.timeexpr import vague_time_matches
from .grammar import like_case, sentence_text_bounds


@dataclass(frozen=True)
class TimeSlot(Options):
    slot: str = option("by [day, time]", "what takes the vague time's place (or follows the promise)")
    description: str = option("Give a time you can keep.", "what the rewrite says it does")
    vague_words: PhraseList = option((), "more vague timings to replace, as the check's option of that name")


@register_rewriter("time_slot", needs="parse", options=TimeSlot)
def time_slot(span, ctx, options: TimeSlot):
    """'I'll get back to you soon.' → 'I'll get back to you by [day, time].' The slot is for the
    agent to fill, so this edit is never applied by `fix`."""
    doc = span.doc
    slot = options.slot
    description = options.description
    root = span.root
    clause = doc[min(root.left_edge.i, span.start):max(root.right_edge.i + 1, span.end)]
    for match in vague_time_matches(clause.text, options.vague_words):
        if match.group(0).lower().startswith("once"):
            continue
        start = clause.start_char + match.start()
        end = clause.start_char + match.end()
        if doc.text[:start].lower().endswith(("very ", "pretty ", "quite ", "fairly ", "really ")):
            start = doc.text.rindex(" ", 0, start - 1) + 1
        yield Draft(start, end, slot, "suggest", True, description)
        return
    yield Draft(span.end_char, span.end_char, " " + slot, "suggest", True, description)


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
    yield Draft(start, end, like_case(f"Here's what {_speaker(span.sent)} can do: {slot}", span.doc.text[start:]),
                "suggest", True, options.description)


def _rewritable_bounds(token, ctx) -> tuple[int, int]:
    """The sentence around `token`, or only its clause when the sentence also holds a template
    field or a quotation that a rewrite must keep."""
    start, end = sentence_text_bounds(token)
    if ctx.in_region(start, end, ("placeholder", "quote", "code", "url")):
        start = token.doc[clause_start(token)].idx
    return start, end


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
