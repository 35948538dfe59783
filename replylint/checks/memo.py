"""Values a check derives from its options, made once per options object instead of per call.

A check runs once per parsed sentence stretch, with the same options object every time (the
rule pack's, built once when the rules are compiled). Turning a few hundred option words into
sets on every call cost more than the check's own reading on short stretches. Options objects
are not hashed (hashing every word tuple would cost what the memo saves): they are looked up
by identity, and each entry keeps its options object alive so that identity is never reused.
A process that compiles rule packs again and again (a server re-reading its configuration) keeps
at most `KEPT` of them, dropped all at once when full.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

Opts = TypeVar("Opts")
R = TypeVar("R")

KEPT = 64


def by_identity(derive: Callable[[Opts], R]) -> Callable[[Opts], R]:
    """`derive(options)`, computed once per distinct options object."""
    made: dict[int, tuple[Opts, R]] = {}

    @functools.wraps(derive)
    def memoized(options: Opts) -> R:
        entry = made.get(id(options))
        if entry is None or entry[0] is not options:
            if len(made) >= KEPT:
                made.clear()
            entry = made[id(options)] = (options, derive(options))
        return entry[1]

    return memoized
