"""The formatters on results built by hand: any text survives every format, and the text format
shows a long line as a window around the span instead of the whole line per finding."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.findings import Edit, Finding, Suggestion
from replylint.formatters import OUTPUT_FORMATS, FileResult
from replylint.formatters.text import WINDOW, TextFormatter


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
    for name, output in OUTPUT_FORMATS.items():
        out = output.formatter(color=True).format([result])
        out.encode("utf-8")
        if name in ("json", "sarif"):
            json.loads(out)
    [row] = json.loads(OUTPUT_FORMATS["json"].formatter().format([result]))
    assert row["path"] == paired(path) and row["text"] == paired(source[start:end])  # JSON's own escapes


def paired(text: str) -> str:
    """`text` as JSON reads its escapes back: a high and a low surrogate side by side are one character."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def excerpt(source: str, finding: Finding) -> tuple[str, str]:
    """The shown line and its underline, without the four-space indent."""
    lines = TextFormatter().format([FileResult("r.html", source, [finding])]).splitlines()
    return lines[1][4:], lines[2][4:]


LONG = "a" * 60_000 + " please calm down " + "b" * 60_000


@pytest.mark.parametrize("start,left,right", [
    (LONG.index("calm"), True, True),        # the middle of a long line
    (0, False, True),                         # its start
    (len(LONG) - 9, True, False),             # its end
])
def test_a_long_line_is_shown_as_a_window_with_the_underline_under_the_span(start, left, right):
    """A one-line HTML e-mail used to be printed whole under each of its findings (a 100 KB
    line with a few thousand findings made 348 MB of output; a 5 MB one a MemoryError)."""
    shown, underline = excerpt(LONG, finding_at(LONG, start, start + 9))
    assert len(shown) <= WINDOW + 2
    assert shown.startswith("…") is left and shown.endswith("…") is right
    column = underline.index("^")
    assert underline[column:] == "^" * 9
    assert shown[column:column + 9] == LONG[start:start + 9]


def test_a_span_wider_than_the_window_is_shown_from_its_start():
    source = "x" * 500 + "y" * 300 + "z" * 500
    shown, underline = excerpt(source, finding_at(source, 500, 800))
    assert shown == "…" + "y" * WINDOW + "…"
    assert underline == " " + "^" * WINDOW


def test_output_stays_proportional_to_the_findings_on_a_five_megabyte_line():
    source = ("Thanks for writing in. " * 230_000)[:5_000_000] + "\n"
    findings = [finding_at(source, i, i + 6) for i in range(0, 5_000_000, 25_000)]
    out = TextFormatter().format([FileResult("mail.html", source, findings)])
    assert len(out) < len(findings) * 300


class CountingStr(str):
    """A source that counts how often it is split into lines."""
    splits = 0

    def splitlines(self, *args, **kwargs):
        CountingStr.splits += 1
        return super().splitlines(*args, **kwargs)


def test_a_file_is_split_into_lines_once_not_once_per_finding():
    source = CountingStr("Please calm down.\n" * 2000)
    findings = [finding_at(source, i * 18 + 7, i * 18 + 16) for i in range(2000)]
    CountingStr.splits = 0
    TextFormatter().format([FileResult("r.txt", source, findings)])
    assert CountingStr.splits <= 1


@pytest.mark.parametrize("separator", ["\x0c", "\x0b", "\u2028", "\x85"])
def test_only_the_line_breaks_findings_count_split_the_excerpt(separator):
    """Findings count lines by \\r\\n, \\r and \\n; str.splitlines also splits at form feeds and
    U+2028, so the excerpt used to show the wrong line with the underline past its end."""
    source = f"Hi Sam,{separator}Please calm down. Thanks\n"
    start = source.index("calm")
    shown, underline = excerpt(source, finding_at(source, start, start + 9))
    assert shown == "Hi Sam,\ufffdPlease calm down. Thanks"
    assert underline == " " * start + "^" * 9


def test_control_characters_in_a_draft_never_reach_the_terminal():
    source = "Please \x1b[2J\x1b]0;pwned\x07calm down.\n"
    start = source.index("calm")
    shown, underline = excerpt(source, finding_at(source, start, start + 9))
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown[underline.index("^"):].startswith("calm down")


def test_the_summary_counts_what_the_configuration_excluded():
    source = "Please calm down.\n"
    result = FileResult("r.txt", source, [finding_at(source, 7, 16)])
    assert TextFormatter(excluded=2).format([result]).endswith(
        "1 finding (1 error) in 1 file checked, 2 excluded\n")
    assert TextFormatter(excluded=1).format([]).endswith("no findings in 0 files checked, 1 excluded\n")
    assert TextFormatter().format([]).endswith("no findings in 0 files checked\n")


class _Recorder:
    """A stream that keeps each write apart."""

    def __init__(self):
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return len(text)


def _results(findings_per_file: int) -> list[FileResult]:
    source = "Please calm down. " * 20
    return [FileResult(f"macros/{n}.txt", source, [finding_at(source, 7, 16, preview="Please.")] * findings_per_file)
            for n in range(3)]


@pytest.mark.parametrize("output", OUTPUT_FORMATS.values(), ids=lambda o: o.name)
@pytest.mark.parametrize("findings", [0, 1, 400])
def test_write_is_format_and_a_streaming_format_writes_a_piece_at_a_time(output, findings):
    results = _results(findings)
    recorder = _Recorder()
    output.formatter(rules=()).write(results, recorder)
    report = output.formatter(rules=()).format(results)
    assert "".join(recorder.writes) == report
    if output.streams and findings == 400:  # hundreds of kilobytes: never held as one string
        assert len(recorder.writes) > 3 and max(map(len, recorder.writes)) < len(report) / 3


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(ANY_TEXT, any_text(1, 60), st.integers(0, 3)), max_size=4))
def test_the_json_report_is_exactly_the_dump_of_every_finding(files):
    results = [FileResult(path, source, [finding_at(source, 0, len(source), preview=source)] * n)
               for path, source, n in files]
    rows = [{"path": r.path, **f.to_dict()} for r in results for f in r.findings]
    expected = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    assert OUTPUT_FORMATS["json"].formatter().format(results) == \
        expected.encode("utf-8", "backslashreplace").decode("utf-8")


def test_the_command_and_the_readme_list_every_output_format():
    from click.testing import CliRunner

    from replylint.cli import main

    from .conftest import ROOT

    names = "|".join(OUTPUT_FORMATS)
    assert f"[{names}]" in CliRunner().invoke(main, ["check", "--help"]).output
    assert f"`--format {names}`" in (ROOT / "README.md").read_text(encoding="utf-8")
