"""The `replylint` command's entry point. It imports nothing heavy itself, so the garbage
collector can be switched off before spaCy is imported: start-up makes several hundred thousand
objects that live until exit and almost no garbage, and collecting over them took 0.15 s of a
cold check. The command switches it back on, with those objects frozen out of every later
collection, once its first Linter is built (cli._settle_heap).

It also asks for single-threaded matrix products unless the user chose otherwise: OpenBLAS's
default of a spinning thread per core gained nothing on one reply or on a whole corpus, used
twice the CPU, and made two commands run side by side (pre-commit runs one per core) take
3.3-4.2 s instead of 1.9-2.0 s (measured 2026-11-22 on 2 cores). The variables are read when
numpy loads its BLAS, so they are set before anything imports numpy."""
from __future__ import annotations

import gc
import os

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def run() -> None:
    gc.disable()
    for variable in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")
    from .cli import run as run_command

    run_command()
