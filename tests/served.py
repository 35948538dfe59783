"""The HTTP service in process, for tests of other modules that check what it answers."""
from __future__ import annotations

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
