"""upset-slang: the filter that keeps slang for being upset said of a person ("the customer
freaked out", "you lost it"), not of a thing ("the app keeps freaking out", "a reactor meltdown")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .syntax import FIRST_PERSON, READER, clause_start, is_imperative, subject_of, verb_lemma, verb_of

PERSON_PRONOUNS = READER | FIRST_PERSON | {"he", "she", "they", "them", "him", "her", "everyone",
                                           "everybody", "someone", "somebody", "people", "folks", "anyone"}


@dataclass(frozen=True)
class PersonSubject(Options):
    person_nouns: WordList = option((), "nouns (lemmas) that name a person, such as customer or manager")


@register_filter("person_subject", needs="parse", options=PersonSubject)
def keep_if_person_subject(span, ctx, options: PersonSubject):
    """Slang about a person being upset, not 'the app keeps freaking out' or 'a reactor meltdown'."""
    nouns = set(options.person_nouns)
    verb = verb_of(span.root)
    subject = subject_of(verb)
    owner = next((c for c in span.root.children if c.dep_ == "poss"), None)
    if span.root.pos_ in ("NOUN", "PROPN") and _told_not_to(span.root):
        return True  # "no need for the meltdown, your points are safe"
    if subject is not None and span.start <= subject.i < span.end:
        subject = None  # "Your sulking won't help": the slang noun itself is the subject; its owner says whose
    for candidate in (subject, owner):
        if candidate is None or candidate.text.startswith("@") or \
                candidate is subject and candidate.i < clause_start(verb):
            continue  # a handle, or the name in "Hi Sam, the alert was triggered"
        # A proper-noun subject of an emotional verb is almost always a person ("Sam lost it");
        # this needs no NER, which no rule otherwise asks for.
        if _is_person(candidate, nouns):
            return candidate.lower_ != "our" or candidate.head.lemma_.lower() in nouns
        return False
    # No subject: the reader told not to ("no need to flip out", "don't lose it"), a gerund
    # about a person ("I don't blame you for flipping out"), "no need for the meltdown".
    return _told_not_to(verb) or _about_a_person(verb, nouns) or _told_not_to(span.root)


NEED_NOUNS = frozenset(("need", "reason", "call", "point", "use", "excuse"))
EXONERATING_VERBS = frozenset(("think", "say", "suggest", "believe", "mean", "imply", "feel", "accuse", "claim",
                               "call", "consider", "find", "reckon", "assume", "guess"))
NOBODY = frozenset(("nobody", "no", "none", "noone", "no-one", "never"))


_PROHIBITION_LEAD = frozenset(("please", "pls", "plz", "just", "dont", "don't", "don’t", "do", "not", "n't", "nt", "never",
                               "so", "and", "but", "now", "kindly", "really"))


def _told_not_to(verb) -> bool:
    """The slang verb has no subject because the reader is told about it: an imperative
    ('don't freak out'), 'no need to / no reason to ...', 'you don't have to ...'."""
    if is_imperative(verb):
        return True
    start = clause_start(verb)
    if verb.tag_ == "VB" and start < verb.i and \
            all(t.lower_ in _PROHIBITION_LEAD or t.is_punct for t in verb.doc[start:verb.i]):
        return True  # "Please dont get bent out of shape": the tagger misses "dont"
    node, hops = verb, 0
    while hops < 4 and node.head is not node:
        head = node.head
        if node.dep_ in ("acl", "relcl", "prep", "pobj", "pcomp") and head.lemma_.lower() in NEED_NOUNS and \
                any(c.lower_ == "no" for c in head.children):
            return True
        if node.dep_ in ("xcomp", "conj", "aux"):
            node, hops = head, hops + 1
            continue
        if node.dep_ in ("pobj", "prep", "pcomp"):
            node, hops = head, hops + 1
            continue
        if node.dep_ == "ROOT" or (node.dep_ in ("advcl", "ccomp", "parataxis") and all(
                t.lower_ in _PROHIBITION_LEAD or t.is_punct for t in node.doc[clause_start(node):node.i])):
            return is_imperative(node)  # "Stop flipping out, the money is safe": the parser hangs "Stop" on the next clause
        return False
    return False


def _about_a_person(verb, nouns: set[str]) -> bool:
    """'I don't blame you for flipping out', 'sorry about your team freaking out': a gerund
    after a preposition whose head has a person as its object or subject."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("pcomp", "pobj"):
        return False
    prep = verb.head
    head = prep.head if prep.dep_ == "prep" else None
    if head is None:
        return False
    for child in head.children:
        if child.dep_ in ("dobj", "nsubj", "poss", "pobj") and child.i < prep.i and _is_person(child, nouns):
            return True
    return False


def _is_person(candidate, nouns: set[str]) -> bool:
    return candidate.lower_ in PERSON_PRONOUNS or candidate.pos_ == "PROPN" or \
        candidate.lemma_.lower() in nouns or candidate.lower_ in ("your", "his", "her", "their", "my", "our")


@register_filter("not_exonerated", needs="parse")
def keep_if_not_exonerated(span, ctx, options):
    """'You're not overreacting', 'Nobody here thinks you lost it', 'I don't think you're being
    dramatic': the slang is denied of the reader, not said of them. A negated instruction
    ('don't freak out', 'you don't have to get bent out of shape') still says it."""
    verb = verb_of(span.root)
    subject = subject_of(verb)
    if subject is not None and (subject.text.startswith("@") or subject.i < clause_start(verb)):
        subject = None  # a handle or a greeting's name the parser took for the subject
    own_negation = any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "neg" for t in span for c in t.children if t.pos_ in ("VERB", "AUX", "ADJ"))
    if subject is not None and span.start <= subject.i < span.end:
        return True  # "Your sulking won't help": the slang is the subject, the negation is about what it does
    if own_negation and subject is not None and subject.lower_ not in ("nobody", "noone"):
        return False
    if subject is not None and subject.lower_ in ("nobody", "noone", "no-one") or \
            subject is not None and any(c.lower_ == "no" for c in subject.children):
        return False
    # The complement of a denied judgement: "Nobody thinks ...", "I'm not saying ..."
    node, hops = verb, 0
    while hops < 4 and node.head is not node:
        if node.dep_ in ("ccomp", "xcomp", "pcomp", "pobj", "prep", "advcl", "conj"):
            head = node.head
            if verb_lemma(head) in EXONERATING_VERBS or head.lemma_.lower() in EXONERATING_VERBS:
                judge = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if any(c.dep_ == "neg" for c in head.children) or \
                        judge is not None and (judge.lower_ in NOBODY or any(c.lower_ == "no" for c in judge.children)):
                    return False
            node, hops = head, hops + 1
            continue
        break
    return True
