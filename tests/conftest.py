"""Shared fixtures: one real Linter for the session (loading spaCy once keeps the suite quick)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from replylint import Linter

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_CASES = SHARED / "corpus" / "dev" / "cases.yaml"


def dev_texts() -> list[str]:
    """The labeled dev set's reply texts ([] when ../shared is not beside the checkout)."""
    if not DEV_CASES.exists():
        return []
    import yaml

    data = yaml.safe_load(DEV_CASES.read_text(encoding="utf-8"))
    cases = data["cases"] if isinstance(data, dict) else data
    return [case["text"] for case in cases]


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The suite's rule-tree cache (speed/yaml_cache.py) in a folder of its own, which the
    commands it starts inherit: a run neither reads nor fills the user's ~/.cache."""
    saved = os.environ.get("REPLYLINT_CACHE_DIR")
    os.environ["REPLYLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("replylint-cache"))
    yield Path(os.environ["REPLYLINT_CACHE_DIR"])
    if saved is None:
        os.environ.pop("REPLYLINT_CACHE_DIR", None)
    else:
        os.environ["REPLYLINT_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


def rule_ids(findings) -> set[str]:
    return {f.rule_id for f in findings}
