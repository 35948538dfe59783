"""Dictionary lemmas and inflected forms of English words (lemminflect), cheap at start-up.

Lemmas: blame and past-tense checks ask lemminflect for a word's dictionary lemmas, and its
lemma table takes a few tenths of a second to read. `start_warm_up()` (called by Linter before it
loads the model) reads it in a background thread while spaCy loads its model, so the table costs
nothing measurable at start-up. The first lookup waits for the warm-up if it is still running.
lemminflect itself is imported in the calling thread, once spaCy is: it imports spaCy, and two
threads importing spaCy at once can fail ("KeyError: 'spacy'", every time numpy was imported
first).

Inflections, for phrase patterns and LEMMA triggers:

lemminflect answers this, but loading its tables takes about half a second: more than the rest
of start-up put together. The forms of the bundled rule pack's words are therefore shipped in
`inflections.json`, generated from lemminflect by
`python -c "from replylint import lexicon; lexicon.write_table()"` and checked against it by the
test suite; any other word (a team's own rules) goes to lemminflect.
"""
from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("inflections.json")

_lemma_table = threading.Lock()  # held while lemminflect's lemma table is being read
_warm_up: threading.Thread | None = None


def _read_lemma_table() -> None:
    with _lemma_table:
        from lemminflect import getAllLemmas

        getAllLemmas("read")  # the first call reads the table


def start_warm_up() -> None:
    """Read lemminflect's lemma table in the background (once per process). The thread only
    reads: everything it needs is imported here first."""
    global _warm_up
    if _warm_up is None:
        import gzip  # noqa: F401  (what the table read uses)

        import lemminflect  # noqa: F401

        _warm_up = threading.Thread(target=_read_lemma_table, name="replylint-lemma-table", daemon=True)
        _warm_up.start()


def finish_warm_up() -> None:
    """Wait for the background read, e.g. before forking (a child must not inherit a held lock)."""
    if _warm_up is not None:
        _warm_up.join()


@lru_cache(maxsize=8192)
def dictionary_lemmas(word: str) -> dict:
    """lemminflect's lemmas of a lower-case word form, by part of speech ({} for acronyms and
    unknown words). Cached: the same few thousand words recur in every reply."""
    with _lemma_table:
        from lemminflect import getAllLemmas

        return getAllLemmas(word)


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


@lru_cache(maxsize=None)
def computed_inflections(word: str) -> frozenset:
    """What lemminflect says, bypassing the shipped table."""
    from lemminflect import getAllInflections

    forms = {word}
    if not word.isalpha() or len(word) < 3:
        return frozenset(f.lower() for f in forms)
    for lemmas in dictionary_lemmas(word).values():
        for lemma in lemmas:
            forms.add(lemma)
            for inflected in getAllInflections(lemma).values():
                forms.update(inflected)
    return frozenset(f.lower() for f in forms)


def pack_words() -> list[str]:
    """Every word the bundled rule pack asks to inflect, found by compiling it."""
    from . import Linter, lexicon

    asked: set[str] = set()
    original = lexicon.inflections

    def recording(word: str) -> frozenset:
        asked.add(word)
        return computed_inflections(word)
    lexicon.inflections = recording
    try:
        Linter()
    finally:
        lexicon.inflections = original
    return sorted(asked)


def build_table() -> dict:
    return {word: sorted(computed_inflections(word)) for word in pack_words()}


def write_table() -> None:
    """Regenerate inflections.json after changing the bundled rules' phrases or LEMMA patterns."""
    TABLE.write_text(json.dumps(build_table(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
