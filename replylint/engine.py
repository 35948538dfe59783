"""Documents + compiled rules → findings. Offsets are mapped back to the source here, once.

Per window of Documents: tokenize and cut into segments (staging.py); run the whole-reply
checks, which ask for the parse of the segments they need; parse those together with the
segments a sentence-scope syntax rule could match in; then run the lexical rules on each reply's
tokens and the sentence-scope rules on each parsed segment, and map what they found to the
source. Then the window's Docs are let go before the next window is read.

A window is a run of whole Documents of at most WINDOW_CHARS together, or one chunk
(CHUNK_CHARS) of a larger Document, so time stays linear and memory bounded however large one
input is (sources.MAX_BYTES is 20 MB). A Document of more than REPLY_MAX_WORDS words is not
judged as one reply: the whole-reply checks (no-acknowledgment, no-next-step) ask whether a
reply acknowledges the customer somewhere or leaves a next step somewhere, which means
nothing over hundreds of pages, and answering would parse all of them at once."""
from __future__ import annotations

import bisect
import itertools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy

from . import reading, staging
from .checks.context import CheckContext, NeedParse, ReplyContext, Segment
from .document import PLACEHOLDER, Document, from_plain_text, join_wrapped_lines
from .errors import ReplylintError
from .extend import Match, note_of
from .findings import Edit, Finding, Severity, Suggestion
from .fixing import FixResult, fix_text
from .formats import documents_for, format_named, sniff
from .formats.encoding import encode_edits, without_surrogates
from .lexicon import dictionary_lemmas
from .nlp import ON_DEMAND, components_to_disable, load_pipeline
from .rewrites.mapping import rewrite_span
from .rules import CompiledRule, compile_rule, configure_rules, load_rules
from .speed.parse_memo import ParseMemo, tokens_from_environment
from .suppression import parse_directives, suppress, unused

CHUNK_CHARS = 100_000
WINDOW_CHARS = 200_000  # whole Documents linted together (a YAML collection's replies, a batch's files)
REPLY_MAX_WORDS = 2_000  # judged as one reply up to this many words (and one chunk); the longest
                         # reply of the shared corpora has 289, a long e-mail template about 1,000
BATCH_INPUTS = 64   # inputs prepared together by lint_many
PIPE_BATCH = 128    # Docs per nlp.pipe minibatch (measured: 128 beats 32 and 512 here)
_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")


@dataclass
class _Reply:
    """One Document as the engine works on it: a CheckContext per tokenized chunk (for the
    lexical rules), the same tokens cut into Segments (parsed when a sentence-scope syntax rule could
    match in them, or when a reply-scope check asks), and the reply-scope checks its words allow."""
    document: Document
    lexical: list[CheckContext]  # one per tokenized chunk, for the lexical rules
    segments: list[Segment]
    reply_checks: list[tuple[CompiledRule, Any]]  # (rule, matcher) of reply scope whose gate passed
    index: int = 0               # the Document's place in the list being linted


_WORD = re.compile(r"\S+")


def judged_as_one_reply(text: str) -> bool:
    """Whether the whole-reply checks judge this clean text: one chunk of at most
    REPLY_MAX_WORDS words (counted as `wc -w` counts them, stopping once past the bound)."""
    if len(text) > CHUNK_CHARS:
        return False
    return next(itertools.islice(_WORD.finditer(text), REPLY_MAX_WORDS, None), None) is None


def _segment_text(segment: Segment) -> str:
    """An unparsed segment's text, as _plan reads it from its chunk (span.text walks the tokens)."""
    text = segment.doc_text if segment.doc_text is not None else segment.span.doc.text
    return text[segment.span.start_char:segment.span.end_char]


def _placeholder_tokens(segment: Segment) -> frozenset:
    """Indices, within the segment, of the tokens that stand in for a template field."""
    span = segment.span
    start = segment.offset + span.start_char
    regions = segment.document.regions_overlapping(start, segment.offset + span.end_char, ("placeholder",))
    if not regions:
        return frozenset()
    found: set[int] = set()
    for region in regions:
        tokens = span.doc.char_span(region.start - segment.offset, region.end - segment.offset,
                                    alignment_mode="expand")
        if tokens is not None:
            found.update(t.i - span.start for t in tokens if not t.is_space and span.start <= t.i < span.end)
    return frozenset(found)


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


