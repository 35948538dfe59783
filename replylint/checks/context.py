"""What a check sees.

A sentence-scope check sees a CheckContext: one spaCy Doc (a parsed stretch of sentences, or a
whole reply when everything is parsed), the Document it came from (for quoted and placeholder
regions) and where the Doc starts in the Document's clean text.

A reply-scope check sees a ReplyContext: the reply as a list of Segments, some parsed and some
only tokenized. It reads what it can from the words, and asks for the parse of the segments
it cannot judge without one by calling `require`, which stops the check; the engine parses
what was asked for (in one batch with the other replies' requests) and calls it again.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..document import Document


@dataclass
class CheckContext:
    doc: Doc
    document: Document
    offset: int = 0    # clean-text offset of doc[0]
    cache: dict[str, Any] = field(default_factory=dict)  # per-Doc results that several checks share
    active: frozenset[Any] | None = None  # the matchers this Doc's words trigger (None: all); the rest are skipped
    next_text: str = ""  # the text that follows the Doc in the reply (the next sentences), if any

    @property
    def text(self) -> str:
        """The Doc's text, made once: Doc.text joins its tokens anew on every call."""
        if "text" not in self.cache:
            self.cache["text"] = self.doc.text
        text: str = self.cache["text"]
        return text

    def in_region(self, start: int, end: int, kinds: tuple[str, ...] = ("quote", "placeholder", "code", "url")) -> bool:
        """Doc-relative character span overlaps a region of `kinds`."""
        return self.document.in_region(start + self.offset, end + self.offset, kinds)

    def is_quoted(self, span: Span) -> bool:
        """The span starts or ends inside a quotation (or code, or a link), or lies inside one
        template field: not the agent's wording. A sentence that merely contains a field, even
        at its edge ("You missed the {{deadline}}", "Relax {{name}}"), is still the agent's."""
        quoted = ("quote", "code", "url")
        if self.in_region(span.start_char, span.start_char + 1, quoted) or \
                self.in_region(span.end_char - 1, span.end_char, quoted):
            return True
        fields = self.document.regions_overlapping(span.start_char + self.offset, span.end_char + self.offset,
                                                   ("placeholder",))
        return any(r.start <= span.start_char + self.offset and span.end_char + self.offset <= r.end
                   for r in fields)


@dataclass(eq=False)
class Segment:
    """A stretch of whole sentences of a reply, cut where the parser would end a sentence too
    (staging.segments). Until it is parsed, `span` covers its tokens in the tokenized chunk;
    afterwards it is the whole of its own parsed Doc."""
    span: Span
    offset: int         # clean-text offset of span.doc[0]
    document: Document
    active: frozenset[Any] = frozenset()  # sentence-scope matchers its words trigger
    parsed: bool = False
    wanted: bool = False  # to be parsed in the engine's first batch anyway (a sentence-scope rule needs it)
    next_text: str = ""  # the next segment's text (a check may look one sentence ahead)
    doc_text: str | None = None  # the text of span.doc when known (the tokenized chunk's)
    _context: CheckContext | None = None

    @property
    def context(self) -> CheckContext:
        """The CheckContext of the segment's Doc, made once (checks share its cache)."""
        if self._context is None:
            self._context = CheckContext(self.span.doc, self.document, self.offset, active=self.active,
                                         next_text=self.next_text,
                                         cache={} if self.doc_text is None else {"text": self.doc_text})
        return self._context

    def take_parse(self, doc: Doc) -> None:
        """The segment's tokens, tagged and parsed on their own, replace the tokenized ones. Its
        Doc's text is the stretch of the chunk's text they cover, with the last one's space."""
        span, text = self.span, None
        if self.doc_text is not None and len(span):
            text = self.doc_text[span.start_char:span.end_char + len(span.doc[span.end - 1].whitespace_)]
        self.offset += span.start_char
        self.span, self.parsed, self._context, self.doc_text = doc[:], True, None, text

    def sentences(self) -> list[Span]:
        """The parser's sentences once parsed; until then the segment stands as one sentence."""
        return list(self.span.doc.sents) if self.parsed else [self.span]


class NeedParse(Exception):
    """Raised by ReplyContext.require: these segments must be parsed before the check can answer."""

    def __init__(self, segments: Sequence[Segment]):
        super().__init__(f"{len(segments)} segment(s) to parse")
        self.segments = segments


@dataclass
class ReplyContext:
    document: Document
    segments: list[Segment]
    cache: dict[str, Any] = field(default_factory=dict)

    def require(self, segments: Sequence[Segment]) -> None:
        """Stop the check unless every one of `segments` is parsed."""
        unparsed = [s for s in segments if not s.parsed]
        if unparsed:
            raise NeedParse(unparsed)
