"""One BLAS thread in the command and in its workers, unless the user chose a number."""
from __future__ import annotations

import os

from replylint.speed import blas_threads


def test_the_command_asks_for_one_blas_thread_unless_the_user_chose(monkeypatch):
    """Set before numpy loads its BLAS: several commands side by side (pre-commit runs one per
    core) must not each spin a thread per core. A user's own setting wins."""
    from replylint import cli, entry

    seen = {}
    monkeypatch.setattr(cli, "run", lambda: seen.update({v: os.environ.get(v) for v in blas_threads.THREAD_VARIABLES}))
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "4")
    monkeypatch.setattr(entry.gc, "disable", lambda: None)  # the test process's GC is left alone
    entry.run()
    assert seen == {"OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "4"}


def test_a_worker_computes_on_one_blas_thread():
    import numpy  # noqa: F401  (its BLAS is what the workers limit)
    from threadpoolctl import threadpool_info, threadpool_limits

    as_it_was = threadpool_limits(limits=None, user_api="blas")  # changes nothing, remembers the limits
    try:
        blas_threads.one_thread_now()
        assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}
    finally:
        as_it_was.restore_original_limits()


def test_a_worker_asks_for_it(monkeypatch):
    from replylint import parallel

    asked = []
    monkeypatch.setattr(parallel, "_die_with_parent", lambda pid: None)
    monkeypatch.setattr(blas_threads, "one_thread_now", lambda: asked.append(True))
    parallel._start_worker(os.getpid())
    assert asked == [True]
