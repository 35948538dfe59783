"""YAML and JSON collections of canned responses → one Document per reply body.

A string is a reply body when its key is one of `body_keys` (defaults recognise common exports:
`body`, `content`, `text`, `html`, `content_html`, `comment_value`, `comment_value_html`, Help
Scout saved replies, Freshdesk canned responses) or when it is the `value` of a Zendesk macro
action whose `field` is a comment. A key path such as `macros[].actions[].value` or
`replies.*.message` selects bodies explicitly. Each body keeps a map back to its place in the
file, character by character (formats/scalars.py follows quotes, escapes, folded lines and
block-scalar indentation), and HTML bodies are read as HTML.

Both formats are read without recursion, so a hostile file is one line of error, not a crash:
nesting deeper than MAX_DEPTH is refused, and a YAML node reached again through an alias is not
walked again (a 351-byte "billion laughs" stays 351 bytes of work). The whole structure is kept
as a flat list of parse events (`Collection.shape`), which is what Linter.fix compares to prove
a fixed file still parses to the same structure (formats/verify.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import partial
from json.decoder import scanstring  # type: ignore[attr-defined]  # public since Python 2.6; not in typeshed

from ..document import Document
from ..errors import ReplylintError
from ..findings import Edit
from .nesting import compose, no_edit, read_inner, written_inside
from .scalars import Atom, Scalar, Undecodable, _Reader

DEFAULT_BODY_KEYS = ("body", "content", "text", "html", "body_html", "content_html", "comment_value",
                     "comment_value_html", "message", "reply", "response", "template")
HTML_KEYS = re.compile(r"html", re.IGNORECASE)
MAX_DEPTH = 100  # collections nested deeper are refused: real exports nest under ten levels
_STR = "tag:yaml.org,2002:str"


@dataclass
class Body:
    """One reply body: its key path, its place in the collection's shape, the value as the
    parser reads it, and its Scalar (None when its characters cannot be followed: then it is
    linted through an approximate map and never edited)."""

    path: tuple
    index: int
    value: str
    start: int
    end: int
    style: str
    scalar: Scalar | None = None


@dataclass
class Collection:
    """A parsed collection: `shape` lists its structure event by event (every key, scalar,
    alias and container, with its tag and style), `bodies` the reply bodies in file order."""

    shape: list = field(default_factory=list)
    bodies: list = field(default_factory=list)


def _matches(path: tuple, key_patterns) -> bool:
    """`path` is the tuple of keys ('[]' for a list index); a pattern is a key name (matched
    against the last key) or a dotted path with '[]' and '*' wildcards."""
    dotted = ".".join(path).replace(".[]", "[]")
    for pattern in key_patterns:
        if "." in pattern or "[" in pattern or "*" in pattern:
            regex = re.escape(pattern).replace(r"\[\]", r"\[\]").replace(r"\*", r"[^.\[]+")
            if re.fullmatch(regex, dotted):
                return True
        elif path and path[-1] == pattern:
            return True
    return False


def _zendesk_action_value(path, parent) -> bool:
    return bool(path) and path[-1] == "value" and isinstance(parent, dict) and \
        str(parent.get("field", "")).startswith("comment_value")


def _too_deep(name: str, text: str, at: int) -> ReplylintError:
    return ReplylintError(f"nested deeper than {MAX_DEPTH} levels", name, text.count("\n", 0, at) + 1)


# -- YAML ---------------------------------------------------------------------------------------
_NO_KEY = object()  # a mapping waiting for its next key
# An anchor or tag, and the space or comments after it, before the scalar itself starts.
_PROPERTIES = re.compile(r"(?:[&!]\S*|[ \t]+|#[^\r\n\x85\u2028\u2029]*|[\r\n\x85\u2028\u2029])*")


@dataclass
class _Frame:
    """An open YAML collection while the events stream by."""

    mapping: bool
    path: tuple
    walked: bool   # False inside a complex key: nothing there is a reply
    flow: bool
    indent: int    # PyYAML's indent for what stands in it
    plain: dict = field(default_factory=dict)  # scalar key -> scalar value (the Zendesk rule)
    key: object = _NO_KEY


def _slot(frames: list) -> tuple[tuple | None, bool]:
    """The key path of the node that comes next and whether it is a value that may be a reply
    (keys, and anything under a complex key, are not)."""
    if not frames:
        return (), True
    top = frames[-1]
    if not top.mapping:
        return top.path + ("[]",), top.walked
    if top.key is _NO_KEY or top.key is None:
        return None, False
    return top.path + (top.key,), top.walked


def _advance(frames: list, scalar_value) -> None:
    """A node ended inside the top frame: a mapping's key or value is done."""
    if not frames or not frames[-1].mapping:
        return
    top = frames[-1]
    if top.key is _NO_KEY:
        top.key = scalar_value if isinstance(scalar_value, str) else None
    else:
        if isinstance(top.key, str) and isinstance(scalar_value, str):
            top.plain[top.key] = scalar_value
        top.key = _NO_KEY


