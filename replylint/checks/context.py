"""What a check sees: the spaCy Doc and the Document it came from (for quoted and placeholder regions)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CheckContext:
    doc: object        # spacy.tokens.Doc
    document: object   # replylint.document.Document

    def is_quoted(self, span) -> bool:
        """The span starts or ends inside a quotation or placeholder: not the agent's wording.
        A sentence that merely contains a placeholder is still the agent's."""
        doc = self.document
        return doc.in_region(span.start_char, span.start_char + 1) or doc.in_region(span.end_char - 1, span.end_char)
