"""Properties of rewriting that must hold for any text (hypothesis) and for every dev-corpus
case: fixing is idempotent, never touches a byte outside its edits or a template field, and
every finding's offsets slice the source to its text."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.document import PLACEHOLDER
from replylint.fixing import apply_edits, choose_edits
from replylint.rules import load_rules

from .conftest import DEV_CASES, dev_texts

# Building blocks: the rule pack's own examples (written for this project), template fields and
# the separators canned responses use.
SENTENCES = sorted({text for spec in load_rules() for kind in ("bad", "good") for text in spec.examples[kind]})
FIELDS = ["{{ticket.requester.first_name}}", "{% if vip %}", "${agent}", "%{order_id}", "[Customer Name]",
          "<<SIGNATURE>>"]
SEPARATORS = [" ", "  ", "\n", "\r\n", "\n\n", "\r\n\r\n", ", ", " — "]

pieces = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(FIELDS), st.sampled_from(["Hi Sam,", "Best, Ana"]))
replies = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), min_size=1, max_size=6).map(
    lambda parts: "".join(p + s for p, s in parts))


def _check_offsets(text, findings):
    for f in findings:
        assert text[f.start:f.end] == f.text
        for edit in f.edits:
            assert 0 <= edit.start <= edit.end <= len(text)


def _outside_edits_kept(text, edits, fixed):
    """Every stretch between chosen edits appears in the output, in order and unchanged."""
    pos = 0
    out_pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        kept = text[pos:edit.start]
        assert fixed[out_pos:out_pos + len(kept)] == kept
        out_pos += len(kept) + len(edit.replacement)
        pos = edit.end
    assert fixed[out_pos:] == text[pos:]


def _fields(text):
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def _check_fix_properties(linter, text, unsafe):
    findings = linter.lint(text)
    _check_offsets(text, findings)
    chosen = [edit for _, edit in choose_edits(findings, unsafe)]
    one_pass = apply_edits(text, chosen)
    _outside_edits_kept(text, chosen, one_pass)
    result = linter.fix(text, unsafe=unsafe)
    assert _fields(result.text) == _fields(text), "a template field was changed"
    again = linter.fix(result.text, unsafe=unsafe)
    assert again.text == result.text and not again.applied, "fixing twice changed the text again"
    _check_offsets(result.text, result.remaining)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=replies, unsafe=st.booleans())
def test_fixing_generated_replies(linter, text, unsafe):
    _check_fix_properties(linter, text, unsafe)


@pytest.mark.skipif(not DEV_CASES.exists(), reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixing_the_dev_corpus(linter, unsafe):
    for text in dev_texts():
        _check_fix_properties(linter, text, unsafe)
        before = linter.lint(text)
        result = linter.fix(text, unsafe=unsafe)
        fixed_rules = {a.finding.rule_id for a in result.applied}
        # nothing new appears, and what was fixed does not come back
        before_rules = {f.rule_id for f in before}
        after_rules = {f.rule_id for f in result.remaining}
        assert after_rules <= before_rules, (text, after_rules - before_rules)
        fixed_spans = {(a.finding.rule_id, re.sub(r"\s+", " ", a.finding.text)) for a in result.applied}
        remaining_spans = {(f.rule_id, re.sub(r"\s+", " ", f.text)) for f in result.remaining}
        assert not fixed_spans & remaining_spans, (text, fixed_spans & remaining_spans)
        assert fixed_rules <= before_rules
