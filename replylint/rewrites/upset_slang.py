"""upset-slang: slang for being upset becomes a plain word in the right grammatical form
("freaking out" → "upset", "flipped out" → "got upset")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks.syntax import BE_FORMS
from ..extend import Draft, Options, WordList, option, register_rewriter
from ..lexicon import inflection
from .grammar import capitalized, sentence_text_bounds, starts_sentence

LIGHT_VERBS = {"have", "throw", "pitch", "kick", "blow", "hit", "fly", "go", "lose", "flip", "spit", "get"}


def _verb_in(span):
    """The verb that carries the slang: a verb inside the span, or the light verb that takes a
    slang noun as its object ("had a meltdown")."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.lower_ not in BE_FORMS]
    if verbs:
        return verbs[0]
    head = span.root.head
    if head.i != span.root.i and head.pos_ in ("VERB", "AUX") and head.lemma_ in LIGHT_VERBS and head.i < span.start:
        return head
    return None


def _phrase_end(span, verb) -> int:
    """Where the slang phrase ends: past the verb's particle when only whitespace stands between
    ("freaking⏎out", hard-wrapped, matches as "freaking"; the "out" must go with it)."""
    doc = span.doc
    particle = next((c for c in verb.children if c.dep_ == "prt" and c.i >= span.end), None)
    if particle is not None and all(t.is_space for t in doc[span.end:particle.i]):
        return particle.idx + len(particle.text)
    return span.end_char


@dataclass(frozen=True)
class PlainFeeling(Options):
    word: str = option("upset", "the plain word for the feeling")
    alternatives: WordList = option((), "other plain words, offered after `word` where one word replaces the slang")
    description: str = option("Name the feeling plainly.", "what the rewrite says it does")


@register_rewriter("plain_feeling", needs="parse", options=PlainFeeling)
def plain_feeling(span, ctx, options: PlainFeeling):
    """'freaking out' → 'upset' after a form of *be*; otherwise *get upset* inflected like the slang
    verb ('flipped out' → 'got upset', 'Don't freak out' → 'Don't get upset')."""
    doc = span.doc
    word = options.word
    alternatives = [word, *options.alternatives]
    description = options.description
    first = span[0]
    if first.lower_ in BE_FORMS:  # "'re being a bit dramatic" → "'re upset"
        start = first.idx + len(first.text) + len(first.whitespace_)
        for alt in alternatives:
            yield Draft(start, span.end_char, alt, "safe", False, description)
        return
    verb = _verb_in(span)
    if verb is None:
        if span.root.pos_ in ("ADJ",) or span.root.dep_ in ("acomp", "amod", "advmod", "prep"):
            for alt in alternatives:
                yield Draft(span.start_char, span.end_char, alt, "safe", False, description)
        return
    start = min(verb.idx, span.start_char)
    end = _phrase_end(span, verb)
    if verb.i < span.start:  # a light verb outside the span: its words up to the slang noun go too
        between = doc[verb.i:span.start]
        if any(t.is_punct for t in between):
            return
    be_aux = any(c.dep_ in ("aux", "auxpass") and c.lower_ in BE_FORMS for c in verb.children)
    if verb.tag_ == "VBG" and be_aux:
        for alt in alternatives:
            yield Draft(start, end, alt, "safe", False, description)
        return
    tag = verb.tag_ if verb.tag_ in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ") else "VB"
    rewrite = f"{inflection('get', tag)} {word}"
    if starts_sentence(doc[min(verb.i, span.start)]):
        rewrite = capitalized(rewrite)
    yield Draft(start, end, rewrite, "safe", False, description)


# Where the clause holding a judgement ends, and where the rest of its sentence begins.
_CLAUSE_ENDS = re.compile(r"\s*(?:—|–|;|:|,\s*(?:but|so|and|though|although|because)\b|\s(?:but|so)\b)")
_CLAUSE_STARTS = re.compile(r"(?:—|–|;|:)\s*")


@dataclass(frozen=True)
class DropJudgement(Options):
    acknowledgment: str = option("I can see why this is frustrating.", "the words that take the judgement's place")
    description: str = option("Drop the judgement of the customer's reaction and acknowledge it instead.",
                              "what the rewrite says it does")


@register_rewriter("drop_judgement", needs="parse", options=DropJudgement)
def drop_judgement(span, ctx, options: DropJudgement):
    """'I think you're overreacting a bit — let me pull up the logs.' → 'I can see why this is
    frustrating — let me pull up the logs.' A judgement ("overreacting", "being dramatic") is a
    reproach: a plain word for the feeling ("you're upset a bit") would keep it, so the clause
    goes and the rest of the sentence stays."""
    doc = span.doc
    text = doc.text
    sentence_start, end = sentence_text_bounds(span[0])
    start = sentence_start
    breaks = list(_CLAUSE_STARTS.finditer(text[start:span.start_char]))
    ack = options.acknowledgment.rstrip(".!")
    if breaks:  # "Thanks for the logs — you're being dramatic": only the judgement's clause goes
        start += breaks[-1].end()
    elif start == sentence_start:
        ack = capitalized(ack)
    after = _CLAUSE_ENDS.search(text, span.end_char, end)
    if after is None:
        closing = text[end:end + 1]
        yield Draft(start, end + (1 if closing in ".!?" else 0), ack + ".", "suggest", False, options.description)
        return
    yield Draft(start, after.start(), ack, "suggest", False, options.description)
