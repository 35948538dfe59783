"""Findings and fix results as the service's JSON: `to_dict()` plus UTF-16 offsets.

A helpdesk plugin is JavaScript, which indexes strings in UTF-16 code units; replylint counts
code points, so every emoji before a span would shift it by one. Each text gets one
`Utf16Offsets` (a single scan), and every offset in its answer is converted through it."""
from __future__ import annotations

from ..findings import Edit, Finding
from ..fixing import FixResult
from ..positions import Utf16Offsets


def edit_json(edit: Edit, units: Utf16Offsets) -> dict:
    return {**edit.to_dict(), "start_utf16": units.offset(edit.start), "end_utf16": units.offset(edit.end)}


def finding_json(finding: Finding, units: Utf16Offsets) -> dict:
    data = finding.to_dict()
    data["start_utf16"], data["end_utf16"] = units.offset(finding.start), units.offset(finding.end)
    data["edits"] = [edit_json(e, units) for e in finding.edits]
    return data


def findings_json(findings, text: str) -> dict:
    units = Utf16Offsets(text)
    return {"findings": [finding_json(f, units) for f in findings]}


def fix_json(result: FixResult) -> dict:
    """Applied edits are converted against the text of the pass that applied them."""
    passes: dict[int, Utf16Offsets] = {}

    def units_of(text: str) -> Utf16Offsets:
        if id(text) not in passes:
            passes[id(text)] = Utf16Offsets(text)
        return passes[id(text)]

    applied = [{**a.to_dict(), **_utf16(a.edit, units_of(a.before))} for a in result.applied]
    final = units_of(result.text)
    return {"text": result.text, "applied": applied, "remaining": [finding_json(f, final) for f in result.remaining]}


def _utf16(edit: Edit, units: Utf16Offsets) -> dict:
    return {"start_utf16": units.offset(edit.start), "end_utf16": units.offset(edit.end)}
