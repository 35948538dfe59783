"""The pre-commit hooks end to end with the real `pre-commit` tool: in a throwaway git
repository, `pre-commit try-repo` against this checkout fails on a bad canned response, passes
on a good one, and the fix hook rewrites a file in place."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
pytestmark = pytest.mark.skipif(not (PRE_COMMIT and shutil.which("git")), reason="needs pre-commit and git")


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    git("init", "-q")
    git("config", "user.email", "ops@example.com")
    git("config", "user.name", "Support Ops")
    (tmp_path / "bad.txt").write_text("Please calm down. I'll get back to you soon.\n")
    (tmp_path / "good.md").write_text("Thanks for the report. I've rerun the export, and the file will be "
                                      "in your inbox by 3 pm today.\n")
    (tmp_path / "fixable.yaml").write_text("macros:\n  - body: \"Obviously the export failed. Check your inbox!!\"\n")
    (tmp_path / "exported.eml").write_text("From: help@shop.example\nSubject: Re: refund\n\nPlease calm down.\n")
    git("add", ".")
    git("commit", "-qm", "canned responses")
    return tmp_path


def try_repo(repo, home, hook, *files):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), hook, "--files", *files], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def test_check_hook_fails_on_a_bad_reply_and_passes_a_good_one(repo, hook_home):
    bad = try_repo(repo, hook_home, "replylint", "bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.txt:1:8: error calm-down" in bad.stdout
    good = try_repo(repo, hook_home, "replylint", "good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_check_hook_reads_an_exported_email(repo, hook_home):
    result = try_repo(repo, hook_home, "replylint", "exported.eml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "exported.eml:4:8: error calm-down" in result.stdout


def test_fix_hook_rewrites_in_place(repo, hook_home):
    result = try_repo(repo, hook_home, "replylint-fix", "fixable.yaml")
    assert result.returncode == 1  # pre-commit fails a hook that modified files, so the change is reviewed
    assert (repo / "fixable.yaml").read_text() == "macros:\n  - body: \"The export failed. Check your inbox.\"\n"
