"""The shapes that cross the audit's stages: what a source yields and what an engine is given.

Sources and engines meet only here, so an engine (local processes, Dask) never knows which export
a reply came from, and a new export format needs no engine change. Every shape is picklable: a
Partition travels to a Dask worker and the worker reads it there, so the whole export is never
loaded in one process.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

# Why a row of an export was not audited. A closed set: summary.json counts bad rows by reason,
# and a reader that meets a new kind of trouble must pick one of these or add one here.
BAD_ROW_REASONS = (
    "missing-text",   # no body, or only whitespace after reading
    "bad-date",       # a created_at / time that does not parse
    "huge-body",      # longer than the audit's body limit (read no further)
    "bad-record",     # not an object / row of the expected shape, or invalid JSON on its line
    "undecodable",    # bytes that are not text in any encoding the reader accepts
)


@dataclass(frozen=True)
class AuditReply:
    """One reply an agent sent to a customer, as the audit lints and counts it."""
    ticket: str                  # the ticket (conversation) id, as text
    comment: str                 # the comment / message id within the export, as text
    author: str                  # the agent's id, as text
    time: datetime               # when it was sent, timezone-aware (UTC when the export gives none)
    text: str                    # the body as the helpdesk stored it
    format: str = "text"         # how replylint reads `text`: "text", "html" or "markdown"
    team: str | None = None      # group / team / brand when the export has one
    link: str | None = None      # a URL back to the ticket, when the export gives one
    origin: str = ""             # "FILE:LINE" (or "FILE:row N") naming where the row came from


@dataclass(frozen=True)
class BadRow:
    """A row that could not be audited: counted by reason and reported, never silently dropped."""
    origin: str                  # "FILE:LINE" (or "FILE:row N")
    reason: str                  # one of BAD_ROW_REASONS
    detail: str = ""             # one line for a person (no customer text)


@dataclass(frozen=True)
class Partition:
    """A slice of one input that a worker can read on its own: byte or row ranges, never the
    whole file. `key` is stable across runs of the same input, so `--resume` can tell which
    partitions an interrupted audit finished."""
    path: str
    kind: str                    # the reader that reads it (a key of sources.READERS)
    start: int                   # first byte / row / record of the slice (reader-specific)
    stop: int                    # one past the last
    key: str                     # e.g. "export.jsonl@0-1048576"


@dataclass(frozen=True)
class FindingRow:
    """One finding of the audit: a row of findings.parquet / findings.csv."""
    ticket: str
    comment: str
    author: str
    time: datetime
    team: str | None
    rule: str                    # the rule id
    severity: str                # "error", "warning" or "info"
    span: str                    # the matched text (the sentence is in `sentence`)
    sentence: str                # the sentence the finding is in: the only customer-facing text kept
    link: str | None = None
    origin: str = ""


def week_of(moment: datetime) -> str:
    """The ISO week a reply was sent in ("2026-W48"): the audit's unit of time."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


EXAMPLES_PER_RULE = 5  # example findings a Tally keeps for each rule


@dataclass
class Tally:
    """Counts of one partition, or of many merged: `merge` is associative and commutative, so any
    engine may combine partial tallies in any order (Dask's tree reductions) and get the same
    totals. Keys are plain tuples of text, so a Tally pickles small and sorts deterministically.

    cells:    (author, team or "", week) → [replies audited, replies with an error finding]
    findings: (author, team or "", week, rule) → findings
    phrasings: (rule, matched text lower-cased) → findings
    skipped:  message kind (automated notice, process note, ...) → replies not counted as
              replies to a customer
    bad_rows: reason → rows
    examples: rule → up to EXAMPLES_PER_RULE FindingRows, the smallest by (ticket, comment,
              span), so which examples survive a merge does not depend on merge order
    """
    cells: dict = field(default_factory=dict)
    findings: Counter = field(default_factory=Counter)
    phrasings: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    bad_rows: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)

    def merge(self, other: Tally) -> Tally:
        cells = dict(self.cells)
        for key, (replies, with_error) in other.cells.items():
            mine = cells.get(key, (0, 0))
            cells[key] = (mine[0] + replies, mine[1] + with_error)
        examples = {}
        for rule in set(self.examples) | set(other.examples):
            both = self.examples.get(rule, []) + other.examples.get(rule, [])
            examples[rule] = sorted(set(both), key=_example_order)[:EXAMPLES_PER_RULE]
        return Tally(cells, self.findings + other.findings, self.phrasings + other.phrasings,
                     self.skipped + other.skipped, self.bad_rows + other.bad_rows, examples)


def _example_order(row: FindingRow) -> tuple:
    return (row.ticket, row.comment, row.span, row.rule)
