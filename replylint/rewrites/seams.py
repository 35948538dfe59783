"""The seams a rewrite leaves in the reply: where its text meets the text around it.

A rewriter sees one parsed stretch of sentences; the spaces, line breaks and marks at its edges
may lie outside that stretch. So every draft, once in the reply's clean text, is settled here:

- whitespace runs that now meet become one: the one with the most line breaks (a blank line
  between paragraphs, a hard wrap), none before a closing mark or at the reply's edges, so a
  cut leaves no trailing space, no doubled space and no run of blank lines;
- a replacement that ends a sentence takes the marks that followed the words it replaced
  ("Calm down!!" → "I understand how frustrating this is.", not "... is.!");
- a line break inside the replaced words is carried to the nearest word boundary of the new
  words, so a hard-wrapped paragraph keeps its lines ("freaking⏎out" → "⏎upset");
- the next word gets its capital when the draft says it now starts a sentence.

Whitespace that stays is not copied but `Kept`: the source may spell it differently (a
Markdown hard break "\\⏎", a YAML line's indentation), and the edit carries the source's bytes.
"""
from __future__ import annotations

from dataclasses import dataclass

CLOSING_MARKS = ".!?"
NO_SPACE_BEFORE = ".,;:!?)]}”’%"
NO_SPACE_AFTER = "([{“‘"


@dataclass(frozen=True)
class Kept:
    """A stretch of the clean text that the rewrite keeps as the source spells it."""

    start: int
    end: int


@dataclass(frozen=True)
class Settled:
    """A draft after settling: clean text[start:end] becomes `pieces` (text, or Kept stretches
    of the same range, in their new order)."""

    start: int
    end: int
    pieces: tuple

    def replacement(self, text: str) -> str:
        """The new clean text, Kept stretches as the clean text has them."""
        return "".join(p if isinstance(p, str) else text[p.start:p.end] for p in self.pieces)


def _run_start(text: str, i: int, stops) -> int:
    while i > 0 and text[i - 1].isspace() and not stops(i - 1):
        i -= 1
    return i


def _run_end(text: str, i: int, stops) -> int:
    while i < len(text) and text[i].isspace() and not stops(i):
        i += 1
    return i


def _separator(text: str, runs, before: str, after: str):
    """Of the whitespace runs (pieces, left to right) that now meet between `before` and `after`
    (characters; "" at an edge of the reply), the one to keep: the right one of the widest,
    since a line's indentation in the source belongs to the word after it."""
    if not before:
        return runs[0]   # the reply's own leading whitespace
    if not after:
        return runs[-1]  # its own final newline, if it had one
    spelled = [r if isinstance(r, str) else text[r.start:r.end] for r in runs]
    most = max(s.count("\n") for s in spelled)
    if not most and (after in NO_SPACE_BEFORE or before in NO_SPACE_AFTER):
        return ""
    widest = [r for r, s in zip(runs, spelled) if s and s.count("\n") == most]
    return widest[-1] if widest else ""


def settle(text: str, start: int, end: int, replacement: str, capitalize_next: bool = False,
           stops=lambda i: False) -> Settled:
    """Settle a draft putting `replacement` in place of text[start:end]. `stops(i)` is true of a
    character no seam may swallow (inside a template field or a quotation)."""
    core = replacement.strip()
    if core and core[-1] in CLOSING_MARKS:
        while end < len(text) and text[end] in CLOSING_MARKS and not stops(end):
            end += 1
    lo, hi = _run_start(text, start, stops), _run_end(text, end, stops)
    left, right = Kept(lo, start), Kept(end, hi)
    before = text[lo - 1] if lo else ""
    after = text[hi] if hi < len(text) else ""
    if not core:
        pieces = [_separator(text, [left, replacement, right], before, after)]
        start, end = lo, hi
    else:
        lead = replacement[:len(replacement) - len(replacement.lstrip())]
        trail = replacement[len(replacement.rstrip()):]
        pieces = [core]
        if lead and lo < start:
            pieces.insert(0, _separator(text, [left, lead], before, core[0]))
            start = lo
        elif lead:
            pieces.insert(0, lead)
        if trail and end < hi:
            pieces.append(_separator(text, [trail, right], core[-1], after))
            end = hi
        elif trail:
            pieces.append(trail)
        start, end, pieces = _carry_line_breaks(text, start, end, pieces, lo, hi, stops)
    if capitalize_next:
        end, pieces = _capitalize_next(text, end, pieces, stops)
    return _trimmed(Settled(start, end, tuple(p for p in pieces if not _empty(p))))


def _empty(piece) -> bool:
    return piece == "" or isinstance(piece, Kept) and piece.start == piece.end


def _line_breaks(text: str, start: int, end: int, stops) -> list[Kept]:
    """The whitespace runs inside text[start:end] that hold a line break."""
    found, i = [], start
    while i < end:
        if text[i].isspace() and not stops(i):
            j = i
            while j < end and text[j].isspace():
                j += 1
            if "\n" in text[i:j]:
                found.append(Kept(i, j))
            i = j
        else:
            i += 1
    return found


def _carry_line_breaks(text, start, end, pieces, lo, hi, stops):
    """Put each line break of the replaced words that the new words lost at the new word
    boundary nearest to where it stood: a space of the new words, or the space just before or
    after them (never before a closing mark)."""
    breaks = _line_breaks(text, start, end, stops)
    if not breaks or not all(isinstance(p, str) for p in pieces) or "\n" in "".join(pieces):
        return start, end, pieces
    new = "".join(pieces)
    slots: dict = {i: i for i, c in enumerate(new) if c == " "}  # where in `new` -> which space
    if 0 < lo < start and "\n" not in text[lo:start] and not new[:1].isspace():
        slots[-1] = "left"
    if end < hi < len(text) and "\n" not in text[end:hi] and text[hi] not in NO_SPACE_BEFORE \
            and not new[-1:].isspace():
        slots[len(new)] = "right"
    placed: dict = {}
    for brk in breaks[:len(slots)]:
        target = (brk.start - start) / max(1, end - start) * len(new)
        placed[slots.pop(min(slots, key=lambda p: (abs(p - target), p)))] = brk
    out, pos = [], 0
    if "left" in placed:
        out.append(placed.pop("left"))
        start = lo
    right = placed.pop("right", None)
    for i in sorted(placed):
        out += [new[pos:i], placed[i]]
        pos = i + 1
    out.append(new[pos:])
    if right is not None:
        out.append(right)
        end = hi
    return start, end, out


def _capitalize_next(text: str, end: int, pieces: list, stops):
    """The word after the edit now starts a sentence: give it a capital."""
    at = _run_end(text, end, stops)
    if at < len(text) and text[at].islower() and not stops(at):
        pieces = [*pieces, Kept(end, at), text[at].upper()]
        end = at + 1
    return end, pieces


def _trimmed(settled: Settled) -> Settled:
    """The same edit without Kept stretches that stay where they are at its edges, so an edit
    that needed no seam repair comes out as the rewriter drafted it."""
    start, end, pieces = settled.start, settled.end, list(settled.pieces)
    while pieces and isinstance(pieces[0], Kept) and pieces[0].start == start:
        start = pieces.pop(0).end
    while pieces and isinstance(pieces[-1], Kept) and pieces[-1].end == end:
        end = pieces.pop().start
    if end < start:  # nothing left to change
        return Settled(start, start, ())
    return Settled(start, end, tuple(pieces))
