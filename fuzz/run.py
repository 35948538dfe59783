#!/usr/bin/env python3
"""Coverage-guided fuzzing of the readers and `fix`, for longer than CI runs them.

The targets are the property tests in tests/test_any_input.py and
tests/test_collection_properties.py: atheris (libFuzzer for Python) mutates bytes, and
Hypothesis's `fuzz_one_input` turns each byte string into a structured input (a reply in some
format, a YAML or JSON macro collection) and checks the same properties CI checks. A failure
stops the run and Hypothesis prints the smallest input it can find.

    pip install atheris
    python fuzz/run.py lint -atheris_runs=200000      # or: fix, yaml-collections, json-collections
    python fuzz/run.py fix -max_total_time=3600

Arguments after the target go to libFuzzer (-max_total_time, -runs, -jobs, a corpus folder).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _targets(linter) -> dict:
    """Each property of the two test modules as a Hypothesis test bound to one Linter, by name."""
    from hypothesis import HealthCheck, given, settings

    from tests import test_any_input, test_collection_properties

    def bound(check, strategies):
        def run(**kwargs):
            check(linter, **kwargs)
        test = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))(given(**strategies)(run))
        return test.hypothesis.fuzz_one_input

    return {name: bound(check, strategies)
            for name, (check, strategies) in {**test_any_input.TARGETS, **test_collection_properties.TARGETS}.items()}


def main() -> None:
    try:
        import atheris
    except ModuleNotFoundError:
        sys.exit("fuzz/run.py needs atheris: pip install -e \".[fuzz]\"")
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    name = sys.argv.pop(1)
    from replylint import Linter

    targets = _targets(Linter())
    if name not in targets:
        sys.exit(f"unknown target {name!r}; choose one of {', '.join(targets)}")
    atheris.instrument_all()  # coverage of every Python function loaded, replylint's and its readers'
    atheris.Setup(sys.argv, targets[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
