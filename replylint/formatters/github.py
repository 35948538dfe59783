"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's
diff (error → ::error, warning → ::warning, info → ::notice)."""
from __future__ import annotations

from .base import FileResult, Formatter, encodable

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    def format(self, results: list[FileResult]) -> str:
        lines = []
        for result in results:
            for f in result.findings:
                props = (f"file={_property(result.path)},line={f.line},col={f.column},"
                         f"endLine={f.end_line},endColumn={f.end_column},title={_property('replylint ' + f.rule_id)}")
                message = f.message
                if f.edits and f.edits[0].preview:
                    message += f"\nRewrite: {f.edits[0].preview}"
                lines.append(f"::{COMMANDS[f.severity]} {props}::{_data(message)}")
        return encodable("".join(line + "\n" for line in lines))
