"""Staged analysis must never change a finding: a reply skips the tagger and parser only when no
syntax rule could match in it. Checked against a linter that parses everything, on the rule
pack's own examples, generated replies and (when beside the checkout) the shared corpora."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from replylint import Linter, staging
from replylint.rules import load_rules

from .conftest import ROOT, SHARED
from .test_properties import replies

EXAMPLES = sorted({text for spec in load_rules() for kind in ("bad", "good") for text in spec.examples[kind]} |
                  {case["input"] for spec in load_rules() for case in spec.examples["fix"]})


@pytest.fixture(scope="module")
def full(linter) -> Linter:
    """A second Linter sharing nothing mutable with `linter`, with staging switched off."""
    other = Linter()
    other.full_analysis = True
    return other


def _same(staged, full, text, fmt="text", name=""):
    assert [f.to_dict() for f in staged.lint(text, fmt, name)] == [f.to_dict() for f in full.lint(text, fmt, name)], text


@pytest.mark.parametrize("text", EXAMPLES)
def test_rule_examples_lint_the_same_staged_or_not(linter, full, text):
    _same(linter, full, text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=replies)
def test_generated_replies_lint_the_same_staged_or_not(linter, full, text):
    _same(linter, full, text)


def _shared_files():
    real = SHARED / "corpus" / "real"
    return sorted(p for p in real.rglob("*") if p.suffix in (".txt", ".md", ".html", ".json", ".yaml")) \
        if real.is_dir() else []


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside this checkout")
def test_shared_corpora_lint_the_same_staged_or_not(linter, full):
    cases = yaml.safe_load((SHARED / "corpus" / "dev" / "cases.yaml").read_text(encoding="utf-8"))
    for case in cases:
        _same(linter, full, case["text"])
    for path in _shared_files() + sorted((ROOT / "examples").iterdir()):
        _same(linter, full, path.read_text(encoding="utf-8", errors="replace"), "auto", str(path))


def _parsed(linter: Linter, text: str) -> bool:
    seen = []
    original = linter._analyse

    def spy(pieces):
        original(pieces)
        seen.extend(p.parsed for p in pieces)
    linter._analyse = spy
    try:
        linter.lint(text)
    finally:
        del linter._analyse
    return any(seen)


def test_a_reply_no_syntax_rule_can_match_is_only_tokenized():
    linter = Linter(select=["shouting", "calm-down", "cant-help"])
    assert not _parsed(linter, "THE PACKAGE SHIPS TODAY. Tracking comes by e-mail.")
    assert _parsed(linter, "Please calm down. The package ships today.")
    assert _parsed(linter, "Sadly we can't help with that.")
    # the lexical rule still runs on the unparsed reply
    assert [f.rule_id for f in linter.lint("THE PACKAGE SHIPS TODAY.")] == ["shouting"]


def test_a_link_spares_the_next_step_check_the_parse():
    linter = Linter(select=["no-next-step"])
    assert not _parsed(linter, "Sorry about the crash. The fix is described at https://example.com/fix.")
    assert _parsed(linter, "Sorry about the crash. The fix is in the next release.")


class _FakeForms:
    def __call__(self, lemma):
        return frozenset({lemma, lemma + "s", lemma + "ed"})


def _words(*words):
    return staging.ids(words)


def test_a_token_pattern_needs_every_required_word_and_ignores_optional_ones():
    trigger = staging.token_patterns(
        [[{"LOWER": "calm"}, {"LOWER": {"IN": ["down", "yourself"]}}, {"IS_PUNCT": True, "OP": "?"}]], _FakeForms())
    assert trigger.hit(_words("calm", "down"))
    assert not trigger.hit(_words("calm"))
    assert not trigger.hit(_words("down", "yourself"))


def test_lemma_conditions_cover_inflected_forms_and_non_lexical_attributes_add_nothing():
    trigger = staging.token_patterns([[{"LEMMA": "panic", "POS": "VERB"}], [{"REGEX": "^x+$"}]], _FakeForms())
    assert trigger.hit(_words("panicked"))  # second pattern has no lexical condition: always possible
    only_lemma = staging.token_patterns([[{"LEMMA": "panic", "POS": "VERB"}]], _FakeForms())
    assert only_lemma.hit(_words("panics")) and not only_lemma.hit(_words("calm"))


def test_the_models_own_lemmatizer_tables_give_irregular_and_rule_forms(linter):
    forms = staging.LemmaForms(linter.nlp)
    assert {"took", "taken", "takes", "taking"} <= forms("take")
    assert {"'ll", "wo"} & forms("will")
    assert "panicked" in forms("panic")


def test_a_dependency_pattern_needs_every_node_with_a_lexical_condition():
    trigger = staging.dependency_patterns([[
        {"RIGHT_ID": "have", "RIGHT_ATTRS": {"LEMMA": "have"}},
        {"LEFT_ID": "have", "REL_OP": ">", "RIGHT_ID": "you", "RIGHT_ATTRS": {"DEP": "nsubj", "LOWER": "you"}},
        {"LEFT_ID": "have", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ]], _FakeForms())
    assert trigger.hit(_words("you", "haves"))
    assert not trigger.hit(_words("you"))


def test_trigger_words_ignore_case(linter):
    assert staging.words_of(linter.nlp.make_doc("Calm DOWN")) >= _words("calm", "down")
