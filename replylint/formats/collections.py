"""YAML and JSON collections of canned responses → one Document per reply body.

A string is a reply body when its key is one of `body_keys` (defaults recognise common exports:
`body`, `content`, `text`, `html`, `content_html`, `comment_value`, `comment_value_html`, Help
Scout saved replies, Freshdesk canned responses) or when it is the `value` of a Zendesk macro
action whose `field` is a comment. A key path such as `macros[].actions[].value` or
`replies.*.message` selects bodies explicitly. Each body keeps a map back to its place in the
file (through quotes, escapes and block-scalar indentation), and HTML bodies are read as HTML.
"""
from __future__ import annotations

import json
import re

from ..document import Document, mark_regions
from ..errors import ReplylintError

DEFAULT_BODY_KEYS = ("body", "content", "text", "html", "body_html", "content_html", "comment_value",
                     "comment_value_html", "message", "reply", "response", "template")
HTML_KEYS = re.compile(r"html", re.IGNORECASE)


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


# -- YAML ---------------------------------------------------------------------------------------
def _yaml_bodies(text: str, name: str, key_patterns):
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ReplylintError(f"invalid YAML: {exc.problem or exc.context}", name, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ReplylintError(f"invalid YAML: {exc}", name) from None

    def walk(node, path, parent_map):
        if isinstance(node, yaml.MappingNode):
            plain = {k.value: v.value for k, v in node.value
                     if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    yield from walk(value_node, path + (key_node.value,), plain)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item, path + ("[]",), None)
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value.strip():
            if _matches(path, key_patterns) or _zendesk_action_value(path, parent_map):
                yield path, node.value, node.start_mark.index, node.end_mark.index

    if root is not None:
        yield from walk(root, (), None)


# -- JSON ---------------------------------------------------------------------------------------
_WS = re.compile(r"[ \t\n\r]*")
_LITERAL = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def _json_bodies(text: str, name: str, key_patterns):
    from json.decoder import scanstring

    def error(message, at):
        raise ReplylintError(message, name, text.count("\n", 0, at) + 1)

    def value(i, path, parent):
        i = _WS.match(text, i).end()
        if i >= len(text):
            error("invalid JSON: unexpected end of file", i)
        ch = text[i]
        if ch == "{":
            return obj(i + 1, path)
        if ch == "[":
            return arr(i + 1, path)
        if ch == '"':
            try:
                string, end = scanstring(text, i + 1)
            except json.JSONDecodeError as exc:
                error(f"invalid JSON: {exc.msg}", exc.pos)
            if string.strip() and (_matches(path, key_patterns) or _zendesk_action_value(path, parent)):
                found.append((path, string, i + 1, end - 1))
            return end, string
        m = _LITERAL.match(text, i)
        if not m:
            error("invalid JSON: expected a value", i)
        return m.end(), json.loads(m.group(0))

    def obj(i, path):
        members = {}  # filled as we go: a Zendesk action's 'field' precedes its 'value' in exports
        i = _WS.match(text, i).end()
        if text.startswith("}", i):
            return i + 1, members
        while True:
            i = _WS.match(text, i).end()
            if not text.startswith('"', i):
                error("invalid JSON: expected a key in double quotes", i)
            key, i = scanstring(text, i + 1)
            i = _WS.match(text, i).end()
            if not text.startswith(":", i):
                error("invalid JSON: expected ':'", i)
            i, member = value(i + 1, path + (key,), members)
            members[key] = member
            i = _WS.match(text, i).end()
            if text.startswith(",", i):
                i += 1
                continue
            if text.startswith("}", i):
                return i + 1, members
            error("invalid JSON: expected ',' or '}'", i)

    def arr(i, path):
        items = []
        i = _WS.match(text, i).end()
        if text.startswith("]", i):
            return i + 1, items
        while True:
            i, item = value(i, path + ("[]",), None)
            items.append(item)
            i = _WS.match(text, i).end()
            if text.startswith(",", i):
                i += 1
                continue
            if text.startswith("]", i):
                return i + 1, items
            error("invalid JSON: expected ',' or ']'", i)

    found: list = []
    end, _ = value(0, (), None)
    if _WS.match(text, end).end() != len(text):
        error("invalid JSON: extra data after the top-level value", end)
    return found


def _body_document(text: str, value: str, start: int, end: int, as_html: bool) -> Document:
    """A Document whose clean text is the decoded body and whose map points into the file."""
    inner_source = value
    if as_html:
        from .html import from_html
        inner = from_html(inner_source)
    else:
        from ..document import from_plain_text
        inner = from_plain_text(inner_source)
    # Map the decoded body onto the file (through quotes, escapes, indentation), then route
    # each piece of the inner map through it, splitting where the two maps' pieces meet.
    carrier = Document(text)
    carrier.copy_aligned(start, end, value, prose=False)
    outer = list(carrier.pieces())
    doc = Document(text)
    for c0, c1, s0, s1 in inner.pieces():
        if c1 - c0 != s1 - s0:  # markup or a stand-in inside the body: map the stretch as a whole
            f0 = carrier.to_source(s0)
            doc.replace(f0, max(f0, carrier.to_source(s1, is_end=True)) if s1 > s0 else f0, inner.text[c0:c1])
            continue
        for v0, v1, f0, f1 in outer:
            a, b = max(s0, v0), min(s1, v1)
            if a >= b:
                continue
            if v1 - v0 == f1 - f0:
                doc.copy(f0 + (a - v0), f0 + (b - v0))
            else:
                doc.replace(f0, f1, value[a:b])
    doc.regions = list(inner.regions)
    if not doc._clean_starts:
        doc.replace(start, end, "")
    mark_regions(doc)
    return doc


def from_collection(name: str, text: str, fmt: str, body_keys=None) -> list[Document]:
    keys = tuple(body_keys) if body_keys else DEFAULT_BODY_KEYS
    bodies = _yaml_bodies(text, name, keys) if fmt == "yaml" else _json_bodies(text, name, keys)
    documents = []
    for path, value, start, end in bodies:
        if fmt == "yaml" and text[start:start + 1] in ("|", ">"):
            start = text.find("\n", start) + 1  # the block scalar's text starts on the next line
        elif text[start:start + 1] in ("'", '"'):
            start, end = start + 1, end - 1
        as_html = bool(path and HTML_KEYS.search(path[-1])) or bool(re.search(r"<(?:p|br|div)\b", value, re.I))
        documents.append(_body_document(text, value, start, end, as_html))
    return documents
