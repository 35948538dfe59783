"""Findings as LSP diagnostics. LSP counts a line's characters in UTF-16 code units, replylint in
code points; positions.Utf16Offsets converts them, so an emoji before a finding does not shift
its squiggle. A rule has no documentation page, so `codeDescription` is left out and the
explanation is in the hover (hover.py)."""
from __future__ import annotations

from lsprotocol import types

from ..findings import Finding
from ..positions import Utf16Offsets

SOURCE = "replylint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def lsp_range(offsets: Utf16Offsets, start: int, end: int) -> types.Range:
    """The LSP range of code points [start, end)."""
    (line, character), (end_line, end_character) = offsets.position(start), offsets.position(end)
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def to_diagnostic(finding: Finding, offsets: Utf16Offsets) -> types.Diagnostic:
    """One finding, its rule id as the code."""
    return types.Diagnostic(
        range=lsp_range(offsets, finding.start, finding.end),
        message=finding.message + (f"\n{finding.note}" if finding.note else ""),
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule_id,
        source=SOURCE,
    )


def problem_diagnostic(message: str, line: int = 0) -> types.Diagnostic:
    """What cannot be linted (a broken configuration, an unreadable rule pack, a document its
    format rejects) as one diagnostic at the start of `line`, so the user sees why the
    squiggles are missing."""
    return types.Diagnostic(range=types.Range(types.Position(line, 0), types.Position(line, 1)),
                            message=f"replylint: {message}", severity=types.DiagnosticSeverity.Error,
                            source=SOURCE)


def overlaps(finding: Finding, start: int, end: int) -> bool:
    """Whether the finding touches code points [start, end] (a cursor touching either edge counts)."""
    return finding.start <= end and start <= finding.end
