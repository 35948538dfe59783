"""Where each character of a YAML or JSON string comes from in the file, and how a new value for
part of it is written back in the same quoting style.

PyYAML and `json` give a scalar's value but not where its characters stand in the file: an
escape (`\\n`, `''`, `\\u00e9`), a folded line break or a block scalar's indentation changes the
length. The decoders here follow PyYAML's scanner (yaml/scanner.py: scan_flow_scalar,
scan_plain, scan_block_scalar) and JSON's string grammar step by step and record each stretch
of the value with the stretch of the file it was read from (an `Atom`). Callers compare the
decoded value with the parser's own and treat any disagreement as "never edit here", so a gap
in this port costs an edit, not a file.

An edit is written back only inside stretches the value copies verbatim, encoded for the style
(escapes for JSON and double quotes, doubled quotes for single quotes, nothing for plain and
block scalars), and only if the edited scalar, read again the way PyYAML reads it, gives exactly
the intended value: a plain scalar that would start with an indicator, end at a new `: ` or
` #`, or turn into a number is not offered.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]  # in CPython, not in typeshed
from typing import NamedTuple

import yaml
from yaml.reader import Reader
from yaml.scanner import Scanner

_BREAKS = "\r\n\x85\u2028\u2029"
_BLANK_OR_END = "\0 \t" + _BREAKS
_HEX = set("0123456789ABCDEFabcdef")
_RESET = re.compile("[\n\x85\u2028\u2029]|\r(?!\n)")  # what sets PyYAML's column back to 0
_SURROGATE = re.compile("[\ud800-\udfff]")
_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


class Atom(NamedTuple):
    """A stretch of a decoded value and the stretch of the file it was read from. `raw` is what
    the parser returns; `clean` is what the rules read (a surrogate pair written as two escapes
    is one character, a lone surrogate is U+FFFD, a replylint directive is nothing)."""

    raw: str
    clean: str
    start: int
    end: int


class Undecodable(ValueError):
    """The text is not a scalar this module can follow character by character."""


def _atom(text: str, start: int, end: int, value: str | None = None) -> Atom:
    value = text[start:end] if value is None else value
    return Atom(value, value, start, end)


# -- PyYAML's reader, over a str ----------------------------------------------------------------
class _Reader:
    """peek/prefix/forward and the column, as PyYAML's Reader keeps them, over text[:end]."""

    def __init__(self, text: str, pos: int, column: int, end: int | None = None):
        self.text, self.pos, self.column = text, pos, column
        self.end = len(text) if end is None else end

    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.text[i] if i < self.end else "\0"

    def prefix(self, n: int) -> str:
        return self.text[self.pos:min(self.pos + n, self.end)]

    def forward(self, n: int = 1) -> None:
        stretch = self.text[self.pos:self.pos + n]
        self.pos += n
        last = None
        for last in _RESET.finditer(stretch):  # noqa: B007 - only the last reset matters
            pass
        if last is None:
            self.column += len(stretch) - stretch.count("\ufeff")
        else:
            rest = stretch[last.end():]
            self.column = len(rest) - rest.count("\ufeff")

    def line_break(self) -> str:
        ch = self.peek()
        if ch in "\r\n\x85":
            self.forward(2 if self.prefix(2) == "\r\n" else 1)
            return "\n"
        if ch in "\u2028\u2029":
            self.forward()
            return ch
        return ""

    def at_document_separator(self) -> bool:
        return self.prefix(3) in ("---", "...") and self.peek(3) in _BLANK_OR_END


# -- quoted scalars (scan_flow_scalar) -----------------------------------------------------------
_FLOW_RUN = re.compile("[^'\"\\\\\0 \t\r\n\x85\u2028\u2029]+")


def _flow_scalar(r: _Reader, double: bool) -> list[Atom]:
    quote = r.peek()
    atoms = [_gap(r, 1)]
    _flow_non_spaces(r, double, atoms)
    while r.peek() != quote:
        _flow_spaces(r, double, atoms)
        _flow_non_spaces(r, double, atoms)
    atoms.append(_gap(r, 1))
    return atoms


def _gap(r: _Reader, n: int) -> Atom:
    """n characters of syntax (a quote, a block header) that give nothing to the value."""
    start = r.pos
    r.forward(n)
    return Atom("", "", start, r.pos)


