"""The attribute ruler's matches, found by looking tokens up instead of trying every pattern.

spaCy's English pipelines fix POS, MORPH and LEMMA after tagging with an attribute ruler: about
180 token patterns run through a Matcher, which tries each of them at every token. Measured on
the shared corpora, that was 16 µs a token, a quarter of the pipeline once the tagger ran on
numpy's BLAS. Nearly every pattern is one token tested on its TAG, LOWER, DEP or IS_SPACE, and
the same few thousand (tag, word, dependency) combinations recur, so here each distinct
combination is tested against the patterns once and remembered; a pattern of several tokens is
anchored on its first. The result is the list `AttributeRuler.match` returns, in its order, so the
ruler sets exactly the attributes it would have set.

Only what these patterns use is understood: string attributes compared by equality, IN, NOT_IN
or REGEX, and boolean flags. A ruler with anything else (operators, other predicates, a team's
own pipeline) keeps spaCy's Matcher.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import numpy
from spacy import attrs
from spacy.pipeline import AttributeRuler

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

STRING_ATTRS: dict[str, int] = {"ORTH": attrs.ORTH, "TEXT": attrs.ORTH, "LOWER": attrs.LOWER, "NORM": attrs.NORM,
                                 "TAG": attrs.TAG, "DEP": attrs.DEP}
FLAG_ATTRS: dict[str, int] = {"IS_SPACE": attrs.IS_SPACE, "IS_PUNCT": attrs.IS_PUNCT, "IS_ALPHA": attrs.IS_ALPHA,
                               "IS_DIGIT": attrs.IS_DIGIT, "IS_LOWER": attrs.IS_LOWER, "IS_UPPER": attrs.IS_UPPER,
                               "IS_TITLE": attrs.IS_TITLE}
CACHE_LIMIT = 200_000  # distinct token signatures remembered; cleared when full

Match = tuple[int, int, int, int]  # (pattern number, match id, start, end), as AttributeRuler.match gives
Pattern = tuple[int, int, tuple[int, ...]]  # (pattern number, match id, its token specs' numbers)
Test = tuple[int, Callable[[int], bool], frozenset[int] | None]  # (column, predicate, the only values it accepts)
Signature = tuple[frozenset[int], tuple[tuple[int, int], ...], tuple[Pattern, ...]]


class Unsupported(ValueError):
    """A pattern this index does not understand; the ruler keeps its own Matcher."""


class AttributeIndex:
    """`match(doc)` with the same result as the ruler's own `match(doc)`."""

    def __init__(self, ruler: AttributeRuler):
        strings = ruler.vocab.strings
        self._strings = strings
        self._columns: list[int] = []                      # attribute ids read from each token, in key order
        self._keys_of: list[set[int]] = []                 # per column: every value a pattern names
        self._regexes_of: list[list[re.Pattern[str]]] = []  # per column: the REGEX tests on it
        self._other = strings.add("\x00another value")  # stands for every value no pattern names
        tests: list[list[Test]] = []                       # per token spec: its attributes' tests
        self._patterns: list[Pattern] = []                 # (sort key, match id, its token-spec numbers)
        for number, entry in enumerate(ruler.patterns):
            match_id = strings.add(str(number))
            for pattern in cast("list[list[dict[str, Any]]]", entry["patterns"]):
                specs: list[int] = []
                for token in pattern:
                    specs.append(len(tests))
                    tests.append([self._test(attr, value) for attr, value in token.items()])
                self._patterns.append((number, match_id, tuple(specs)))
        self._tests = [[(column, predicate) for column, predicate, _ in spec] for spec in tests]
        # A token spec is tried only on tokens with one of the values its first equality or IN
        # test accepts (specs without one are always tried): a new signature costs a few tests.
        self._anchored: list[dict[int, list[int]]] = [{} for _ in self._columns]
        self._unanchored: list[int] = []
        for number, spec in enumerate(tests):
            anchor = next(((column, values) for column, _, values in spec if values is not None), None)
            if anchor is None:
                self._unanchored.append(number)
                continue
            for value in anchor[1]:
                self._anchored[anchor[0]].setdefault(value, []).append(number)
        self._first: dict[int, list[int]] = {}  # token spec → patterns that start with it
        for index, (_, _, pattern_specs) in enumerate(self._patterns):
            self._first.setdefault(pattern_specs[0], []).append(index)
        self._cache: dict[bytes, Signature] = {}  # by a token's raw values
        self._by_canonical: dict[tuple[int, ...], Signature] = {}  # by _canonical(values)
        if any(r.search(strings[self._other]) for regexes in self._regexes_of for r in regexes):
            raise Unsupported("a REGEX matches the stand-in value")

    def _test(self, attr: str, value: Any) -> Test:
        """(column, predicate on the column's value, the only values it accepts or None) for one
        attribute of a token pattern."""
        name = attr.upper()
        if name in FLAG_ATTRS:
            if not isinstance(value, bool):
                raise Unsupported(f"{name}: {value!r}")
            wanted = int(value)
            column = self._column(FLAG_ATTRS[name])
            self._keys_of[column].add(wanted)
            return column, lambda v: v == wanted, frozenset([wanted])
        if name not in STRING_ATTRS:
            raise Unsupported(name)
        column = self._column(STRING_ATTRS[name])
        if isinstance(value, str):
            key = self._strings.add(value) if value else 0
            self._keys_of[column].add(key)
            return column, lambda v: v == key, frozenset([key])
        if isinstance(value, dict) and len(value) == 1:
            (op, argument), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(argument, list) and all(isinstance(a, str) for a in argument):
                keys = frozenset(self._strings.add(a) if a else 0 for a in argument)
                self._keys_of[column].update(keys)
                if op == "IN":
                    return column, lambda v: v in keys, keys
                return column, lambda v: v not in keys, None
            if op == "REGEX" and isinstance(argument, str):
                regex, strings = re.compile(argument), self._strings
                self._regexes_of[column].append(regex)
                return column, lambda v: bool(regex.search(strings[v])), None
        raise Unsupported(f"{name}: {value!r}")

    def _column(self, attr_id: int) -> int:
        if attr_id not in self._columns:
            self._columns.append(attr_id)
            self._keys_of.append(set())
            self._regexes_of.append([])
        return self._columns.index(attr_id)

    def _canonical(self, row: list[int]) -> tuple[int, ...]:
        """The row with every value no pattern names or matches replaced by OTHER: a new word
        with a known tag and dependency then matches what an earlier word did, without testing
        ~190 patterns again (each new word cost that, and a fresh worker sees thousands)."""
        return tuple(v if v in self._keys_of[c] or any(r.search(self._strings[v]) for r in self._regexes_of[c])
                     else self._other for c, v in enumerate(row))

    def _signature(self, key: bytes) -> Signature:
        """For a token whose attribute values are `key` (their bytes: turning the arrays into
        Python ints cost more than all the rest): (token specs it satisfies, the one-token
        patterns it matches as (number, match id), the longer patterns that start on it)."""
        found = self._cache.get(key)
        if found is None:
            row = self._canonical(numpy.frombuffer(key, dtype=numpy.uint64).tolist())
            found = self._by_canonical.get(row)
        if found is None:
            candidates = self._unanchored + [n for column, by_value in enumerate(self._anchored)
                                             for n in by_value.get(row[column], ())]
            satisfied = frozenset(n for n in candidates
                                  if all(predicate(row[column]) for column, predicate in self._tests[n]))
            starting = [self._patterns[p] for spec in satisfied for p in self._first.get(spec, ())]
            singles = tuple(sorted({(number, match_id) for number, match_id, specs in starting if len(specs) == 1}))
            longer = tuple(entry for entry in starting if len(entry[2]) > 1)
            found = self._by_canonical[row] = (satisfied, singles, longer)
        if key not in self._cache:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        return found

    def match(self, doc: Doc) -> list[Match]:
        """[(pattern number, match id, start, end)], sorted, as `AttributeRuler.match` gives."""
        if not len(doc) or not self._columns:  # no token, or no pattern (spaCy's to_array wants a column)
            return []
        data, width = doc.to_array(cast("list[int | str]", self._columns)).tobytes(), 8 * len(self._columns)
        rows = [self._signature(data[i:i + width]) for i in range(0, len(data), width)]
        found: list[Match] = []
        longer: set[Match] = set()
        for start, (_, singles, starting) in enumerate(rows):
            for number, match_id in singles:
                found.append((number, match_id, start, start + 1))
            for number, match_id, specs in starting:
                end = start + len(specs)
                if end <= len(rows) and all(specs[k] in rows[start + k][0] for k in range(1, len(specs))):
                    longer.add((number, match_id, start, end))
        found += longer
        found.sort()
        return found


