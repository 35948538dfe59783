"""Regenerate (or, with --check, verify) what is derived from the rule pack, not written by hand.

    python -m replylint.tools.generate            # rewrite the stale artefacts
    python -m replylint.tools.generate --check    # exit 1 naming each stale one (tests do this)

The artefacts:
- the README's rule table, between `<!-- rules-table:start -->` and `<!-- rules-table:end -->`:
  one row per bundled rule, from its YAML (id, severity, message, first bad example,
  rationale.instead), errors first, then by id;
- `replylint/inflections.json`: every inflected form lemminflect gives for each word the
  bundled rules ask to inflect (found by compiling the pack), so start-up asks lemminflect
  nothing (see replylint.lexicon).

Why here and not in the runtime modules: finding the pack's words compiles the whole pack with
a Linter, which lexicon.py (imported by that Linter) must not depend on.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import lexicon
from ..findings import Severity
from ..rules import load_rules
from ..rules.schema import RuleSpec

ROOT = Path(__file__).resolve().parent.parent.parent
README = ROOT / "README.md"
TABLE_START = "<!-- rules-table:start -->"
TABLE_END = "<!-- rules-table:end -->"


# ---------------------------------------------------------------------------------------------
# inflections.json

def pack_words() -> list[str]:
    """Every word the bundled rule pack asks to inflect, found by compiling it while recording
    what lexicon.inflections is asked."""
    from .. import Linter

    asked: set[str] = set()
    original = lexicon.inflections

    def recording(word: str) -> frozenset[str]:
        asked.add(word)
        return lexicon.computed_inflections(word)
    lexicon.inflections = recording
    try:
        Linter()
    finally:
        lexicon.inflections = original
    return sorted(asked)


def inflection_table() -> dict[str, list[str]]:
    return {word: sorted(lexicon.computed_inflections(word)) for word in pack_words()}


def inflections_text() -> str:
    return json.dumps(inflection_table(), indent=0, sort_keys=True) + "\n"


# ---------------------------------------------------------------------------------------------
# README rule table

def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _flags(spec: RuleSpec) -> str:
    """The message up to its advice: 'Telling the customer to calm down escalates; acknowledge
    the frustration instead.' flags 'Telling the customer to calm down escalates'."""
    return spec.message.split(";")[0].strip()


def rules_table(specs: list[RuleSpec]) -> str:
    rows = ["| id | severity | flags | example | write instead |", "|---|---|---|---|---|"]
    for spec in sorted(specs, key=lambda s: (-Severity.parse(s.severity), s.id)):
        rows.append(f"| `{spec.id}` | {spec.severity} | {_cell(_flags(spec))} | "
                    f"{_cell(spec.examples['bad'][0])} | {_cell(spec.rationale['instead'])} |")
    return "\n".join(rows) + "\n"


def readme_text(current: str, specs: list[RuleSpec]) -> str:
    """`current` with the text between the table markers replaced by the derived table."""
    start, end = current.find(TABLE_START), current.find(TABLE_END)
    if start < 0 or end < start:
        raise SystemExit(f"{README}: no {TABLE_START} ... {TABLE_END} markers around the rule table")
    head = current[:start + len(TABLE_START)] + "\n"
    return head + rules_table(specs) + current[end:]


# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Artefact:
    path: Path
    expected: Callable[[str], str]  # current text -> what it should be


def artefacts() -> list[Artefact]:
    specs = load_rules()
    return [Artefact(README, lambda current: readme_text(current, specs)),
            Artefact(lexicon.TABLE, lambda current: inflections_text())]


def stale() -> list[tuple[Artefact, str]]:
    """(artefact, the text it should have) for each one that differs from what is derived."""
    out = []
    for artefact in artefacts():
        current = artefact.path.read_text(encoding="utf-8") if artefact.path.exists() else ""
        expected = artefact.expected(current)
        if expected != current:
            out.append((artefact, expected))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m replylint.tools.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale artefacts (exit 1 if any)")
    args = parser.parse_args(argv)
    outdated = stale()
    for artefact, expected in outdated:
        if args.check:
            print(f"{artefact.path}: stale (regenerate with python -m replylint.tools.generate)", file=sys.stderr)
        else:
            artefact.path.write_text(expected, encoding="utf-8")
            print(f"{artefact.path}: regenerated")
    return 1 if outdated and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
