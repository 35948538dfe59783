"""A reply nested in a container (a YAML or JSON string, an e-mail's MIME part) → one Document
over the container's file.

Two maps are composed. The carrier maps the file to the reply's text as the container holds
it, with the container's own escaping or transfer encoding undone; the inner Document maps that
text to clean text, read as plain text or HTML like any reply. Composing them routes each inner
piece through the carrier, so a finding in the reply points at its line and column in the file.
Where a piece of the reply is not in the file verbatim (an escape, an entity, encoded bytes) it
maps to the whole stretch it came from: near enough to report, and no edit lands inside it,
since the clean text no longer equals the source there.
"""
from __future__ import annotations

import bisect

from ..document import Document, from_plain_text, mark_regions
from ..findings import Edit
from .encoding import ContainerDocument, fields_kept


def read_inner(value: str, as_html: bool) -> Document:
    """The reply's text read as its own format: HTML, or plain text."""
    if as_html:
        from .html import from_html
        return from_html(value)
    return from_plain_text(value)


def no_edit(edit: Edit) -> None:
    """The encoder of a reply whose characters cannot be followed into the file: it is linted,
    never edited."""


def written_inside(inner: Document, edit: Edit) -> Edit | None:
    """An edit of the reply's text (offsets into `inner.source`) written in the inner format's
    own syntax (HTML entities); None when it cannot be, or would touch a template field."""
    encoder = getattr(inner, "encoder", None)
    if encoder is not None:
        return encoder(edit)
    return edit if fields_kept(inner.source, edit.start, edit.end, edit.replacement) else None


def compose(text: str, carrier: Document, inner: Document) -> ContainerDocument:
    """Route each piece of the inner Document's map (reply text → clean text) through the
    carrier (file → reply text), splitting where the two maps' pieces meet."""
    body_text = carrier.text
    outer = list(carrier.pieces())
    outer_starts = [p[0] for p in outer]
    doc = ContainerDocument(text)
    for c0, c1, s0, s1 in inner.pieces():
        piece = inner.text[c0:c1]
        if piece != inner.source[s0:s1]:  # markup or a stand-in inside the reply: map the stretch as a whole
            f0 = carrier.to_source(s0)
            doc.replace(f0, max(f0, carrier.to_source(s1, is_end=True)) if s1 > s0 else f0, piece)
            continue
        k = max(0, bisect.bisect_right(outer_starts, s0) - 1)
        while k < len(outer) and outer[k][0] < s1:
            v0, v1, f0, f1 = outer[k]
            a, b = max(s0, v0), min(s1, v1)
            if a < b:
                if body_text[v0:v1] == text[f0:f1]:
                    doc.copy(f0 + (a - v0), f0 + (b - v0))
                else:
                    doc.replace(f0, f1, body_text[a:b])
            k += 1
    doc.regions = list(inner.regions)
    mark_regions(doc)
    return doc
