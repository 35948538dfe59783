"""Inline directives that switch rules off, in each format's comment syntax:

    <!-- replylint: disable=calm-down,shouting -->      every format ("html-comment")
    # replylint: disable-next-line=vague-promise        YAML too ("hash")

Which forms a format takes is its record's `directives` (formats.FORMATS); this module holds
the pattern of each form.

`disable` … `enable` covers a range of lines, `disable-line` its own line, `disable-next-line`
the line after it, `disable-file` the whole file. Without `=rules` a directive covers every
rule. A directive that suppressed nothing can be reported (`--report-unused-directives`).

In a YAML or JSON collection a directive may also stand inside a reply body, in the body's own
syntax: `<!-- replylint: ... -->` (both formats; the body is text or HTML) or, in YAML, a
`# replylint: ...` line of a block scalar, where YAML reads it as part of the string. Either is
honoured, and the reply's clean text leaves it out (formats/collections.py), so a directive is
never read as prose; lines are the file's lines.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .errors import ReplylintError
from .findings import Finding
from .formats import DirectiveSyntax, format_named

_HTML_DIRECTIVE = re.compile(
    r"<!--\s*replylint:\s*(?P<action>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?:\s*=\s*(?P<rules>[\w\s,-]*?))?\s*-->")
_HASH_DIRECTIVE = re.compile(
    r"#\s*replylint:\s*(?P<action>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?:\s*=\s*(?P<rules>[\w,-]+(?:\s*,\s*[\w-]+)*))?[ \t]*$", re.MULTILINE)
ALL = "*"


@dataclass
class Directive:
    action: str
    rules: tuple[str, ...]  # (ALL,) for every rule
    line: int
    column: int
    start: int
    end: int
    used: set = field(default_factory=set)

    @property
    def text(self) -> str:
        return self.action + ("" if self.rules == (ALL,) else "=" + ",".join(self.rules))


SYNTAXES: dict[DirectiveSyntax, re.Pattern[str]] = {"html-comment": _HTML_DIRECTIVE, "hash": _HASH_DIRECTIVE}


def hash_directive_spans(source: str) -> list[tuple[int, int]]:
    """Where the `# replylint:` directives of a YAML file stand, for the bodies that hold one."""
    return [m.span() for m in _HASH_DIRECTIVE.finditer(source)]


def parse_directives(source: str, fmt: str, known_rules, name: str = "") -> list[Directive]:
    patterns = [SYNTAXES[syntax] for syntax in format_named(fmt).directives]
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
    directives = []
    matches = sorted((m for pattern in patterns for m in pattern.finditer(source)), key=lambda m: m.start())
    for m in matches:
        line = bisect.bisect_right(line_starts, m.start())
        rules = tuple(r.strip() for r in (m.group("rules") or "").split(",") if r.strip()) or (ALL,)
        unknown = [r for r in rules if r != ALL and r not in known_rules]
        if unknown:
            raise ReplylintError(f"unknown rule id '{unknown[0]}' in a replylint directive", name, line)
        directives.append(Directive(m.group("action"), rules, line, m.start() - line_starts[line - 1] + 1,
                                    m.start(), m.end()))
    return directives


def _covers(directive: Directive, rule_id: str) -> bool:
    return ALL in directive.rules or rule_id in directive.rules


def suppress(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """The findings no directive switches off; each directive records the rules it silenced."""
    kept = []
    for finding in findings:
        silencer = None
        open_ranges: dict[str, Directive] = {}
        for d in directives:
            if d.action == "disable-file" and _covers(d, finding.rule_id):
                silencer = d
            elif d.action == "disable-line" and d.line == finding.line and _covers(d, finding.rule_id):
                silencer = d
            elif d.action == "disable-next-line" and d.line + 1 == finding.line and _covers(d, finding.rule_id):
                silencer = d
            elif d.action in ("disable", "enable") and d.line <= finding.line:
                for rule in d.rules:
                    if d.action == "disable":
                        open_ranges[rule] = d
                    else:
                        open_ranges.pop(rule, None)
                        if rule == ALL:
                            open_ranges.clear()
            if silencer:
                break
        if silencer is None:
            silencer = open_ranges.get(finding.rule_id) or open_ranges.get(ALL)
        if silencer is None:
            kept.append(finding)
        else:
            silencer.used.add(finding.rule_id)
    return kept


def unused(directives: list[Directive], source: str) -> list[Finding]:
    """A finding for each disabling directive that silenced nothing."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
    out = []
    for d in directives:
        if d.action == "enable" or d.used:
            continue
        end_line = bisect.bisect_right(line_starts, d.end)
        end_column = d.end - line_starts[end_line - 1] + 1
        out.append(Finding(
            rule_id="unused-directive", severity="warning",
            message=f"this replylint directive ({d.text}) suppressed nothing; remove it",
            start=d.start, end=d.end, line=d.line, column=d.column, end_line=end_line, end_column=end_column,
            text=source[d.start:d.end], suggestions=()))
    return out