def _flow_non_spaces(r: _Reader, double: bool, atoms: list) -> None:
    text = r.text
    while True:
        run = _FLOW_RUN.match(text, r.pos, r.end)
        if run:
            atoms.append(_atom(text, r.pos, run.end()))
            r.forward(run.end() - r.pos)
        ch, start = r.peek(), r.pos
        if not double and ch == "'" and r.peek(1) == "'":
            r.forward(2)
            atoms.append(_atom(text, start, r.pos, "'"))
        elif (double and ch == "'") or (not double and ch in '"\\'):
            r.forward()
            atoms.append(_atom(text, start, r.pos))
        elif double and ch == "\\":
            r.forward()
            atoms.append(_escaped(r, start))
        else:
            return


def _escaped(r: _Reader, start: int) -> Atom:
    """The escape after a backslash (PyYAML's ESCAPE_REPLACEMENTS, ESCAPE_CODES, or an escaped
    line break)."""
    ch = r.peek()
    if ch in Scanner.ESCAPE_REPLACEMENTS:
        r.forward()
        return _atom(r.text, start, r.pos, Scanner.ESCAPE_REPLACEMENTS[ch])
    if ch in Scanner.ESCAPE_CODES:
        length = Scanner.ESCAPE_CODES[ch]
        r.forward()
        digits = r.prefix(length)
        if len(digits) < length or not set(digits) <= _HEX or int(digits, 16) > 0x10FFFF:
            raise Undecodable("bad escape")
        r.forward(length)
        return _atom(r.text, start, r.pos, chr(int(digits, 16)))
    if ch and ch in _BREAKS:
        r.line_break()
        breaks = _flow_breaks(r)
        return _atom(r.text, start, r.pos, "".join(breaks))
    raise Undecodable("bad escape")


def _flow_spaces(r: _Reader, double: bool, atoms: list) -> None:
    start = r.pos
    n = 0
    while r.peek(n) in " \t":
        n += 1
    whitespace = r.prefix(n)
    r.forward(n)
    ch = r.peek()
    if ch == "\0":
        raise Undecodable("unterminated quoted scalar")
    if ch in _BREAKS:
        line_break = r.line_break()
        breaks = _flow_breaks(r)
        joined = (line_break if line_break != "\n" else ("" if breaks else " ")) + "".join(breaks)
        atoms.append(_atom(r.text, start, r.pos, joined))
    elif whitespace:
        atoms.append(_atom(r.text, start, r.pos))


def _flow_breaks(r: _Reader) -> list[str]:
    breaks = []
    while True:
        if r.at_document_separator():
            raise Undecodable("document separator inside a quoted scalar")
        while r.peek() in " \t":
            r.forward()
        if r.peek() in _BREAKS:
            breaks.append(r.line_break())
        else:
            return breaks


# -- plain scalars (scan_plain) ------------------------------------------------------------------
_PLAIN_RUN = {
    False: re.compile("(?:[^\0 \t\r\n\x85\u2028\u2029:]|:(?=[^\0 \t\r\n\x85\u2028\u2029]))+"),
    True: re.compile("(?:[^\0 \t\r\n\x85\u2028\u2029:,?\\[\\]{}]|:(?=[^\0 \t\r\n\x85\u2028\u2029,\\[\\]{}]))+"),
}


def _plain_scalar(r: _Reader, flow: bool, indent: int) -> tuple[list[Atom], int]:
    """Atoms and the end offset of the plain scalar at r.pos (`indent` is PyYAML's indent + 1)."""
    atoms: list[Atom] = []
    spaces: Atom | None = None
    end = r.pos
    while r.peek() != "#":
        run = _PLAIN_RUN[flow].match(r.text, r.pos, r.end)
        if not run:
            break
        if spaces is not None:
            atoms.append(spaces)
        atoms.append(_atom(r.text, r.pos, run.end()))
        r.forward(run.end() - r.pos)
        end = r.pos
        spaces = _plain_spaces(r)
        if spaces is None or r.peek() == "#" or (not flow and r.column < indent):
            break
    return atoms, end


def _plain_spaces(r: _Reader) -> Atom | None:
    start = r.pos
    n = 0
    while r.peek(n) == " ":
        n += 1
    whitespace = r.prefix(n)
    r.forward(n)
    if r.peek() in _BREAKS and r.peek() != "\0":
        line_break = r.line_break()
        if r.at_document_separator():
            return None
        breaks = []
        while r.peek() in " " + _BREAKS and r.peek() != "\0":
            if r.peek() == " ":
                r.forward()
            else:
                breaks.append(r.line_break())
                if r.at_document_separator():
                    return None
        joined = (line_break if line_break != "\n" else ("" if breaks else " ")) + "".join(breaks)
        return _atom(r.text, start, r.pos, joined)
    return _atom(r.text, start, r.pos) if whitespace else None