def _yaml_collection(text: str, name: str, key_patterns, decode: bool) -> Collection:
    import yaml

    shape: list = []
    candidates: list = []  # (path, parent's plain dict, shape index, event, indent, flow)
    anchors: dict = {}     # anchor -> (shape index, event, indent, flow) of a scalar, or None
    frames: list[_Frame] = []
    documents = 0
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise ReplylintError("invalid YAML: expected a single document, but found another document",
                                         name, event.start_mark.line + 1)
                shape.append(("document", event.explicit, event.version, event.tags))
            elif kind is yaml.DocumentEndEvent:
                shape.append(("document end", event.explicit))
            elif kind in (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                top = frames[-1] if frames else None
                if top is not None and top.mapping and top.key is _NO_KEY and not top.flow:
                    top.indent = event.start_mark.column  # a block mapping's indent is its keys' column
                path, walked = _slot(frames)
                indent, flow = (top.indent, top.flow) if top else (-1, False)
                if kind is yaml.AliasEvent:
                    if event.anchor not in anchors:
                        raise ReplylintError(f"invalid YAML: found undefined alias {event.anchor!r}",
                                             name, event.start_mark.line + 1)
                    shape.append(("alias", event.anchor))
                    target = anchors[event.anchor]
                    if target is not None and walked:  # a scalar: read it where it was written, once
                        candidates.append((path, top.plain if top and top.mapping else None, *target))
                    _advance(frames, target[1].value if target else None)
                    continue
                if event.anchor is not None:
                    if event.anchor in anchors:
                        raise ReplylintError(f"invalid YAML: found duplicate anchor {event.anchor!r}",
                                             name, event.start_mark.line + 1)
                    anchors[event.anchor] = None
                if kind is yaml.ScalarEvent:
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    index = len(shape)
                    shape.append(("scalar", event.anchor, event.tag, event.implicit, event.style, event.value, tag))
                    if tag == _STR:
                        if event.anchor is not None:
                            anchors[event.anchor] = (index, event, indent, flow)
                        if walked and event.value.strip():
                            candidates.append((path, top.plain if top and top.mapping else None,
                                               index, event, indent, flow))
                    _advance(frames, event.value)
                    continue
                if len(frames) >= MAX_DEPTH:
                    raise _too_deep(name, text, event.start_mark.index)
                mapping = kind is yaml.MappingStartEvent
                shape.append(("mapping" if mapping else "sequence", event.anchor, event.tag, event.implicit,
                              event.flow_style))
                in_flow = bool(event.flow_style) or flow
                frames.append(_Frame(mapping, path or (), walked and path is not None, in_flow,
                                     indent if in_flow else event.start_mark.column))
            elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                frames.pop()
                shape.append(("end",))
                _advance(frames, None)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ReplylintError(f"invalid YAML: {exc.problem or exc.context}", name, mark.line + 1 if mark else None) \
            from None
    except yaml.reader.ReaderError as exc:
        raise ReplylintError(f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}",
                             name, text.count("\n", 0, exc.position) + 1) from None
    except yaml.YAMLError as exc:
        raise ReplylintError(f"invalid YAML: {' '.join(str(exc).split())}", name) from None
    except (ValueError, OverflowError):  # PyYAML's chr() of an escape such as "\UFFFFFFFF"
        line = loader.line + 1 if loader is not None else None
        raise ReplylintError("invalid YAML: an escape sequence names no character", name, line) from None
    finally:
        if loader is not None:
            loader.dispose()

    collection = Collection(shape)
    seen = set()
    for path, plain, index, event, indent, flow in candidates:
        if index in seen or not (_matches(path, key_patterns) or _zendesk_action_value(path, plain)):
            continue
        seen.add(index)
        body = Body(path, index, event.value, event.start_mark.index, event.end_mark.index, event.style or "plain")
        if decode:
            body.scalar = _yaml_scalar(text, event, indent, flow)
        collection.bodies.append(body)
    collection.bodies.sort(key=lambda b: b.index)
    return collection


