"""`replylint fix` / `check --fix` and `Linter.fix`: atomic in-place writes that keep every byte
they did not mean to change, idempotence, --diff, --unsafe, stdin, and the error cases."""
from __future__ import annotations

import codecs
import json
import os
import stat

import pytest
from click.testing import CliRunner

from replylint import fileio
from replylint.cli import main
from replylint.errors import ReplylintError

# "Obviously" and "!!" have safe fixes; the blame has a suggested one; the promise needs a time.
DRAFT = "Hi {{ticket.requester.first_name}},\r\n\r\nObviously the export skips archived rows. Check your inbox!!\r\n"
FIXED = "Hi {{ticket.requester.first_name}},\r\n\r\nThe export skips archived rows. Check your inbox.\r\n"
BLAME = "You didn't back up the document.\n"


@pytest.fixture
def run():
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()

    def invoke(*args, stdin=None):
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)
    return invoke


def write(tmp_path, text, name="reply.txt", bom=False, mode=0o640):
    path = tmp_path / name
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    path.chmod(mode)
    return path


def test_library_fix_returns_text_applied_and_remaining(linter):
    result = linter.fix(DRAFT)
    assert result.text == FIXED
    assert sorted(a.finding.rule_id for a in result.applied) == ["condescending", "shouting"]
    assert all(a.edit.safety == "safe" for a in result.applied)
    assert result.remaining == ()
    assert linter.fix(result.text).text == result.text and not linter.fix(result.text).applied


def test_unsafe_applies_suggestions_but_never_slots(linter):
    assert linter.fix(BLAME).text == BLAME
    assert linter.fix(BLAME, unsafe=True).text == "The document wasn't backed up.\n"
    promise = "I'll get back to you soon.\n"
    result = linter.fix(promise, unsafe=True)
    assert result.text == promise and [f.rule_id for f in result.remaining] == ["vague-promise"]


def test_fix_in_place_keeps_bom_line_endings_mode_and_placeholders(run, tmp_path):
    path = write(tmp_path, DRAFT, bom=True, mode=0o604)
    result = run("fix", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == codecs.BOM_UTF8 + FIXED.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert "fixed 2 (condescending, shouting); 0 remaining" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name != "reply.txt"], "no temporary file left behind"
    again = run("fix", str(path))
    assert again.exit_code == 0 and path.read_bytes() == codecs.BOM_UTF8 + FIXED.encode("utf-8")
    assert "fixed" not in again.stderr


def test_fix_exits_one_while_findings_remain(run, tmp_path):
    path = write(tmp_path, "Simply restart the router. I'll get back to you soon.\n")
    result = run("fix", str(path))
    assert result.exit_code == 1
    assert path.read_text() == "Restart the router. I'll get back to you soon.\n"
    assert "vague-promise" in result.stdout and "by [day, time]" in result.stdout


def test_diff_prints_and_writes_nothing(run, tmp_path):
    path = write(tmp_path, DRAFT)
    before = path.read_bytes()
    result = run("fix", "--diff", str(path))
    assert result.exit_code == 1
    assert path.read_bytes() == before
    assert "-Obviously the export skips archived rows. Check your inbox!!" in result.stdout
    assert "+The export skips archived rows. Check your inbox." in result.stdout


def test_unsafe_flag_applies_suggested_rewrites(run, tmp_path):
    path = write(tmp_path, BLAME)
    assert run("fix", str(path)).exit_code == 1 and path.read_text() == BLAME
    assert run("fix", "--unsafe", str(path)).exit_code == 0
    assert path.read_text() == "The document wasn't backed up.\n"


def test_stdin_writes_fixed_text_to_stdout(run):
    result = run("fix", "-", stdin=DRAFT.replace("\r\n", "\n"))
    assert result.stdout == FIXED.replace("\r\n", "\n")
    assert result.exit_code == 0