def _starts_plain(text: str, column: int, flow: bool) -> bool:
    """Would PyYAML's scanner read `text` as the start of a plain scalar (check_plain, and no
    directive or document marker at the start of a line)?"""
    ch, after = (text[:1] or "\0"), (text[1:2] or "\0")
    if column == 0 and (ch == "%" or (text[:3] in ("---", "...") and (text[3:4] or "\0") in _BLANK_OR_END)):
        return False
    return ch not in "\0 \t\r\n\x85\u2028\u2029-?:,[]{}#&*!|>'\"%@`" or (
        after not in _BLANK_OR_END and (ch == "-" or (not flow and ch in "?:")))


# -- block scalars (scan_block_scalar) -----------------------------------------------------------
_LINE = re.compile("[^\0\r\n\x85\u2028\u2029]*")


def _block_scalar(r: _Reader, folded: bool, parent_indent: int) -> list[Atom]:
    text = r.text
    header = r.pos
    r.forward()
    chomping, increment = None, None
    ch = r.peek()
    if ch in "+-":
        chomping = ch == "+"
        r.forward()
        if r.peek() in "123456789":
            increment = int(r.peek())
            r.forward()
    elif ch in "123456789":
        increment = int(ch)
        r.forward()
        if r.peek() in "+-":
            chomping = r.peek() == "+"
            r.forward()
    while r.peek() == " ":
        r.forward()
    if r.peek() == "#":
        while r.peek() not in "\0" + _BREAKS:
            r.forward()
    if r.peek() not in "\0" + _BREAKS:
        raise Undecodable("bad block scalar header")
    r.line_break()
    atoms = [Atom("", "", header, r.pos)]
    min_indent = max(parent_indent + 1, 1)
    start = r.pos
    if increment is None:
        breaks, max_indent, end = _block_indentation(r)
        indent = max(min_indent, max_indent)
    else:
        indent = min_indent + increment - 1
        breaks, end = _block_breaks(r, indent)
    lead, line_break = "".join(breaks), ""
    while r.column == indent and r.peek() != "\0":
        atoms.append(_atom(text, start, r.pos, lead))  # the line breaks and indentation before this line
        leading_non_space = r.peek() not in " \t"
        line = _LINE.match(text, r.pos, r.end)
        assert line is not None  # _LINE matches the empty string too
        atoms.append(_atom(text, r.pos, line.end()))
        r.forward(line.end() - r.pos)
        start = r.pos
        line_break = r.line_break()
        breaks, end = _block_breaks(r, indent)
        if not (r.column == indent and r.peek() != "\0"):
            break
        if folded and line_break == "\n" and leading_non_space and r.peek() not in " \t":
            lead = ("" if breaks else " ") + "".join(breaks)
        else:
            lead = line_break + "".join(breaks)
    tail = (line_break if chomping is not False else "") + ("".join(breaks) if chomping is True else "")
    atoms.append(_atom(text, start, max(start, end), tail))
    return atoms


def _block_indentation(r: _Reader) -> tuple[list[str], int, int]:
    breaks, max_indent, end = [], 0, r.pos
    while r.peek() in " " + _BREAKS and r.peek() != "\0":
        if r.peek() != " ":
            breaks.append(r.line_break())
            end = r.pos
        else:
            r.forward()
            max_indent = max(max_indent, r.column)
    return breaks, max_indent, end


def _block_breaks(r: _Reader, indent: int) -> tuple[list[str], int]:
    breaks, end = [], r.pos
    while r.column < indent and r.peek() == " ":
        r.forward()
    while r.peek() in _BREAKS and r.peek() != "\0":
        breaks.append(r.line_break())
        end = r.pos
        while r.column < indent and r.peek() == " ":
            r.forward()
    return breaks, end


# -- JSON strings ---------------------------------------------------------------------------------
_JSON_RUN = re.compile('[^"\\\\\x00-\x1f]+')
_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _hex4(text: str, i: int) -> int | None:
    digits = text[i:i + 4]
    return int(digits, 16) if len(digits) == 4 and set(digits) <= _HEX else None


