"""Raw input → Document: the prose the rules read, regions they must not flag, and a map back to the source.

No spaCy here. Rules see `Document.text`; every position they report is translated to the
source exactly once, through `Document.to_source`, so line and column always point at what
the user wrote.

Everything here is linear in the input, or a bisection per question: a reply file may be as
large as sources.MAX_BYTES (20 MB), with hundreds of thousands of pieces and regions, and a
rule asks about regions for every candidate span.
"""
from __future__ import annotations

import bisect
import itertools
import re
from array import array
from dataclasses import dataclass, field

# A line of quoted e-mail history ("> ..."), and the header lines that introduce quoted history.
_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_HISTORY_HEADER = re.compile(
    r"^[ \t]*(?:On .{3,200}wrote:|-{2,}\s*Original Message\s*-{2,}|Begin forwarded message:)[ \t]*$",
    re.MULTILINE,
)

# A Markdown hard line break written as a backslash at the end of a line ("Thanks!" + backslash,
# then the next line), as saved replies copied from GitHub carry it in plain text: markup, not
# prose, so the sentence before it ends where the line does. Not an escaped backslash (two of
# them) nor a shell line continuation ("docker run" + space + backslash).
_HARD_BREAK = re.compile(r"(?<=[^\s\\])\\(?=\r?\n|\r)")

# Quotations inside the agent's own prose: the customer's words, an error message, a label.
_INLINE_QUOTES = (
    re.compile(r'"[^"\n]{1,300}"'),
    re.compile(r"“[^”\n]{1,300}”"),
    re.compile(r"‘[^’\n]{1,200}’(?!\w)"),
    re.compile(r"(?<![\w'])'(?=\S)[^'\n]{1,200}(?<=[\w.!?,)])'(?!\w)"),
)

# Template fields: the name a helpdesk fills in, never the agent's wording (Liquid/Jinja/Handlebars,
# ${x}, %{x}, #{x}, @{x}, Perl Text::Template's {$x} as Request Tracker uses it, <<x>>, <X_Y>, [Name]).
PLACEHOLDER = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}\n]*\}|%\{[^}\n]*\}|#\{[^}\n]*\}|@\{[^}\n]*\}"
    r"|\{\$\w+(?:->\w+)*(?:\{[^{}\n]*\}|\[[^\]\n]*\])?\}"  # Request Tracker's {$Name}, {$ENV{'X'}}
    r"|<<[^<>\n]{1,80}>>|<[A-Z][A-Z0-9_]*(?:_[A-Za-z0-9_]+)+(?:\[\d+\])?>|<[A-Z][A-Z0-9 _-]{1,40}>"
    r"|\[[A-Z][A-Za-z0-9 ,._/-]{0,60}\]",
    re.DOTALL,
)


# What the parser reads in place of a template field: a short proper name, which the small
# model tags PROPN in any position, so "Hi {{name}}," and "Your order {{id}} shipped" parse.
PLACEHOLDER_STAND_IN = "Sam"

# Not prose in any format: code spans, fenced code blocks and web addresses.
_CODE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
NON_PROSE = ("quote", "placeholder", "code", "url")


@dataclass(frozen=True, slots=True)  # slots: a 20 MB file has a hundred thousand of them
class Region:
    """A stretch of clean text that is not the agent's own wording."""

    start: int
    end: int
    kind: str  # "quote" | "placeholder" | "code" | "url"


