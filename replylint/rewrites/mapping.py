"""Drafts (Doc offsets) → Edits (source offsets), keeping only edits that are safe to apply to
the source: the stretch they replace must have been copied into the Doc verbatim (no markup,
entity or skipped history inside), and a template field is either untouched or carried over
whole. A rewrite that fails either test is dropped, never bent to fit.

Each draft is first settled in the reply's clean text (seams.py: the spaces, line breaks and
marks at its edges, which its own Doc may not hold); what the settled edit keeps is copied from
the source as the source spells it, and whitespace it removes may be spelled differently there
(a YAML line's indentation, a JSON "\\n"). A settled edit that cannot be mapped falls back to
the draft as written, which `fix` then judges like any other edit."""
from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX

from ..findings import Edit
from .grammar import line_sentence_end, line_sentence_start, splits_emoji
from .seams import Kept, Settled, settle

PROTECTED = ("placeholder", "code", "url", "quote")
SPACE_SPELLING = re.compile(r"(?:\s|\\[nrt])*")  # whitespace as a source may write it


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
    shown = " ".join((_as_written(ctx.document, lo, start) + replacement + _as_written(ctx.document, end, hi)).split())
    return HARD_BREAKS.sub("", shown)


# A Markdown hard break ("\" at a line's end) the sentence starts after is not its text.
HARD_BREAKS = re.compile(r"^(?:\\(?:\s+|$))+")


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


def _stops(document):
    """Is clean offset i inside a region no seam may swallow? Asked of the document's region
    index, by bisection: scanning every region for every character a seam reads made a
    multi-megabyte input quadratic (35 million region tests for a 1 MB file)."""
    index = document.region_index(PROTECTED)
    return lambda i: index.overlaps(i, i + 1)


def _removable(document, start: int, end: int, source_start: int, source_end: int) -> bool:
    """May clean text[start:end], spelled source[source_start:source_end], be taken out? Its
    words must be spelled alike in the source; its whitespace may be spelled as any whitespace
    (a YAML line's indentation, a JSON escape), but never as markup or skipped text."""
    text, source = document.text, document.source
    cuts = [start] + [i for i in range(start + 1, end) if text[i].isspace() != text[i - 1].isspace()] + [end]
    bounds = [source_start] + [document.to_source(c) for c in cuts[1:-1]] + [source_end]
    for a, b, source_a, source_b in zip(cuts, cuts[1:], bounds, bounds[1:]):
        spelled, clean = source[source_a:source_b], text[a:b]
        if source_a > source_b or spelled != clean and not (clean.isspace() and SPACE_SPELLING.fullmatch(spelled)):
            return False
    return source_start <= source_end


def to_source_edit(document, settled: Settled) -> tuple[int, int, str] | None:
    """(source start, source end, source replacement) of a settled edit, or None when it would
    take out markup, an entity or skipped text. Markup at the edge of a Kept stretch goes with it."""
    start, end = settled.start, settled.end
    source_start = document.to_source(start)
    source_end = document.to_source(end, is_end=True) if end > start else source_start

    def boundary(offset: int, is_end: bool) -> int:
        if offset <= start:
            return source_start
        return source_end if offset >= end else document.to_source(offset, is_end=is_end)

    spelled, pos = {}, start
    for kept in sorted((p for p in settled.pieces if isinstance(p, Kept)), key=lambda k: k.start):
        if not _removable(document, pos, kept.start, boundary(pos, False), boundary(kept.start, True)):
            return None
        spelled[kept] = document.source[boundary(kept.start, True):boundary(kept.end, False)]
        pos = kept.end
    if not _removable(document, pos, end, boundary(pos, False), source_end):
        return None
    return source_start, source_end, "".join(spelled[p] if isinstance(p, Kept) else p for p in settled.pieces)


def _placed(document, start: int, end: int, draft, stops) -> tuple[Settled, tuple[int, int, str]] | None:
    """The draft settled and mapped to the source; the draft as written when the settled edit
    cannot be mapped; None when neither can."""
    settled = settle(document.text, start, end, draft.replacement, draft.capitalize_next, stops)
    mapped = to_source_edit(document, settled)
    if mapped is None:
        settled = Settled(start, end, (draft.replacement,))
        mapped = to_source_edit(document, settled)
    return None if mapped is None else (settled, mapped)


def _splits_emoji(text: str, start: int, end: int, replacement: str) -> bool:
    """Does the edit change text inside an emoji? Only where it changes anything: an edit that
    rewrites ':' as 'Thanks … :' inserts before the short code."""
    old = text[start:end]
    same = 0
    while same < min(len(old), len(replacement)) and old[same] == replacement[same]:
        same += 1
    tail = 0
    while tail < min(len(old), len(replacement)) - same and old[-1 - tail] == replacement[-1 - tail]:
        tail += 1
    return splits_emoji(text, start + same) or splits_emoji(text, end - tail)


def rewrite_span(span, rewriters, ctx) -> tuple[Edit, ...]:
    """Every rewrite the matcher's rewriters offer for `span`, as source edits."""
    document = ctx.document
    stops = _stops(document)
    edits = []
    for rewriter in rewriters:
        for draft in rewriter.func(span, ctx, rewriter.options):
            start, end = ctx.offset + draft.start, ctx.offset + draft.end
            if not 0 <= start <= end <= len(document.text):
                continue
            placed = _placed(document, start, end, draft, stops)
            if placed is None:
                continue
            settled, (source_start, source_end, source_replacement) = placed
            start, end, replacement = settled.start, settled.end, settled.replacement(document.text)
            if _splits_emoji(document.text, start, end, replacement):
                continue  # an edge inside ":wave:" or "👍🏽" would break the emoji
            if replacement == document.text[start:end] or source_replacement == document.source[source_start:source_end]:
                continue
            if not _keeps_protected(document, start, end, replacement):
                continue
            edit = Edit(source_start, source_end, source_replacement, draft.safety, draft.needs_input,
                        draft.description, _preview(ctx, span, start, end, replacement))
            if edit not in edits:
                edits.append(edit)
    return tuple(edits)