def _yaml_scalar(text: str, event, indent: int, flow: bool) -> Scalar | None:
    """The body's Scalar, when its characters decode to exactly what PyYAML read."""
    start, column = event.start_mark.index, event.start_mark.column
    if event.anchor is not None or event.tag is not None:  # the scalar starts after its properties
        properties = _PROPERTIES.match(text, start, event.end_mark.index)
        assert properties is not None  # _PROPERTIES matches the empty string too
        stop = properties.end()
        reader = _Reader(text, start, column)
        reader.forward(stop - start)
        start, column = stop, reader.column
    try:
        scalar = Scalar(text, event.style or "plain", start, event.end_mark.index, column, indent, flow,
                        implicit=event.tag in (None, "!") and not event.style)
    except Undecodable:
        return None
    if scalar.raw != event.value or scalar.atoms[-1].end != event.end_mark.index:
        return None
    return scalar


# -- JSON ---------------------------------------------------------------------------------------
_WS = re.compile(r"[ \t\n\r]*")
_LITERAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


@dataclass
class _Container:
    """An open JSON object or array while the text is read."""

    is_object: bool
    path: tuple
    members: dict = field(default_factory=dict)  # filled as we go: a Zendesk action's 'field' precedes its 'value'
    key: str | None = None


def _skip_space(text: str, i: int) -> int:
    """Where the JSON whitespace at i ends."""
    space = _WS.match(text, i)
    return space.end() if space else i


