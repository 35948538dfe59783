"""--jobs: forked workers give exactly the findings, errors and order of one process."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
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


ROOT = Path(__file__).resolve().parent.parent
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _children(pid: int) -> set[int]:
    """The live (not zombie) processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid and fields[0] != b"Z":
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_bytes().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return False


def _kill_parent_and_wait_for(parent: subprocess.Popen, children: set[int], deadline: float = 60) -> set[int]:
    """SIGKILL `parent`, then the children still alive after a generous deadline (polled, so
    a quick death ends the wait at once); any survivor is killed before returning."""
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    give_up = time.monotonic() + deadline
    while any(_alive(pid) for pid in children) and time.monotonic() < give_up:
        time.sleep(0.05)
    survivors = {pid for pid in children if _alive(pid)}
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    return survivors


@linux_only
def test_workers_die_when_the_command_is_killed(tmp_path):
    """The issue's reproducer: after a SIGKILL of `check --jobs 2`, its forked workers (about
    158 MB each) lived on, waiting for tasks that would never come."""
    sentences = [text + " " for text in REPLIES] * 3
    for i in range(300):  # about 90,000 characters: forks (MIN_PARALLEL_CHARS), and keeps both busy
        (tmp_path / f"reply-{i:03d}.txt").write_text("".join(sentences[i % 4:]), encoding="utf-8")
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) > 1.5 * parallel.MIN_PARALLEL_CHARS
    command = subprocess.Popen([sys.executable, "-m", "replylint", "check", "--jobs", "2", str(tmp_path)],
                               env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        give_up, workers = time.monotonic() + 120, set()
        while len(workers) < 2 and command.poll() is None and time.monotonic() < give_up:
            workers |= _children(command.pid)
            time.sleep(0.01)
        assert len(workers) >= 2, "the command never forked its two workers"
    finally:
        survivors = _kill_parent_and_wait_for(command, workers)
    assert survivors == set()


PARENT_THAT_FORKS = textwrap.dedent("""
    import os, sys, time
    from replylint import parallel

    if sys.argv[1] == "fallback":
        parallel._kernel_kills_orphan = lambda: False  # as where prctl is absent
    parent = os.getpid()
    child = os.fork()
    if child == 0:
        parallel._die_with_parent(parent)
        time.sleep(300)
        os._exit(0)
    print(child, flush=True)
    time.sleep(300)
""")


@linux_only
@pytest.mark.parametrize("way", ["prctl", "fallback"])
def test_a_worker_dies_with_its_parent_with_or_without_prctl(way):
    parent = subprocess.Popen([sys.executable, "-c", PARENT_THAT_FORKS, way], stdout=subprocess.PIPE,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)), text=True)
    child = int(parent.stdout.readline())
    assert _alive(child)
    assert _kill_parent_and_wait_for(parent, {child}) == set()


def test_a_worker_whose_parent_died_before_it_started_exits():
    """The race the re-check is for: the parent died between the fork and the request."""
    not_its_parent = os.getpid() + 1  # its parent is this process; as if that had died and it were adopted
    script = "import sys; from replylint import parallel; parallel._die_with_parent(int(sys.argv[1])); print('alive')"
    result = subprocess.run([sys.executable, "-c", script, str(not_its_parent)], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert result.returncode == 1 and "alive" not in result.stdout
