"""The parsed Docs of the sentence stretches a Linter has seen, by their tokens, so that the same
tokens are not tagged and parsed twice.

A stretch is parsed as a Doc of its own, so its parse depends on its tokens alone, and the Doc
parsed once serves every later stretch with the same tokens (the engine keys a stretch by its
tokenizer attributes). Canned replies repeat their greetings, sign-offs and footers (15% of the
parsed tokens of the shared real corpus are such repeats), and a draft re-linted as it is typed
changes one sentence at a time: re-linting a 150-word reply took p50 2.0 ms against 2.7 ms
afresh (bench/run.py, 2026-11-22). Findings are the same either way (tests/speed/
test_parse_memo.py compares them on every rule example).

The memo holds Docs of at most `tokens` tokens in all, least recently used out first; 50,000
(about 15 MB) unless REPLYLINT_PARSE_MEMO says otherwise. A stretch of more than a tenth of that
is never remembered, so that one long input does not push everything else out. 0 turns it off.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from typing import TYPE_CHECKING

from ..errors import ReplylintError

if TYPE_CHECKING:
    from spacy.tokens import Doc

DEFAULT_TOKENS = 50_000
LARGEST_SHARE = 10  # one stretch may take at most 1/LARGEST_SHARE of the memo
VARIABLE = "REPLYLINT_PARSE_MEMO"


def tokens_from_environment() -> int:
    """REPLYLINT_PARSE_MEMO, when set: how many tokens of parsed stretches to remember (0 turns
    the memo off, for the least memory or to time every parse); else DEFAULT_TOKENS."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return DEFAULT_TOKENS
    if not value.isdigit():
        raise ReplylintError(f"{VARIABLE} must be a whole number of tokens, not {value!r}")
    return int(value)


class ParseMemo:
    """Parsed Docs by key (a stretch's tokens as bytes), `tokens` tokens' worth at most, least
    recently used out first. Not locked: its Linter calls it under its own lock."""

    def __init__(self, tokens: int = DEFAULT_TOKENS):
        self._docs: OrderedDict[bytes, Doc] = OrderedDict()
        self._held = 0
        self._tokens = tokens

    @property
    def tokens(self) -> int:
        """The most tokens held at once; setting it lets the least recently used go at once."""
        return self._tokens

    @tokens.setter
    def tokens(self, tokens: int) -> None:
        self._tokens = tokens
        self._shrink()

    @property
    def enabled(self) -> bool:
        return self._tokens > 0

    @property
    def held(self) -> int:
        """Tokens of the Docs held now."""
        return self._held

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, key: bytes) -> bool:
        """Whether `key` is held, without counting as a use."""
        return key in self._docs

    def get(self, key: bytes) -> Doc | None:
        """The Doc parsed for `key`, now the most recently used; None if it is not held."""
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
        return doc

    def put(self, key: bytes, doc: Doc) -> bool:
        """Remember `doc` for `key`, letting the least recently used go to make room; False (and
        nothing changed) when `doc` alone would take more than its share."""
        if not self.enabled or len(doc) * LARGEST_SHARE > self._tokens:
            return False
        previous = self._docs.pop(key, None)
        if previous is not None:
            self._held -= len(previous)
        self._docs[key] = doc
        self._held += len(doc)
        self._shrink()
        return True

    def _shrink(self) -> None:
        while self._docs and (self._held > self._tokens or not self.enabled):
            self._held -= len(self._docs.popitem(last=False)[1])
