"""The formatter interface: results in, one string out. Formatters never lint or parse.

Whatever a result holds, the string out can be written as UTF-8: a file name with bytes that are
not UTF-8 reaches Python as lone surrogates, and so can a JSON "\\ud800" escape in a reply, and
either used to raise UnicodeEncodeError halfway through a report (`encodable`)."""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding


@dataclass(frozen=True)
class FileResult:
    path: str
    source: str
    findings: list[Finding]


def encodable(text: str) -> str:
    """`text`, with any lone surrogate written as its backslash escape ("\\udcff"): readable in a
    text report, and in JSON the very escape that stands for the same character."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class Formatter:
    """Turns the results of one run into the text written to stdout."""

    def __init__(self, color: bool = False, rules=(), excluded: int = 0):
        self.color = color
        self.rules = list(rules)  # RuleSpecs of the run, for formats that describe their rules
        self.excluded = excluded  # files the configuration's include/exclude left out, for a summary

    def format(self, results: list[FileResult]) -> str:
        raise NotImplementedError
