"""--jobs: forked workers give exactly the findings, errors and order of one process."""
from __future__ import annotations

from click.testing import CliRunner

from replylint import parallel
from replylint.cli import main
from replylint.errors import ReplylintError

REPLIES = ["Please calm down, I'll get back to you.", "Thanks for writing in. Could you send the order number?",
           "YOU MUST RESTART IT!!", "Sorry for any inconvenience. We can't help with refunds."]


def test_workers_return_what_one_process_returns(linter, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    work = [(linter, text, f"r{i}.txt") for i, text in enumerate(REPLIES * 5)]
    work.insert(3, (linter, "body: [unclosed", "broken.yaml"))
    one = parallel.lint_all(work, jobs=1)
    two = parallel.lint_all(work, jobs=2)
    assert [[f.to_dict() for f in r] if isinstance(r, list) else str(r) for r in one] == \
        [[f.to_dict() for f in r] if isinstance(r, list) else str(r) for r in two]
    assert isinstance(two[3], ReplylintError) and "broken.yaml" in str(two[3])
    assert any(f.rule_id == "calm-down" for f in two[0])


def test_small_inputs_stay_in_one_process(linter, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("forked for a few short replies")
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    assert parallel.lint_all([(linter, text, "x.txt") for text in REPLIES], jobs=4)


def test_cli_output_does_not_depend_on_jobs(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    for i, text in enumerate(REPLIES * 3):
        (tmp_path / f"reply-{i:02d}.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    one = runner.invoke(main, ["check", str(tmp_path), "--jobs", "1", "--format", "json"])
    two = runner.invoke(main, ["check", str(tmp_path), "--jobs", "2", "--format", "json"])
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output


def test_jobs_must_be_positive():
    result = CliRunner().invoke(main, ["check", "-", "--jobs", "0"], input="Hi")
    assert result.exit_code == 2
