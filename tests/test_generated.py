"""What is derived from the rule pack (the README's rule table, inflections.json) is up to date:
a rule added or changed without `python -m replylint.tools.generate` fails here."""
from __future__ import annotations

import json

from replylint import lexicon
from replylint.rules import load_rules
from replylint.tools import generate


def test_no_generated_artefact_is_stale():
    stale = [str(artefact.path) for artefact, _ in generate.stale()]
    assert not stale, f"stale: {stale}; regenerate with python -m replylint.tools.generate"


def test_the_readme_table_is_the_pack_between_the_markers():
    specs = load_rules()
    readme = generate.README.read_text(encoding="utf-8")
    table = readme.split(generate.TABLE_START)[1].split(generate.TABLE_END)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [s.id for s in sorted(
        specs, key=lambda s: (-generate.Severity.parse(s.severity), s.id))]


def test_a_rule_missing_from_the_table_is_put_back(tmp_path, monkeypatch):
    """The check can fail: a README whose table lost a row is stale, and regenerating restores it."""
    readme = tmp_path / "README.md"
    current = generate.README.read_text(encoding="utf-8")
    row = next(line for line in current.splitlines() if line.startswith("| `calm-down` |"))
    readme.write_text(current.replace(row + "\n", ""), encoding="utf-8")
    monkeypatch.setattr(generate, "README", readme)
    monkeypatch.setattr(generate, "artefacts", lambda: [
        generate.Artefact(readme, lambda text: generate.readme_text(text, load_rules()))])
    assert generate.main(["--check"]) == 1
    assert row not in readme.read_text(encoding="utf-8")
    assert generate.main([]) == 0
    assert readme.read_text(encoding="utf-8") == current


def test_the_inflection_table_lists_the_forms_of_the_pack_words():
    table = json.loads(lexicon.TABLE.read_text(encoding="utf-8"))
    assert {"breathe", "breathes", "breathed", "breathing"} <= set(table["breathe"])