def test_check_fix_fixes_then_reports_what_remains(run, tmp_path):
    path = write(tmp_path, "Simply restart the router. I'll get back to you soon.\n")
    result = run("check", "--fix", "--format", "json", str(path))
    assert result.exit_code == 1
    assert path.read_text() == "Restart the router. I'll get back to you soon.\n"
    [finding] = json.loads(result.stdout)
    assert finding["rule_id"] == "vague-promise"
    assert finding["edits"][0]["needs_input"] is True


def test_json_findings_carry_edits_with_safety(run, tmp_path):
    path = write(tmp_path, "Obviously the export skips archived rows.\n")
    [finding] = json.loads(run("check", "--format", "json", str(path)).stdout)
    [edit] = finding["edits"]
    assert edit["safety"] == "safe" and edit["needs_input"] is False
    assert (edit["start"], edit["end"], edit["replacement"]) == (0, 11, "T")
    assert edit["preview"] == "The export skips archived rows."
    assert finding["suggestions"] and finding["text"] == "Obviously"


def test_read_only_file_is_an_error_and_left_intact(run, tmp_path):
    path = write(tmp_path, DRAFT, mode=0o444)
    result = run("fix", str(path))
    assert result.exit_code == 2
    assert f"replylint: {path}: file is read-only; not fixed" in result.stderr
    assert path.read_bytes().decode() == DRAFT


def test_file_changed_since_read_is_refused(tmp_path):
    path = write(tmp_path, DRAFT)
    path.write_text("someone else's edit\n")
    with pytest.raises(ReplylintError, match="changed on disk since it was read"):
        fileio.write_atomic(str(path), DRAFT.encode(), FIXED.encode())
    assert path.read_text() == "someone else's edit\n"


def test_vanished_file_is_refused(tmp_path):
    path = write(tmp_path, DRAFT)
    path.unlink()
    with pytest.raises(ReplylintError, match="vanished"):
        fileio.write_atomic(str(path), DRAFT.encode(), FIXED.encode())
    assert not path.exists()


@pytest.mark.parametrize("failing", ["fsync", "exchange", "replace"])
def test_failed_write_leaves_the_original_and_no_temporary(tmp_path, monkeypatch, failing):
    path = write(tmp_path, DRAFT)

    def no_space(*args):
        raise OSError(28, "No space left on device")
    if failing == "fsync":
        monkeypatch.setattr(os, "fsync", no_space)
    elif failing == "exchange":
        monkeypatch.setattr(fileio, "_exchange", no_space)
    else:  # where names cannot be exchanged, the plain rename fails
        monkeypatch.setattr(fileio, "_exchange", lambda a, b: False)
        monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(ReplylintError, match="No space left on device; the original is unchanged"):
        fileio.write_atomic(str(path), DRAFT.encode(), FIXED.encode())
    assert path.read_bytes().decode() == DRAFT
    assert [p.name for p in tmp_path.iterdir()] == ["reply.txt"]


def test_fix_removes_what_a_killed_fix_left_and_diff_does_not(run, tmp_path):
    import subprocess
    import sys

    write(tmp_path, DRAFT)
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    left = tmp_path / f".reply.txt.{finished.pid}.k3q_x9zz.replylint"  # by a process now gone
    left.write_text("half a fix")
    assert run("fix", "--diff", str(tmp_path)).exit_code == 1 and left.exists()
    assert run("fix", str(tmp_path)).exit_code == 0
    assert not left.exists() and (tmp_path / "reply.txt").read_bytes().decode() == FIXED


def test_fix_through_a_symlink_rewrites_the_target(run, tmp_path):
    target = write(tmp_path, DRAFT, name="macro.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run("fix", str(link)).exit_code == 0
    assert link.is_symlink() and target.read_bytes().decode() == FIXED


def test_binary_file_is_not_touched(run, tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02 Obviously")
    result = run("fix", str(path))
    assert result.exit_code == 2 and path.read_bytes() == b"\x00\x01\x02 Obviously"