class _JsonReader:
    """A JSON text read value by value, without recursion (a stack of open containers), into a
    Collection: its shape event by event and the reply bodies among its strings."""

    def __init__(self, text: str, name: str, key_patterns, decode: bool):
        self.text, self.name, self.key_patterns, self.decode = text, name, key_patterns, decode
        self.collection = Collection()
        self.shape = self.collection.shape
        self.stack: list[_Container] = []

    def read(self) -> Collection:
        i: int | None = 0
        while i is not None:  # a value starts at i
            i, value, opened = self._value(_skip_space(self.text, i))
            if not opened:
                i = self._after_value(i, value)
        return self.collection

    def _value(self, i: int) -> tuple[int, str | None, bool]:
        """Read the value at i: where it ends, the string it is (None for anything else), and
        whether it opened a container (then i is where its first member starts)."""
        ch = self.text[i:i + 1]
        if ch in ("{", "["):
            return self._open(i, ch)
        if ch == '"':
            return self._string(i)
        if not ch:
            raise self._error("invalid JSON: unexpected end of file", i)
        literal = _LITERAL.match(self.text, i)
        if not literal:
            raise self._error("invalid JSON: expected a value", i)
        self.shape.append(("literal", literal.group(0)))
        return literal.end(), None, False

    def _path(self) -> tuple:
        """The key path of the value that comes next."""
        top = self.stack[-1] if self.stack else None
        return () if top is None else top.path + ((top.key,) if top.is_object else ("[]",))

    def _open(self, i: int, ch: str) -> tuple[int, None, bool]:
        if len(self.stack) >= MAX_DEPTH:
            raise _too_deep(self.name, self.text, i)
        self.shape.append(ch)
        self.stack.append(_Container(ch == "{", self._path()))
        i = _skip_space(self.text, i + 1)
        closer = "}" if ch == "{" else "]"
        if self.text.startswith(closer, i):  # empty: closed at once
            self.stack.pop()
            self.shape.append(closer)
            return i + 1, None, False
        return (self._key(i, self.stack[-1]) if ch == "{" else i), None, True

    def _string(self, i: int) -> tuple[int, str, bool]:
        value, end = self._scan_string(i)
        self.shape.append(("str", value))
        path, top = self._path(), self.stack[-1] if self.stack else None
        if value.strip() and (_matches(path, self.key_patterns) or
                              _zendesk_action_value(path, top.members if top and top.is_object else None)):
            body = Body(path, len(self.shape) - 1, value, i, end, "json")
            if self.decode:
                body.scalar = _json_scalar(self.text, i, end, value)
            self.collection.bodies.append(body)
        return end, value, False

    def _after_value(self, i: int, value: str | None) -> int | None:
        """A value ended at i: pass its separator, closing every container that ends here.
        Where the next value starts, or None at the end of the text."""
        text, stack = self.text, self.stack
        while stack:
            top = stack[-1]
            if top.is_object:
                top.members[top.key] = value
            i = _skip_space(text, i)
            if text.startswith(",", i):
                return self._key(i + 1, top) if top.is_object else i + 1
            closer = "}" if top.is_object else "]"
            if not text.startswith(closer, i):
                raise self._error(f"invalid JSON: expected ',' or '{closer}'", i)
            stack.pop()
            self.shape.append(closer)
            value = None
            i += 1
        if _skip_space(text, i) != len(text):
            raise self._error("invalid JSON: extra data after the top-level value", i)
        return None

    def _key(self, i: int, container: _Container) -> int:
        """Read an object's key and its ':'; where the member's value starts."""
        i = _skip_space(self.text, i)
        if not self.text.startswith('"', i):
            raise self._error("invalid JSON: expected a key in double quotes", i)
        container.key, i = self._scan_string(i)
        self.shape.append(("key", container.key))
        i = _skip_space(self.text, i)
        if not self.text.startswith(":", i):
            raise self._error("invalid JSON: expected ':'", i)
        return i + 1

    def _scan_string(self, i: int) -> tuple[str, int]:
        try:
            return scanstring(self.text, i + 1)
        except json.JSONDecodeError as exc:
            raise self._error(f"invalid JSON: {exc.msg}", exc.pos) from None

    def _error(self, message: str, at: int) -> ReplylintError:
        return ReplylintError(message, self.name, self.text.count("\n", 0, at) + 1)


def _json_scalar(text: str, start: int, end: int, value: str) -> Scalar | None:
    try:
        scalar = Scalar(text, "json", start, end)
    except Undecodable:
        return None
    return scalar if scalar.raw == value and scalar.atoms[-1].end == end else None


def parse_collection(text: str, fmt: str, name: str = "", body_keys=None, decode: bool = True) -> Collection:
    """The shape and the reply bodies of a YAML or JSON collection; a ReplylintError for a file
    that is not valid, nests deeper than MAX_DEPTH or (YAML) has more than one document. With
    `decode`, each body's characters are followed into the file (its Scalar)."""
    keys = tuple(body_keys) if body_keys else DEFAULT_BODY_KEYS
    if fmt == "yaml":
        return _yaml_collection(text, name, keys, decode)
    return _JsonReader(text, name, keys, decode).read()


