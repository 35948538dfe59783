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
    test = ('python3 -m venv .venv && .venv/bin/pip install -e ".[test,lint]" && .venv/bin/ruff check . '
            '&& .venv/bin/mypy && .venv/bin/python -m pytest')
    assert install in README and test in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    steps = ['pip install -q -e ".[test,lint]"', "ruff check .", "/mypy", "python -m pytest"]
    assert all(step in ci for step in steps)
    assert [ci.index(step) for step in steps] == sorted(ci.index(step) for step in steps), "in the README's order"


def test_contributing_links_every_guide_and_the_performance_page_exists():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for guide in ("a rule", "a filter", "a check", "a rewriter", "an input format", "an output format"):
        assert f"## Add {guide}" in contributing
    assert "docs/performance.md" in README and (ROOT / "docs" / "performance.md").is_file()


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
