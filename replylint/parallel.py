"""Spreading a large set of inputs over worker processes (`--jobs`).

The workers are forked after the Linters are built, so they share the loaded model and compiled
rules with the parent instead of loading them again; `gc.freeze()` keeps the garbage collector
from touching (and so copying) those shared pages. Small inputs, platforms without fork, and
`--jobs 1` stay in one process, where a pre-commit run on a few files pays nothing for this.

A worker dies with the command that forked it. Left alone, the workers of a killed command
(SIGKILL, an OOM kill, a closed CI job) wait forever for their next task, each holding its copy
of the model (about 158 MB): every worker holds the task pipe's write end too, so the pipe never
reports its end. On Linux the kernel is asked to kill a worker when its parent dies
(PR_SET_PDEATHSIG); elsewhere a thread in the worker watches its parent's pid. The kernel's
signal follows the thread that forked, which here is the one calling `_forked`: the pool forks
every worker before it starts its own threads, and is closed before that call returns.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor

from .errors import ReplylintError
from .speed import blas_threads, lemma_tables

# Below this much text, forking costs more than it saves (measured: ~1 s of work is ~8,000 words).
MIN_PARALLEL_CHARS = 50_000
MIN_TASK_CHARS = 8_000  # the smallest task (about 30 replies): fewer round trips to the workers

_linters: list = []  # set in the parent before forking; the workers inherit it

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_WATCH_SECONDS = 0.5  # how often a worker without PR_SET_PDEATHSIG looks for its parent


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _start_worker(parent_pid: int) -> None:
    """Each worker's initializer: die with the parent, then one BLAS thread (speed/blas_threads.py)."""
    _die_with_parent(parent_pid)
    blas_threads.one_thread_now()


def _die_with_parent(parent_pid: int) -> None:
    """Make this process end when `parent_pid`, its parent, does. The parent may already have
    died between the fork and this call, before the request could take effect, so the parent is
    looked at once more after it."""
    if not _kernel_kills_orphan():
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="replylint-parent-watch",
                         daemon=True).start()
    if os.getppid() != parent_pid:
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return False
    return prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0


def _watch_parent(parent_pid: int) -> None:
    """The fallback: an orphan is adopted by another process, so its parent pid changes."""
    while os.getppid() == parent_pid:
        time.sleep(PARENT_WATCH_SECONDS)
    os._exit(1)


def _work(task):
    linter_index, items, job = task
    return _do(_linters[linter_index], items, job)


def _do(linter, items, job: tuple) -> list:
    """Run `job` on (text, format, name) items with one Linter: ("lint", report_unused_directives)
    gives findings per item, ("fix", unsafe) a FixResult; either may be a ReplylintError instead."""
    kind, flag = job
    if kind == "lint":
        return list(linter.lint_many(items, flag))
    out = []
    for text, fmt, name in items:
        try:
            out.append(linter.fix(text, unsafe=flag, format=fmt, name=name))
        except ReplylintError as exc:
            out.append(exc)
    return out


def _by_linter(work: list) -> list[tuple]:
    """(linter, [(position, text, name), ...]) per distinct Linter, in first-seen order."""
    groups: dict = {}
    for position, (linter, text, name) in enumerate(work):
        groups.setdefault(id(linter), (linter, []))[1].append((position, text, name))
    return list(groups.values())


def _tasks(groups: list, jobs: int, total: int) -> list[tuple]:
    """(linter index, items) tasks that shrink as the work runs out (guided self-scheduling, by
    characters): each takes a 2×jobs-th of what is left, so the first ones are big and the last
    ones small, and the workers finish close together instead of one waiting on a big last task."""
    tasks, remaining = [], total
    for index, (_, items) in enumerate(groups):
        task, size, budget = [], 0, max(MIN_TASK_CHARS, remaining / (2 * jobs))
        for item in items:
            task.append(item)
            size += len(item[1])
            if size >= budget:
                tasks.append((index, task))
                remaining -= size
                task, size, budget = [], 0, max(MIN_TASK_CHARS, remaining / (2 * jobs))
        if task:
            tasks.append((index, task))
            remaining -= size
    return tasks


def lint_all(work: list, jobs: int, report_unused_directives: bool = False) -> list:
    """For each (linter, text, name) in `work`, its findings or its ReplylintError, in order."""
    return _run_all(work, jobs, ("lint", report_unused_directives))


def fix_all(work: list, jobs: int, unsafe: bool = False) -> list:
    """For each (linter, text, name) in `work`, its FixResult or its ReplylintError, in order.
    Only the fixing is spread: the caller writes the files, in order, in its own process."""
    return _run_all(work, jobs, ("fix", unsafe))


def _run_all(work: list, jobs: int, job: tuple) -> list:
    groups = _by_linter(work)
    total = sum(len(text) for _, text, _ in work)
    if jobs <= 1 or len(work) < 2 or total < MIN_PARALLEL_CHARS or \
            "fork" not in multiprocessing.get_all_start_methods():
        tasks: list = groups
        outcomes: Iterable = (_do(linter, [(text, "auto", name) for _, text, name in items], job) for linter, items in groups)
    else:
        tasks = _tasks(groups, jobs, total)
        outcomes = _forked([linter for linter, _ in groups], tasks, jobs, job)
    results: list = [None] * len(work)
    for (_, items), outcome in zip(tasks, outcomes):
        for (position, _, _), result in zip(items, outcome):
            results[position] = result
    return results


def _forked(linters: list, tasks: list, jobs: int, job: tuple) -> list:
    global _linters
    _linters = linters
    lemma_tables.read_now("lemmas")  # nearly every run needs it: read once here, shared by the workers
    frozen_before = gc.get_freeze_count()  # the command may have frozen its start-up already
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=_start_worker,
                                 initargs=(os.getpid(),), mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_work, [(index, [(text, "auto", name) for _, text, name in items], job)
                                         for index, items in tasks]))
    finally:
        if not frozen_before:
            gc.unfreeze()
        _linters = []
