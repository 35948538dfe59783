"""Shared fixtures: one real Linter for the session (loading spaCy once keeps the suite quick)."""
from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


def rule_ids(findings) -> set[str]:
    return {f.rule_id for f in findings}
