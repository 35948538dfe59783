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


def test_tasks_shrink_as_the_work_runs_out(monkeypatch):
    """Guided scheduling: every item once and in order, big tasks first, none below the minimum
    but a group's last."""
    monkeypatch.setattr(parallel, "MIN_TASK_CHARS", 200)
    items = [(i, "x" * 50, f"r{i}.txt") for i in range(200)]
    groups = [(None, items[:150]), (None, items[150:])]
    tasks = parallel._tasks(groups, jobs=2, total=200 * 50)
    assert [item for _, task in tasks for item in task] == items
    assert [index for index, _ in tasks] == sorted(index for index, _ in tasks)
    first_group = [len(task) for index, task in tasks if index == 0]
    assert first_group == sorted(first_group, reverse=True) and first_group[0] > 2 * first_group[-1]
    for group in (0, 1):
        sizes = [sum(len(text) for _, text, _ in task) for index, task in tasks if index == group]
        assert all(size >= 200 for size in sizes[:-1])


def test_fixing_in_workers_gives_what_one_process_gives(linter, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    work = [(linter, text, f"r{i}.txt") for i, text in enumerate(REPLIES * 4)]
    work.insert(2, (linter, "body: [unclosed", "broken.yaml"))
    one, two = parallel.fix_all(work, jobs=1), parallel.fix_all(work, jobs=2)
    assert [str(r) if isinstance(r, ReplylintError) else r for r in one] == \
        [str(r) if isinstance(r, ReplylintError) else r for r in two]
    assert isinstance(two[2], ReplylintError)
    assert two[3].changed and two[3].text.startswith("You must restart")  # from "YOU MUST RESTART IT!!"


def test_fix_writes_the_same_files_whatever_the_jobs(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    written = {}
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        for i, text in enumerate(REPLIES * 3):
            (folder / f"reply-{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["fix", str(folder), "--jobs", jobs, "--format", "json"])
        assert result.exit_code == 1
        written[jobs] = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert written["1"] == written["2"]
    assert written["2"]["reply-02.txt"] != (REPLIES[2] + "\n")  # something was fixed
