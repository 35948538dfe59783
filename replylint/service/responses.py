"""JSON responses that survive any string the request put in them.

A JSON string may hold a lone surrogate ("\\ud83d"); echoed back in a finding's text it cannot be
encoded as UTF-8, which closed the old server's connection with no answer at all. Such a body
falls back to JSON's own \\u escapes, which keep it."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse


class SafeJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        try:
            return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(content, separators=(",", ":")).encode("ascii")


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None) -> SafeJSONResponse:
    """Every error's shape, whatever raised it: {"error": "..."}."""
    return SafeJSONResponse({"error": message}, status_code=status, headers=headers)
