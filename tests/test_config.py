"""Project configuration: discovered upward from each file, strictly validated, with per-rule
settings, a team's rule directory, include/exclude globs and per-path overrides."""
from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.config import find_config

DRAFT = "Please simmer down. I'll fix it in a jiffy. Please calm down.\n"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def findings(path):
    result = run("check", "--format", "json", str(path))
    return result, [(f["rule_id"], f["severity"], f["text"]) for f in json.loads(result.stdout or "[]")]


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    find_config.cache_clear()
    return path


def test_yaml_config_found_upward_sets_rules_and_options(tmp_path):
    write(tmp_path / ".replylint.yaml", """\
        ignore: [no-acknowledgment, no-next-step]
        rules:
          calm-down: {severity: warning, extra_phrases: [simmer down]}
          vague-promise: {options: {vague_words: [in a jiffy]}}
        """)
    reply = write(tmp_path / "macros" / "deep" / "reply.txt", DRAFT)
    result, found = findings(reply)
    assert ("calm-down", "warning", "simmer down") in found
    assert ("calm-down", "warning", "calm down") in found
    assert ("vague-promise", "warning", "I'll fix it in a jiffy") in found
    assert result.exit_code == 1


def test_pyproject_table_and_cli_flags_take_precedence(tmp_path):
    write(tmp_path / "pyproject.toml", """\
        [project]
        name = "macros"
        [tool.replylint]
        select = ["calm-down"]
        """)
    reply = write(tmp_path / "reply.txt", DRAFT)
    assert {rule for rule, _, _ in findings(reply)[1]} == {"calm-down"}
    result = run("check", "--format", "json", "--select", "vague-promise", str(reply))
    assert {f["rule_id"] for f in json.loads(result.stdout)} == {"vague-promise"}


def test_include_exclude_and_per_path_overrides(tmp_path):
    write(tmp_path / ".replylint.yaml", """\
        exclude: ["archive/*"]
        overrides:
          - files: ["chat/*"]
            ignore: [calm-down]
        """)
    write(tmp_path / "archive" / "old.txt", DRAFT)
    write(tmp_path / "chat" / "quick.txt", DRAFT)
    write(tmp_path / "email" / "long.txt", DRAFT)
    result = run("check", "--format", "json", str(tmp_path))
    rows = json.loads(result.stdout)
    assert not [r for r in rows if "archive" in r["path"]]
    assert not [r for r in rows if "chat" in r["path"] and r["rule_id"] == "calm-down"]
    assert [r for r in rows if "email" in r["path"] and r["rule_id"] == "calm-down"]


def test_a_named_file_the_config_excludes_is_left_out_but_never_silently(tmp_path, monkeypatch):
    """pre-commit names every staged file, and teams exclude archives on purpose, so the config
    applies to named files too; each one left out is said on stderr and counted in the summary
    (it used to print "0 files checked" and exit 0 with no word why)."""
    write(tmp_path / ".replylint.yaml", 'exclude: ["archive/*"]\ninclude: ["*.txt"]\n')
    write(tmp_path / "archive" / "old.txt", DRAFT)
    write(tmp_path / "notes.md", DRAFT)
    write(tmp_path / "email.txt", DRAFT)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["check", "archive/old.txt", "notes.md", "email.txt"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["replylint: archive/old.txt: excluded by .replylint.yaml, not checked",
                                          "replylint: notes.md: excluded by .replylint.yaml, not checked"]
    assert result.stdout.splitlines()[-1].endswith(" in 1 file checked, 2 excluded")
    result = runner.invoke(main, ["check", "--format", "json", "archive/old.txt"], catch_exceptions=False)
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    assert "archive/old.txt: excluded by .replylint.yaml, not checked" in result.stderr
    result = runner.invoke(main, ["check", "archive"], catch_exceptions=False)  # a scan: counted, not listed
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", "no findings in 0 files checked, 1 excluded\n")


def test_a_team_rule_directory_from_config(tmp_path):
    write(tmp_path / "team-rules" / "retired-name.yaml", """\
        id: retired-name
        category: product
        severity: error
        message: OldDesk was renamed NewDesk.
        rationale:
          what: The retired product name OldDesk.
          why: Customers search for the current name; see 004_af06c04df57c404d.txt on clear plans.
          instead: Write NewDesk.
        match:
          - kind: phrases
            phrases: [OldDesk]
            rewrite: {replace_with: {text: NewDesk}}
        examples:
          bad: [Open OldDesk.]
          good: [Open NewDesk.]
        """)
    write(tmp_path / ".replylint.yaml", "rule_dirs: [team-rules]\nselect: [retired-name]\n")
    reply = write(tmp_path / "reply.txt", "Open OldDesk and log in.\n")
    assert findings(reply)[1] == [("retired-name", "error", "OldDesk")]
    assert run("fix", str(reply)).exit_code == 0
    assert reply.read_text() == "Open NewDesk and log in.\n"


@pytest.mark.parametrize("config,message,line", [
    ("selekt: [calm-down]\n", "unknown key 'selekt'", 1),
    ("rules:\n  calm-down: {severty: warning}\n", "rules.calm-down: unknown key 'severty'", 2),
    ("min_severity: loud\n", "min_severity must be one of", 1),
    ("rules:\n  calm-dwn: {severity: warning}\n", "unknown rule id 'calm-dwn'", None),
    ("rules:\n  calm-down: {options: {vague_words: [x]}}\n", "'vague_words' is not an option of this rule", None),
    ("overrides:\n  - ignore: [calm-down]\n", "overrides[0]: needs 'files'", 2),
    ("rule_dirs: [nowhere]\n", "rule_dirs: no such directory", 1),
    ("select: [calm-down\n", "invalid YAML", 2),
])
def test_broken_config_is_one_line_naming_file_and_line(tmp_path, config, message, line):
    cfg = write(tmp_path / ".replylint.yaml", config)
    reply = write(tmp_path / "reply.txt", DRAFT)
    result = CliRunner().invoke(main, ["check", str(reply)], catch_exceptions=False)
    assert result.exit_code == 2
    error = [line for line in result.output.splitlines() if line.startswith("replylint: ")]
    assert len(error) == 1 and message in error[0] and str(cfg) in error[0]
    if line:
        assert f"{cfg}:{line}:" in error[0]
