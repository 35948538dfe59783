"""Drafts (Doc offsets) → Edits (source offsets), keeping only edits that are safe to apply to
the source: the stretch they replace must have been copied into the Doc verbatim (no markup,
entity or skipped history inside), and a template field is either untouched or carried over
whole. A rewrite that fails either test is dropped, never bent to fit."""
from __future__ import annotations

import bisect

from spacy.attrs import IDX

from ..findings import Edit
from .grammar import line_sentence_end, line_sentence_start

PROTECTED = ("placeholder", "code", "url", "quote")


def _keeps_protected(document, start: int, end: int, replacement: str) -> bool:
    """Only the regions the edit overlaps are looked at (by bisection, not a scan of every
    region per edit); an insertion overlaps a region it falls strictly inside."""
    for region in document.regions_overlapping(start, end, PROTECTED):
        if start == end:
            return False
        inside = start <= region.start and region.end <= end
        if not inside or document.text[region.start:region.end] not in replacement:
            return False
    return True


def _token_at(ctx, char: int):
    """The token covering (or nearest before) a Doc character offset; token starts are listed
    once per Doc, not once per edit."""
    starts = ctx.cache.get("token_starts")
    if starts is None:
        starts = ctx.cache["token_starts"] = ctx.doc.to_array(IDX).tolist()
    i = max(0, bisect.bisect_right(starts, char) - 1)
    return ctx.doc[min(i, len(ctx.doc) - 1)]


def _preview(ctx, span, start: int, end: int, replacement: str) -> str:
    """The flagged sentence as it would read with this edit (clean text, for people)."""
    doc = span.doc
    touched = [span[0], _token_at(ctx, start - ctx.offset), _token_at(ctx, max(start, end - 1) - ctx.offset)]
    first = min(line_sentence_start(t) for t in touched)
    last = max(line_sentence_end(t) for t in touched)
    lo = min(doc[first].idx + ctx.offset, start)
    hi = max(doc[last - 1].idx + len(doc[last - 1].text) + ctx.offset, end) if last > first else end
    return " ".join((_as_written(ctx.document, lo, start) + replacement + _as_written(ctx.document, end, hi)).split())


def _as_written(document, start: int, end: int) -> str:
    """Clean text with each template field shown as the user wrote it, not as its stand-in."""
    out, pos = [], start
    for region in document.regions_overlapping(start - 1, end + 1, ("placeholder",)):  # a superset
        if start <= region.start and region.end <= end:
            out.append(document.text[pos:region.start])
            field_start = document.to_source(region.start)
            out.append(document.source[field_start:document.to_source(region.end, is_end=True)])
            pos = region.end
    out.append(document.text[pos:end])
    return "".join(out)


def rewrite_span(span, rewriters, ctx) -> tuple[Edit, ...]:
    """Every rewrite the matcher's rewriters offer for `span`, as source edits."""
    document = ctx.document
    edits = []
    for rewriter in rewriters:
        for draft in rewriter.func(span, ctx, rewriter.options):
            start, end = ctx.offset + draft.start, ctx.offset + draft.end
            if not 0 <= start <= end <= len(document.text):
                continue
            source_start = document.to_source(start)
            source_end = document.to_source(end, is_end=True) if end > start else source_start
            if document.source[source_start:source_end] != document.text[start:end]:
                continue
            if draft.replacement == document.text[start:end]:
                continue
            if not _keeps_protected(document, start, end, draft.replacement):
                continue
            edits.append(Edit(source_start, source_end, draft.replacement, draft.safety, draft.needs_input,
                              draft.description, _preview(ctx, span, start, end, draft.replacement)))
    return tuple(edits)
