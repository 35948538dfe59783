"""The README is part of the product: its rule table and commands must match the code."""
from __future__ import annotations

from replylint.rules import load_rules

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_table_lists_every_rule_with_its_severity():
    for spec in load_rules():
        assert f"| `{spec.id}` | {spec.severity} |" in README


def test_readme_states_the_two_setup_commands_and_ci_runs_the_test_one():
    install = 'python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/replylint check examples/'
    test = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
    assert install in README and test in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q -e ".[test]"' in ci and "python -m pytest" in ci


def test_readme_team_rule_example_passes_test_rules(tmp_path):
    import re

    from click.testing import CliRunner

    from replylint.cli import main

    rule = re.search(r"saved as `team-rules/retired-name.yaml`.*?```yaml\n(.*?)```", README, re.S).group(1)
    (tmp_path / "retired-name.yaml").write_text(rule, encoding="utf-8")
    result = CliRunner().invoke(main, ["test-rules", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0
    shown = re.search(r"\$ replylint test-rules team-rules/\n(.*?)```", README, re.S).group(1)
    assert result.output == shown
