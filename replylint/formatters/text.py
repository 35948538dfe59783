"""Text for people: the location, the rule, the source line with the span underlined, and the
preferred rewrite of the sentence (or, when there is none, the rule's advice), ending with a
one-line summary."""
from __future__ import annotations

from collections import Counter

from .base import FileResult, Formatter, encodable

STYLES = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "dim": "\033[2m", "reset": "\033[0m"}


def _how(edit) -> str:
    if edit.needs_input:
        return "fill in the [brackets] yourself"
    if edit.safety == "safe":
        return "safe: `replylint fix` applies it"
    return "suggested: `replylint fix --unsafe` applies it"


class TextFormatter(Formatter):
    def _paint(self, text: str, style: str) -> str:
        return f"{STYLES[style]}{text}{STYLES['reset']}" if self.color else text

    def _excerpt(self, source: str, finding) -> list[str]:
        lines = source.splitlines()
        if not 0 < finding.line <= len(lines):
            return []
        line = lines[finding.line - 1].expandtabs(1)
        end = finding.end_column if finding.end_line == finding.line else len(line) + 1
        width = max(1, end - finding.column)
        return [f"    {line}", "    " + " " * (finding.column - 1) + self._paint("^" * width, finding.severity)]

    def format(self, results: list[FileResult]) -> str:
        out: list[str] = []
        counts: Counter = Counter()
        for result in results:
            for f in result.findings:
                counts[f.severity] += 1
                head = f"{result.path}:{f.line}:{f.column}: {self._paint(f.severity, f.severity)} {f.rule_id} {f.message}"
                out.append(head)
                out.extend(self._excerpt(result.source, f))
                if f.edits:
                    shown = f.edits[0].preview or "(remove the sentence)"
                    out.append(self._paint(f"    rewrite: {shown}  ({_how(f.edits[0])})", "dim"))
                elif f.suggestions:
                    s = f.suggestions[0]
                    shown = f'"{s.replacement}" — ' if s.replacement else ""
                    out.append(self._paint(f"    suggestion: {shown}{s.description}", "dim"))
        total = sum(counts.values())
        files = len(results)
        if total:
            parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s])
            out.append(f"{total} finding{'s' if total != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''} checked")
        else:
            out.append(f"no findings in {files} file{'s' if files != 1 else ''} checked")
        return encodable("\n".join(out) + "\n")
