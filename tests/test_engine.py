"""The library API: findings, offsets, selection, threads and long inputs."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import replylint
from replylint import Finding, Linter, ReplylintError
from replylint.engine import chunks

from .conftest import rule_ids

DRAFT = ("Hi Sam,\r\n\r\nOh no!! Please calm down. You obviously forgot to export the report.\r\n"
         "I'll get back to you soon.\r\n")


def test_finding_has_exactly_the_documented_keys(linter):
    finding = linter.lint(DRAFT)[0]
    assert list(finding.to_dict()) == list(Finding.KEYS)
    assert all(set(s) == {"replacement", "description"} for s in finding.to_dict()["suggestions"])


def test_findings_are_sorted_and_slice_the_source_exactly(linter):
    findings = linter.lint(DRAFT)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert DRAFT[f.start:f.end] == f.text
        line = DRAFT.splitlines()[f.line - 1]
        assert line[f.column - 1:].startswith(f.text.splitlines()[0])
    assert {"alarm-reaction", "shouting", "calm-down", "blaming-you", "condescending", "vague-promise"} <= rule_ids(findings)


def test_offsets_survive_removed_quote_lines(linter):
    text = "> I am FURIOUS!!\n> fix it\nI'm sorry. Obviously that's our bug, and I'll fix it by 5 pm today."
    findings = linter.lint(text)
    assert "shouting" not in rule_ids(findings)
    for f in findings:
        assert text[f.start:f.end] == f.text
        assert f.line == 3


def test_customer_words_in_quotation_marks_do_not_fire(linter):
    text = 'You wrote that the app "keeps freaking out, calm down" and I can see why that is annoying.'
    assert not {"upset-slang", "calm-down"} & rule_ids(linter.lint(text))


def test_select_and_ignore():
    only = Linter(select="shouting")
    assert rule_ids(only.lint(DRAFT)) == {"shouting"}
    without = Linter(ignore=["shouting", "alarm-reaction"])
    assert not {"shouting", "alarm-reaction"} & rule_ids(without.lint(DRAFT))


def test_min_severity_keeps_only_serious_rules():
    strict = Linter(min_severity="error")
    assert all(f.severity == "error" for f in strict.lint(DRAFT))
    assert strict.lint(DRAFT)


def test_unknown_rule_id_is_a_clear_error():
    with pytest.raises(ReplylintError, match="unknown rule id 'calm-dwn'"):
        Linter(select="calm-dwn")


def test_module_level_lint_uses_a_shared_default():
    assert rule_ids(replylint.lint("Relax, it's fine.")) == {"calm-down"}


def test_empty_and_blank_text_have_no_findings(linter):
    assert linter.lint("") == []
    assert linter.lint("  \n\t ") == []


def test_linter_can_be_shared_by_threads(linter):
    texts = [DRAFT, "Relax, it's fine.", "Your laptop has a memory problem; I'll replace it on Friday."] * 8
    expected = [[f.to_dict() for f in linter.lint(t)] for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: [f.to_dict() for f in linter.lint(t)], texts))
    assert got == expected


def test_long_input_is_parsed_in_chunks_with_correct_offsets(linter):
    paragraph = "Thanks for waiting. Your replacement ships on Monday at 9 am.\n\n"
    text = paragraph * 2500 + "Please do NOT unplug it.\n"
    assert len(text) > 150_000
    findings = linter.lint(text)
    shouts = [f for f in findings if f.rule_id == "shouting"]
    assert [f.text for f in shouts] == ["NOT"]
    assert shouts[0].line == 5001


def test_chunks_cover_the_text_in_order():
    text = ("a" * 70 + "\n") * 50
    pieces = list(chunks(text, size=500))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 500 for _, p in pieces)
    assert [o for o, _ in pieces] == sorted(o for o, _ in pieces)