# -- Documents ----------------------------------------------------------------------------------
def _without_directives(scalar: Scalar, spans: list[tuple[int, int]]) -> None:
    """Leave the `# replylint:` directives inside this scalar out of its clean text (they are
    honoured as directives, suppression.py), with the line break after one that is a line of
    its own, so the reply reads as if the line were not there."""
    inside = [(a, b) for a, b in spans if scalar.start <= a and b <= scalar.end]
    if not inside:
        return
    text, cuts = scalar.text, sorted({x for span in inside for x in span})
    atoms: list[Atom] = []
    for atom in scalar.atoms:  # split verbatim atoms where a directive starts or ends
        verbatim = atom.raw == atom.clean == text[atom.start:atom.end]
        points = [c for c in cuts if atom.start < c < atom.end] if verbatim else []
        for a, b in zip([atom.start] + points, points + [atom.end]):
            atoms.append(Atom(text[a:b], text[a:b], a, b) if points else atom)
    eat_break = False
    for k, atom in enumerate(atoms):
        if any(a <= atom.start and atom.end <= b for a, b in inside) and atom.end > atom.start:
            atoms[k] = Atom(atom.raw, "", atom.start, atom.end)
            line_start = max(text.rfind(c, 0, atom.start) for c in "\n\r\x85\u2028\u2029") + 1
            eat_break = eat_break or (atom.start in {a for a, _ in inside} and not text[line_start:atom.start].strip())
        elif eat_break and atom.clean:
            if atom.clean[0] in " \n":
                atoms[k] = Atom(atom.raw, atom.clean[1:], atom.start, atom.end)
            eat_break = False
    scalar.atoms = atoms
    scalar.reindex()


def _approximate_document(text: str, body: Body, as_html: bool) -> Document:
    """A body whose characters cannot be followed exactly: mapped by matching runs of text
    (positions near enough to report), and never edited."""
    start, end = body.start, body.end
    if body.style in ("|", ">"):
        start = text.find("\n", start) + 1
    elif text[start:start + 1] in ("'", '"'):
        start, end = start + 1, end - 1
    carrier = Document(text)
    carrier.copy_aligned(start, end, body.value, prose=False)
    doc = compose(text, carrier, read_inner(carrier.text, as_html))
    doc.encoder = no_edit
    return doc


def _carrier(text: str, atoms: list[Atom]) -> Document:
    """The body's clean text, mapped atom by atom onto the file."""
    carrier = Document(text)
    for atom in atoms:
        if atom.clean == text[atom.start:atom.end]:
            carrier.copy(atom.start, atom.end)
        else:
            carrier.replace(atom.start, atom.end, atom.clean)
    return carrier


def _body_edit(scalar: Scalar, inner: Document, edit: Edit) -> Edit | None:
    """An edit of the body (file offsets, the replacement as the reply reads it) written in the
    scalar's style, after the inner format's own encoding (HTML entities); None when it cannot be."""
    first, last = scalar.locate(edit.start), scalar.locate(edit.end)
    if first is None or last is None:
        return None
    inner_edit = written_inside(inner, replace(edit, start=first[1], end=last[1]))
    if inner_edit is None:
        return None
    written = scalar.encode(edit.start, edit.end, inner_edit.replacement)
    return None if written is None else replace(edit, replacement=written)


def _body_document(text: str, body: Body, directives: list[tuple[int, int]]) -> Document:
    """A Document whose clean text is the decoded body and whose map points into the file."""
    scalar = body.scalar
    if scalar is None:
        return _approximate_document(text, body, _is_html(body.path, body.value))
    _without_directives(scalar, directives)
    carrier = _carrier(text, scalar.atoms)
    inner = read_inner(carrier.text, _is_html(body.path, carrier.text))
    doc = compose(text, carrier, inner)
    doc.encoder = partial(_body_edit, scalar, inner)
    return doc


def _is_html(path: tuple, value: str) -> bool:
    return bool(path and HTML_KEYS.search(path[-1])) or bool(re.search(r"<(?:p|br|div)\b", value, re.I))


def from_collection(name: str, text: str, fmt: str, body_keys=None) -> list[Document]:
    from ..suppression import hash_directive_spans
    from . import format_named

    collection = parse_collection(text, fmt, name, body_keys)
    directives = hash_directive_spans(text) if "hash" in format_named(fmt).directives else []
    return [_body_document(text, body, directives) for body in collection.bodies]