class RegionIndex:
    """Regions sorted by start, with the largest end among each prefix, so whether a span
    overlaps one (and which) is found by bisection instead of a scan of every region."""

    def __init__(self, regions):
        self.regions = sorted(regions, key=lambda r: r.start)
        self._starts = array("q", (r.start for r in self.regions))
        self._max_ends = array("q", itertools.accumulate((r.end for r in self.regions), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Some region has r.start < end and start < r.end."""
        before = bisect.bisect_left(self._starts, end)  # regions[:before] start before `end`
        return before > 0 and self._max_ends[before - 1] > start

    def overlapping(self, start: int, end: int) -> list[Region]:
        """The regions with r.start < end and start < r.end, in order of start."""
        i = bisect.bisect_left(self._starts, end)
        found = []
        while i > 0 and self._max_ends[i - 1] > start:  # none further back ends after `start`
            i -= 1
            if self.regions[i].end > start:
                found.append(self.regions[i])
        found.reverse()
        return found


@dataclass
class Document:
    """Clean text plus the piecewise map from clean offsets back to source offsets.

    A reader (formats/*) builds one with the public building methods only, walking its source
    from start to end: `copy` (verbatim), `copy_prose` (verbatim, template fields stood in for),
    `copy_aligned` (a decoded form of the source), `replace` (anything else, or nothing), with
    `length` and `pieces` to ask what it has so far; then `mark_regions(doc)`, once. The arrays
    below are the map's representation, never read or written outside this module.

    `regions` may be appended to or replaced whole; the index that answers `in_region` is
    made anew when it changes either way."""

    source: str
    regions: list[Region] = field(default_factory=list)
    # Parallel arrays: piece i covers clean [clean_starts[i], clean_ends[i]) and source
    # [source_starts[i], source_ends[i]). Copied pieces have equal lengths. Machine integers,
    # not lists of int objects, which took four times the memory on a large file.
    _clean_starts: array = field(default_factory=lambda: array("q"))
    _clean_ends: array = field(default_factory=lambda: array("q"))
    _source_starts: array = field(default_factory=lambda: array("q"))
    _source_ends: array = field(default_factory=lambda: array("q"))
    _line_starts: array = field(default_factory=lambda: array("q"))
    # The clean text as the pieces appended since it was last read; joined when it is read.
    _parts: list[str] = field(default_factory=list, repr=False)
    _length: int = 0
    _indexes: dict = field(default_factory=dict, repr=False, compare=False)  # kinds -> RegionIndex
    _indexed: tuple = field(default=(None, 0), repr=False, compare=False)    # (regions, len) indexed

    @property
    def text(self) -> str:
        """The clean text. Kept as a list of pieces while the Document is built and joined when
        read: adding each piece to one string copied the whole text every time, which made a
        large file's reading quadratic (a 1 MB reply has tens of thousands of pieces)."""
        if len(self._parts) > 1:
            self._parts[:] = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    @text.setter
    def text(self, value: str) -> None:
        """Put another clean text of the same length in place (a character for a character, as
        U+FFFD for a lone surrogate), so every piece, offset and region stays true."""
        if len(value) != self._length:
            raise ValueError("a Document's clean text may only be replaced by one of the same length")
        self._parts[:] = [value] if value else []

    @property
    def length(self) -> int:
        """len(self.text), without joining the pieces: what a builder asks while appending."""
        return self._length

    # -- building -------------------------------------------------------------------------
    def _append(self, piece: str, src_start: int, src_end: int) -> None:
        if not piece:
            return
        self._clean_starts.append(self._length)
        self._parts.append(piece)
        self._length += len(piece)
        self._clean_ends.append(self._length)
        self._source_starts.append(src_start)
        self._source_ends.append(src_end)

    def copy(self, src_start: int, src_end: int) -> None:
        """Carry a stretch of source into the clean text unchanged."""
        self._append(self.source[src_start:src_end], src_start, src_end)

    def replace(self, src_start: int, src_end: int, clean: str) -> None:
        """Put `clean` in place of a stretch of source (markup, an entity); with `clean` empty
        the stretch (a skipped block) is left out of the clean text and of the map."""
        self._append(clean, src_start, src_end)

    def copy_prose(self, src_start: int, src_end: int) -> None:
        """Copy a stretch of the agent's prose, standing a name in for each template field so
        the sentence around it parses naturally ("Hi {{first_name}}," reads as "Hi Sam,"). The
        field is recorded as a placeholder region: never flagged, and no edit may touch it."""
        pos = src_start
        for m in PLACEHOLDER.finditer(self.source, src_start, src_end):
            self.copy(pos, m.start())
            start = self._length
            control = m.group(0).startswith(("{%", "{#"))  # template logic, not a value: reads as a space
            self.replace(m.start(), m.end(), " " if control else PLACEHOLDER_STAND_IN)
            self.regions.append(Region(start, self._length, "placeholder"))
            pos = m.end()
        self.copy(pos, src_end)

    def copy_aligned(self, src_start: int, src_end: int, value: str, prose: bool = True) -> int:
        """Append `value`, a decoded form of source[src_start:src_end] (entities, escapes,
        folded lines), mapping each run it shares with the source verbatim and the rest to the
        nearest source position. Returns the source offset just past the last matched run."""
        source = self.source
        i, c = 0, src_start
        while i < len(value):
            run = 0
            while i + run < len(value) and c + run < src_end and source[c + run] == value[i + run]:
                run += 1
            if run:
                (self.copy_prose if prose else self.copy)(c, c + run)
                i += run
                c += run
                continue
            found = -1
            for size, window in ((6, 40), (3, 16), (1, 8)):  # resynchronise past markup or an escape
                probe = value[i:i + size]
                if len(probe) == size and probe.strip():
                    found = source.find(probe, c, min(src_end, c + window))
                    if found > c:
                        break
            if found > c:
                self.replace(c, found, "")
                c = found
                continue
            self.replace(c, c, value[i])  # a decoded character with no source twin ("\n" → newline)
            i += 1
        return c

    def pieces(self):
        """(clean_start, clean_end, source_start, source_end) of each piece, in order."""
        return zip(self._clean_starts, self._clean_ends, self._source_starts, self._source_ends)

    # -- mapping --------------------------------------------------------------------------
    def to_source(self, clean_offset: int, *, is_end: bool = False) -> int:
        """Source offset of a clean offset; an end offset maps to the end of its piece's source."""
        if not self._clean_starts:
            return 0
        probe = clean_offset - 1 if is_end and clean_offset > 0 else clean_offset
        i = max(0, bisect.bisect_right(self._clean_starts, probe) - 1)
        c0, c1 = self._clean_starts[i], self._clean_ends[i]
        s0, s1 = self._source_starts[i], self._source_ends[i]
        if c1 - c0 == s1 - s0:  # copied verbatim: exact
            return min(s1, s0 + (clean_offset - c0))
        return s1 if is_end else s0

    def position(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        if not self._line_starts:
            breaks = (m.end() for m in re.finditer(r"\r\n|\r|\n", self.source))
            self._line_starts = array("q", itertools.chain((0,), breaks))
        line = bisect.bisect_right(self._line_starts, source_offset) - 1
        return line + 1, source_offset - self._line_starts[line] + 1

    def in_region(self, start: int, end: int, kinds: tuple[str, ...] = NON_PROSE) -> bool:
        """True when clean span [start, end) overlaps a region of one of `kinds`."""
        return self.region_index(kinds).overlaps(start, end)

    def regions_overlapping(self, start: int, end: int, kinds: tuple[str, ...] = NON_PROSE) -> list[Region]:
        """The regions of `kinds` that overlap clean span [start, end), in order of start."""
        return self.region_index(kinds).overlapping(start, end)

    def region_index(self, kinds: tuple[str, ...] = NON_PROSE) -> RegionIndex:
        """The regions of `kinds`, indexed once per state of `regions` (rules ask per span)."""
        if self._indexed[0] is not self.regions or self._indexed[1] != len(self.regions):
            self._indexes = {}
            self._indexed = (self.regions, len(self.regions))
        index = self._indexes.get(kinds)  # the tuple as asked, first: no frozenset per question
        if index is None:
            key = frozenset(kinds)  # NON_PROSE and mapping.PROTECTED, in another order, share one
            index = self._indexes.get(key)
            if index is None:
                index = self._indexes[key] = RegionIndex([r for r in self.regions if r.kind in key])
            self._indexes[kinds] = index
        return index


# A replylint directive written as an HTML comment works in plain text too.
_DIRECTIVE_COMMENT = re.compile(r"<!--\s*replylint:.*?-->", re.DOTALL)


def _skipped_spans(source: str) -> list[tuple[int, int]]:
    """Source spans that are not the agent's reply: '>' lines, what follows a history header,
    replylint directives, and Markdown's backslash hard breaks."""
    spans = [(m.start(), m.end()) for m in _QUOTE_LINE.finditer(source)]
    spans += [(m.start(), m.end()) for m in _DIRECTIVE_COMMENT.finditer(source)]
    if "\\" in source:
        spans += [(m.start(), m.end()) for m in _HARD_BREAK.finditer(source)]
    header = _HISTORY_HEADER.search(source)
    if header:
        spans.append((header.start(), len(source)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# A line break inside a sentence: an e-mail client's or editor's hard wrap. The line before ends
# in a word or a comma (no sentence end, no colon), and the next line goes on in lower case or
# with the pronoun "I": a new paragraph, list item, heading, greeting or sign-off starts
# otherwise. Spaces and tabs around the break are kept; only the break itself changes.
_WRAP = re.compile(r"(?<=[A-Za-z0-9,'’)\]])([ \t]*)(\r\n|\n|\r)([ \t]*)(?=[a-z]|I[ '’])")


def join_wrapped_lines(text: str) -> str:
    """The clean text as the tokenizer reads it: each hard wrap inside a sentence read as a
    space (a character for a character, so every offset stays true): "calm\ndown" is the phrase
    "calm down", and the parser reads one sentence, not two. Blank lines, and breaks after a
    sentence end, stay. The Document keeps its text as built; the engine tokenizes this."""
    return _WRAP.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3), text)


def _holds_only_fields(regions: list[Region], start: int, end: int) -> bool:
    """Does every region overlapping start..end lie inside it and is a template field? A quoted
    sentence with a field in it ("You failed to renew before {{deadline}}.") is still a quote."""
    return all(r.kind == "placeholder" and start <= r.start and r.end <= end
               for r in regions if r.start < end and r.end > start)


def mark_regions(doc: Document) -> None:
    """Find code, links and quotations in the clean text (placeholders were marked while copying).
    A match that overlaps a region found before it (by an earlier pattern) is not one. One
    pattern's matches never overlap each other, so each is tested against the regions of the
    patterns before it, indexed once per pattern."""
    text = doc.text
    taken: list[Region] = list(doc.regions)
    for pattern, kind in ((_CODE, "code"), (_URL, "url"), *((p, "quote") for p in _INLINE_QUOTES)):
        index = RegionIndex(taken)
        taken += [Region(m.start(), m.end(), kind) for m in pattern.finditer(text)
                  if not index.overlaps(m.start(), m.end())
                  or (kind == "quote" and _holds_only_fields(taken, m.start(), m.end()))]
    doc.regions = sorted(taken, key=lambda r: r.start)


def from_plain_text(source: str) -> Document:
    """A plain-text reply: everything is prose except quoted e-mail history."""
    doc = Document(source)
    pos = 0
    for start, end in _skipped_spans(source):
        doc.copy_prose(pos, start)
        doc.replace(start, end, "")
        pos = end
    doc.copy_prose(pos, len(source))
    mark_regions(doc)
    return doc
