"""replylint: flags the phrasings in customer-support replies that turn an upset customer into an angry one."""
from .engine import Linter, lint
from .errors import ReplylintError
from .findings import Finding, Severity, Suggestion

__version__ = "1.0.0"
__all__ = ["Finding", "Linter", "ReplylintError", "Severity", "Suggestion", "__version__", "lint"]
