"""replylint: flags the phrasings in customer-support replies that turn an upset customer into an angry one."""
from . import lexicon

lexicon.start_warm_up()  # overlaps reading lemminflect's table with importing and loading spaCy

from .engine import Linter, lint  # noqa: E402
from .errors import ReplylintError
from .findings import Finding, Severity, Suggestion

__version__ = "1.0.0"
__all__ = ["Finding", "Linter", "ReplylintError", "Severity", "Suggestion", "__version__", "lint"]
