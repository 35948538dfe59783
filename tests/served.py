"""The HTTP service in process, for tests of other modules that check what it answers."""
from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time

import pytest

UTF16 = {"start_utf16", "end_utf16"}


def service_client(linter):
    """A Starlette test client on the service serving `linter` (skips without the serve extra)."""
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from replylint.service.app import Settings, create_app

    return TestClient(create_app(Settings(make_linter=lambda: linter)))


def plain(findings: list[dict]) -> list[dict]:
    """Findings as answered, without their UTF-16 offsets: what Finding.to_dict() gives."""
    out = []
    for f in findings:
        f = {k: v for k, v in f.items() if k not in UTF16}
        f["edits"] = [{k: v for k, v in e.items() if k not in UTF16} for e in f["edits"]]
        out.append(f)
    return out


def start_server(*args: str, env: dict | None = None) -> tuple[subprocess.Popen, int]:
    """`replylint serve ARGS` on a free loopback port, once /health answers: (process, port)."""
    process = subprocess.Popen([sys.executable, "-m", "replylint", "serve", "--port", "0", *args],
                               stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    line = process.stderr.readline()
    assert line.startswith("replylint: serving on http://127.0.0.1:"), line
    port = int(line.split(":")[-1].split()[0])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the model loads at startup; /health answers once it has
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                connection.close()
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the service did not answer /health within 120 s")
