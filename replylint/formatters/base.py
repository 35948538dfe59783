"""The formatter interface: results in, one string out. Formatters never lint or parse."""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding


@dataclass(frozen=True)
class FileResult:
    path: str
    source: str
    findings: list[Finding]


class Formatter:
    """Turns the results of one run into the text written to stdout."""

    def __init__(self, color: bool = False, rules=()):
        self.color = color
        self.rules = list(rules)  # RuleSpecs of the run, for formats that describe their rules

    def format(self, results: list[FileResult]) -> str:
        raise NotImplementedError
