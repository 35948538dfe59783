"""Doc + compiled rules → findings. Offsets are mapped back to the source here, once."""
from __future__ import annotations

import threading
from pathlib import Path

from .checks.context import CheckContext
from .document import Document, from_plain_text
from .formats import documents_for, sniff
from .suppression import parse_directives, suppress, unused
from .errors import ReplylintError
from .findings import Edit, Finding, Severity, Suggestion
from .fixing import FixResult, fix_text
from .nlp import components_to_disable, load_pipeline
from .rewrites.mapping import rewrite_span
from .rules import CompiledRule, compile_rule, configure_rules, load_rules


CHUNK_CHARS = 100_000


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
        self.nlp = load_pipeline(model)
        self.rules: list[CompiledRule] = [compile_rule(s, self.nlp) for s in self.specs]
        levels = set().union(*(r.needs for r in self.rules)) if self.rules else {"tokens"}
        self._disabled = components_to_disable(levels, self.nlp.pipe_names)
        self._lock = threading.Lock()
        self.body_keys = body_keys

    def lint(self, text: str, format: str = "text", name: str = "",
             report_unused_directives: bool = False) -> list[Finding]:
        """Findings for `text`, sorted by start offset. `format` is "text", "markdown", "html",
        "yaml", "json", or "auto" (sniffed from `name`'s suffix and the content); a YAML or JSON
        collection may hold many replies, each linted on its own. Inline `replylint:`
        directives switch rules off; with `report_unused_directives`, a directive that
        suppressed nothing is itself reported (rule id "unused-directive")."""
        fmt = sniff(name, text) if format == "auto" else format
        if fmt == "text":
            findings = self.lint_document(from_plain_text(text))
        else:
            findings = [f for document in documents_for(name, text, fmt, self.body_keys)
                        for f in self.lint_document(document)]
        directives = parse_directives(text, fmt, self.known_rule_ids, name)
        if directives:
            findings = suppress(findings, directives)
            if report_unused_directives:
                findings += unused(directives, text)
        return sorted(findings, key=lambda f: (f.start, f.end, f.rule_id))

    def lint_document(self, document: Document) -> list[Finding]:
        """Findings for an already-extracted Document (any input format)."""
        if not document.text.strip() or not self.rules:
            return []
        found = []
        for offset, chunk in chunks(document.text):
            with self._lock:  # spaCy pipelines and matchers are not documented as thread-safe
                doc = self.nlp(chunk, disable=self._disabled)
                ctx = CheckContext(doc, document, offset)
                found += [(rule, offset + span.start_char, offset + span.end_char, rewrite_span(span, rewriters, ctx))
                          for rule in self.rules for span, rewriters in rule.find(ctx)]
        findings = [self._finding(rule, start, end, document, edits) for rule, start, end, edits in found]
        return sorted(findings, key=lambda f: (f.start, f.end, f.rule_id))

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
