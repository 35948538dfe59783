"""The formatter interface: results in, the report written to a stream. Formatters never lint or
parse.

Whatever a result holds, the report can be written as UTF-8: a file name with bytes that are
not UTF-8 reaches Python as lone surrogates, and so can a JSON "\\ud800" escape in a reply, and
either used to raise UnicodeEncodeError halfway through a report (`encodable`)."""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..findings import Finding


@dataclass(frozen=True)
class FileResult:
    path: str
    source: str
    findings: list[Finding]


class TextStream(Protocol):
    """Where a report goes: stdout (through click), a file, a StringIO."""

    def write(self, text: str, /) -> object: ...


def encodable(text: str) -> str:
    """`text`, with any lone surrogate written as its backslash escape ("\\udcff"): readable in a
    text report, and in JSON the very escape that stands for the same character."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class Formatter:
    """Turns the results of one run into the report written to stdout.

    A formatter implements `format` (the report as one string) or, to write a large report a
    piece at a time, `write`; each is given in terms of the other."""

    def __init__(self, color: bool = False, rules: Sequence = (), excluded: int = 0, verbose: bool = False):
        self.color = color
        self.verbose = verbose  # show each finding's note (what a whole-reply rule judged)
        self.rules = list(rules)  # RuleSpecs of the run, for formats that describe their rules
        self.excluded = excluded  # files the configuration's include/exclude left out, for a summary

    def format(self, results: list[FileResult]) -> str:
        """The whole report as one string (what tests read)."""
        if type(self).write is Formatter.write:
            raise NotImplementedError(f"{type(self).__name__} implements neither format nor write")
        out = io.StringIO()
        self.write(results, out)
        return out.getvalue()

    def write(self, results: list[FileResult], stream: TextStream) -> None:
        """Write the report to `stream`."""
        stream.write(self.format(results))
