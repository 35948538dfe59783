"""One BLAS thread in the processes replylint owns: the command, and its `--jobs` workers.

OpenBLAS starts a spinning thread per core for the models' matrix products. On one reply more
threads neither helped nor hurt, and on a whole corpus they gained nothing either, but they used
twice the CPU: two commands side by side (pre-commit runs one per core) took 3.3-4.2 s instead
of 1.9-2.0 s, and `--jobs` workers, each with a thread per core, fought over the same cores and
took twice as long over the corpus (measured 2026-11-22 on 2 cores). A thread count changes no
annotation, only who waits for whom. A library caller's own process is never touched.
"""
from __future__ import annotations

import os

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_unless_chosen() -> None:
    """For the command, before anything imports numpy (the variables are read when numpy loads
    its BLAS, so entry.py calls this first): one thread, unless the user set a number."""
    for variable in THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


def one_thread_now() -> None:
    """For a `--jobs` worker, whose numpy is loaded already (it was forked from the command):
    make this process's matrix products single-threaded."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
