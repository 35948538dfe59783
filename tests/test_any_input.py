"""Any input through the library, in every format: `Linter.lint` and `Linter.fix` either answer or
raise a ReplylintError (a one-line message for the user), never another exception; every offset
slices the input to the finding's text; fixing twice changes nothing; template fields come out
byte-identical.

The same properties are the fuzz targets in fuzz/: `fuzz/run.py` feeds these tests bytes from
atheris (coverage-guided) through Hypothesis's `fuzz_one_input`, for as long as you let it run;
CI runs the bounded Hypothesis search below.
"""
from __future__ import annotations

import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.document import PLACEHOLDER
from replylint.errors import ReplylintError
from replylint.rules import load_rules

EXAMPLES = sorted({text for spec in load_rules() for kind in ("bad", "good") for text in spec.examples[kind]})
FIELDS = ["{{ticket.requester.first_name}}", "{% if vip %}", "${agent}", "%{order_id}", "[Customer Name]",
          "<<SIGNATURE>>", "{{ 'a' | upcase }}"]
# What hostile text is made of: markup and escapes of every format, quotes, line breaks of every
# kind, emoji and lone surrogates, directives, anchors and aliases.
HOSTILE = ["\n", "\r\n", "\r", "\n\n", "\t", " \\\n", "  \n", "\u2028", "\x0c", "\x1b[1m", "\ufeff",
           '"', "'", "“", "”", "’", "`", "```", "> ", "<", ">", "&", "&amp;", "&#x1F600;", "<p>", "</p>",
           "<br>", "<b>", "<!--", "-->", "<!-- replylint: disable=shouting -->", "# replylint: disable-line",
           "*", "**", "_", "#", "# ", "- ", "1. ", "[x](y)", "![", "](", "\\", "\\u", "\\ud83d", "\\ude00",
           "\\n", "\\\"", ": ", " #", "&a", "*a", "!tag", "|", ">-", "{", "}", "[", "]", ",", "@handle",
           ":wave:", "😀", "\U0001F44B", "\u0301", "\ud83d", "\ude00", "ß", "İ", "ﬁ", "!!", "??", "...",
           "OBVIOUSLY", "Just", "calm down", "CALM DOWN", "you didn't", "soon", "Sorry for any inconvenience"]

pieces = st.one_of(st.sampled_from(EXAMPLES), st.sampled_from(FIELDS), st.sampled_from(HOSTILE),
                   st.text(max_size=8))
texts = st.lists(pieces, max_size=14).map("".join)


def _yaml_scalar(draw, body: str) -> str:
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded"]))
    if style == "double":
        return json.dumps(body, ensure_ascii=draw(st.booleans()))
    if style == "single":
        return "'" + body.replace("'", "''") + "'"
    if style in ("literal", "folded"):
        return ("|" if style == "literal" else ">") + "\n" + "".join("    " + line + "\n"
                                                                   for line in body.splitlines() or [""])
    return body


@st.composite
def yaml_collections(draw) -> str:
    """A macro collection, valid or not: bodies in every scalar style under reply keys."""
    lines = ["macros:"]
    for _ in range(draw(st.integers(1, 3))):
        body = draw(texts)
        key = draw(st.sampled_from(["reply", "body", "text", "title", "message"]))
        lines.append(f"  - {key}: {_yaml_scalar(draw, body)}".rstrip("\n"))
    return "\n".join(lines) + "\n"


@st.composite
def json_collections(draw) -> str:
    items = [{draw(st.sampled_from(["reply", "body", "title", "html"])): draw(texts)}
             for _ in range(draw(st.integers(1, 3)))]
    text = json.dumps({"macros": items}, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))
    if draw(st.booleans()):  # and now and then a broken one
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(HOSTILE)) + text[cut:]
    return text


inputs = st.one_of(
    st.tuples(st.sampled_from(["text", "markdown", "html", "auto"]), texts),
    st.tuples(st.just("yaml"), yaml_collections()),
    st.tuples(st.just("json"), json_collections()),
)

# REPLYLINT_PROPERTY_EXAMPLES searches longer than CI does (fuzz/README.md).
SETTINGS = settings(max_examples=int(os.environ.get("REPLYLINT_PROPERTY_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=list(HealthCheck))


def _fields(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def check_lint(linter, case) -> None:
    fmt, text = case
    try:
        findings = linter.lint(text, format=fmt, name=f"reply.{fmt}")
    except ReplylintError as exc:
        assert "\n" not in str(exc)
        return
    for f in findings:
        assert text[f.start:f.end] == f.text
        before = text[:f.start]
        assert f.line == len(re.findall(r"\r\n|\r|\n", before)) + 1
        for edit in f.edits:
            assert 0 <= edit.start <= edit.end <= len(text)
        json.dumps(f.to_dict())  # a plugin serialises every finding


def check_fix(linter, case, unsafe) -> None:
    fmt, text = case
    try:
        result = linter.fix(text, unsafe=unsafe, format=fmt, name=f"reply.{fmt}")
    except ReplylintError as exc:
        assert "\n" not in str(exc)
        return
    assert _fields(result.text) == _fields(text), "a template field was changed"
    again = linter.fix(result.text, unsafe=unsafe, format=fmt, name=f"reply.{fmt}")
    assert again.text == result.text and not again.applied, "fixing twice changed the text again"


# The fuzz targets (fuzz/run.py): a property, its strategies, and nothing tied to pytest.
TARGETS = {"lint": (check_lint, {"case": inputs}),
           "fix": (check_fix, {"case": inputs, "unsafe": st.booleans()})}


@SETTINGS
@given(case=inputs)
def test_lint_answers_any_input_with_exact_offsets(linter, case):
    check_lint(linter, case)


@SETTINGS
@given(case=inputs, unsafe=st.booleans())
def test_fix_any_input_is_idempotent_and_keeps_template_fields(linter, case, unsafe):
    check_fix(linter, case, unsafe)
