"""Build the wheel and sdist for real, install the wheel into a fresh virtual environment and
lint a file from outside the checkout: the rule pack must travel inside the package."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    return out


def test_wheel_and_sdist_carry_the_rule_pack(dist):
    rules = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    wheel = next(dist.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.split("/")[-1] for n in names if n.startswith("replylint/_rulepack/") and n.count("/") == 2) == rules
    shared = sorted(p.name for p in (ROOT / "rules" / "shared").glob("*.yaml"))
    assert shared and all(f"replylint/_rulepack/shared/{name}" in names for name in shared)
    sdist = next(dist.glob("*.tar.gz"))
    with tarfile.open(sdist) as tar:
        members = tar.getnames()
    assert all(any(m.endswith(f"rules/{r}") for m in members) for r in rules)


def test_wheel_carries_the_playground_page(dist):
    """`replylint serve` serves the page from the installed package: it must work offline."""
    names = zipfile.ZipFile(next(dist.glob("*.whl"))).namelist()
    static = sorted(p.name for p in (ROOT / "replylint" / "service" / "static").iterdir())
    assert {"index.html", "playground.js", "playground.css"} <= set(static)
    assert all(f"replylint/service/static/{name}" in names for name in static)


def test_installed_wheel_lints_from_outside_the_checkout(dist, tmp_path):
    # The fresh environment must import the installed wheel, never a checkout on PYTHONPATH.
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True, text=True, timeout=900, env=clean)
    draft = tmp_path / "draft.txt"
    draft.write_text("Relax, I'll look into it.\n", encoding="utf-8")
    result = subprocess.run([str(env_dir / "bin" / "replylint"), "check", "--format", "json", str(draft)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300, env=clean)
    assert result.returncode == 1, result.stderr
    assert {r["rule_id"] for r in json.loads(result.stdout)} == {"calm-down", "vague-promise"}
    where = subprocess.run([str(python), "-c", "import replylint.rules as r; print(r.builtin_rules_dir())"],
                           cwd=tmp_path, capture_output=True, text=True, check=True, env=clean).stdout
    assert "_rulepack" in where and str(ROOT) not in where
