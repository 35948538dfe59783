"""Doc + compiled rules → findings. Offsets are mapped back to the source here, once."""
from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from pathlib import Path

from .checks.context import CheckContext
from .document import Document, from_plain_text
from .formats import documents_for, sniff
from .suppression import parse_directives, suppress, unused
from .errors import ReplylintError
from .findings import Edit, Finding, Severity, Suggestion
from .fixing import FixResult, fix_text
from . import staging
from .nlp import ON_DEMAND, components_to_disable, load_pipeline
from .rewrites.mapping import rewrite_span
from .rules import CompiledRule, compile_rule, configure_rules, load_rules


CHUNK_CHARS = 100_000
BATCH_INPUTS = 64   # inputs prepared together by lint_many
PIPE_BATCH = 128    # Docs per nlp.pipe minibatch (measured: 128 beats 32 and 512 here)


@dataclass
class _Piece:
    """A stretch of a Document's clean text (all of it, unless it is very long) and its Doc."""
    document: Document
    offset: int          # where the piece starts in the Document's clean text
    doc: object          # spacy Doc: tokenized; tagged and parsed once `parsed` is set
    active: frozenset    # the matchers its words trigger (staging.py); only they run
    parse: bool          # one of them belongs to a syntax rule
    parsed: bool = False


def _batched(iterable, size: int):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def chunks(text: str, size: int = CHUNK_CHARS):
    """(offset, piece) pairs no longer than `size`, cut at paragraph, line or sentence ends,
    so a very long input is parsed piece by piece within spaCy's memory limits."""
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        cut = cut + 1 if cut > size // 2 else size
        yield start, text[start:start + cut]
        start += cut
    yield start, text[start:]


def _rule_ids(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip() for v in value if v and v.strip()]


