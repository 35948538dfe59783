"""Validated rule → something that finds spans in a Doc.

The closed set of kinds: `phrases` (PhraseMatcher on NORM, every word expanded to its
inflections with lemminflect, so matching is case- and inflection-insensitive with no tagger),
`tokens` (spaCy Matcher), `dependency` (DependencyMatcher) and `check` (a registered Python
check). Phrase, token and dependency matches can be narrowed by registered filters. Each
compiled rule knows which analysis levels it needs.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from .. import lexicon, staging
from ..checks.context import CheckContext
from ..errors import ReplylintError
from ..extend import (
    CHECKS,
    FILTERS,
    REWRITERS,
    Check,
    CheckFunc,
    Configured,
    Declaration,
    Match,
    NoOptions,
    OptionError,
    Options,
    load_builtins,
)
from ..reading import CHAT_SPELLINGS
from .schema import LineMap, MatcherSpec, RuleSpec

if TYPE_CHECKING:  # spaCy's matchers load with the pipeline, not with the rules
    from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

TAG_ATTRS = {"LEMMA", "POS", "TAG", "MORPH"}
PARSE_ATTRS = {"DEP", "SENT_START", "IS_SENT_START"}
ENTITY_ATTRS = {"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"}
MAX_VARIANTS = 400


def _phrase_variants(nlp, phrase: str, inflect: bool) -> list[list[str]]:
    """Every NORM sequence a phrase can appear as."""
    tokens = [t.norm_ for t in nlp.make_doc(phrase)]
    if not inflect:
        return [tokens]
    options = [sorted(lexicon.inflections(t)) for t in tokens]
    return [list(v) for v in itertools.islice(itertools.product(*options), MAX_VARIANTS)]


def _needs_of_pattern(pattern, levels: set[str]) -> None:
    for token_spec in pattern:
        for key in token_spec:
            key = str(key).upper()
            if key in TAG_ATTRS:
                levels.add("tags")
            elif key in PARSE_ATTRS:
                levels.add("parse")
            elif key in ENTITY_ATTRS:
                levels.add("entities")


@dataclass(eq=False)  # hashed by identity: a piece records the set of matchers its words trigger
class _CompiledMatcher:
    kind: str
    matcher: PhraseMatcher | Matcher | DependencyMatcher | None = None
    report: tuple = ()
    filters: list = field(default_factory=list)    # Configured filters, all of which must keep a span
    check: CheckFunc | None = None
    options: Options = NoOptions()                 # the check's
    rewriters: tuple[Configured, ...] = ()
    trigger: staging.Trigger = staging.ALWAYS      # words without which the patterns cannot match
    gate: Callable[..., bool] | None = None        # the check's cues, compiled for its options (staging.compile_cues)
    scope: str = "sentence"                        # "reply": a check that judges the reply as a whole
    message: str | None = None                     # its findings' message, when not the rule's

    def triggered(self, words, text: str, document) -> bool:
        """Could this matcher find anything in a Doc with these words? (No parse needed to ask.)"""
        if self.kind == "check":
            return self.gate is None or self.gate(words, text, document)
        return self.trigger.hit(words)

    def candidates(self, ctx: CheckContext):
        doc = ctx.doc
        if self.kind == "check":
            assert self.check is not None, "a check matcher always names its check"
            yield from self.check(ctx, self.options)
            return
        assert self.matcher is not None, "a pattern matcher is compiled with its patterns"
        if self.kind == "dependency":
            for _, token_ids in cast("DependencyMatcher", self.matcher)(doc):
                chosen = [token_ids[i] for i in self.report] if self.report else token_ids
                yield doc[min(chosen):max(chosen) + 1]
            return
        for _, start, end in cast("Matcher", self.matcher)(doc):  # a PhraseMatcher answers alike
            yield doc[start:end]

    def keeps(self, span, ctx: CheckContext) -> bool:
        """The matcher's filters all keep this candidate span."""
        return all(f.func(span, ctx, f.options) for f in self.filters)

    def find(self, ctx: CheckContext):
        for span in self.candidates(ctx):
            if self.keeps(span, ctx):
                yield span


