"""Applying edits to text: choose one edit per finding, resolve overlaps deterministically,
apply, re-lint, and repeat until nothing applicable is left (at most MAX_PASSES times).

Pure text in, text out: reading and writing files is `fileio`'s job."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .findings import Edit, Finding

MAX_PASSES = 8


@dataclass(frozen=True)
class AppliedFix:
    """One edit that `fix` applied, with the finding it answered (positions in the text it was
    applied to; a later pass may have moved them)."""

    finding: Finding
    edit: Edit

    def to_dict(self) -> dict:
        return {"rule_id": self.finding.rule_id, "line": self.finding.line, "column": self.finding.column,
                "text": self.finding.text, **self.edit.to_dict()}


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: tuple[AppliedFix, ...]
    remaining: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def choose_edits(findings, unsafe: bool = False) -> list[tuple[Finding, Edit]]:
    """The first applicable edit of each finding, minus those that overlap an earlier choice.

    Order is by (start, end, rule id), so the same findings always give the same choice. Two
    edits conflict when their ranges overlap, when an insertion falls strictly inside another
    edit, or when two insertions share a point."""
    candidates = []
    for finding in findings:
        edit = next((e for e in finding.edits if e.applicable(unsafe)), None)
        if edit is not None:
            candidates.append((finding, edit))
    candidates.sort(key=lambda pair: (pair[1].start, pair[1].end, pair[0].rule_id))
    chosen: list[tuple[Finding, Edit]] = []
    reach = -1
    for finding, edit in candidates:
        if chosen:
            last = chosen[-1][1]
            if edit.start < reach or (edit.start == edit.end == last.start == last.end):
                continue
        chosen.append((finding, edit))
        reach = max(reach, edit.end)
    return chosen


def apply_edits(text: str, edits) -> str:
    """Apply non-overlapping edits (source offsets into `text`); bytes outside them are kept."""
    out = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos:edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False) -> FixResult:
    """Fix until a pass has nothing to apply; a pass that would bring back an earlier text stops
    the loop, so fixing always ends and a second run changes nothing more."""
    applied: list[AppliedFix] = []
    seen = {text}
    current = text
    findings = lint(current)
    for _ in range(MAX_PASSES):
        chosen = choose_edits(findings, unsafe)
        if not chosen:
            break
        new = apply_edits(current, [edit for _, edit in chosen])
        if new in seen:
            break
        applied += [AppliedFix(f, e) for f, e in chosen]
        seen.add(new)
        current = new
        findings = lint(current)
    return FixResult(current, tuple(applied), tuple(findings))
