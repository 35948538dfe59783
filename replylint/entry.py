"""The `replylint` command's entry point. It imports nothing heavy itself, so the garbage
collector can be switched off before spaCy is imported: start-up makes several hundred thousand
objects that live until exit and almost no garbage, and collecting over them took 0.15 s of a
cold check. The command switches it back on, with those objects frozen out of every later
collection, once its first Linter is built (cli._settle_heap).

It also asks for single-threaded matrix products unless the user chose otherwise
(speed/blas_threads.py): the variables are read when numpy loads its BLAS, so they are set
before anything imports numpy."""
from __future__ import annotations

import gc

from .speed import blas_threads


def run() -> None:
    gc.disable()
    blas_threads.one_thread_unless_chosen()
    from .cli import run as run_command

    run_command()
