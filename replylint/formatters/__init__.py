"""Output formats: one small class each behind one interface (flake8's formatter plugins)."""
from __future__ import annotations

from .base import FileResult, Formatter
from .github import GithubFormatter
from .json import JsonFormatter
from .sarif import SarifFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    "text": TextFormatter,
    "json": JsonFormatter,
    "sarif": SarifFormatter,
    "github": GithubFormatter,
}

__all__ = ["FORMATTERS", "FileResult", "Formatter"]
