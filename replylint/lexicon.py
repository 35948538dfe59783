"""Dictionary lemmas and inflected forms of English words (lemminflect), cheap at start-up.

Lemmas: blame and past-tense checks ask lemminflect for a word's dictionary lemmas; once a
pipeline is loaded, its tables are read on demand (speed/lemma_tables.py), a word at a time,
instead of whole.

Inflections, for phrase patterns and LEMMA triggers: the forms of the bundled rule pack's words
are shipped in `inflections.json`, generated from lemminflect by
`python -m replylint.tools.generate` and checked against it by the test suite (--check), so
compiling the pack asks lemminflect nothing; any other word (a team's own rules) goes to
lemminflect.
"""
from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("inflections.json")


def _lemminflect():
    """lemminflect, imported when first asked (its tables: see speed/lemma_tables.py)."""
    import lemminflect

    return lemminflect


@lru_cache(maxsize=8192)
def dictionary_lemmas(word: str) -> dict:
    """lemminflect's lemmas of a lower-case word form, by part of speech ({} for acronyms and
    unknown words). Cached: the same few thousand words recur in every reply."""
    return _lemminflect().getAllLemmas(word)


@lru_cache(maxsize=1)
def _table() -> dict:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def inflections(word: str) -> frozenset:
    """The word and every inflection of each of its dictionary lemmas, lower-cased."""
    known = _table().get(word)
    return frozenset(known) if known is not None else computed_inflections(word)


@cache
def computed_inflections(word: str) -> frozenset:
    """What lemminflect says, bypassing the shipped table."""
    forms = {word}
    if not word.isalpha() or len(word) < 3:
        return frozenset(f.lower() for f in forms)
    getAllInflections = _lemminflect().getAllInflections
    for lemmas in dictionary_lemmas(word).values():
        for lemma in lemmas:
            forms.add(lemma)
            for inflected in getAllInflections(lemma).values():
                forms.update(inflected)
    return frozenset(f.lower() for f in forms)


@lru_cache(maxsize=4096)
def inflection(lemma: str, tag: str) -> str:
    """`lemma` in the form of Penn tag `tag` ("get", "VBD" → "got"); the lemma if unknown."""
    forms = _lemminflect().getInflection(lemma, tag=tag)
    return forms[0] if forms else lemma