def _whole_fields(source: str, start: int, end: int) -> tuple[int, int]:
    """Widen a finding's source span over a template field (or bracketed link text) it cuts:
    "repost your issue on [StackOverflow" ends inside "[StackOverflow](...)". A finding holds a
    field whole or not at all, so a fix never splits one."""
    lo, hi = max(0, start - 100), min(len(source), end + 100)
    for m in PLACEHOLDER.finditer(source, lo, hi):
        if m.start() < start < m.end():
            start = m.start()
        if m.start() < end < m.end():
            end = m.end()
    return start, end


def _verb_lemmas_of_capitalised_openers(doc) -> None:
    """'Breathe, the booking is confirmed', 'Relax, it's safe': the tagger reads a capitalised
    imperative alone before a comma as a proper noun, whose lemma keeps its capital, so a rule's
    LEMMA pattern ('breathe', 'relax') misses it. Such a word that opens its sentence and is a
    verb in the dictionary gets the verb's lemma; names ('Sam,') are not dictionary verbs."""
    for token in doc:
        if token.pos_ != "PROPN" or not token.is_title or token.lemma_ != token.text:
            continue
        if not (token.is_sent_start or token.i and doc[token.i - 1].is_punct):
            continue
        verbs = dictionary_lemmas(token.lower_).get("VERB")
        if verbs:
            token.lemma_ = verbs[0]


