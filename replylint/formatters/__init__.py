"""Output formats: one small class each behind one interface (flake8's formatter plugins), and
one `OutputFormat` record each in `OUTPUT_FORMATS`, the only list of them: the command's
`--format` choices and help, and the check of the README's list, are derived from it."""
from __future__ import annotations

from dataclasses import dataclass

from .base import FileResult, Formatter
from .github import GithubFormatter
from .json import JsonFormatter
from .sarif import SarifFormatter
from .text import TextFormatter


@dataclass(frozen=True)
class OutputFormat:
    name: str                   # what `--format` says
    formatter: type[Formatter]
    description: str            # for the command's help
    # Whether `Formatter.write` writes the report a finding at a time, so its memory stays flat
    # however large the input; the others build the report whole and write it once.
    streams: bool = False


OUTPUT_FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("text", TextFormatter, "for people"),
    OutputFormat("json", JsonFormatter, "findings as a list, for tools", streams=True),
    OutputFormat("sarif", SarifFormatter, "SARIF 2.1.0, for code scanning"),
    OutputFormat("github", GithubFormatter, "GitHub Actions annotations"),
)}

__all__ = ["OUTPUT_FORMATS", "FileResult", "Formatter", "OutputFormat"]
