"""spaCy's rule lemmatizer, with every answer remembered.

The rule lemmatizer caches what it works out by (word, part of speech, morphology), except when
the word is already in its base form: a singular noun, an infinitive, a plain adjective. That
is most words, and for each of them it reads the morphology into a dict again every time
(measured: 14,600 calls for 17,000 parsed tokens, a quarter of the pipeline's Python time).
Its answer depends on nothing but that key and its fixed tables, so remembering it for base
forms too changes no lemma (tests/speed/test_lemma_memo.py). A token with no part of speech
still goes through spaCy each time, so its warning is still given.

A word not yet remembered costs spaCy a scan of a list: the rule lemmatizer keeps each part of
speech's known lemmas (its `lemma_index` table) as a list and asks `form in index` for every
suffix rule that applies, and the noun list holds 57,000 words (measured: 190 us a call, 0.6 s
of 4,000 distinct words on the bench replies). `index_words` puts in each list's place an equal
list that answers `in` from a set, so every lemma stays the same and the table still reads and
serialises as lists.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

MEMO_LIMIT = 200_000  # distinct (word, POS, morphology) keys; cleared when full


def install(nlp: Language) -> bool:
    """Give the pipeline's rule lemmatizer the remembering `lemmatize`; False if there is none."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    from spacy.pipeline import Lemmatizer

    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    index_words(lemmatizer)
    original = lemmatizer.rule_lemmatize
    memo: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]  # (not in spaCy's stub)
        forms = memo.get(key)
        if forms is None:
            forms = original(token)
            if token.pos:  # no part of speech: spaCy warns each time, so ask it each time
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                memo[key] = forms
        return forms

    lemmatizer.lemmatize = lemmatize  # the acceleration itself
    return True


class IndexedWords(list):
    """A list of words that answers `word in it` from a set (the list is never changed)."""

    def __init__(self, words):
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._set


def index_words(lemmatizer) -> None:
    """Make the lemmatizer's `lemma_index` lists IndexedWords (see the module docstring)."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, IndexedWords):
            table[key] = IndexedWords(words)