@dataclass
class CompiledRule:
    spec: RuleSpec
    matchers: list
    needs: set

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def lexical(self) -> bool:
        """Needs nothing beyond the tokenizer: runs on a Doc that was never tagged or parsed."""
        return self.needs <= {"tokens"}

    def find(self, ctx: CheckContext) -> list[Match]:
        """What this rule's sentence-scope matchers flag in the context's Doc, each Match with
        the rewriters of the matcher that found it."""
        matchers = self.matchers if ctx.active is None else [m for m in self.matchers if m in ctx.active]
        return self.merge([Match(self, s, m.rewriters, ctx, m.message)
                           for m in matchers if m.scope != "reply" for s in m.find(ctx)])

    @staticmethod
    def merge(found: list[Match]) -> list[Match]:
        """Earliest first, with quoted spans and overlapping matches dropped."""
        kept: list[Match] = []
        for match in sorted(found, key=lambda m: (m.start, -m.end)):
            if match.context.is_quoted(match.span) or (kept and match.start < kept[-1].end):
                continue
            kept.append(match)
        return kept


def _named_entry(spec: RuleSpec, m: MatcherSpec, entry, what: str) -> tuple[str, Any]:
    """A filter or rewriter is written as a name or as a one-key mapping {name: {options}}."""
    if isinstance(entry, str):
        return entry, {}
    if isinstance(entry, dict) and len(entry) == 1:
        name, options = next(iter(entry.items()))
        return name, {} if options is None else options
    raise ReplylintError(f"a {what} is a name or a one-key mapping {{name: {{options}}}}", spec.path, m.line)


def _declared(table: Mapping[str, Declaration], what: str, name: str, spec: RuleSpec, m: MatcherSpec) -> Declaration:
    declaration = table.get(name)
    if declaration is None:
        raise ReplylintError(f"unknown {what} '{name}' (known: {', '.join(sorted(table))})", spec.path, m.line)
    return declaration


def _options(declaration: Declaration, values: Any, spec: RuleSpec, m: MatcherSpec, *sources: Any) -> Options:
    """The declaration's options from a rule's values, checked; an error names the rule file and
    the line of the offending key (found in `sources`, the YAML mappings the values came from)."""
    where = f"{declaration.what} '{declaration.name}'"
    if not isinstance(values, Mapping):
        raise ReplylintError(f"{where}: options must be a mapping of option names to values", spec.path, m.line)
    try:
        return declaration.options.read(values)
    except OptionError as exc:
        line = next((s.key_lines[exc.name] for s in (values, *sources)
                     if isinstance(s, LineMap) and exc.name in s.key_lines), m.line)
        raise ReplylintError(f"{where} {exc.message}", spec.path, line) from None


def _configured(table: Mapping[str, Declaration], what: str, entry_word: str, spec: RuleSpec, m: MatcherSpec,
                entry, levels: set[str], shared: Mapping[str, Any] | None = None) -> Configured:
    """A named filter or rewriter (`what`) with its checked options; records the analysis it
    needs. `entry_word` names the YAML entry in the shape error ("a rewrite is …"). `shared`:
    options the matcher's check gives, which a rewriter takes too when it declares one of that name."""
    name, values = _named_entry(spec, m, entry, entry_word)
    declaration = _declared(table, what, name, spec, m)
    if shared and isinstance(values, Mapping):
        names = declaration.options.names()
        values = {**{k: v for k, v in shared.items() if k in names}, **values}
    levels.add(declaration.needs)
    return Configured(declaration.name, declaration.func,
                      _options(declaration, values, spec, m, entry if isinstance(entry, Mapping) else None, shared))


def _compile_rewriters(spec: RuleSpec, m: MatcherSpec, levels: set[str]) -> tuple[Configured, ...]:
    """A matcher's rewriters; options a rewriter shares with the matcher's check (shouting's
    acronyms, vague-promise's vague words) come from the check's options."""
    entries = m.data.get("rewrite") or []
    return tuple(_configured(REWRITERS, "rewriter", "rewrite", spec, m, entry, levels, m.data.get("options") or {})
                 for entry in (entries if isinstance(entries, list) else [entries]))


def _compile_filters(spec: RuleSpec, m: MatcherSpec, levels: set[str]) -> list[Configured]:
    return [_configured(FILTERS, "filter", "filter", spec, m, entry, levels) for entry in m.data.get("filters") or []]


