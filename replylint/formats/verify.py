"""Linter.fix on a YAML or JSON collection: the fixed file must parse to exactly the structure it
had, with only reply bodies changed, each to its intended value.

An edit is encoded for the scalar it lands in when the finding is made (collections.py,
scalars.py); this is the proof, run on every pass of `fix` before its edits are applied. The
intended value of a body is its value as the parser read it with the pass's edits applied in
value coordinates. The new text is parsed, and its shape (every event: keys, scalars with their
resolved tags, aliases, containers, styles) must equal the old one with just those values put in.
When it does not, the bodies to blame are found by halving, and their edits are refused for the
pass: `fix` chooses again without them, so it never returns a file that parses
differently from what it promised.
"""
from __future__ import annotations

import bisect
import json

from ..errors import ReplylintError
from ..fixing import apply_edits
from .collections import Collection, parse_collection
from .scalars import Undecodable


def unproven(text: str, fmt: str, name: str, body_keys, edits) -> set:
    """The edits among a pass's chosen `edits` that `fix` must refuse: those outside any body
    that can be edited, and every edit of a body that would not read back as intended."""
    if not edits:
        return set()
    collection = parse_collection(text, fmt, name, body_keys)
    bodies = [b for b in collection.bodies if b.scalar is not None]
    starts = [b.scalar.start for b in bodies]

    def owner(edit):
        i = bisect.bisect_right(starts, edit.start) - 1
        if i >= 0 and edit.end <= bodies[i].scalar.end:
            return i
        return None  # not inside a body that can be edited

    groups: dict = {}
    for edit in edits:
        groups.setdefault(owner(edit), []).append(edit)
    refused = set(groups.pop(None, ()))
    for i in _failing(text, fmt, name, body_keys, collection, bodies, groups):
        refused |= set(groups[i])
    return refused


def _failing(text, fmt, name, body_keys, collection, bodies, groups: dict) -> set:
    """The bodies among `groups` (body index -> edits) whose edits do not read back as intended."""
    if not groups or _reads_as_intended(text, fmt, name, body_keys, collection, bodies, groups):
        return set()
    if len(groups) == 1:
        return set(groups)
    keys = sorted(groups)
    halves = [{k: groups[k] for k in keys[:len(keys) // 2]}, {k: groups[k] for k in keys[len(keys) // 2:]}]
    bad = set().union(*(_failing(text, fmt, name, body_keys, collection, bodies, h) for h in halves))
    return bad or set(groups)  # each half reads back alone, not both together: trust neither


def _reads_as_intended(text, fmt, name, body_keys, collection: Collection, bodies, groups: dict) -> bool:
    expected = list(collection.shape)
    for i, edits in groups.items():
        intended = _intended(bodies[i].scalar, edits)
        if intended is None:
            return False
        expected[bodies[i].index] = _with_value(expected[bodies[i].index], intended)
    fixed = apply_edits(text, [e for edits in groups.values() for e in edits])
    try:
        return parse_collection(fixed, fmt, name, body_keys, decode=False).shape == expected
    except ReplylintError:
        return False


def _intended(scalar, edits) -> str | None:
    """The scalar's raw value with the edits applied where they land in it."""
    raw, out, pos = scalar.raw, [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        first, last = scalar.locate(edit.start), scalar.locate(edit.end)
        if first is None or last is None or first[0] < pos:
            return None
        try:
            written = scalar.decode_written(edit.replacement)
        except (Undecodable, json.JSONDecodeError, IndexError):
            return None
        out += [raw[pos:first[0]], written]
        pos = last[0]
    return "".join(out) + raw[pos:]


def _with_value(event: tuple, value: str) -> tuple:
    if event[0] == "str":  # JSON
        return ("str", value)
    return event[:5] + (value,) + event[6:]  # YAML: the resolved tag stays, so the value must stay a string
