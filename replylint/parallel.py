"""Spreading a large set of inputs over worker processes (`--jobs`).

The workers are forked after the Linters are built, so they share the loaded model and compiled
rules with the parent instead of loading them again; `gc.freeze()` keeps the garbage collector
from touching (and so copying) those shared pages. Small inputs, platforms without fork, and
`--jobs 1` stay in one process, where a pre-commit run on a few files pays nothing for this.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from . import lexicon

# Below this much text, forking costs more than it saves (measured: ~1 s of work is ~8,000 words).
MIN_PARALLEL_CHARS = 50_000
TASKS_PER_JOB = 4  # smaller tasks than jobs × 1 even out replies of very different lengths

_linters: list = []  # set in the parent before forking; the workers inherit it


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _work(task):
    linter_index, items, report_unused = task
    return list(_linters[linter_index].lint_many(items, report_unused))


def lint_all(work: list, jobs: int, report_unused_directives: bool = False) -> list:
    """For each (linter, text, name) in `work`, its findings or its ReplylintError, in order."""
    total = sum(len(text) for _, text, _ in work)
    if jobs <= 1 or len(work) < 2 or total < MIN_PARALLEL_CHARS or \
            "fork" not in multiprocessing.get_all_start_methods():
        return _in_process(work, report_unused_directives)
    linters = list({id(linter): linter for linter, _, _ in work}.values())
    index_of = {id(linter): i for i, linter in enumerate(linters)}
    size = max(1, -(-len(work) // (jobs * TASKS_PER_JOB)))
    tasks, owners = [], []
    for start in range(0, len(work), size):
        part = work[start:start + size]
        for linter_index in sorted({index_of[id(linter)] for linter, _, _ in part}):
            positions = [start + k for k, (linter, _, _) in enumerate(part) if index_of[id(linter)] == linter_index]
            tasks.append((linter_index, [(work[p][1], "auto", work[p][2]) for p in positions], report_unused_directives))
            owners.append(positions)
    global _linters
    _linters = linters
    lexicon.finish_warm_up()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            results: list = [None] * len(work)
            for positions, outcome in zip(owners, pool.map(_work, tasks)):
                for position, result in zip(positions, outcome):
                    results[position] = result
            return results
    finally:
        gc.unfreeze()
        _linters = []


def _in_process(work: list, report_unused_directives: bool) -> list:
    results: list = [None] * len(work)
    by_linter: dict = {}
    for position, (linter, text, name) in enumerate(work):
        by_linter.setdefault(id(linter), (linter, []))[1].append((position, text, name))
    for linter, items in by_linter.values():
        outcomes = linter.lint_many([(text, "auto", name) for _, text, name in items], report_unused_directives)
        for (position, _, _), outcome in zip(items, outcomes):
            results[position] = outcome
    return results

