"""vague-promise: a follow-through commitment by our side with no date or time attached.

A commitment is a future or "let me" clause whose subject is on the agent's side (I, we,
someone, our team, an engineer, a fix) and whose verb is a follow-through verb (get back,
look into, contact, update, ...), or any such clause timed only by a vague word (soon,
shortly, as soon as possible). It is forgiven when the same sentence or the next one names
a concrete day or time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extend import (
    Options,
    PhraseList,
    all_of,
    any_of,
    option,
    option_pattern,
    phrases_of,
    register_check,
    text_matches,
    words,
)
from .syntax import READER, is_imperative, is_negated, subject_of
from .timeexpr import (
    VAGUE_TIME,
    extra_vague_pattern,
    has_concrete_time,
    vague_time_matches,
)

FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "gonna"}
LET_REQUESTS = {"know", "hear"}  # "let me know": the reader is asked to tell us


def _follow_up_keys(verb) -> set[str]:
    """Ways the verb can be named in the YAML list: 'check', 'get back', 'look into', 'be in touch'."""
    keys = {verb.lemma_.lower()}
    for child in verb.children:
        if child.dep_ in ("prt", "prep", "advmod", "acomp", "oprd", "xcomp", "ccomp") and child.i > verb.i:
            keys.add(f"{verb.lemma_.lower()} {child.lower_}")
            for grand in child.children:
                if grand.dep_ == "pobj":
                    keys.add(f"{verb.lemma_.lower()} {child.lower_} {grand.lower_}")
    return keys


def _is_future(verb) -> bool:
    """Will/'ll/shall/going to/let me: the agent (or the agent's side) commits to a later action."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
            return not any(c.dep_ == "neg" for c in verb.children)
    head = verb.head
    if verb.dep_ == "xcomp" and head.lower_ in ("going", "gon"):
        return True
    if verb.dep_ in ("ccomp", "xcomp") and head.lemma_ == "let" and _let_us(head, verb):
        return True
    if verb.dep_ == "conj" and head.i != verb.i:
        return _is_future(head)
    return False


def _let_us(let, verb) -> bool:
    """"Let me look into it", "let us check": "me"/"us" between "let" and the verb (the parser
    hangs it on either), and not "let me know" or "let us hear", which ask the reader to tell us."""
    return verb.lemma_ not in LET_REQUESTS and any(
        c.lower_ in ("me", "us") and let.i < c.i < verb.i for c in (*let.children, *verb.children))


HOPE_VERBS = {"hope", "wish"}
HEDGE_OPENINGS = (["fingers", "crossed"], ["with", "any", "luck"], ["with", "luck"])  # right before the clause


def _hedged(verb) -> bool:
    """'Hopefully we'll have it back soon', 'fingers crossed we'll ...', 'we hope to fix it
    soon': a hope, not a commitment."""
    node = verb  # the clause's own verb: up through "and" while the conjunct has no subject of its own
    while node.dep_ == "conj" and node.head.i != node.i and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
        node = node.head
    if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_ in HOPE_VERBS:
        return True
    if any(c.lower_ == "hopefully" for c in (*verb.children, *node.children)):
        return True
    subject = subject_of(node)
    start = subject.left_edge.i if subject is not None else node.i
    return [t.lower_ for t in verb.doc[verb.sent.start:start] if t.is_alpha] in HEDGE_OPENINGS


def _agent_side(subject) -> bool:
    """Our side of the conversation: not the reader, not a quoted third party's device."""
    if subject is None:
        return True
    return subject.lower_ not in READER and subject.lower_ not in ("it", "this", "that", "they")


def _not_the_reader(subject) -> bool:
    return subject is None or subject.lower_ not in READER


def _commitment_span(verb, subject):
    doc = verb.doc
    start = verb.i
    if subject is not None and subject.i < verb.i and verb.i - subject.i <= 6:
        start = subject.left_edge.i
    for child in verb.children:
        if child.dep_ in ("aux", "neg") and child.i < start:
            start = child.i
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ == "let" and verb.head.i < start:
        start = verb.head.i  # "Let me look into it", not "me look into it"
    end = verb.i + 1
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("prt", "prep", "dobj", "dative", "advmod", "npadvmod", "xcomp", "ccomp", "acomp"):
            end = max(end, child.right_edge.i + 1)
    return doc[start:min(end, verb.sent.end)]


