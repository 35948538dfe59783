"""Properties of `Linter.fix` on generated YAML and JSON macro collections (every scalar style,
the default body keys, bodies built from the rule pack's examples, template fields and the
characters containers escape): it never raises; the fixed file parses to the same structure with
only body values changed, each (after one pass) to exactly its intended value as the parser
itself reads it; template fields are kept byte for byte; and fixing twice changes nothing."""
from __future__ import annotations

import json
from unittest import mock

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint import fixing
from replylint.formats.collections import DEFAULT_BODY_KEYS

from .test_collections import fields, load
from .test_properties import FIELDS, SENTENCES

AWKWARD = ['"Reset"', "it's", "&anchor", "*star", "# hash", "#1", "key: value", "a:b", "back\\slash", "\\u00e9",
           "\U0001F600", "é", " - dash", "- list", "? query", "!tag", "|pipe", ">angle", "%percent", "@at", "`tick`",
           "<b>bold</b>", "&amp;", "<", "yes", "42", "~", "Just", "Obviously", "Please calm down.", "!!"]
SEPARATORS = [" ", "  ", "\n", "\n\n", ", ", " — ", ". ", "\t"]

pieces = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(FIELDS), st.sampled_from(AWKWARD))
bodies = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), min_size=1, max_size=5).map(
    lambda parts: "".join(p + s for p, s in parts).strip(" \t") or "Obviously.")
macros = st.lists(st.tuples(st.sampled_from(DEFAULT_BODY_KEYS), bodies, st.sampled_from([None, "'", '"', "|", ">"]),
                            st.booleans()), min_size=1, max_size=3)


def _node(value, style=None):
    return yaml.ScalarNode("tag:yaml.org,2002:str", value, style=style)


@st.composite
def yaml_collections(draw):
    """A macro list written by PyYAML's emitter in the drawn styles (it falls back to a style
    that can hold the value), folded at the drawn width, non-ASCII raw or as \\u escapes."""
    items = [yaml.MappingNode("tag:yaml.org,2002:map", [(_node("title"), _node("T")), (_node(key), _node(body, style))],
                              flow_style=flow) for key, body, style, flow in draw(macros)]
    root = yaml.MappingNode("tag:yaml.org,2002:map", [(_node("macros"), yaml.SequenceNode("tag:yaml.org,2002:seq", items))])
    return yaml.serialize(root, allow_unicode=draw(st.booleans()), width=draw(st.sampled_from([24, 60, 1000])),
                          indent=draw(st.sampled_from([2, 4])))


@st.composite
def json_collections(draw):
    data = {"macros": [{"title": "T", key: body} for key, body, _, _ in draw(macros)]}
    return json.dumps(data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))


def _scalar_styles(text: str, fmt: str) -> list:
    """(start, end, style) of each scalar node, to read a written replacement back as PyYAML would."""
    if fmt == "json":
        return []
    out, todo = [], [yaml.compose(text, Loader=yaml.SafeLoader)]
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.ScalarNode):
            out.append((node.start_mark.index, node.end_mark.index, node.style))
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif isinstance(node, yaml.MappingNode):
            todo += [n for pair in node.value for n in pair]
    return out


def _read(written: str, fmt: str, style) -> str:
    if fmt == "json":
        return json.loads('"' + written + '"')
    return yaml.safe_load(style + written + style) if style in ("'", '"') else written


def intended(text: str, fmt: str, edits) -> object:
    """What `text` should parse to once `edits` are applied in value coordinates, found by the
    parser itself: a private-use character is put at each end of each edit, the text parsed, and
    each marked stretch of a value replaced by what the edit's replacement reads as."""
    styles = _scalar_styles(text, fmt)
    marked, pos, marks = [], 0, {}
    for i, edit in enumerate(sorted(edits, key=lambda e: (e.start, e.end))):
        first, last = chr(0xE000 + 2 * i), chr(0xE001 + 2 * i)
        marked += [text[pos:edit.start], first, text[edit.start:edit.end], last]
        pos = edit.end
        style = min((s for s in styles if s[0] <= edit.start and edit.end <= s[1]), key=lambda s: s[1] - s[0],
                    default=(0, 0, None))[2]
        marks[first] = (last, _read(edit.replacement, fmt, style))
    marked.append(text[pos:])

    def put_in(value):
        if isinstance(value, dict):
            return {put_in(k): put_in(v) for k, v in value.items()}
        if isinstance(value, list):
            return [put_in(v) for v in value]
        if isinstance(value, str):
            for first, (last, replacement) in marks.items():
                if first in value:
                    value = value[:value.index(first)] + replacement + value[value.index(last) + 1:]
        return value
    return put_in(load("".join(marked), fmt))


def _same_but_bodies(before, after):
    """Only the body values may differ, and only as strings."""
    todo = [(before, after, None)]
    while todo:
        a, b, key = todo.pop()
        if isinstance(a, dict):
            assert isinstance(b, dict) and list(a) == list(b)
            todo += [(a[k], b[k], k) for k in a]
        elif isinstance(a, list):
            assert isinstance(b, list) and len(a) == len(b)
            todo += [(x, y, None) for x, y in zip(a, b)]
        elif key in DEFAULT_BODY_KEYS and isinstance(a, str):
            assert isinstance(b, str)
        else:
            assert a == b


def _check(linter, text, fmt, unsafe):
    with mock.patch.object(fixing, "MAX_PASSES", 1):
        one_pass = linter.fix(text, unsafe=unsafe, format=fmt)
    assert load(one_pass.text, fmt) == intended(text, fmt, [a.edit for a in one_pass.applied])
    result = linter.fix(text, unsafe=unsafe, format=fmt)
    _same_but_bodies(load(text, fmt), load(result.text, fmt))
    assert fields(result.text) == fields(text), "a template field was changed"
    again = linter.fix(result.text, unsafe=unsafe, format=fmt)
    assert again.text == result.text and not again.applied, "fixing twice changed the text again"


# The fuzz targets (fuzz/run.py): a property, its strategies, and nothing tied to pytest.
TARGETS = {"yaml-collections": (lambda linter, text, unsafe: _check(linter, text, "yaml", unsafe),
                                {"text": yaml_collections(), "unsafe": st.booleans()}),
           "json-collections": (lambda linter, text, unsafe: _check(linter, text, "json", unsafe),
                                {"text": json_collections(), "unsafe": st.booleans()})}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yaml_collections(), unsafe=st.booleans())
def test_fixing_generated_yaml_collections(linter, text, unsafe):
    _check(linter, text, "yaml", unsafe)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=json_collections(), unsafe=st.booleans())
def test_fixing_generated_json_collections(linter, text, unsafe):
    _check(linter, text, "json", unsafe)