def with_chat_spellings(spec: dict) -> dict:
    """A token spec whose LOWER words also admit their chat spellings ("you" also "u", "sorry"
    also "sry": reading.CHAT_SPELLINGS), so a rule written for the standard words matches the
    chat register too. Other keys, and words with no chat spelling, are left as they are."""
    value = spec.get("LOWER")
    words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and \
        set(value) == {"IN"} else None
    if not words or not any(isinstance(w, str) and w in CHAT_SPELLINGS for w in words):
        return spec
    extra = [v for w in words if isinstance(w, str) for v in CHAT_SPELLINGS.get(w, ()) if v not in words]
    return {**spec, "LOWER": {"IN": [*words, *extra]}}


def _message(m: MatcherSpec) -> str | None:
    """The matcher's `message:` (what is wrong with this one sub-pattern), written on one line."""
    message = m.data.get("message")
    return " ".join(message.split()) if isinstance(message, str) else None


def _compile_matcher(nlp, spec: RuleSpec, m: MatcherSpec, levels: set[str], lemma_forms) -> _CompiledMatcher:
    from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

    key = f"{spec.id}:{m.line}"
    if m.kind == "check":
        check = CHECKS.get(m.data["check"])
        if check is None:
            raise ReplylintError(f"unknown check '{m.data['check']}' (known: {', '.join(sorted(CHECKS))})",
                                 spec.path, m.line)
        assert isinstance(check, Check)
        options = _options(check, m.data.get("options") or {}, spec, m)
        levels.add(check.needs)
        return _CompiledMatcher("check", check=check.func, options=options,
                                rewriters=_compile_rewriters(spec, m, levels),
                                gate=staging.compile_cues(check.cues, options, lemma_forms) if check.cues else None,
                                scope=check.scope, message=_message(m))
    try:
        matcher: PhraseMatcher | Matcher | DependencyMatcher
        report: tuple[int, ...]
        if m.kind == "phrases":
            matcher = PhraseMatcher(nlp.vocab, attr="NORM")
            inflect = m.data.get("inflect", True)
            groups = [[nlp.make_doc(" ".join(v)) for v in _phrase_variants(nlp, p, inflect)] for p in m.data["phrases"]]
            matcher.add(key, [d for docs in groups for d in docs])
            trigger = staging.phrase_docs(groups)
            report = ()
        elif m.kind == "tokens":
            matcher = Matcher(nlp.vocab, validate=True)
            for pattern in m.data["patterns"]:
                _needs_of_pattern(pattern, levels)
            patterns = [[with_chat_spellings(spec) for spec in pattern] for pattern in m.data["patterns"]]
            matcher.add(key, patterns)
            trigger = staging.token_patterns(patterns, lemma_forms)
            report = ()
        else:
            matcher = DependencyMatcher(nlp.vocab, validate=True)
            patterns = [[{**node, "RIGHT_ATTRS": with_chat_spellings(node.get("RIGHT_ATTRS", {}))}
                         if "RIGHT_ATTRS" in node else node for node in pattern] for pattern in m.data["patterns"]]
            matcher.add(key, patterns)
            levels.add("parse")
            for pattern in m.data["patterns"]:
                _needs_of_pattern(pattern, levels)
            ids = [node.get("RIGHT_ID") for node in m.data["patterns"][0]]
            report = tuple(ids.index(r) for r in m.data.get("report", []) if r in ids)
            trigger = staging.dependency_patterns(patterns, lemma_forms)
            if len(report) != len(m.data.get("report", [])):
                raise ValueError("'report' names a RIGHT_ID that is not in the pattern")
    except (ValueError, TypeError, KeyError) as exc:
        first = " ".join(str(exc).split())[:200]
        raise ReplylintError(f"malformed {m.kind} pattern: {first}", spec.path, m.line) from None
    levels.add("tokens")
    return _CompiledMatcher(m.kind, matcher=matcher, report=report, filters=_compile_filters(spec, m, levels),
                            rewriters=_compile_rewriters(spec, m, levels), trigger=trigger, message=_message(m))


def compile_rule(spec: RuleSpec, nlp, lemma_forms=None) -> CompiledRule:
    """Build the matchers and filters of one rule against a loaded pipeline's vocabulary.
    `lemma_forms` (a staging.LemmaForms of the same pipeline) may be shared between rules."""
    load_builtins()
    lemma_forms = lemma_forms or staging.LemmaForms(nlp)
    levels: set[str] = set()
    matchers = [_compile_matcher(nlp, spec, m, levels, lemma_forms) for m in spec.matchers]
    return CompiledRule(spec, matchers, levels)
