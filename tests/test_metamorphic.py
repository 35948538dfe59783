"""Metamorphic tests: every `bad` and `good` example of every rule, rewritten by every
transformation in tests/metamorphic.py, keeps its verdict (bad still fires, good stays quiet),
and a bad example quoted from the customer is silent.

The variants are linted in one batch (`lint_many`), so the tagger and parser see them together;
each test then reads its own verdict."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from replylint import Linter
from replylint.extend import CHECKS, load_builtins
from replylint.rules import load_rules
from tests.metamorphic import TRANSFORMATIONS, cue_words

RULES = load_rules()
# Variants the rules do not pass yet, one test id per line: each is expected to fail (strictly,
# so one that starts passing fails until it is taken off the list). The list only shrinks.
KNOWN_FAILURES = frozenset(
    line.strip() for line in (Path(__file__).with_name("metamorphic_known_failures.txt"))
    .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))
load_builtins()


def _reply_level(spec) -> bool:
    """A rule whose every matcher is a check that judges the whole reply."""
    return all(m.kind == "check" and CHECKS[m.data["check"]].scope == "reply"
               for m in spec.matchers)


def _variants():
    """(test id, rule id, kind, source, format, expect_fire) for every applicable pair."""
    out = []
    for spec in RULES:
        cues = cue_words([m.data for m in spec.matchers])
        reply_level = _reply_level(spec)
        for kind in ("bad", "good"):
            for index, example in enumerate(spec.examples[kind]):
                for transformation in TRANSFORMATIONS:
                    if spec.id in transformation.skip_rules:
                        continue
                    if transformation.sentence_only and reply_level:
                        continue
                    if transformation.reply_only and not reply_level:
                        continue
                    if not transformation.keeps and kind == "good":
                        continue
                    variant = transformation.apply(example, cues)
                    if variant is None:
                        continue
                    source, fmt = variant
                    expect = (kind == "bad") == transformation.keeps
                    test_id = f"{spec.id}-{kind}-{index}-{transformation.name}"
                    out.append((test_id, spec.id, source, fmt, expect))
    return out


VARIANTS = _variants()


@lru_cache(maxsize=1)
def _verdicts() -> dict[str, frozenset]:
    """Rule ids that fired, per test id, all variants linted in one batch."""
    linter = Linter()
    inputs = [(source, fmt, f"example.{fmt}") for _, _, source, fmt, _ in VARIANTS]
    verdicts = {}
    for (test_id, *_), result in zip(VARIANTS, linter.lint_many(inputs)):
        if isinstance(result, Exception):
            raise result
        verdicts[test_id] = frozenset(f.rule_id for f in result)
    return verdicts


def _param(variant):
    marks = [pytest.mark.xfail(strict=True, reason="a known gap of the rule (issue 15)")] \
        if variant[0] in KNOWN_FAILURES else []
    return pytest.param(*variant, id=variant[0], marks=marks)


@pytest.mark.parametrize("test_id,rule_id,source,fmt,expect_fire", [_param(v) for v in VARIANTS])
def test_variant_keeps_or_loses_the_verdict(test_id, rule_id, source, fmt, expect_fire):
    fired = rule_id in _verdicts()[test_id]
    what = "should flag" if expect_fire else "should not flag"
    assert fired == expect_fire, f"{rule_id} {what} this {fmt} variant: {source!r}"


def test_every_rule_has_variants_of_every_kind():
    """The generator really produces variants: a transformation that silently stopped applying
    would otherwise pass by testing nothing."""
    for spec in RULES:
        mine = [v for v in VARIANTS if v[1] == spec.id]
        assert len(mine) >= 10 * (len(spec.examples["bad"]) + len(spec.examples["good"])) // 2
    applied = {t.name for t in TRANSFORMATIONS
               if any(v[0].endswith("-" + t.name) for v in VARIANTS)}
    assert applied == {t.name for t in TRANSFORMATIONS}


def test_known_failures_name_real_variants():
    """A stale line in the known-failures list (a variant renamed or removed) would hide nothing."""
    assert KNOWN_FAILURES <= {v[0] for v in VARIANTS}
