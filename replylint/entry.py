"""The `replylint` command's entry point. It imports nothing heavy itself, so the garbage
collector can be switched off before spaCy is imported: start-up makes several hundred thousand
objects that live until exit and almost no garbage, and collecting over them took 0.15 s of a
cold check. The command switches it back on, with those objects frozen out of every later
collection, once its first Linter is built (cli._settle_heap)."""
from __future__ import annotations

import gc


def run() -> None:
    gc.disable()
    from .cli import run as run_command

    run_command()
