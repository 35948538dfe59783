"""Applying edits to text: choose one edit per finding, resolve overlaps deterministically,
apply, re-lint, and repeat until nothing applicable is left (at most MAX_PASSES times).

Every pass is checked before it is applied, whatever rewriter drafted its edits: an edit that
would leave a doubled mark, a trailing or doubled space, a space before a mark or a longer run
of blank lines at its seams than the text had there is refused, and so is one that would leave a
reply with no words (a reply that was only "Yikes!!", two cuts that together take every
sentence). A refused edit makes way for the finding's next alternative or for an edit it
overlapped; its finding stays among the remaining ones.

Pure text in, text out: reading and writing files is `fileio`'s job."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .findings import Edit, Finding

MAX_PASSES = 8
SEAM = 8  # characters either side of an edit that its seam checks read
# Seam damage, counted in the text around an edit before and after it: an edit may not add any.
SEAM_DAMAGE = (
    re.compile(r"(?=[.!?,;:][ \t]*[.!?]|[.!?][ \t]*[,;:])"),  # "is.!", "it. .", "done.," (each mark)
    re.compile(r"[ \t]+(?=\r?\n|\Z)"),                     # a trailing space
    re.compile(r"(?<=[^\s])[ \t]{2,}(?=[^\s])"),             # a doubled space between words
    re.compile(r"(?<=\w)[ \t]+(?=[.,;:!?](?:\s|\Z))"),      # a space before a closing mark
    re.compile(r"\A[ \t]+"),                                # a space opening the text
)
BLANK_RUN = re.compile(r"\n(?:[ \t\r]*\n)+")
WORD = re.compile(r"\w")


@dataclass(frozen=True)
class AppliedFix:
    """One edit that `fix` applied, with the finding it answered (positions in the text it was
    applied to; a later pass may have moved them)."""

    finding: Finding
    edit: Edit
    before: str = field(default="", repr=False, compare=False)  # the text of that pass (UTF-16 offsets need it)

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


def choose_edits(findings, unsafe: bool = False, refused=frozenset()) -> list[tuple[Finding, Edit]]:
    """The first applicable edit of each finding (not among `refused`), minus those that overlap
    an earlier choice.

    Order is by (start, end, rule id), so the same findings always give the same choice. Two
    edits conflict when their ranges overlap, when an insertion falls strictly inside another
    edit, or when two insertions share a point."""
    candidates = []
    for finding in findings:
        edit = next((e for e in finding.edits if e.applicable(unsafe) and e not in refused), None)
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


def _around(text: str, edit: Edit) -> tuple[str, str]:
    """The text around an edit before and after it, JSON's escaped line breaks read as breaks.
    Where the window stops short of the text's edge, a letter stands for what lies beyond, so
    a space at the window's edge is not taken for one at a line's end."""
    lo, hi = max(0, edit.start - SEAM), min(len(text), edit.end + SEAM)
    head = "x" if lo > 0 else ""
    tail = "x" if hi < len(text) else ""
    before = head + text[lo:hi] + tail
    after = head + text[lo:edit.start] + edit.replacement + text[edit.end:hi] + tail
    return before.replace("\\n", "\n"), after.replace("\\n", "\n")


def _longest_blank_run(text: str) -> int:
    return max((m.group(0).count("\n") for m in BLANK_RUN.finditer(text)), default=0)


def damages_seams(text: str, edit: Edit) -> bool:
    """Would this edit, alone, add seam damage (SEAM_DAMAGE, a longer run of blank lines)?"""
    before, after = _around(text, edit)
    if any(len(p.findall(after)) > len(p.findall(before)) for p in SEAM_DAMAGE):
        return True
    return _longest_blank_run(after) > _longest_blank_run(before)


def _takes_words(text: str, edit: Edit) -> bool:
    return len(WORD.findall(text[edit.start:edit.end])) > len(WORD.findall(edit.replacement))


def _empties_a_reply(replies, before: list[str] | None, text: str) -> bool:
    """Does `text` hold a reply without words where `before` had words (or not parse at all)?"""
    after = replies(text)
    if before is None:
        return False
    if after is None or len(after) != len(before):
        return True
    return any(WORD.search(old) and not WORD.search(new) for old, new in zip(before, after))


def _checked_choice(text: str, findings, unsafe: bool, replies, prove) -> list[tuple[Finding, Edit]]:
    """The pass's edits, choosing again without any that damages its seams, would, with the
    edits before it, leave a reply with no words, or that `prove` refuses."""
    refused: set = set()
    reply_texts = None
    while True:
        chosen = choose_edits(findings, unsafe, refused)
        damaging = {e for _, e in chosen if damages_seams(text, e)}
        if damaging:
            refused |= damaging
            continue
        if any(_takes_words(text, e) for _, e in chosen):
            reply_texts = replies(text) if reply_texts is None else reply_texts
            if _empties_a_reply(replies, reply_texts, apply_edits(text, [e for _, e in chosen])):
                _refuse_first_emptying(text, chosen, replies, reply_texts, refused)
                continue
        unproven = prove(text, [e for _, e in chosen]) if prove and chosen else set()
        if not unproven:
            return chosen
        refused |= unproven


def _refuse_first_emptying(text, chosen, replies, reply_texts, refused: set) -> None:
    """Refuse the first edit that, after those before it, empties a reply (all together do, so
    one is found at the latest at the last)."""
    kept: list[Edit] = []
    for _, edit in chosen:
        kept.append(edit)
        if _empties_a_reply(replies, reply_texts, apply_edits(text, kept)):
            refused.add(edit)
            return


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False,
             replies: Callable[[str], list[str] | None] = lambda t: [t],
             prove: Callable[[str, list[Edit]], set] | None = None) -> FixResult:
    """Fix until a pass has nothing to apply; a pass that would bring back an earlier text stops
    the loop, so fixing always ends and a second run changes nothing more. `replies` gives the
    prose of each reply in a text (None when the text no longer reads), so that no edit leaves
    one without words; by default the text is one reply. `prove(text, edits)` names the edits
    of a pass that must be refused for reasons of the container (a YAML or JSON collection whose
    file would not parse as intended)."""
    applied: list[AppliedFix] = []
    seen = {text}
    current = text
    findings = lint(current)
    for _ in range(MAX_PASSES):
        chosen = _checked_choice(current, findings, unsafe, replies, prove)
        if not chosen:
            break
        new = apply_edits(current, [edit for _, edit in chosen])
        if new in seen:
            break
        applied += [AppliedFix(f, e, current) for f, e in chosen]
        seen.add(new)
        current = new
        findings = lint(current)
    return FixResult(current, tuple(applied), tuple(findings))