class Linter:
    """Loads the pipeline and compiles the rule pack once; `lint` may be called from many threads."""

    def __init__(self, select=None, ignore=None, model: str | None = None,
                 rule_dirs: list[Path] | None = None, min_severity: str = "info", body_keys=None,
                 rule_settings: dict | None = None, config_source: str = ""):
        specs = configure_rules(load_rules([Path(d) for d in rule_dirs or []]), rule_settings or {}, config_source)
        known = {s.id for s in specs}
        self.known_rule_ids = frozenset(known)
        selected, ignored = _rule_ids(select), _rule_ids(ignore)
        for rule_id in selected + ignored:
            if rule_id not in known:
                raise ReplylintError(f"unknown rule id '{rule_id}' (see `replylint rules`)")
        floor = Severity.parse(min_severity)
        self.specs = [s for s in specs
                      if (not selected or s.id in selected) and s.id not in ignored
                      and Severity.parse(s.severity) >= floor]
        self.nlp = load_pipeline(model, exclude=ON_DEMAND)
        lemma_forms = staging.LemmaForms(self.nlp)
        self.rules: list[CompiledRule] = [compile_rule(s, self.nlp, lemma_forms) for s in self.specs]
        if any("entities" in r.needs for r in self.rules):  # a team rule asks for NER: load it too
            self.nlp = load_pipeline(model)
            self.rules = [compile_rule(s, self.nlp, lemma_forms) for s in self.specs]
        self._lexical_rules = [r for r in self.rules if r.lexical]
        self._syntax_matchers = {m for r in self.rules if not r.lexical for m in r.matchers}
        levels = set().union(*(r.needs for r in self.rules)) if self.rules else {"tokens"}
        self._disabled = components_to_disable(levels, self.nlp.pipe_names)
        self.full_analysis = False  # True: tag and parse every piece (staging off, for comparison)
        self._lock = threading.Lock()
        self.body_keys = body_keys

    def lint(self, text: str, format: str = "text", name: str = "",
             report_unused_directives: bool = False) -> list[Finding]:
        """Findings for `text`, sorted by start offset. `format` is "text", "markdown", "html",
        "yaml", "json", or "auto" (sniffed from `name`'s suffix and the content); a YAML or JSON
        collection may hold many replies, each linted on its own. Inline `replylint:`
        directives switch rules off; with `report_unused_directives`, a directive that
        suppressed nothing is itself reported (rule id "unused-directive")."""
        result = next(self.lint_many([(text, format, name)], report_unused_directives))
        if isinstance(result, ReplylintError):
            raise result
        return result

    def lint_many(self, inputs, report_unused_directives: bool = False, batch_size: int = BATCH_INPUTS):
        """Lint an iterable of (text, format, name), yielding for each, in order, its findings
        (as `lint` returns them) or the ReplylintError that input raised. Inputs are read in
        batches so the tagger and parser see many replies at once (`nlp.pipe`)."""
        for batch in _batched(inputs, batch_size):
            prepared = [self._prepare(text, fmt, name) for text, fmt, name in batch]
            documents = [d for item in prepared if not isinstance(item, ReplylintError) for d in item[2]]
            findings = iter(self._lint_documents(documents))
            for item in prepared:
                if isinstance(item, ReplylintError):
                    yield item
                    continue
                text, fmt, docs, directives = item
                found = [f for _ in docs for f in next(findings)]
                if directives:
                    found = suppress(found, directives)
                    if report_unused_directives:
                        found += unused(directives, text)
                yield sorted(found, key=lambda f: (f.start, f.end, f.rule_id))

    def _prepare(self, text: str, format: str, name: str):
        """(text, format, Documents, directives), or the ReplylintError the input raised."""
        try:
            fmt = sniff(name, text) if format == "auto" else format
            documents = [from_plain_text(text)] if fmt == "text" else list(documents_for(name, text, fmt, self.body_keys))
            return text, fmt, documents, parse_directives(text, fmt, self.known_rule_ids, name)
        except ReplylintError as exc:
            return exc

    def lint_document(self, document: Document) -> list[Finding]:
        """Findings for an already-extracted Document (any input format)."""
        return self._lint_documents([document])[0]

    def _lint_documents(self, documents: list[Document]) -> list[list[Finding]]:
        """Findings per Document. Each piece is tokenized; only pieces a syntax rule could match
        in are tagged and parsed (see staging.py), all of them in one `nlp.pipe` call."""
        with self._lock:  # spaCy pipelines and matchers are not documented as thread-safe
            pieces = [(i, piece) for i, document in enumerate(documents) for piece in self._plan(document)]
            self._analyse([piece for _, piece in pieces])
            found: list[list] = [[] for _ in documents]
            for i, piece in pieces:
                ctx = CheckContext(piece.doc, piece.document, piece.offset, active=piece.active)
                found[i] += [(rule, piece.offset + span.start_char, piece.offset + span.end_char,
                              rewrite_span(span, rewriters, ctx))
                             for rule in (self.rules if piece.parsed else self._lexical_rules)
                             for span, rewriters in rule.find(ctx)]
        return [sorted((self._finding(rule, start, end, document, edits) for rule, start, end, edits in found[i]),
                       key=lambda f: (f.start, f.end, f.rule_id))
                for i, document in enumerate(documents)]

    def _plan(self, document: Document) -> list["_Piece"]:
        """The Document's text as tokenized pieces, each marked with whether it needs parsing."""
        if not document.text.strip() or not self.rules:
            return []
        pieces = []
        for offset, chunk in chunks(document.text):
            doc = self.nlp.make_doc(chunk)
            words = staging.words_of(doc)
            active = frozenset(m for r in self.rules for m in r.matchers if m.triggered(words, chunk, document))
            parse = self.full_analysis or not active.isdisjoint(self._syntax_matchers)
            pieces.append(_Piece(document, offset, doc, active, parse))
        return pieces

    def _analyse(self, pieces: list["_Piece"]) -> None:
        """Tag and parse the pieces that need it, in one batch."""
        wanted = [p for p in pieces if p.parse]
        for piece, doc in zip(wanted, self.nlp.pipe((p.doc for p in wanted), disable=self._disabled,
                                                     batch_size=PIPE_BATCH)):
            piece.doc, piece.parsed = doc, True

    def fix(self, text: str, unsafe: bool = False, format: str = "text", name: str = "") -> FixResult:
        """Apply the safe edits (and with `unsafe`, the suggested ones that need no input) until
        nothing more applies; the result holds the new text, what was applied and what remains."""
        return fix_text(text, lambda t: self.lint(t, format, name), unsafe)

    @staticmethod
    def _finding(rule: CompiledRule, clean_start: int, clean_end: int, document: Document,
                 edits: tuple[Edit, ...] = ()) -> Finding:
        start = document.to_source(clean_start)
        end = max(start, document.to_source(clean_end, is_end=True))
        line, column = document.position(start)
        end_line, end_column = document.position(end)
        spec = rule.spec
        return Finding(
            rule_id=spec.id, severity=spec.severity, message=spec.message,
            start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column,
            text=document.source[start:end],
            suggestions=tuple(Suggestion(r, d) for r, d in spec.suggestions),
            edits=edits,
        )


_default: Linter | None = None
_default_lock = threading.Lock()


def lint(text: str) -> list[Finding]:
    """Lint with a shared default Linter (all rules, default model), built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Linter()
    return _default.lint(text)
