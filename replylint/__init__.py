"""replylint: flags the phrasings in customer-support replies that turn an upset customer into an angry one.

The names below are imported on first use (PEP 562), so that `replylint.entry` can prepare the
command's process before spaCy is imported."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports them
    from .engine import Linter, lint
    from .errors import ReplylintError
    from .findings import Finding, Severity, Suggestion

__version__ = "1.0.0"
__all__ = ["Finding", "Linter", "ReplylintError", "Severity", "Suggestion", "__version__", "lint"]

_HOMES = {"Linter": "engine", "lint": "engine", "ReplylintError": "errors",
          "Finding": "findings", "Severity": "findings", "Suggestion": "findings"}


def __getattr__(name: str):
    if name in _HOMES:
        from importlib import import_module

        value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
