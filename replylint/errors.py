"""The one exception a user can cause. It renders as a single line naming the file and line."""
from __future__ import annotations


class ReplylintError(Exception):
    """A problem with the user's input, rules or environment, never a bug in replylint."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"
