"""lemminflect's two lookup tables (lemmas and inflections), read on demand.

lemminflect reads a table whole, a gzip line at a time, the first time it is asked anything:
0.19 s for the lemma table and 0.12 s for the inflection table, nearly all of it building
Python dictionaries for 80,000 words of which a run looks up a few hundred. That was a fifth
of a cold `replylint check`, and every `--jobs` worker paid for the inflection table again.

Both files are sorted by word, so here a table is decompressed and split into lines once
(10 ms), and a word's lines are found by bisection and parsed with lemminflect's own codec when
it is asked for. lemminflect only ever calls `.get(word, {})` on a table and copies what it
gets, so a `LazyTable` put in its place gives the same answers (tests/test_lexicon.py compares
every word). Anything unexpected (a table not sorted, an unknown lemminflect layout) leaves
lemminflect to read its tables itself.
"""
from __future__ import annotations

import gzip
import threading
from bisect import bisect_left
from pathlib import Path
from typing import Callable

_install_lock = threading.Lock()
_installed: set[str] = set()


class LazyTable:
    """A lemminflect table file as a read-only mapping with `get`, parsing a word's lines on demand.

    `parse(line)` gives (word, value) for one line; a word's values are merged in file order
    with dict.update, as lemminflect's loaders do; `fixed` entries replace a word's lines."""

    def __init__(self, path, parse: Callable[[str], tuple[str, dict]], fixed: dict | None = None):
        text = gzip.decompress(Path(path).read_bytes()).decode()
        self._lines = [line for line in text.split("\n") if line.strip()]
        self._words = [line.strip().split(",", 1)[0] for line in self._lines]  # as the codecs split
        if any(a > b for a, b in zip(self._words, self._words[1:])):
            raise ValueError(f"{path} is not sorted by word")
        self._parse = parse
        self._fixed = fixed or {}
        self._parsed: dict = {}

    def get(self, word, default=None):
        if word in self._fixed:
            return self._fixed[word]
        if word not in self._parsed:
            entry = None
            i = bisect_left(self._words, word)
            while i < len(self._words) and self._words[i] == word:
                _, value = self._parse(self._lines[i])
                entry = dict(value) if entry is None else {**entry, **value}
                i += 1
            self._parsed[word] = entry
        entry = self._parsed[word]
        return default if entry is None else entry

    def words(self) -> list[str]:
        return sorted(set(self._words) | set(self._fixed))


def _lemma_line(line: str) -> tuple[str, dict]:
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    word, category, forms = LemmaLUCodec.fromString(line)
    return word, {categoryToUPos(category): forms}


def _inflection_line(line: str) -> tuple[str, dict]:
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    word, _, forms = InflectionLUCodec.fromString(line)
    return word, forms


def lemma_table(path) -> LazyTable:
    return LazyTable(path, _lemma_line)


def inflection_table(path) -> LazyTable:
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    return LazyTable(path, _inflection_line, fixed=InflectionLUCodec.updateForAuxMod({}))


def install(table: str) -> bool:
    """Give lemminflect's lemmatizer ("lemmas") or inflector ("inflections") a lazy table (once
    per process), unless it has read its own already. False when lemminflect is not laid out as
    expected, and it then reads its tables itself."""
    with _install_lock:
        if table in _installed:
            return True
        try:
            if table == "lemmas":
                from lemminflect.core.Lemmatizer import Lemmatizer

                owner, attribute, make = Lemmatizer(), "lemma_dict", lambda o: lemma_table(o.lemma_lu_fn)
                expected = "_getLemmaDict"
            else:
                from lemminflect.core.Inflections import Inflections

                owner, attribute, make = Inflections(), "infl_dict", lambda o: inflection_table(o.infl_lu_fn)
                expected = "_getInflDict"
            if not hasattr(owner, expected):
                return False
            if not hasattr(owner, attribute):
                setattr(owner, attribute, make(owner))
        except (ImportError, AttributeError, OSError, ValueError):
            return False
        _installed.add(table)
        return True
