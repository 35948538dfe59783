"""Every filter, check and rewriter reads no deeper than the analysis it declares (`needs`).

The engine runs only the spaCy components the active rules declare, and a rule that needs only
tokens runs on Docs that were never tagged or parsed (or, when a reply is one sentence, on a
parsed one). So each piece is run here on the rule pack's own examples twice: on a Doc annotated
only up to its declared level (tokens: `nlp.make_doc`; tags: the tagger, attribute ruler and
lemmatizer but no parser; parse: everything but the NER) and on a fully annotated one. It must
run, and answer the same: a piece that reads the parse while declaring "tokens" either crashes
(spaCy's E030 for sentence boundaries) or answers differently, and fails here, not for a user.
Below the parse, it must also answer the same when every token is made to start a sentence:
an unset sentence start reads as "no", so a piece could read one without crashing.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pytest

from replylint import Linter
from replylint.checks.context import CheckContext, ReplyContext, Segment
from replylint.document import from_plain_text
from replylint.extend import CHECKS, FILTERS, REWRITERS, load_builtins
from replylint.nlp import components_to_disable, load_pipeline

load_builtins()
TABLES = {"filter": FILTERS, "check": CHECKS, "rewriter": REWRITERS}
DECLARED = [(what, name) for what, table in TABLES.items() for name in sorted(table)]

# Pieces no bundled rule uses, exercised by a team rule of this test's own.
TEAM_RULE = textwrap.dedent("""\
    id: retired-name
    category: product
    severity: warning
    message: OldDesk was renamed NewDesk.
    rationale:
      what: The retired product name OldDesk.
      why: Customers search for the current name.
      instead: Write NewDesk.
    match:
      - kind: phrases
        phrases: [OldDesk]
        rewrite: {replace_with: {text: NewDesk}}
    examples:
      bad: [Open OldDesk and sign in.]
      good: [Open NewDesk and sign in.]
    """)


@dataclass
class Observed:
    """Per declaration: the examples it ran on, and where its answers at its level differed."""

    runs: int = 0
    differences: list[str] = field(default_factory=list)


def _annotated(nlp, text: str, level: str):
    if level.endswith("+sentences"):  # below the parse, with a sentence start at every token
        doc = _annotated(nlp, text, level.split("+")[0]).copy()
        for token in doc:
            token.is_sent_start = True
        return doc
    if level == "tokens":
        return nlp.make_doc(text)
    if level == "entities":
        full = load_pipeline()  # with the NER, which the engine loads only when a rule asks
        return full(text)
    return nlp(text, disable=components_to_disable({level}, nlp.pipe_names))


def _levels(declared: str) -> list[str]:
    """The annotations a piece declaring `declared` is run on besides the full one."""
    return [declared, f"{declared}+sentences"] if declared in ("tokens", "tags") else [declared]


def _compare(observed: Observed, label: str, declared: str, at_level, at_full) -> None:
    """Run a piece on each of its levels' Docs and fully annotated; record a crash at its level
    or a different answer. `at_level(level)` and `at_full()` run it."""
    observed.runs += 1
    expected = at_full()
    for level in _levels(declared):
        try:
            got = at_level(level)
        except Exception as exc:  # noqa: BLE001 - any crash at the declared level is the finding
            observed.differences.append(f"{label} ({level}): {type(exc).__name__}: {exc}")
            return
        if got != expected:
            observed.differences.append(f"{label}: {got!r} at {level}, {expected!r} fully annotated")


def _spans(spans) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in spans]


def _run_matcher(observed, nlp, rule_id: str, matcher, text: str) -> None:
    document = from_plain_text(text)
    docs: dict = {}

    def doc(level):
        if level not in docs:
            docs[level] = _annotated(nlp, document.text, level)
        return docs[level]

    def ctx(level):
        return CheckContext(doc(level), document)

    full = ctx("parse")
    label = f"{rule_id} on {text!r}"
    if matcher.kind == "check":
        check = CHECKS[next(name for name, d in CHECKS.items() if d.func is matcher.check)]
        level = check.needs
        if check.scope == "reply":
            def judged(lvl):
                segment = Segment(doc(lvl)[:], 0, document, parsed=True)
                return _spans(matcher.check(ReplyContext(document, [segment]), matcher.options))
            _compare(observed["check", check.name], label, level, judged, lambda: judged("parse"))
            found = [doc("parse")[a:b] for a, b in judged("parse")]
        else:
            _compare(observed["check", check.name], label, level,
                     lambda lvl: _spans(matcher.check(ctx(lvl), matcher.options)),
                     lambda: _spans(matcher.check(full, matcher.options)))
            found = list(matcher.check(full, matcher.options))
    else:
        candidates = list(matcher.candidates(full))
        for configured in matcher.filters:
            level = FILTERS[configured.name].needs
            for span in candidates:
                _compare(observed["filter", configured.name], f"{label} at {span.text!r}", level,
                         lambda lvl, c=configured, s=span: c.func(doc(lvl)[s.start:s.end], ctx(lvl), c.options),
                         lambda c=configured, s=span: c.func(s, full, c.options))
        found = [span for span in candidates if matcher.keeps(span, full)]
    for configured in matcher.rewriters:
        level = REWRITERS[configured.name].needs
        for span in found:
            _compare(observed["rewriter", configured.name], f"{label} at {span.text!r}", level,
                     lambda lvl, c=configured, s=span: list(c.func(doc(lvl)[s.start:s.end], ctx(lvl), c.options)),
                     lambda c=configured, s=span: list(c.func(s, full, c.options)))


@pytest.fixture(scope="module")
def observed(tmp_path_factory) -> dict[tuple[str, str], Observed]:
    team = tmp_path_factory.mktemp("team-rules")
    (team / "retired-name.yaml").write_text(TEAM_RULE, encoding="utf-8")
    linter = Linter(rule_dirs=[team])
    out = {key: Observed() for key in DECLARED}
    for rule in linter.rules:
        spec = rule.spec
        texts = spec.examples["bad"] + spec.examples["good"] + [case["input"] for case in spec.examples["fix"]]
        for matcher in rule.matchers:
            for text in texts:
                _run_matcher(out, linter.nlp, spec.id, matcher, text)
    return out


@pytest.mark.parametrize("what,name", DECLARED, ids=[f"{w}-{n}" for w, n in DECLARED])
def test_reads_no_deeper_than_it_declares(observed, what, name):
    found = observed[what, name]
    assert found.runs, f"no rule example exercises {what} {name!r}: give a rule using it examples"
    assert not found.differences, (f"{what} {name!r} declares needs={TABLES[what][name].needs!r} but reads more:\n"
                                   + "\n".join(found.differences[:5]))


def test_a_team_rule_using_only_followed_by_runs_and_reports_its_finding(tmp_path):
    """followed_by read sentence boundaries while declaring that it needs only tokens, so a team
    rule whose only filter it was ran on an unparsed Doc and crashed with spaCy's E030."""
    (tmp_path / "wow-terrible.yaml").write_text(textwrap.dedent("""\
        id: wow-terrible
        category: tone
        severity: warning
        message: Do not react with alarm.
        rationale:
          what: '"Wow" before bad news.'
          why: Alarm shakes the customer's confidence.
          instead: State the situation calmly.
        match:
          - kind: phrases
            phrases: [wow]
            filters:
              - followed_by: {words: [terrible, awful]}
        examples:
          bad: ["Wow, that is terrible."]
          good: ["Wow, ten years with us!"]
        """), encoding="utf-8")
    linter = Linter(select=["wow-terrible"], rule_dirs=[tmp_path])
    text = "Thanks for the logs. Wow, that is terrible. Ten years with us, wow!"
    assert [(f.rule_id, f.text, f.start) for f in linter.lint(text)] == [("wow-terrible", "Wow", 21)]
