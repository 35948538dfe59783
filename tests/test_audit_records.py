"""The audit's shared shapes: a Tally merges the same whatever the order, so any engine (local
processes now, Dask's tree reductions later) may combine partial tallies as partitions finish."""
from __future__ import annotations

import pickle
from collections import Counter
from datetime import datetime, timezone

from hypothesis import given
from hypothesis import strategies as st

from replylint.audit.records import EXAMPLES_PER_RULE, FindingRow, Tally, week_of

RULES = ("calm-down", "cant-help", "vague-promise")
AGENTS = ("a1", "a2", "a3")
WEEKS = ("2026-W47", "2026-W48")


def _row(ticket: int, rule: str) -> FindingRow:
    return FindingRow(ticket=str(ticket), comment="1", author="a1", time=datetime(2026, 11, 20, tzinfo=timezone.utc),
                      team=None, rule=rule, severity="warning", span="soon", sentence="We'll call soon.")


@st.composite
def tallies(draw) -> Tally:
    cells = {}
    for agent in draw(st.lists(st.sampled_from(AGENTS), unique=True)):
        for week in draw(st.lists(st.sampled_from(WEEKS), unique=True)):
            replies = draw(st.integers(1, 50))
            cells[(agent, "", week)] = (replies, draw(st.integers(0, replies)))
    findings = Counter({(a, "", w, r): draw(st.integers(1, 9)) for (a, _, w) in cells
                        for r in draw(st.lists(st.sampled_from(RULES), unique=True))})
    examples = {r: sorted({_row(t, r) for t in draw(st.lists(st.integers(0, 30), max_size=8))},
                          key=lambda row: row.ticket)[:EXAMPLES_PER_RULE]
                for r in draw(st.lists(st.sampled_from(RULES), unique=True))}
    return Tally(cells, findings, Counter(draw(st.dictionaries(st.sampled_from(("soon", "calm down")), st.integers(1, 5)))),
                 Counter(draw(st.dictionaries(st.sampled_from(("automated",)), st.integers(1, 5)))),
                 Counter(draw(st.dictionaries(st.sampled_from(("bad-date", "missing-text")), st.integers(1, 5)))),
                 {r: rows for r, rows in examples.items() if rows})


@given(tallies(), tallies(), tallies())
def test_merge_is_associative_and_commutative(a, b, c):
    assert a.merge(b) == b.merge(a)
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@given(tallies(), tallies())
def test_merge_adds_counts_and_keeps_the_first_examples(a, b):
    merged = a.merge(b)
    assert sum(r for r, _ in merged.cells.values()) == sum(r for r, _ in a.cells.values()) + \
        sum(r for r, _ in b.cells.values())
    assert sum(merged.findings.values()) == sum(a.findings.values()) + sum(b.findings.values())
    for rule, rows in merged.examples.items():
        assert len(rows) <= EXAMPLES_PER_RULE
        pool = sorted(set(a.examples.get(rule, []) + b.examples.get(rule, [])), key=lambda r: (r.ticket, r.comment, r.span))
        assert rows == pool[:EXAMPLES_PER_RULE]


def test_a_tally_survives_pickling_for_a_worker():
    tally = Tally({("a1", "", "2026-W48"): (3, 1)}, Counter({("a1", "", "2026-W48", "calm-down"): 2}),
                  examples={"calm-down": [_row(1, "calm-down")]})
    assert pickle.loads(pickle.dumps(tally)) == tally


def test_weeks_are_iso_weeks_across_a_year_end():
    assert week_of(datetime(2026, 12, 31, tzinfo=timezone.utc)) == "2026-W53"
    assert week_of(datetime(2027, 1, 4, tzinfo=timezone.utc)) == "2027-W01"