def _paragraphs_end_sentences(doc):
    """A blank line ends a sentence: a Markdown heading or a greeting line above a paragraph
    ("Re: your ticket⏎⏎you're outdated, ...") is not the subject of the paragraph's first verb.
    The parser keeps a boundary set before it runs and still finds the others itself."""
    if "\n\n" not in doc.text.replace("\r", ""):
        return doc  # most segments hold no blank line: no walk over their tokens
    for token in doc:
        if token.is_space and "\n\n" in token.text.replace("\r", "") and token.i + 1 < len(doc):
            doc[token.i + 1].is_sent_start = True
    return doc


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
        self._lexical_matchers = [m for r in self._lexical_rules for m in r.matchers]
        self._reply_matchers = [(r, m) for r in self.rules for m in r.matchers if m.scope == "reply"]
        self._sentence_rules = [r for r in self.rules if not r.lexical]
        self._sentence_matchers = [m for r in self._sentence_rules for m in r.matchers if m.scope != "reply"]
        levels = set().union(*(r.needs for r in self.rules)) if self.rules else {"tokens"}
        self._disabled = components_to_disable(levels, self.nlp.pipe_names)
        self.full_analysis = False  # True: tag and parse every piece (staging off, for comparison)
        self._lock = threading.Lock()
        self._memo = ParseMemo(tokens_from_environment())  # parsed segments by their tokens
        self.body_keys = body_keys

    @property
    def parse_memo(self) -> int:
        """How many tokens of parsed segments this Linter remembers (REPLYLINT_PARSE_MEMO, else
        50,000); setting it to 0 turns the memo off, another number resizes it."""
        return self._memo.tokens

    @parse_memo.setter
    def parse_memo(self, tokens: int) -> None:
        with self._lock:  # not while a lint in another thread is using it
            self._memo.tokens = tokens

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
            for document in documents:
                without_surrogates(document)
            return text, fmt, documents, parse_directives(text, fmt, self.known_rule_ids, name)
        except ReplylintError as exc:
            return exc

    def _lint_documents(self, documents: list[Document]) -> list[list[Finding]]:
        """Findings per Document. Each is tokenized and cut into segments of whole sentences;
        only segments a syntax rule could match in are tagged and parsed, plus those a
        reply-scope check asks for (see staging.py), in as few `nlp.pipe` batches as a window
        allows. The Docs of one window are dropped before the next is read."""
        out: list[list[Finding]] = [[] for _ in documents]
        with self._lock:  # spaCy pipelines and matchers are not documented as thread-safe
            for window in self._windows(documents):
                self._lint_window(window, out)
                window.clear()  # its Docs go now, not when the next window is already read
        return [sorted(found, key=lambda f: (f.start, f.end, f.rule_id)) for found in out]


    def _windows(self, documents: list[Document]):
        """Lists of planned replies (_Reply) to lint together: whole Documents up to
        WINDOW_CHARS of text, or one chunk of a Document longer than a chunk. A chunk is
        planned before the one before it is linted, so that one's last segment knows the
        next segment's text, as when the Document is planned whole; at most two chunks of a
        Document are held at once."""
        window: list[_Reply] = []
        size = 0
        for index, document in enumerate(documents):
            text = join_wrapped_lines(document.text)
            if not text.strip() or not self.rules:
                continue
            if len(text) <= CHUNK_CHARS:
                if window and size + len(text) > WINDOW_CHARS:
                    yield window
                    window, size = [], 0
                window.append(self._plan(document, [(0, text)], index, judge=judged_as_one_reply(text)))
                size += len(text)
                continue
            if window:
                yield window
                window, size = [], 0
            previous = None
            for offset, chunk in chunks(text, CHUNK_CHARS):
                part = self._plan(document, [(offset, chunk)], index, judge=False)
                if previous is not None:
                    if previous.segments and part.segments:
                        previous.segments[-1].next_text = _segment_text(part.segments[0])
                    yield [previous]
                previous = part
            yield [previous]
        if window:
            yield window

    def _lint_window(self, replies: list[_Reply], out: list[list[Finding]]) -> None:
        """Parse what the window's rules need, run them, and add each reply's findings, mapped
        to the source, to out[reply.index]."""
        reply_found = self._judge_replies([r for r in replies if r.reply_checks],
                                          [s for reply in replies for s in reply.segments if s.wanted])
        for reply in replies:
            found: list[Match] = []
            for chunk_ctx in reply.lexical:
                found += [match for rule in self._lexical_rules for match in rule.find(chunk_ctx)]
            for segment in reply.segments:
                if segment.parsed and segment.active:
                    found += [match for rule in self._sentence_rules for match in rule.find(segment.context)]
            found += reply_found.get(id(reply), [])
            out[reply.index] += [self._finding(group[0], max(m.end for m in group))
                                 for group in _one_per_sentence(found, reply.segments)]

    def _plan(self, document: Document, pieces, index: int = 0, judge: bool = True) -> _Reply:
        """Tokenize (offset, text) pieces of the Document (all its chunks, or one), cut them into
        segments and note what each segment's words trigger; with `judge`, the reply-scope checks
        the words of the whole allow (the pieces must then be the whole Document)."""
        lexical: list[CheckContext] = []
        segments: list[Segment] = []
        texts: list[str] = []
        words: set[int] = set()
        for offset, chunk in pieces:
            doc = self.nlp.make_doc(chunk)
            reading.normalize(doc, chunk)  # chat spellings' NORM ("u" → "you"), before the words are read
            array = staging.word_array(doc)
            chunk_words = frozenset(array.ravel().tolist())
            words |= chunk_words
            lexical.append(CheckContext(doc, document, offset, cache={"text": chunk}, active=frozenset(
                m for m in self._lexical_matchers if m.triggered(chunk_words, chunk, document))))
            candidates = [m for m in self._sentence_matchers if m.triggered(chunk_words, chunk, document)]
            ranges = [(0, len(doc))] if self.full_analysis else staging.segments(doc)
            for start, end in ranges:
                span = doc[start:end]
                text = chunk[span.start_char:span.end_char]  # span.text, without a walk over its tokens
                texts.append(text)
                if len(ranges) == 1:
                    active = frozenset(candidates)
                else:
                    segment_words = frozenset(array[start:end].ravel().tolist())
                    active = frozenset(m for m in candidates if m.triggered(segment_words, text, document))
                segments.append(Segment(span, offset, document, active, wanted=self.full_analysis or bool(active),
                                        doc_text=chunk))
        for segment, following in zip(segments, texts[1:]):
            segment.next_text = following
        reply_checks = [(rule, m) for rule, m in self._reply_matchers
                        if m.triggered(words, document.text, document)] if judge else []
        return _Reply(document, lexical, segments, reply_checks, index)

    def _parse(self, segments: list[Segment]) -> None:
        """Tag and parse the segments, each on its own, in one batch. A segment's parse depends
        on its tokens alone, so one whose tokens this Linter parsed before takes that Doc from
        the memo (speed/parse_memo.py), keyed by its tokenizer attributes."""
        arrays: dict = {}  # id(chunk Doc) -> its tokenizer attributes, read once
        todo: dict = {}    # tokens (or the segment's id) -> [segments with exactly those tokens]
        fields: dict = {}  # the same keys -> the template fields' token indices in the first segment
        for segment in segments:
            if segment.parsed:
                continue
            span = segment.span
            placeholders = _placeholder_tokens(segment)
            if len(span) == len(span.doc) or not self._memo.enabled:
                # A reply that is one segment is parsed in place (its lexical rules see the parse
                # too) and never remembered, so what those rules see does not depend on history.
                todo[id(segment)] = [segment]
                fields[id(segment)] = placeholders
                continue
            # The reading depends on where the template fields are, besides the tokens.
            key = self._tokens(span, arrays)[span.start:span.end].tobytes() + \
                (repr(sorted(placeholders)).encode() if placeholders else b"")
            known = self._memo.get(key)
            if known is not None:
                segment.take_parse(known)
            else:
                todo.setdefault(key, []).append(segment)
                fields.setdefault(key, placeholders)
        if not todo:
            return  # nothing new: not even an empty round through the pipeline
        firsts = [same[0].span for same in todo.values()]
        targets = [span.doc if len(span) == len(span.doc) else staging.standalone(span, self._tokens(span, arrays))
                   for span in firsts]
        # What the parser reads: the same tokens in ordinary case and spelling, the opening
        # address left out (reading.py); its parse is carried back onto the tokens as written.
        readings = [reading.plan(doc, placeholders) for doc, placeholders in zip(targets, fields.values())]
        docs = (_paragraphs_end_sentences(doc if plan is None else plan.doc(doc.vocab))
                for doc, plan in zip(targets, readings))
        parsed = self.nlp.pipe(docs, disable=self._disabled, batch_size=PIPE_BATCH)
        for (key, same), target, plan, doc in zip(todo.items(), targets, readings, parsed):
            if plan is not None:
                plan.transfer(doc, target)
                doc = target
            _verb_lemmas_of_capitalised_openers(doc)
            doc.tensor = _NO_TENSOR  # the tok2vec output: no rule reads it, and it is most of a Doc's memory
            for segment in same:
                segment.take_parse(doc)
            if isinstance(key, bytes):
                self._memo.put(key, doc)  # unless it alone would take much of the memo

    @staticmethod
    def _tokens(span, arrays: dict):
        """The tokenizer attributes of the span's Doc, read once per Doc and call."""
        if id(span.doc) not in arrays:
            arrays[id(span.doc)] = span.doc.to_array(staging.TOKENIZER_ATTRS)
        return arrays[id(span.doc)]

    def _judge_replies(self, replies: list[_Reply], wanted: list[Segment]) -> dict[int, list[Match]]:
        """Parse the `wanted` segments and run the reply-scope checks. A check first runs on what
        the words show; one that needs more of its reply parsed says so (NeedParse). Every
        reply's requests are parsed in one batch (the first with the wanted segments) and those
        checks run again, until each has answered."""
        pending = [(reply, rule, matcher) for reply in replies for rule, matcher in reply.reply_checks]
        found: dict[int, list[Match]] = {}
        while True:
            asked, waiting = {id(s): s for s in wanted}, []
            views: dict = {}  # one ReplyContext per reply and round: its checks share its cache
            for reply, rule, matcher in pending:
                view = views.setdefault(id(reply), ReplyContext(reply.document, reply.segments))
                try:
                    spans = list(matcher.check(view, matcher.options))
                except NeedParse as need:
                    asked.update((id(s), s) for s in need.segments)
                    waiting.append((reply, rule, matcher))
                    continue
                contexts = {id(s.span.doc): s.context for s in reply.segments}
                kept = [Match(rule, span, matcher.rewriters, contexts[id(span.doc)], matcher.message) for span in spans]
                found.setdefault(id(reply), []).extend(
                    CompiledRule.merge([m for m in kept if matcher.keeps(m.span, m.context)]))
            self._parse(list(asked.values()))
            if not waiting:
                return found
            pending, wanted = waiting, []

    def analyze(self, text: str, format: str = "text", name: str = ""):
        """What the whole-reply rules judge the reply to be (analysis.ReplyAnalysis): its kind,
        the customer's problem, the matter's state, its acknowledgment, and the words each was
        decided on. For a collection, the first reply's; `analysis.analyze` gives every one."""
        from .analysis import analyze

        found = analyze(self, text, format, name)
        if not found:
            raise ReplylintError("no reply to analyze in this input")
        return found[0]

    def fix(self, text: str, unsafe: bool = False, format: str = "text", name: str = "") -> FixResult:
        """Apply the safe edits (and with `unsafe`, the suggested ones that need no input) until
        nothing more applies; the result holds the new text, what was applied and what remains.
        In a YAML or JSON collection each pass's edits are first proven to leave the file's
        structure as it was, with only reply bodies changed as the edits intend (formats/verify.py);
        the edits of a body that would not are refused."""
        fmt = sniff(name, text) if format == "auto" else format
        prove = None
        proof = format_named(fmt).prove_fix
        if proof is not None:
            def prove(current: str, edits: list[Edit]) -> set:
                return proof(current, name, self.body_keys, edits)
        return fix_text(text, lambda t: self.lint(t, fmt, name), unsafe, lambda t: self._reply_texts(t, fmt, name),
                        prove)

    def _reply_texts(self, text: str, format: str, name: str) -> list[str] | None:
        """The prose of each reply in `text` (None when it no longer reads as its format), so that
        `fix` can refuse an edit that would leave a reply without words."""
        prepared = self._prepare(text, format, name)
        return None if isinstance(prepared, ReplylintError) else [d.text for d in prepared[2]]

    @staticmethod
    def _finding(match: Match, until: int | None = None) -> Finding:
        """The match as the user sees it: source offsets and positions, and its rewrites as edits.
        `until`: a later clean-text end its span is drawn to (a later match of its rule in its
        sentence, see _one_per_sentence); the edits stay the match's own."""
        document = match.context.document
        edits = encode_edits(document, rewrite_span(match.span, match.rewriters, match.context))
        start = document.to_source(match.start)
        end = max(start, document.to_source(max(match.end, until or 0), is_end=True))
        start, end = _whole_fields(document.source, start, end)
        line, column = document.position(start)
        end_line, end_column = document.position(end)
        spec = match.rule.spec
        return Finding(
            rule_id=spec.id, severity=spec.severity, message=match.message or spec.message,
            start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column,
            text=document.source[start:end],
            suggestions=tuple(Suggestion(r, d) for r, d in spec.suggestions),
            edits=edits,
            note=note_of(match.span, [m.data["check"] for m in spec.matchers if m.kind == "check"]),
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


def _one_per_sentence(found: list[Match], segments: list[Segment]) -> list[list[Match]]:
    """The matches grouped as findings, earliest first: one finding per rule per sentence. Two
    matches of one rule in one sentence ("we'll look at it shortly and reply as soon as
    possible") are one occurrence of the anti-pattern to a reader, and one sentence to rewrite:
    the first match gives the finding, drawn to the end of the last (its edits are the first's;
    `fix` finds the rest again on its next pass). Sentences are the parser's where the segment
    was parsed, else the segment."""
    found = sorted(found, key=lambda m: (m.start, m.end, m.rule.id))
    if len({m.rule.id for m in found}) == len(found):
        return [[m] for m in found]  # no rule found twice: no sentence to look up
    starts = [seg.offset + s.start_char for seg in segments for s in seg.sentences()]
    groups: list[list[Match]] = []
    last: dict[str, tuple[int, list[Match]]] = {}  # rule id -> (sentence index, its open group)
    for match in found:
        sentence = bisect.bisect_right(starts, match.start) - 1
        open_group = last.get(match.rule.id)
        if open_group is not None and open_group[0] == sentence and sentence >= 0:
            open_group[1].append(match)
            continue
        groups.append([match])
        last[match.rule.id] = (sentence, groups[-1])
    return groups
