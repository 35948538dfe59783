"""Offsets in the units other programs count in.

replylint's offsets count Python code points. JavaScript strings (a helpdesk app, the
playground page) index UTF-16 code units, and the Language Server Protocol counts a line's
characters in UTF-16 by default: every character outside the Basic Multilingual Plane (most
emoji, 𝔉raktur letters) is two units there and one here, so an emoji before a span shifts it by
one per emoji. Converting offsets one at a time would rescan the text each time; a
`Utf16Offsets` scans it once and answers each offset by bisection.
"""
from __future__ import annotations

import bisect
import re
from array import array

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as document.Document.position counts lines


class Utf16Offsets:
    """Code-point offsets of `text` turned into UTF-16 code units and LSP positions."""

    def __init__(self, text: str):
        self._astral = array("q", (m.start() for m in _ASTRAL.finditer(text)))
        breaks = list(_LINE_BREAK.finditer(text))
        self._line_starts = array("q", [0, *(m.end() for m in breaks)])
        self._line_ends = array("q", [*(m.start() for m in breaks), len(text)])  # before each break

    def offset(self, index: int) -> int:
        """UTF-16 code units before code point `index`."""
        return index + bisect.bisect_left(self._astral, index)

    def position(self, index: int) -> tuple[int, int]:
        """(line, character), both 0-based, of code point `index` as LSP counts them: the
        character is the UTF-16 code units from the start of the line."""
        line = bisect.bisect_right(self._line_starts, index) - 1
        return line, self.offset(index) - self.offset(self._line_starts[line])

    def line_span(self, line: int) -> tuple[int, int]:
        """Code points where 0-based `line` starts and ends (before its line break); a line past
        the last answers the text's end, as LSP asks of a position past the document."""
        if line >= len(self._line_starts):
            end = self._line_ends[-1]
            return end, end
        return self._line_starts[max(line, 0)], self._line_ends[max(line, 0)]

    def at(self, line: int, character: int) -> int:
        """The code point at an LSP (line, character) in UTF-16 units (the inverse of
        `position`); a character past the line's end answers the line's end, as LSP asks."""
        start, end = self.line_span(line)
        return min(self.index(self.offset(start) + max(character, 0)), end)

    def index(self, offset: int) -> int:
        """The code point at UTF-16 offset `offset` (the inverse of `offset`; an offset in the
        middle of a surrogate pair answers the character it belongs to)."""
        low, high = 0, offset
        while low < high:  # offset(i) is increasing in i and offset(i) >= i
            middle = (low + high + 1) // 2
            if self.offset(middle) <= offset:
                low = middle
            else:
                high = middle - 1
        return low


def utf16_length(text: str) -> int:
    """len(text) as JavaScript counts it."""
    return len(text) + len(_ASTRAL.findall(text))