def _trim(span):
    """Drop trailing punctuation from a reported span."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start:end]


def _obligation(verb) -> bool:
    """'the tests will have to be fixed': a requirement, not a commitment."""
    return verb.lemma_ in ("have", "need") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)


def _times_the_clause(clause, match) -> bool:
    """A vague word used as a time adverb ('we'll fix it later'), not as an adjective ('later payouts')."""
    token = clause.doc.char_span(clause.start_char + match.start(), clause.start_char + match.end(),
                                 alignment_mode="expand")
    return token is not None and not (token[0].dep_ == "amod" or token[0].tag_ in ("JJ", "JJR") and
                                      token[0].head.pos_ == "NOUN" and token[0].head.i > token[0].i)


def _promise_clause_text(verb) -> str:
    """The promise and what hangs off it (including 'and get back to you by 3 pm'), and, for a
    second promise joined by 'and', the first one's clause too."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i and _is_future(node.head):
        node = node.head
    return node.doc[node.left_edge.i:node.right_edge.i + 1].text


def _next_sentence_text(sent, ctx) -> str:
    """The sentence after `sent`; after the last one of a parsed segment, the next segment."""
    doc = sent.doc
    if sent.end >= len(doc):
        return ctx.next_text
    return doc[sent.end].sent.text


# A commitment needs a future cue, and then either a follow-up verb (every word of one of the
# listed phrases, the first in any of its forms) or a vague time. The future cue: an auxiliary or
# "going to"; "let me"/"let us" (the clause after it); or, with a vague time only,
# "coming"/"arriving" ("a fix is coming soon"). "Let" is a cue only with "me" or "us", and then the
# promise is the clause after it, so "let us know" alone is none: a phrase that itself starts with
# "let" counts only when a second "let" could carry it ("let me see and let you know").
FUTURE_CUE = words(FUTURE_AUX, {"going", "gon"})
LET_CUE = all_of(words("let", "lets", "letting"), words("me", "us"))
TWO_LETS = re.compile(r"\blet(?:s|ting)?\b[\s\S]*\blet(?:s|ting)?\b", re.IGNORECASE)
PROMISE_CUES = any_of(
    all_of(FUTURE_CUE, phrases_of("follow_up_verbs")),
    all_of(LET_CUE, phrases_of("follow_up_verbs", unless_first=("let",))),
    all_of(LET_CUE, phrases_of("follow_up_verbs"), text_matches(TWO_LETS)),
    all_of(any_of(FUTURE_CUE, LET_CUE, words("coming", "arriving")),
           any_of(text_matches(VAGUE_TIME), option_pattern("vague_words", extra_vague_pattern))))


@dataclass(frozen=True)
class VaguePromise(Options):
    follow_up_verbs: PhraseList = option((), "follow-through verbs and phrases ('get back to', 'look into') "
                                             "that make a future clause a commitment")
    vague_words: PhraseList = option((), "more vague timings ('in a jiffy') beside the built-in ones "
                                         "('soon', 'shortly', 'as soon as possible')")


@register_check("vague_promise", needs="parse", options=VaguePromise, cues=PROMISE_CUES)
def find_vague_promises(ctx, options: VaguePromise):
    """A follow-through commitment by our side with no date or time in its sentence or the next."""
    follow_up = {v.lower() for v in options.follow_up_verbs}
    extra_vague = options.vague_words
    for sent in ctx.doc.sents:
        if has_concrete_time(_next_sentence_text(sent, ctx)):
            continue
        reported: list = []
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
                continue
            subject = subject_of(verb)
            if not _not_the_reader(subject) or is_imperative(verb):
                continue
            future = _is_future(verb)
            keys = _follow_up_keys(verb)
            for child in verb.children:
                if child.dep_ in ("xcomp", "ccomp") and child.i > verb.i:
                    keys |= _follow_up_keys(child)
            commits = future and bool(keys & follow_up) and _agent_side(subject)
            clause = ctx.doc[verb.left_edge.i:verb.right_edge.i + 1]
            timed_vaguely = (future or verb.tag_ == "VBG" and verb.lemma_ in ("come", "arrive")) and any(
                _times_the_clause(clause, m) for m in vague_time_matches(clause.text, extra_vague)
                if not m.group(0).lower().startswith("once"))
            if _obligation(verb):
                continue
            if not (commits or timed_vaguely) or is_negated(verb) or _hedged(verb):
                continue
            if has_concrete_time(_promise_clause_text(verb)):
                continue
            span = _trim(_commitment_span(verb, subject))
            if any(span.start < r.end and r.start < span.end for r in reported):
                continue
            reported.append(span)
            yield span
