"""What a check sees: the spaCy Doc and the Document it came from (for quoted and placeholder regions)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CheckContext:
    doc: object        # spacy.tokens.Doc
    document: object   # replylint.document.Document

    def is_quoted(self, span) -> bool:
        return self.document.in_region(span.start_char, span.end_char)
