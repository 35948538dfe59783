"""`replylint test-rules DIR`: run the examples of a team's own rules (sqlfluff's YAML fixtures,
for rule authors): every `bad` example must fire, every `good` one must stay quiet, and every
`fix` example's input must be rewritten to its output."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .engine import Linter
from .fixing import apply_edits
from .rules.loader import load_rule_file


@dataclass(frozen=True)
class Outcome:
    rule_id: str
    case: str      # "bad[0]", "good[2]", "fix[1]"
    text: str
    passed: bool
    reason: str = ""


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 70 else flat[:67] + "..."


def run_rule_examples(directory: Path, model: str | None = None) -> list[Outcome]:
    """One Outcome per example of every rule in `directory`."""
    outcomes = []
    for path in sorted(Path(directory).glob("*.yaml")):
        spec = load_rule_file(path)
        linter = Linter(select=[spec.id], rule_dirs=[Path(directory)], model=model)
        for i, text in enumerate(spec.examples["bad"]):
            fired = linter.lint(text)
            outcomes.append(Outcome(spec.id, f"bad[{i}]", text, bool(fired), "" if fired else "did not fire"))
        for i, text in enumerate(spec.examples["good"]):
            fired = linter.lint(text)
            outcomes.append(Outcome(spec.id, f"good[{i}]", text, not fired,
                                    "" if not fired else f"fired on {', '.join(repr(f.text) for f in fired)}"))
        for i, case in enumerate(spec.examples["fix"]):
            findings = linter.lint(case["input"])
            edits = [f.edits[0] for f in findings if f.edits]
            got = apply_edits(case["input"], edits) if edits else None
            ok = got == case["output"]
            reason = "" if ok else ("no rewrite offered" if got is None else f"got {_short(got)!r}")
            outcomes.append(Outcome(spec.id, f"fix[{i}]", case["input"], ok, reason))
    return outcomes