def _json_string(text: str, start: int) -> list[Atom]:
    """Atoms of the JSON string whose opening quote is at `start`, quotes included. A
    `\\uD83D\\uDE00` pair is one character, as `json` reads it."""
    atoms = [Atom("", "", start, start + 1)]
    i = start + 1
    while True:
        run = _JSON_RUN.match(text, i)
        if run:
            atoms.append(_atom(text, i, run.end()))
            i = run.end()
        ch = text[i:i + 1]
        if ch == '"':
            atoms.append(Atom("", "", i, i + 1))
            return atoms
        if ch != "\\":
            raise Undecodable("not a JSON string")
        escape = text[i + 1:i + 2]
        if escape in _JSON_ESCAPES:
            atoms.append(_atom(text, i, i + 2, _JSON_ESCAPES[escape]))
            i += 2
            continue
        code = _hex4(text, i + 2) if escape == "u" else None
        if code is None:
            raise Undecodable("bad JSON escape")
        low = _hex4(text, i + 8) if 0xD800 <= code <= 0xDBFF and text[i + 6:i + 8] == "\\u" else None
        if low is not None and 0xDC00 <= low <= 0xDFFF:
            atoms.append(_atom(text, i, i + 12, chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))))
            i += 12
        else:
            atoms.append(_atom(text, i, i + 6, chr(code)))
            i += 6


# -- surrogates -----------------------------------------------------------------------------------
def _paired(atoms: list[Atom]) -> list[Atom]:
    """Clean text for escapes of surrogates: `"\\ud83d\\ude00"` is one emoji (PyYAML leaves two
    lone surrogates), and a lone one is U+FFFD, which every later stage can encode."""
    out: list[Atom] = []
    for atom in atoms:
        if not _SURROGATE.search(atom.clean):
            out.append(atom)
            continue
        previous = out[-1] if out else None
        if (previous is not None and len(atom.clean) == 1 and "\udc00" <= atom.clean <= "\udfff"
                and previous.clean == "\ufffd" and len(previous.raw) == 1 and "\ud800" <= previous.raw <= "\udbff"
                and previous.end == atom.start):
            pair = previous.raw + atom.raw
            out[-1] = Atom(pair, pair.encode("utf-16", "surrogatepass").decode("utf-16"), previous.start, atom.end)
            continue
        out.append(Atom(atom.raw, _SURROGATE.sub("\ufffd", atom.clean), atom.start, atom.end))
    return out


# -- a scalar in a file ---------------------------------------------------------------------------
def decode(text: str, start: int, style: str, column: int = 0, indent: int = -1, flow: bool = False,
           end: int | None = None) -> list[Atom]:
    """The atoms of a scalar of `style` starting at text[start], read as PyYAML (or json) reads
    it; Undecodable if it is not such a scalar, or if it would end anywhere but `end`."""
    if style == "json":
        atoms = _json_string(text, start)
    else:
        r = _Reader(text, start, column, end)
        if style == "plain":
            atoms, stop = _plain_scalar(r, flow, indent + 1)
            if not atoms or (end is not None and stop != end):
                raise Undecodable("not a plain scalar ending there")
        elif style in ("'", '"') and r.peek() == style:
            atoms = _flow_scalar(r, style == '"')
        elif style in ("|", ">") and r.peek() == style:
            atoms = _block_scalar(r, style == ">", indent)
        else:
            raise Undecodable(f"not a {style!r} scalar")
    if end is not None and atoms[-1].end != end:
        raise Undecodable("the scalar would end elsewhere")
    return atoms


