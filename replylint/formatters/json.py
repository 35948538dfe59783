"""JSON: a list of finding dicts, each with the path it came from, for tools and plugins."""
from __future__ import annotations

import json

from .base import FileResult, Formatter, encodable


class JsonFormatter(Formatter):
    def format(self, results: list[FileResult]) -> str:
        rows = [{"path": r.path, **f.to_dict()} for r in results for f in r.findings]
        return encodable(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
