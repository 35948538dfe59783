"""The formatters on results built by hand: any text survives every format."""
from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from replylint.findings import Edit, Finding, Suggestion
from replylint.formatters import FORMATTERS, FileResult


def finding_at(source: str, start: int, end: int, rule_id: str = "calm-down", message: str = "Don't.",
               preview: str = "", line: int | None = None, column: int | None = None) -> Finding:
    """A finding over source[start:end], positioned as Document.position counts (\\r\\n, \\r, \\n)."""
    before = source[:start].replace("\r\n", "\n").replace("\r", "\n")
    line = line or before.count("\n") + 1
    column = column or len(before) - (before.rfind("\n") + 1) + 1
    edits = (Edit(start, end, "", "safe", False, "drop it", preview),) if preview else ()
    return Finding(rule_id, "error", message, start, end, line, column, line, column + end - start,
                   source[start:end], (Suggestion(None, message),), edits)


ANY_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs"]))  # lone surrogates too


def any_text(min_size=0, max_size=40):
    """st.text would drop the surrogates: it keeps to characters UTF-8 can encode."""
    return st.lists(ANY_CHAR, min_size=min_size, max_size=max_size).map("".join)


ANY_TEXT = any_text()


@settings(max_examples=60, deadline=None)
@given(path=ANY_TEXT, source=any_text(1, 200), message=ANY_TEXT, preview=ANY_TEXT,
       data=st.data())
def test_every_format_of_any_text_can_be_written_as_utf8(path, source, message, preview, data):
    """A lone surrogate (an undecodable file name, a JSON "\\ud800" escape) in a path, a message, a
    quote or a preview used to make every format's output unwritable (UnicodeEncodeError)."""
    start = data.draw(st.integers(0, len(source) - 1))
    end = data.draw(st.integers(start + 1, len(source)))
    result = FileResult(path, source, [finding_at(source, start, end, message=message, preview=preview or "x")])
    for name, formatter in FORMATTERS.items():
        out = formatter(color=True).format([result])
        out.encode("utf-8")
        if name in ("json", "sarif"):
            json.loads(out)
    [row] = json.loads(FORMATTERS["json"]().format([result]))
    assert row["path"] == paired(path) and row["text"] == paired(source[start:end])  # JSON's own escapes


def paired(text: str) -> str:
    """`text` as JSON reads its escapes back: a high and a low surrogate side by side are one character."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")

