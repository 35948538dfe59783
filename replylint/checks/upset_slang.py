"""upset-slang: the filter that keeps slang for being upset said of a person ("the customer
freaked out", "you lost it"), not of a thing ("the app keeps freaking out", "a reactor meltdown")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .syntax import FIRST_PERSON, READER, subject_of, verb_of

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
    for candidate in (subject, owner):
        if candidate is None:
            continue
        # A proper-noun subject of an emotional verb is almost always a person ("Sam lost it");
        # this needs no NER, which no rule otherwise asks for.
        if candidate.lower_ in PERSON_PRONOUNS or candidate.pos_ == "PROPN" or \
                candidate.lemma_.lower() in nouns or candidate.lower_ in ("your", "his", "her", "their", "my", "our"):
            return candidate.lower_ != "our" or candidate.head.lemma_.lower() in nouns
        return False
    return False
