"""SARIF 2.1.0 for code-scanning dashboards: one run, the active rules as reportingDescriptors,
one result per finding with its region (1-based lines, columns in Unicode code points) and the
finding's rewrites as SARIF fixes."""
from __future__ import annotations

import json
import os
from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from .base import FileResult, Formatter, encodable

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _name_bytes(path: str) -> bytes:
    """The file name's own bytes, undecodable ones included (they reach Python as surrogates)."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate no file system name could hold
        return path.encode("utf-8", "backslashreplace")


def _uri(path: str) -> str:
    """artifactLocation.uri is a URI reference (SARIF 3.4.3): an absolute path becomes a file://
    URI, a relative one a relative reference, percent-encoded (RFC 3986) but for its '/', so
    "my file#1.txt" does not end at a fragment and "c:notes.txt" does not start with a scheme."""
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            return pure.as_uri()
        except UnicodeEncodeError:
            return "file://" + quote(_name_bytes(pure.as_posix()), safe="/")
    return quote(_name_bytes(pure.as_posix()), safe="/")


class SarifFormatter(Formatter):
    def _descriptor(self, spec) -> dict:
        return {
            "id": spec.id,
            "name": "".join(part.capitalize() for part in spec.id.split("-")),
            "shortDescription": {"text": spec.message},
            "fullDescription": {"text": spec.rationale["what"]},
            "help": {"text": f"{spec.rationale['why']}\n\nInstead: {spec.rationale['instead']}"},
            "defaultConfiguration": {"level": LEVELS[spec.severity]},
            "properties": {"category": spec.category},
        }

    def _result(self, result: FileResult, finding, rule_index: dict) -> dict:
        location = {"artifactLocation": {"uri": _uri(result.path)}}
        sarif = {
            "ruleId": finding.rule_id,
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": {**location, "region": {
                "startLine": finding.line, "startColumn": finding.column,
                "endLine": finding.end_line, "endColumn": finding.end_column,
                "charOffset": finding.start, "charLength": finding.end - finding.start,
                "snippet": {"text": finding.text}}}}],
        }
        if finding.rule_id in rule_index:
            sarif["ruleIndex"] = rule_index[finding.rule_id]
        if finding.edits:
            sarif["fixes"] = [{
                "description": {"text": f"{edit.description} ({edit.safety}"
                                        f"{', needs your words' if edit.needs_input else ''})"},
                "artifactChanges": [{**location, "replacements": [{
                    "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
                    "insertedContent": {"text": edit.replacement}}]}],
            } for edit in finding.edits]
        return sarif

    def format(self, results: list[FileResult]) -> str:
        rule_index = {spec.id: i for i, spec in enumerate(self.rules)}
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "replylint", "version": __version__,
                                    "informationUri": "https://pypi.org/project/replylint/",
                                    "rules": [self._descriptor(s) for s in self.rules]}},
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": _uri(r.path)}} for r in results],
                "results": [self._result(r, f, rule_index) for r in results for f in r.findings],
            }],
        }
        return encodable(json.dumps(log, indent=2, ensure_ascii=False) + "\n")