@dataclass
class Scalar:
    """A string scalar of a YAML or JSON file: its style ("json", or PyYAML's: "plain", "'",
    '"', "|", ">"), its span (quotes, block header included), its YAML context and its atoms.
    `implicit`: a plain scalar whose type PyYAML guesses from the value, so an edit must leave
    it a string."""

    text: str = field(repr=False)
    style: str
    start: int
    end: int
    column: int = 0
    indent: int = -1      # PyYAML's indent where the scalar stands (-1 at the top level)
    flow: bool = False    # inside [] or {}
    implicit: bool = False
    atoms: list = field(default_factory=list, repr=False)
    _starts: list = field(default_factory=list, repr=False)
    _raw_at: list = field(default_factory=list, repr=False)
    _clean_at: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        if not self.atoms:
            self.atoms = _paired(decode(self.text, self.start, self.style, self.column, self.indent, self.flow))
        self.reindex()

    def reindex(self) -> None:
        """Offsets of each atom in the raw and the clean value (after `atoms` changed)."""
        self._starts, self._raw_at, self._clean_at = [], [], []
        raw = clean = 0
        for atom in self.atoms:
            self._starts.append(atom.start)
            self._raw_at.append(raw)
            self._clean_at.append(clean)
            raw += len(atom.raw)
            clean += len(atom.clean)

    @property
    def raw(self) -> str:
        return "".join(a.raw for a in self.atoms)

    @property
    def clean(self) -> str:
        return "".join(a.clean for a in self.atoms)

    # -- mapping ---------------------------------------------------------------------------------
    def locate(self, offset: int) -> tuple[int, int] | None:
        """(raw, clean) offsets of a file offset that stands in a stretch copied verbatim into
        both values; None anywhere else (an escape, a fold, indentation, a quote)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        for j in (i, i - 1):
            if 0 <= j < len(self.atoms):
                atom = self.atoms[j]
                if atom.start <= offset <= atom.end and atom.raw == atom.clean == self.text[atom.start:atom.end] \
                        and atom.end > atom.start:
                    return self._raw_at[j] + offset - atom.start, self._clean_at[j] + offset - atom.start
        return None

    # -- writing back ----------------------------------------------------------------------------
    def encode(self, start: int, end: int, replacement: str) -> str | None:
        """`replacement` (a raw value) for file[start:end], written in this scalar's style, or
        None when the edited scalar would not read back as exactly the intended value."""
        first, last = self.locate(start), self.locate(end)
        if first is None or last is None or first[0] > last[0] or _SURROGATE.search(replacement):
            return None
        raw = self.raw
        if self.style == "json":  # json's escapes are exact wherever the edit lands between atoms
            try:
                same = self.decode_written(self.text[start:end]) == raw[first[0]:last[0]]
            except (ValueError, IndexError):
                same = False
            return _ENCODERS["json"](replacement) if same else None
        written = _ENCODERS[self.style](replacement)
        if written is None:
            return None
        # YAML: the edit may take a fold or a block's indentation with it (a removed sentence and
        # the line break after it); reading the edited scalar back is the proof either way.
        intended = raw[:first[0]] + replacement + raw[last[0]:]
        if self.read_back(start, end, written) == intended:
            return written
        if self.style == '"':  # spaces next to a folded line break are dropped unless escaped
            lead = len(written) - len(written.lstrip(" \t"))
            trail = len(written.rstrip(" \t"))
            escaped = _escape_blanks(written[:lead]) + written[lead:max(lead, trail)] + _escape_blanks(written[max(lead, trail):])
            if self.read_back(start, end, escaped) == intended:
                return escaped
        return None

    def read_back(self, start: int, end: int, written: str) -> str | None:
        """The raw value PyYAML would read if file[start:end] were `written`; None if it would
        not read this scalar (another style, another end, another type, an empty value)."""
        window = self.text[self.start:start] + written + self.text[end:self.end]
        if self.style == "plain" and not _starts_plain(window, self.column, self.flow):
            return None
        try:
            atoms = decode(window, 0, self.style, self.column, self.indent, self.flow, end=len(window))
        except Undecodable:
            return None
        value = "".join(a.raw for a in atoms)
        if self.style == "plain" and (not value or (self.implicit and _RESOLVER.resolve(
                yaml.ScalarNode, value, (True, False)) != _STR)):
            return None
        return value

    def decode_written(self, written: str) -> str:
        """The raw text an encoded replacement stands for (the inverse of `encode`'s writing)."""
        if self.style == "json":
            return scanstring('"' + written + '"', 1)[0]
        if self.style in ("'", '"'):
            quoted = self.style + written + self.style
            return "".join(a.raw for a in _flow_scalar(_Reader(quoted, 0, 0), self.style == '"'))
        return written


def _json_written(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


def _double_written(value: str) -> str:
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch in _BREAKS or Reader.NON_PRINTABLE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(ch)
    return "".join(out)


def _escape_blanks(blanks: str) -> str:
    return blanks.replace(" ", "\\ ").replace("\t", "\\t")


def _single_written(value: str) -> str | None:
    if any(ch in _BREAKS for ch in value) or Reader.NON_PRINTABLE.search(value):
        return None
    return value.replace("'", "''")


def _unquoted_written(value: str) -> str | None:
    if any(ch in _BREAKS for ch in value) or Reader.NON_PRINTABLE.search(value):
        return None
    return value


def _plain_written(value: str) -> str | None:
    return None if "\t" in value else _unquoted_written(value)


_ENCODERS = {"json": _json_written, '"': _double_written, "'": _single_written,
             "plain": _plain_written, "|": _unquoted_written, ">": _unquoted_written}
