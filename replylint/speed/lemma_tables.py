"""lemminflect's two lookup tables (lemmas and inflections), read on demand.

lemminflect reads a table whole, a gzip line at a time, the first time it is asked anything:
0.19 s for the lemma table and 0.12 s for the inflection table, nearly all of it building
Python dictionaries for 80,000 words of which a run looks up a few hundred. That was a fifth
of a cold `replylint check`, and every `--jobs` worker paid for the inflection table again.

Here a table is decompressed and split into lines the first time it is asked anything (10 ms),
and a word's lines are found by bisection (both files are sorted by word; one that is not is
sorted here, keeping each word's lines in file order) and parsed with lemminflect's own codec
when it is asked for. lemminflect only ever calls `.get(word, {})` on a table and copies what
it gets, so a `LazyTable` put in its place gives the same answers
(tests/speed/test_lemma_tables.py compares every word). `install` only puts the tables in
place, so a table nothing asks for (the inflections, which the shipped inflections.json
answers for the bundled rules) is never read. An unknown lemminflect layout, or a table
lemminflect has read already, is left alone.
"""
from __future__ import annotations

import gzip
import threading
from bisect import bisect_left
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

Entry = dict[str, Any]  # what lemminflect keeps for a word: forms by part of speech or by tag

_install_lock = threading.Lock()
_installed: dict[str, LazyTable] = {}  # "lemmas" / "inflections" → the table put in lemminflect


class LazyTable:
    """A lemminflect table file as a read-only mapping with `get`, parsing a word's lines on demand.

    `parse(line)` gives (word, value) for one line; a word's values are merged in file order
    with dict.update, as lemminflect's loaders do; `fixed` entries replace a word's lines."""

    def __init__(self, path: str | Path, parse: Callable[[str], tuple[str, Entry]],
                 fixed: dict[str, Entry] | None = None):
        self._path = Path(path)
        self._parse = parse
        self._fixed = fixed or {}
        self._parsed: dict[str, Entry | None] = {}
        self._read_lock = threading.Lock()
        self._lines: list[str] = []
        self._words: list[str] = []
        self._read = False

    def read(self) -> None:
        """Decompress and split the file, once; before a fork, so that the workers share it."""
        with self._read_lock:
            if self._read:
                return
            text = gzip.decompress(self._path.read_bytes()).decode()
            lines = [line for line in text.split("\n") if line.strip()]
            words = [line.strip().split(",", 1)[0] for line in lines]  # as the codecs split
            if any(a > b for a, b in pairwise(words)):
                order = sorted(range(len(words)), key=words.__getitem__)  # stable: file order per word
                lines, words = [lines[i] for i in order], [words[i] for i in order]
            self._lines, self._words, self._read = lines, words, True

    def get(self, word: str, default: Entry | None = None) -> Entry | None:
        if word in self._fixed:
            return self._fixed[word]
        if word not in self._parsed:
            if not self._read:
                self.read()
            entry: Entry | None = None
            i = bisect_left(self._words, word)
            while i < len(self._words) and self._words[i] == word:
                _, value = self._parse(self._lines[i])
                entry = dict(value) if entry is None else {**entry, **value}
                i += 1
            self._parsed[word] = entry
        entry = self._parsed[word]
        return default if entry is None else entry

    def words(self) -> list[str]:
        if not self._read:
            self.read()
        return sorted(set(self._words) | set(self._fixed))


def _lemma_line(line: str) -> tuple[str, Entry]:
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    word, category, forms = LemmaLUCodec.fromString(line)
    return word, {categoryToUPos(category): forms}


def _inflection_line(line: str) -> tuple[str, Entry]:
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    word, _, forms = InflectionLUCodec.fromString(line)
    return word, forms


def lemma_table(path: str | Path) -> LazyTable:
    return LazyTable(path, _lemma_line)


def inflection_table(path: str | Path) -> LazyTable:
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    return LazyTable(path, _inflection_line, fixed=InflectionLUCodec.updateForAuxMod({}))


def install() -> bool:
    """Put a lazy table in place of each of lemminflect's two (once per process; nothing is read
    yet). False when lemminflect is not laid out as expected, or has read a table itself
    already: it then answers from its own."""
    with _install_lock:
        try:
            from lemminflect.core.Inflections import Inflections
            from lemminflect.core.Lemmatizer import Lemmatizer

            lemmatizer, inflections = Lemmatizer(), Inflections()
            owners = {"lemmas": (lemmatizer, "lemma_dict", "_getLemmaDict", lemma_table, "lemma_lu_fn"),
                      "inflections": (inflections, "infl_dict", "_getInflDict", inflection_table, "infl_lu_fn")}
            for table, (owner, attribute, reader, make, path) in owners.items():
                if table in _installed or not hasattr(owner, reader) or hasattr(owner, attribute):
                    continue
                _installed[table] = make(getattr(owner, path))
                setattr(owner, attribute, _installed[table])
        except (ImportError, AttributeError):
            return False
        return len(_installed) == len(owners)


def read_now(table: str) -> None:
    """Read a lazy table ("lemmas" or "inflections") now, if it is in place."""
    if table in _installed:
        _installed[table].read()
