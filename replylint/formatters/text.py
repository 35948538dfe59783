"""Text for people: the location, the rule, the source line with the span underlined, and the
preferred rewrite of the sentence (or, when there is none, the rule's advice), ending with a
one-line summary.

The line is shown as a window of at most WINDOW columns around the span, with "…" where it was
cut: an HTML e-mail is often one line of 100 KB, and printing it whole for each of its findings
made hundreds of megabytes of output (and a MemoryError at 5 MB). Each file's line starts are
found once, not once per finding, and only the window is ever copied."""
from __future__ import annotations

import re
from collections import Counter

from .base import FileResult, Formatter, encodable

STYLES = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "dim": "\033[2m", "reset": "\033[0m"}
WINDOW = 100
ELLIPSIS = "…"
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the breaks Document.position counts lines by
# Shown as U+FFFD, one column each so the underline stays aligned: control characters (a draft's
# ESC sequence would drive the terminal), lone surrogates, and breaks that are not line breaks.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _how(edit) -> str:
    if edit.needs_input:
        return "fill in the [brackets] yourself"
    if edit.safety == "safe":
        return "safe: `replylint fix` applies it"
    return "suggested: `replylint fix --unsafe` applies it"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def window(length: int, start: int, end: int, width: int = WINDOW) -> tuple[int, int]:
    """Columns [a, b) of a line `length` long to show for the span [start, end): the whole line
    when it fits, else `width` columns with the span centred (its start, when it is wider)."""
    if length <= width:
        return 0, length
    span = max(1, end - start)
    a = start if span >= width else start - (width - span) // 2
    a = max(0, min(a, length - width))
    return a, a + width


class _Lines:
    """A source's lines by number, found once per file."""

    def __init__(self, source: str):
        self.source = source
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(source)]

    def bounds(self, number: int) -> tuple[int, int] | None:
        """Source offsets [start, end) of line `number` (1-based), without its line break."""
        if not 0 < number <= len(self.starts):
            return None
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.source)
        while end > start and self.source[end - 1] in "\r\n":
            end -= 1
        return start, end


class TextFormatter(Formatter):
    def _paint(self, text: str, style: str) -> str:
        return f"{STYLES[style]}{text}{STYLES['reset']}" if self.color else text

    def _excerpt(self, lines: _Lines, finding) -> list[str]:
        bounds = lines.bounds(finding.line)
        if bounds is None:
            return []
        line_start, line_end = bounds
        length = line_end - line_start
        start = min(finding.column - 1, length)
        end = finding.end_column - 1 if finding.end_line == finding.line else length
        a, b = window(length, start, end)
        shown = lines.source[line_start + a:line_start + b].replace("\t", " ")
        shown = UNPRINTABLE.sub("\ufffd", shown)
        left = ELLIPSIS if a > 0 else ""
        right = ELLIPSIS if b < length else ""
        width = max(1, min(end, b) - start)
        underline = " " * (len(left) + start - a) + self._paint("^" * width, finding.severity)
        return [f"    {left}{shown}{right}", "    " + underline]

    def format(self, results: list[FileResult]) -> str:
        out: list[str] = []
        counts: Counter = Counter()
        for result in results:
            lines = _Lines(result.source) if result.findings else None
            for f in result.findings:
                assert lines is not None  # made above whenever there are findings
                counts[f.severity] += 1
                head = f"{result.path}:{f.line}:{f.column}: {self._paint(f.severity, f.severity)} {f.rule_id} {f.message}"
                out.append(head)
                out.extend(self._excerpt(lines, f))
                if f.edits:
                    shown = f.edits[0].preview or "(remove the sentence)"
                    out.append(self._paint(f"    rewrite: {shown}  ({_how(f.edits[0])})", "dim"))
                elif f.suggestions:
                    s = f.suggestions[0]
                    shown = f'"{s.replacement}" — ' if s.replacement else ""
                    out.append(self._paint(f"    suggestion: {shown}{s.description}", "dim"))
                if self.verbose and f.note:
                    out.append(self._paint(f"    why: {UNPRINTABLE.sub(chr(0xFFFD), f.note)}", "dim"))
        out.append(self._summary(counts, len(results)))
        return encodable("\n".join(out) + "\n")

    def _summary(self, counts: Counter, files: int) -> str:
        total = sum(counts.values())
        checked = f"{_plural(files, 'file')} checked" + (f", {self.excluded} excluded" if self.excluded else "")
        if not total:
            return f"no findings in {checked}"
        parts = ", ".join(_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s])
        return f"{_plural(total, 'finding')} ({parts}) in {checked}"
