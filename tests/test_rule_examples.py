"""Every rule's own examples are tests (sqlfluff's YAML fixtures): bad must fire, good must not,
and each fix example's input must be rewritten to its output."""
from __future__ import annotations

import re
from functools import cache

import pytest

from replylint import Linter
from replylint.fixing import apply_edits
from replylint.rules import load_rules

RULES = load_rules()
GUIDANCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
# The guidance a rationale cites, as users know it: by article title (or author), never by the
# name of a file they do not have.
GUIDANCE_TITLES = (
    "How to Help an Angry User in 5 Easy Steps",
    "the Compassionate Geek",
    "How to Handle Angry Or Irate Customers",
    "10 things you shouldn't do when working with an upset customer",
    "5 Tips IT Agents Need to Handle Unhappy Customers",
)


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


@cache
def _only(rule_id: str) -> Linter:
    return Linter(select=[rule_id])


def _fix_cases():
    return [pytest.param(spec.id, case, id=f"{spec.id}-fix-{i}")
            for spec in RULES for i, case in enumerate(spec.examples["fix"])]


@pytest.mark.parametrize("rule_id,case", _fix_cases())
def test_fix_example_rewrites_input_to_output(rule_id, case):
    linter = _only(rule_id)
    findings = linter.lint(case["input"])
    assert findings and all(f.edits for f in findings), f"{rule_id} offers no rewrite for {case['input']!r}"
    preferred = [f.edits[0] for f in findings]
    assert apply_edits(case["input"], preferred) == case["output"]
    safety = case.get("safety", "safe")
    assert {e.safety for e in preferred} == {safety}
    fixed = linter.fix(case["input"], unsafe=safety == "suggest")
    assert not any(a.edit.needs_input for a in fixed.applied), "fix never applies an edit with a slot"
    if not any(e.needs_input for e in preferred):
        assert fixed.text == case["output"]
        assert not fixed.remaining, "the fixed text is clean for this rule"
    if safety == "suggest":
        assert linter.fix(case["input"]).text == case["input"], "safe mode leaves suggested rewrites alone"


@pytest.mark.parametrize("spec", RULES, ids=[s.id for s in RULES])
def test_rule_documents_itself(spec):
    assert len(spec.examples["bad"]) >= 3, "at least three bad examples"
    assert len(spec.examples["good"]) >= 3, "at least three good examples"
    for section in ("what", "why", "instead"):
        assert len(spec.rationale[section].split()) >= 8, f"rationale.{section} says too little"
    why = spec.rationale["why"]
    assert any(title.lower() in why.lower() for title in GUIDANCE_TITLES), "rationale.why cites an article by title"
    for section, text in spec.rationale.items():
        assert not GUIDANCE_FILE.search(text), f"rationale.{section} names a file users do not have"
    assert spec.suggestions, "at least one suggestion"
    assert spec.examples["fix"], "at least one fix example"
    assert any(m.data.get("rewrite") for m in spec.matchers), "at least one matcher offers a rewrite"
    assert spec.message.strip()


def test_pack_has_exactly_the_rules_of_its_files():
    """The pack is every YAML file of the rule directory, each named after its id (the list is
    derived from the files, not written out here, so adding a rule touches no test)."""
    from replylint.rules.loader import builtin_rules_dir

    files = sorted(p.stem for p in builtin_rules_dir().glob("*.yaml"))
    assert len(files) >= 13
    assert [s.id for s in RULES] == files
