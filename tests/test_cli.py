"""The command line through click's CliRunner: exit codes, both formats, and bad input."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.rules import load_rules

BAD = "Oh no, please calm down. I'll get back to you soon.\n"
GOOD = "I'm sorry the export failed. I've rerun it, and the file will be in your inbox by 3 pm today.\n"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, stdin=None):
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)
    return invoke


def test_clean_file_exits_zero(run, tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0
    assert "no findings in 1 file checked" in result.output


def test_findings_exit_one_with_location_line_and_underline(run, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    head = f"{path}:1:15: error calm-down "
    i = next(n for n, line in enumerate(lines) if line.startswith(head))
    assert lines[i + 1] == "    " + BAD.rstrip("\n")
    assert lines[i + 2] == "    " + " " * 14 + "^" * len("calm down")
    assert lines[i + 3].startswith("    rewrite: I understand how frustrating this is.")
    assert lines[-1].startswith("3 findings (1 error, 2 warnings) in 1 file checked")


def test_json_format_lists_findings_with_path(run, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    result = run("check", "--format", "json", str(path))
    assert result.exit_code == 1
    rows = json.loads(result.output)
    assert {r["rule_id"] for r in rows} == {"alarm-reaction", "calm-down", "vague-promise"}
    assert all(r["path"] == str(path) and BAD[r["start"]:r["end"]] == r["text"] for r in rows)


def test_stdin_dash(run):
    result = run("check", "--format", "json", "-", stdin=BAD)
    assert result.exit_code == 1
    assert {r["path"] for r in json.loads(result.output)} == {"<stdin>"}


def test_select_ignore_and_min_severity(run):
    assert run("check", "--select", "calm-down", "-", stdin=BAD).output.count(" calm-down ") == 1
    result = run("check", "--format", "json", "--ignore", "calm-down,alarm-reaction", "-", stdin=BAD)
    assert {r["rule_id"] for r in json.loads(result.output)} == {"vague-promise"}
    result = run("check", "--format", "json", "--min-severity", "error", "-", stdin=BAD)
    assert {r["rule_id"] for r in json.loads(result.output)} == {"calm-down"}


def test_unknown_rule_is_a_usage_error(run):
    result = run("check", "--select", "calm-dwn", "-", stdin=BAD)
    assert result.exit_code == 2
    assert "unknown rule id 'calm-dwn'" in result.output


def test_no_path_is_a_usage_error(run):
    assert run("check").exit_code == 2


@pytest.mark.parametrize("name,data,expected", [
    ("latin1.txt", "Caf\xe9 order is late.\nsecond line \xff\n".encode("latin-1"), "latin1.txt:1: not valid UTF-8"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image.txt: binary file"),
    ("empty.txt", b"", "empty.txt: empty file"),
])
def test_bad_input_is_one_line_and_exit_two(run, tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("check", str(path))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("replylint:")]
    assert len(errors) == 1 and expected in errors[0]


def test_missing_path_exits_two(run, tmp_path):
    result = run("check", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt: no such file or directory" in result.output


def test_directory_scan_recurses_and_skips_binary_with_a_notice(run, tmp_path):
    (tmp_path / "macros" / "billing").mkdir(parents=True)
    (tmp_path / "macros" / "billing" / "late.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "macros" / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "macros" / "logo.html").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "macros" / "README.md").write_text("HOW TO USE THESE MACROS!!\n", encoding="utf-8")
    (tmp_path / "macros" / "notes.csv").write_text(BAD, encoding="utf-8")
    (tmp_path / "macros" / ".pre-commit-config.yaml").write_text("message: " + BAD, encoding="utf-8")
    result = run("check", "--format", "json", str(tmp_path / "macros"))
    assert result.exit_code == 1
    assert "logo.html: binary file, not text (skipped)" in result.stderr
    start = result.output.index("[")
    paths = {r["path"] for r in json.loads(result.output[start:])}
    assert paths == {str(tmp_path / "macros" / "billing" / "late.md")}


def test_rules_lists_every_rule(run):
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert sorted(listed) == sorted(s.id for s in load_rules())
    assert any(line.startswith("calm-down") and " error " in line for line in result.output.splitlines())


def test_explain_prints_rationale_examples_and_suggestions(run):
    result = run("explain", "non-apology")
    assert result.exit_code == 0
    for heading in ("What it flags", "Why it hurts", "Write instead", "Flagged", "Not flagged", "Suggestions"):
        assert heading in result.output
    assert run("explain", "nope").exit_code == 2


def test_explain_shows_a_matcher_own_message(run):
    """non-apology's "I'm sorry, but" matcher says what is wrong with that pattern."""
    output = " ".join(run("explain", "non-apology").output.split())
    assert 'message of its findings: The apology is taken back at once by "but"' in output


