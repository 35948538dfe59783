"""Edits written in the syntax of the file they land in, and clean text any stage can encode.

A rewrite is plain text built from the clean text the rules read, and the engine maps it to
source offsets where the source holds that text verbatim. That is enough for a plain-text
reply, not for a container: in HTML a replacement's `<` or `&` is markup, in a YAML or JSON
file the same characters may need escapes, or may not be writable at all where they land. A
`ContainerDocument` carries an `encoder` that turns each Edit into the container's syntax, or
drops it (None) when that cannot be done safely; `encode_edits` is the engine's one call.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..document import PLACEHOLDER, Document
from ..findings import Edit

_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELD_WINDOW = 200  # characters either side of an edit that may hold a template field it could touch
# An entity or tag opened just before an edit ("&am", "<"), which the edit's text could complete.
_OPEN_MARKUP = re.compile(r"[&<][^\s&<>;]*\Z")


@dataclass(eq=False)
class ContainerDocument(Document):
    """A Document whose source is markup or a data file: `encoder(edit)` is the edit written in
    that syntax, or None when it cannot be written there without changing something else."""

    encoder: Callable[[Edit], Edit | None] | None = field(default=None, repr=False)


def encode_edits(document: Document, edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
    """The edits as they must be written into `document`'s source; those that cannot be are dropped."""
    encoder = getattr(document, "encoder", None)
    if encoder is None or not edits:
        return edits
    return tuple(e for e in map(encoder, edits) if e is not None)


def fields_kept(source: str, start: int, end: int, replacement: str) -> bool:
    """True when putting `replacement` in place of source[start:end] leaves every template field
    around it byte for byte as it was, and makes no new one (a field is never the agent's wording)."""
    lo, hi = max(0, start - _FIELD_WINDOW), end + _FIELD_WINDOW
    before = [m.group(0) for m in PLACEHOLDER.finditer(source[lo:hi])]
    after = [m.group(0) for m in PLACEHOLDER.finditer(source[lo:start] + replacement + source[end:hi])]
    return before == after


def html_text_edit(source: str, edit: Edit) -> Edit | None:
    """An edit of HTML text: `&`, `<` and `>` in the replacement become entities, so the
    replacement reads as the text it is; an edit right after an unfinished `&name` or `<` (which
    its text could complete into markup) or one that would touch a template field is dropped."""
    if _OPEN_MARKUP.search(source, max(0, edit.start - 64), edit.start):
        return None
    written = html.escape(edit.replacement, quote=False)
    if not fields_kept(source, edit.start, edit.end, written):
        return None
    return edit if written == edit.replacement else replace(edit, replacement=written)


def without_surrogates(document: Document) -> None:
    """Put U+FFFD in place of each lone surrogate in the clean text, in place (same length, so
    every offset and region stays true). A lone surrogate reaches here from a `\\ud83d` escape
    or a Python str; spaCy's tokenizer, like any UTF-8 encoder, raises on one. The source keeps
    it, and no edit covers it, since the clean text no longer equals the source there."""
    if _SURROGATE.search(document.text):
        document.text = _SURROGATE.sub("\ufffd", document.text)
