"""Rule files as already-read trees, kept in the user's cache folder by their bytes.

Reading the rule pack's YAML took 0.3 s of a cold `replylint check` (a fifth of what the
command adds to loading spaCy): libyaml scans fast, but PyYAML builds every mapping, list and
scalar in Python, and the pack is thirteen large files read on every run. A tree once read is
stored as JSON under the SHA-256 of the file's bytes (and this format's version), so the next
run reads it in milliseconds; a changed file has other bytes, hence another key, so nothing is
ever stale. A file that fails to parse is never stored: its error is raised as before.

Only trees JSON gives back unchanged are stored (string keys; strings, numbers, booleans,
null, lists, and the mappings with their line numbers); anything else (a YAML date, a
number used as a key) is simply read from the YAML each time. The folder is
$REPLYLINT_CACHE_DIR, else $XDG_CACHE_HOME/replylint, else ~/.cache/replylint;
REPLYLINT_CACHE_DIR set to the empty string turns the cache off. A folder that cannot be
written, or an entry that cannot be read, costs the speed-up and nothing else.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = b"replylint-rule-tree-1\0"
MAX_DEPTH = 64  # a rule file nests about six deep
MAX_NODES = 500_000  # the largest rule file (defensive) has about 6,300
_LINES = "\0lines"  # the key under which a mapping's line and its keys' lines are stored


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    chosen = os.environ.get("REPLYLINT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "replylint"


def read_tree(data: bytes, parse: Callable[[], Any], mapping_type: type) -> Any:
    """The tree of a file with these bytes: from the cache, else from `parse()` (then stored).
    `mapping_type` is the dict subclass with `line` and `key_lines` that `parse` builds."""
    folder = cache_dir()
    if folder is None:
        return parse()
    key = hashlib.sha256(FORMAT + data).hexdigest()
    entry = folder / (key + ".json")
    try:
        text = entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    if text is not None:
        try:  # an entry is the pair [key, tree]: a damaged or foreign file fails here
            stored = json.loads(text, object_hook=lambda d: _mapping(d, mapping_type))
            if isinstance(stored, list) and len(stored) == 2 and stored[0] == key:
                return stored[1]
        except (ValueError, TypeError, KeyError):
            pass  # a damaged entry: read the YAML again and overwrite it
    tree = parse()
    encoded = _encode(tree, mapping_type)
    if encoded is not None or tree is None:
        _store(entry, json.dumps([key, encoded], ensure_ascii=False, separators=(",", ":")))
    return tree


def _mapping(d: dict, mapping_type: type):
    lines = d.pop(_LINES, None)
    if lines is None:
        raise ValueError("an entry's mapping lost its lines")
    mapping = mapping_type(d)
    mapping.line = lines[0]
    mapping.key_lines = dict(zip(d, lines[1], strict=True))
    return mapping


def _encode(tree: Any, mapping_type: type) -> Any:
    """The tree as JSON values, or None when JSON would not give it back exactly. A node an
    alias reaches again is written out again (the rule files share lists that way; a copy reads
    the same), so a tree of more than MAX_NODES written nodes, or nested deeper than MAX_DEPTH,
    is not stored: an alias bomb stops here at once and is read from its YAML as before."""
    written = [0]
    failed = object()

    def encode(node: Any, depth: int) -> Any:
        written[0] += 1
        if written[0] > MAX_NODES or depth > MAX_DEPTH:
            return failed
        if isinstance(node, mapping_type):
            mapping: Any = node  # a LineMap: a dict with .line and .key_lines
            if not all(isinstance(k, str) and k != _LINES for k in mapping):
                return failed
            out = {}
            for key, value in mapping.items():
                out[key] = encode(value, depth + 1)
                if out[key] is failed:
                    return failed
            out[_LINES] = [mapping.line, [mapping.key_lines[k] for k in mapping]]
            return out
        if isinstance(node, list):
            items = [encode(v, depth + 1) for v in node]
            return failed if any(e is failed for e in items) else items
        if node is None or isinstance(node, (str, bool, int)) or (isinstance(node, float) and math.isfinite(node)):
            return node
        return failed  # a date, a set, a plain dict: not stored

    encoded = encode(tree, 0)
    return None if encoded is failed else encoded


def _store(entry: Path, text: str) -> None:
    """Write the entry whole or not at all (a reader never sees half of one)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only home or a full disk: the next run reads the YAML again
