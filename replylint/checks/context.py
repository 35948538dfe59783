"""What a check sees: the spaCy Doc, the Document it came from (for quoted and placeholder
regions), and where the Doc starts in the Document's clean text (long inputs are parsed in chunks)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CheckContext:
    doc: object        # spacy.tokens.Doc
    document: object   # replylint.document.Document
    offset: int = 0    # clean-text offset of doc[0]
    cache: dict = field(default_factory=dict)  # per-Doc results that several checks share
    active: frozenset | None = None  # the matchers this Doc's words trigger (None: all); the rest are skipped

    def in_region(self, start: int, end: int, kinds=("quote", "placeholder", "code", "url")) -> bool:
        """Doc-relative character span overlaps a region of `kinds`."""
        return self.document.in_region(start + self.offset, end + self.offset, kinds)

    def is_quoted(self, span) -> bool:
        """The span starts or ends inside a quotation or placeholder: not the agent's wording.
        A sentence that merely contains a placeholder is still the agent's."""
        return self.in_region(span.start_char, span.start_char + 1) or \
            self.in_region(span.end_char - 1, span.end_char)