def _setter(ruler: AttributeRuler) -> Callable[[Doc, list[Match]], None]:
    """The ruler's `set_annotations` without a Span per match (two thirds of its time went on
    making them): each match's token is found by its index, and set as spaCy sets it."""
    from spacy.tokens._retokenize import set_token_attrs

    original = ruler.set_annotations

    def set_annotations(doc: Doc, matches: list[Match]) -> None:
        attrs, indices = ruler.attrs, ruler.indices
        positions = [start + indices[attr_id] if indices[attr_id] >= 0 else end + indices[attr_id]
                     for attr_id, _, start, end in matches]
        if any(not start <= position < end for position, (_, _, start, end) in zip(positions, matches)):
            return original(doc, matches)  # an index outside its match: spaCy's own error
        for position, (attr_id, _, _, _) in zip(positions, matches):
            set_token_attrs(doc[position], attrs[attr_id])
    return set_annotations


def install(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler the indexed `match` and a leaner `set_annotations`,
    if it understands every pattern; False (and spaCy's own Matcher kept) otherwise."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        index = AttributeIndex(ruler)
    except Unsupported:
        return False
    ruler.set_annotations = _setter(ruler)  # type: ignore[method-assign]  # the acceleration itself
    ruler.match = index.match  # type: ignore[method-assign]
    return True
