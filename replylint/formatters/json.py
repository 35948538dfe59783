"""JSON: a list of finding dicts, each with the path it came from, for tools and plugins.

Written a finding at a time, in chunks of about CHUNK characters: a 20 MB input's report is
tens of megabytes, and building it as one string first (the list of dicts, then the dump) cost
its size several times over in memory. The text is exactly `json.dumps(rows, indent=2)`."""
from __future__ import annotations

import json

from .base import FileResult, Formatter, TextStream, encodable

CHUNK = 1 << 16


class JsonFormatter(Formatter):
    def write(self, results: list[FileResult], stream: TextStream) -> None:
        pending: list[str] = []
        size = rows = 0
        for row in ({"path": r.path, **f.to_dict()} for r in results for f in r.findings):
            # An item of an indented list is its own dump, indented one level more (JSON escapes
            # every line break inside a string, so each "\n" of the dump is a line of the layout).
            item = json.dumps(row, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            pending.append(("[\n  " if rows == 0 else ",\n  ") + item)
            rows += 1
            size += len(pending[-1])
            if size >= CHUNK:
                stream.write(encodable("".join(pending)))
                pending, size = [], 0
        pending.append("\n]\n" if rows else "[]\n")
        stream.write(encodable("".join(pending)))