def test_malformed_builtin_rule_is_one_line_and_exit_two(run, tmp_path, monkeypatch):
    (tmp_path / "calm-down.yaml").write_text("id: calm-down\nseverity: [\n", encoding="utf-8")
    monkeypatch.setattr("replylint.rules.loader.builtin_rules_dir", lambda: tmp_path)
    result = run("check", "-", stdin=BAD)
    assert result.exit_code == 2
    assert result.output.startswith(f"replylint: {tmp_path / 'calm-down.yaml'}:")
    assert len(result.output.strip().splitlines()) == 1


def test_the_real_corpus_is_checked_without_errors(run):
    """Hundreds of third-party canned responses, full of templates and markup: no crash, no input error."""
    from .conftest import SHARED

    real = SHARED / "corpus" / "real"
    if not real.is_dir():
        pytest.skip("../shared/corpus/real is not beside this checkout")
    result = run("check", "--format", "json", str(real))
    assert result.exit_code == 1
    assert not [line for line in result.stderr.splitlines() if "skipped" not in line]
    rows = json.loads(result.stdout)
    assert all(open(r["path"], encoding="utf-8").read()[r["start"]:r["end"]] == r["text"] for r in rows)


def test_sarif_output_describes_rules_results_and_fixes(run, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    log = json.loads(run("check", "--format", "sarif", str(path)).output)
    assert log["version"] == "2.1.0"
    [run_] = log["runs"]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert "calm-down" in rules and run_["columnKind"] == "unicodeCodePoints"
    calm = next(r for r in run_["results"] if r["ruleId"] == "calm-down")
    assert calm["level"] == "error" and rules[calm["ruleIndex"]] == "calm-down"
    region = calm["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (1, 15, "calm down")
    assert calm["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
    assert {r["level"] for r in run_["results"]} <= {"error", "warning", "note"}


def test_github_annotations_escape_and_map_severities(run, tmp_path):
    path = tmp_path / "bad,one.txt"
    path.write_text(BAD, encoding="utf-8")
    lines = run("check", "--format", "github", str(path)).output.splitlines()
    assert any(line.startswith("::error file=") and "bad%2Cone.txt,line=1,col=15," in line
               and "title=replylint calm-down::" in line for line in lines)
    assert any(line.startswith("::warning ") for line in lines)
    assert all("\n" not in line for line in lines)


def test_exit_zero_and_fail_on_for_gradual_adoption(run, tmp_path):
    path = tmp_path / "warn.txt"
    path.write_text("I'll get back to you soon.\n", encoding="utf-8")  # a warning, no error
    assert run("check", str(path)).exit_code == 1
    assert run("check", "--fail-on", "error", str(path)).exit_code == 0
    assert run("check", "--fail-on", "warning", str(path)).exit_code == 1
    assert run("check", "--exit-zero", str(path)).exit_code == 0
    assert run("check", "--exit-zero", str(tmp_path / "missing.txt")).exit_code == 2


TEAM_RULE = """\
id: retired-name
category: product
severity: warning
message: OldDesk was renamed NewDesk; use the current name.
rationale:
  what: The retired product name OldDesk.
  why: Customers search for the name on their screen; see 004_af06c04df57c404d.txt on clear steps.
  instead: Write NewDesk.
match:
  - kind: phrases
    phrases: [OldDesk]
    rewrite: {replace_with: {text: NewDesk}}
examples:
  bad: [Open OldDesk and sign in.]
  good: [Open NewDesk and sign in., GOOD_CASE]
  fix:
    - {input: "Open OldDesk and sign in.", output: "Open NewDesk and sign in.", safety: safe}
"""


def test_test_rules_reports_each_example(run, tmp_path):
    (tmp_path / "retired-name.yaml").write_text(TEAM_RULE.replace("GOOD_CASE", "Our desk opens at 9."))
    result = run("test-rules", str(tmp_path))
    assert result.exit_code == 0
    assert "PASS retired-name bad[0]: Open OldDesk and sign in." in result.output
    assert "PASS retired-name fix[0]" in result.output
    assert result.output.splitlines()[-1] == "4 passed, 0 failed, in 1 rule"


def test_test_rules_fails_on_a_broken_example(run, tmp_path):
    (tmp_path / "retired-name.yaml").write_text(TEAM_RULE.replace("GOOD_CASE", "OldDesk is gone."))
    result = run("test-rules", str(tmp_path))
    assert result.exit_code == 1
    assert "FAIL retired-name good[1]: OldDesk is gone.  (fired on 'OldDesk')" in result.output


def _published_sarif_schema():
    """The OASIS schema, if this machine has it: REPLYLINT_SARIF_SCHEMA, or beside the checkout.
    It is not on the package index, and this project does not vendor third-party copies."""
    import os
    from pathlib import Path

    from .conftest import SHARED

    for candidate in (os.environ.get("REPLYLINT_SARIF_SCHEMA"), SHARED / "schemas" / "sarif-schema-2.1.0.json"):
        if candidate and Path(candidate).is_file():
            return json.loads(Path(candidate).read_text(encoding="utf-8"))
    return None


@pytest.mark.skipif(_published_sarif_schema() is None,
                    reason="the published SARIF 2.1.0 schema is not available on this machine")
def test_sarif_output_validates_against_the_published_schema(run, tmp_path, monkeypatch):
    import jsonschema

    (tmp_path / "my macros").mkdir()
    relative = os.path.join("my macros", "refund #1.txt")
    (tmp_path / relative).write_text(BAD + "You didn't back up the file.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for path in (relative, str(tmp_path / relative)):
        log = json.loads(run("check", "--format", "sarif", path).stdout)
        jsonschema.validate(log, _published_sarif_schema())
        assert all(_is_uri_reference(uri) for uri in _artifact_uris(log))


def _artifact_uris(log) -> list[str]:
    [run_] = log["runs"]
    uris = [a["location"]["uri"] for a in run_["artifacts"]]
    uris += [loc["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"] for loc in r["locations"]]
    return uris + [c["artifactLocation"]["uri"] for r in run_["results"] for f in r.get("fixes", ())
                   for c in f["artifactChanges"]]


def _is_uri_reference(uri: str) -> bool:
    """RFC 3986's characters only, '%' only before two hex digits. (jsonschema checks the schema's
    "format": "uri-reference" only with a validator package this project does not install.)"""
    import re

    return re.fullmatch(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*", uri) is not None


def test_sarif_artifact_uris_are_percent_encoded_and_absolute_paths_are_file_uris(run, tmp_path, monkeypatch):
    """`my file#1.txt` used to be written as is: a space is not allowed in a URI, and '#' starts a
    fragment, so a dashboard looked for "my file"; an absolute path was not a file:// URI."""
    from urllib.parse import unquote, urlsplit
    from urllib.request import url2pathname

    (tmp_path / "my file#1.txt").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    uris = set(_artifact_uris(json.loads(run("check", "--format", "sarif", "my file#1.txt").stdout)))
    assert uris == {"my%20file%231.txt"}
    absolute = str(tmp_path / "my file#1.txt")
    [uri] = set(_artifact_uris(json.loads(run("check", "--format", "sarif", absolute).stdout)))
    assert uri.startswith("file:///") and "#" not in uri and " " not in uri
    assert url2pathname(urlsplit(uri).path) == absolute and unquote(urlsplit(uri).path) == absolute


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_console_entry_flushes_everything_and_keeps_the_exit_status(tmp_path, fmt):
    """`python -m replylint` ends with os._exit (no interpreter teardown): every byte written to a
    pipe must still arrive, and the status must be the command's."""
    import subprocess
    import sys

    paths = []
    for n in range(40):
        paths.append(tmp_path / f"r{n}.txt")
        paths[-1].write_text(BAD, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "replylint", "check", "--jobs", "1", "--format", fmt,
                             *map(str, paths)], capture_output=True, text=True)
    assert result.returncode == 1
    if fmt == "json":
        assert len(json.loads(result.stdout)) >= 40
    else:
        assert result.stdout.rstrip().endswith("in 40 files checked")
    missing = subprocess.run([sys.executable, "-m", "replylint", "check", str(tmp_path / "absent.txt")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "absent.txt" in missing.stderr


def test_fix_diff_says_would_fix_since_it_writes_nothing(run, tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("Obviously the export failed. Check your inbox!!\n", encoding="utf-8")
    result = run("fix", "--diff", str(path))
    assert result.exit_code == 1
    assert f"{path}: would fix 2 (condescending, shouting); 1 remaining" in result.stderr
    assert "fixed" not in result.stderr
    result = run("check", "--fix", "-", stdin="Obviously the export failed.\n")  # nowhere to write stdin
    assert "<stdin>: would fix 1 (condescending)" in result.stderr


@pytest.mark.parametrize("stdin", ["", "\x00\x01binary", "Obviously the export failed.\n\xff"])
def test_fix_stdin_never_writes_anything_but_the_fixed_draft_to_stdout(run, stdin):
    """An editor's filter (`:%!replylint fix -`) replaces the draft with stdout: on failure the
    summary used to be pasted over it."""
    result = run("fix", "-", stdin=stdin.encode("latin-1"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "replylint: <stdin>" in result.stderr and "0 files checked" in result.stderr


def test_fix_stdin_success_puts_only_the_draft_on_stdout(run):
    result = run("fix", "-", stdin="Obviously the export failed. I'll resend it by 3 pm today.\n")
    assert result.stdout == "The export failed. I'll resend it by 3 pm today.\n"
    assert "<stdin>: fixed 1 (condescending)" in result.stderr and "checked" in result.stderr


def test_rules_and_explain_include_the_team_rules_check_runs(run, tmp_path, monkeypatch):
    from replylint.config import find_config

    (tmp_path / "team-rules").mkdir()
    (tmp_path / "team-rules" / "retired-name.yaml").write_text(TEAM_RULE.replace("GOOD_CASE", "Our desk opens at 9."))
    (tmp_path / ".replylint.yaml").write_text("rule_dirs: [team-rules]\n")
    monkeypatch.chdir(tmp_path)
    find_config.cache_clear()
    assert run("check", "-", stdin="Open OldDesk and sign in.\n").exit_code == 1
    result = run("explain", "retired-name")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("retired-name (warning, product)")
    assert "Open OldDesk and sign in." in result.stdout
    assert any(line.startswith("retired-name ") for line in run("rules").stdout.splitlines())
    (tmp_path / ".replylint.yaml").write_text("rule_dirs: [missing]\n")
    find_config.cache_clear()
    result = run("rules")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and ".replylint.yaml:1:" in result.stderr


def test_more_jobs_than_cores_are_clamped_with_a_notice(run, tmp_path, monkeypatch):
    from replylint import cli
    from replylint.parallel import default_jobs

    used = []
    real = cli.lint_all
    monkeypatch.setattr(cli, "lint_all", lambda work, jobs, *rest: used.append(jobs) or real(work, jobs, *rest))
    cores = default_jobs()
    result = run("check", "--jobs", str(cores + 63), "-", stdin=GOOD)
    assert result.exit_code == 0
    assert used == [cores]
    cores_word = "core" if cores == 1 else "cores"
    assert f"replylint: --jobs {cores + 63} is more than the {cores} {cores_word} available; using {cores}" \
        in result.stderr
    result = run("check", "--jobs", "1", "-", stdin=GOOD)
    assert used[-1] == 1 and "--jobs" not in result.stderr


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_on_the_top_level_command(run, flag):
    from replylint import __version__

    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout == f"replylint, version {__version__}\n"


@pytest.mark.parametrize("args,env,colored", [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    (["--color", "always"], {"NO_COLOR": "1"}, True),     # the explicit choice beats the environment
    ([], {}, False),                                    # not a terminal
    ([], {"FORCE_COLOR": "1"}, True),
    (["--color", "auto"], {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),  # an empty NO_COLOR does not count
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "", "TERM": "xterm"}, False),
])
def test_color_option_and_environment(run, monkeypatch, args, env, colored):
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run("check", *args, "-", stdin=BAD)
    assert result.exit_code == 1
    assert ("\033[1;31m" in result.stdout) is colored


class _Terminal:
    def isatty(self):
        return True


@pytest.mark.parametrize("env,colored", [
    ({}, True),
    ({"TERM": "dumb"}, False),
    ({"TERM": "dumb", "FORCE_COLOR": "1"}, True),
    ({"NO_COLOR": ""}, True),
    ({"NO_COLOR": "0"}, False),   # any non-empty value, per no-color.org
])
def test_auto_color_on_a_terminal(env, colored):
    from replylint.terminal import use_color

    assert use_color("auto", _Terminal(), env) is colored
    assert use_color("never", _Terminal(), env) is False


def test_explain_lists_each_option_with_its_type_default_meaning_and_value(run):
    """explain is derived from the declarations: cant-help's not_after filter declares `window`
    (a whole number, default 3) and the rule gives it words; upset-slang lists its phrases."""
    output = run("explain", "cant-help").output
    assert "How it matches" in output
    assert "filter not_after (reads parse)" in output
    assert "window (whole number, default 3): how many tokens before the match" in output
    assert "here [nothing, anything, if, unless]" in output
    assert "phrases: hissy fit, throw a fit" in run("explain", "upset-slang").output
