"""Every rule's own examples are tests (sqlfluff's YAML fixtures): bad must fire, good must not."""
from __future__ import annotations

import re

import pytest

from replylint.rules import load_rules

RULES = load_rules()
GUIDANCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def _cases(kind):
    return [pytest.param(spec.id, text, id=f"{spec.id}-{kind}-{i}")
            for spec in RULES for i, text in enumerate(spec.examples[kind])]


@pytest.mark.parametrize("rule_id,text", _cases("bad"))
def test_bad_example_fires(linter, rule_id, text):
    fired = [f for f in linter.lint(text) if f.rule_id == rule_id]
    assert fired, f"{rule_id} should flag: {text!r}"
    for finding in fired:
        assert text[finding.start:finding.end] == finding.text


@pytest.mark.parametrize("rule_id,text", _cases("good"))
def test_good_example_is_quiet(linter, rule_id, text):
    fired = [f.text for f in linter.lint(text) if f.rule_id == rule_id]
    assert not fired, f"{rule_id} should not flag {fired} in: {text!r}"


@pytest.mark.parametrize("spec", RULES, ids=[s.id for s in RULES])
def test_rule_documents_itself(spec):
    assert len(spec.examples["bad"]) >= 3, "at least three bad examples"
    assert len(spec.examples["good"]) >= 3, "at least three good examples"
    for section in ("what", "why", "instead"):
        assert len(spec.rationale[section].split()) >= 8, f"rationale.{section} says too little"
    assert GUIDANCE_FILE.search(spec.rationale["why"]), "rationale.why cites a guidance file by name"
    assert spec.suggestions, "at least one suggestion"
    assert spec.message.strip()


def test_pack_has_exactly_the_public_rule_ids():
    assert {s.id for s in RULES} == {
        "calm-down", "upset-slang", "blaming-you", "personal-problem", "cant-help", "vague-promise",
        "alarm-reaction", "condescending", "defensive", "non-apology", "shouting",
        "no-acknowledgment", "no-next-step"}
