"""non-apology: an apology for the customer's feelings becomes an apology for what happened and
its impact ("I'm sorry you feel that way." → "I'm sorry for [what went wrong].")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Draft, Options, option, register_rewriter
from .grammar import like_case, sentence_text_bounds

APOLOGY_WORDS = {"sorry", "apologize", "apologise", "apologies", "apology", "regret", "apologizes",
                 "apologises", "apologizing", "apologising", "regrets", "sry", "srry", "soz", "sozzy", "apols"}
CONTRAST = {"but", "however"}


def _contrast_start(doc, start: int, end: int, after: int) -> int:
    """Where the agent's next point begins in doc's characters [start, end), which the rewrite
    keeps: a ', but ...' clause anywhere ("sorry you're upset, but the charge is a hold"), or any
    clause after a comma, semicolon or dash that follows the matched words at `after` ("sorry for
    any inconvenience, the app works again now")."""
    for token in doc:
        if not start < token.idx < end:
            continue
        if token.lower_ in CONTRAST and token.i > 0 and doc[token.i - 1].text in (",", ";", "—", "–"):
            return doc[token.i - 1].idx
        if token.idx >= after and token.text in (",", ";", "—", "–"):
            return token.idx
    return end


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
    end = _contrast_start(doc, start, end, span.end_char)
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


@dataclass(frozen=True)
class DropTheBut(Options):
    description: str = option("Let the apology stand without a 'but'.", "what the rewrite says it does")


@register_rewriter("drop_the_but", needs="tokens", options=DropTheBut)
def drop_the_but(span, ctx, options: DropTheBut):
    """'I'm sorry, but the refund window has closed.' → 'I'm sorry the refund window has closed.':
    the apology then owns what follows instead of taking itself back."""
    doc = span.doc
    # only "sorry" takes a clause ("sorry the window has closed"); "we apologise the order has
    # shipped" does not, so those stay a finding without a rewrite
    word = next((t for t in span if t.lower_ in ("sorry", "sry", "srry", "soz")), None)
    but = next((t for t in span if t.lower_ in CONTRAST), None)
    if word is None or but is None or but.i + 1 >= len(doc):
        return
    start = word.idx + len(word.text)
    end = doc[but.i + 1].idx
    if ctx.in_region(start, end, ("placeholder", "quote", "code", "url")):
        return
    if _denies_a_thing(doc, but.i + 1):
        return  # "sorry, but this issue is not caused by us" would become regret that we are not the cause
    yield Draft(start, end, " ", "suggest", False, options.description)


_NEGATIONS = frozenset(("not", "n't", "nt", "never", "no", "nothing", "neither"))


def _denies_a_thing(doc, first: int) -> bool:
    """The clause after 'but' denies something of a thing ('this issue is not caused by Angular
    CLI'): sorry + that clause regrets the denial. One whose subject is us ('we can't refund
    it') stays a fact we are sorry for."""
    clause = []
    for token in doc[first:]:
        if token.text in (".", "!", "?", ";") or "\n" in token.text:
            break
        clause.append(token)
    if not clause or clause[0].lower_ in ("we", "i", "our", "my", "there"):
        return False
    return any(t.lower_ in _NEGATIONS for t in clause)
