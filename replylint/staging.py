"""Staged analysis: decide from the words alone which sentences need the tagger and parser.

Tokenizing runs about fifty times faster than tagging and parsing, and most of a linter's
patterns cannot match unless certain words are present. Each compiled matcher gets a *trigger*
derived from its own patterns: a set of alternatives, each a list of word sets that must all be
hit (one per required token of a pattern); a check states its own (its `gate`).

A reply is tokenized whole and cut into *segments* (`segments`): stretches of whole sentences,
cut only where the parser all but always ends a sentence. A segment is tagged and parsed, on
its own, when a sentence-scope syntax rule's trigger hits its words; the lexical rules (such as
shouting) run on the tokens of the whole reply. The whole-reply checks judge what they can from
the words and ask for the parse of the segments they cannot (checks.context.ReplyContext).
A segment parsed on its own can end a sentence where the whole reply parsed at once would not,
so a few findings move; the rules that fire on a reply stay the same on the dev set
(tests/test_staging.py, bench/run.py).

LEMMA constraints become surface forms: the lemma itself, every form the model's rule
lemmatizer could map to it (its suffix rules run backwards, its exception table and the
attribute ruler's lemma overrides), and lemminflect's inflections. Token attributes with no
lexical meaning (POS, DEP, REGEX, ...) add no condition, which keeps the trigger a superset.

A check's gate is compiled here from the cues it declares (replylint.extend: words, phrases of
an option, text patterns, regions), so no check deals with string ids or Triggers.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER, NORM, ORTH, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc

from . import lexicon
from .extend import AllOf, AnyOf, Cue, NoRegion, OptionPattern, Options, PhrasesOf, TextMatches, Words

LEXICAL_ATTRS = ("LOWER", "NORM", "ORTH", "TEXT")


@dataclass(frozen=True)
class Trigger:
    """Alternatives (any may hold), each a tuple of word sets (as string-store ids) that must all be hit."""
    alternatives: tuple
    _always: bool = field(init=False, repr=False, compare=False)
    _singles: frozenset = field(init=False, repr=False, compare=False)
    _keys: frozenset = field(init=False, repr=False, compare=False)
    _by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        # `hit` runs for every matcher and segment, and a family's trigger has hundreds of
        # alternatives (one per phrase, or per pair of an all_of). So the alternatives of one
        # word set are merged into one set, tested once; each alternative of several sets is
        # filed under the words of its smallest set, and only those the text has are tried.
        singles: set = set()
        by_key: dict = {}
        always = False
        for alternative in dict.fromkeys(self.alternatives):  # the same alternative once
            if not alternative:
                always = True
            elif len(alternative) == 1:
                singles |= alternative[0]
            else:
                smallest = min(alternative, key=len)
                rest = tuple(sorted((s for s in alternative if s is not smallest), key=len))
                for word in smallest:
                    by_key.setdefault(word, []).append(rest)
        object.__setattr__(self, "_always", always)
        object.__setattr__(self, "_singles", frozenset(singles))
        object.__setattr__(self, "_keys", frozenset(by_key))
        object.__setattr__(self, "_by_key", by_key)

    def hit(self, words) -> bool:
        if self._always or not words.isdisjoint(self._singles):
            return True
        for word in self._keys.intersection(words):
            for rest in self._by_key[word]:
                for needed in rest:
                    if words.isdisjoint(needed):
                        break
                else:
                    return True
        return False

    def __or__(self, other: Trigger) -> Trigger:
        return Trigger(self.alternatives + other.alternatives)


ALWAYS = Trigger(((),))   # no lexical condition: always needs the analysis


def word_array(doc):
    """The lowercase and NORM forms of every token, as string-store ids, one row per token: read
    as one array, without making a Token object per word. Any rows' values make a `words` set."""
    return doc.to_array([LOWER, NORM])


def words_of(doc) -> frozenset:
    """The words of a whole Doc, as triggers test them (see `word_array`)."""
    return frozenset(word_array(doc).ravel().tolist())


def ids(words) -> frozenset:
    """String-store ids of words, to compare with `words_of`."""
    return frozenset(get_string_id(w) for w in words)


class LemmaForms:
    """Surface forms the loaded pipeline could give a lemma, built from its own lemmatizer tables."""

    def __init__(self, nlp):
        self._rules: list[tuple[str, str]] = []
        self._exceptions: dict[str, set[str]] = {}
        if "lemmatizer" in nlp.pipe_names:
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_rules"):
                for rules in lookups.get_table("lemma_rules").values():
                    self._rules += [(old, new) for old, new in rules]
            if lookups is not None and lookups.has_table("lemma_exc"):
                for table in lookups.get_table("lemma_exc").values():
                    for surface, lemmas in table.items():
                        for lemma in lemmas:
                            self._exceptions.setdefault(lemma.lower(), set()).add(surface.lower())
        if "attribute_ruler" in nlp.pipe_names:
            for entry in nlp.get_pipe("attribute_ruler").patterns:
                lemma = entry.get("attrs", {}).get("LEMMA")
                if lemma:
                    for pattern in entry["patterns"]:
                        for spec in pattern:
                            for key in LEXICAL_ATTRS:
                                if isinstance(spec.get(key), str):
                                    self._exceptions.setdefault(lemma.lower(), set()).add(spec[key].lower())

    def __call__(self, lemma: str) -> frozenset:
        return self._forms(lemma.lower())

    @cache  # noqa: B019 - one instance per compiled rule pack, which lives as long as the process
    def _forms(self, lemma: str) -> frozenset:
        forms = {lemma} | self._exceptions.get(lemma, set()) | lexicon.inflections(lemma)
        for old, new in self._rules:
            if lemma.endswith(new):
                forms.add(lemma[:len(lemma) - len(new)] + old)
        return frozenset(forms)


def _values(value) -> list[str] | None:
    """The words a token attribute admits, or None when it admits anything (NOT_IN, REGEX, ...)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        return [str(v) for v in value["IN"]]
    return None


def _required(spec: dict) -> bool:
    op = spec.get("OP")
    return op is None or op == "+" or bool(re.fullmatch(r"\{[1-9]\d*(,\d*)?\}", str(op)))


def _token_condition(attrs: dict, lemma_forms) -> frozenset | None:
    """The words one token spec can be, or None when it puts no lexical condition on the token."""
    best = None
    for key, value in attrs.items():
        key = str(key).upper()
        words = _values(value)
        if words is None or key not in LEXICAL_ATTRS + ("LEMMA",):
            continue
        forms = ids(frozenset().union(*(lemma_forms(w) for w in words)) if key == "LEMMA" else
                    {w.lower() for w in words})
        best = forms if best is None or len(forms) < len(best) else best
    return best


def phrase_words(phrases, lemma_forms) -> Trigger:
    """Phrases written as words ("get back to", "be careful"), as a check's options list them:
    every word must be there, the first (a verb) in any of its forms, the rest as written."""
    return Trigger(tuple(
        tuple([ids(lemma_forms(words[0]))] + [ids({w}) for w in words[1:]])
        for words in (p.lower().split() for p in phrases) if words))


def token_patterns(patterns: list, lemma_forms) -> Trigger:
    """Any pattern may match; within one, every required token with a lexical condition must be there."""
    return Trigger(tuple(
        tuple(c for c in (_token_condition(spec, lemma_forms) for spec in pattern if _required(spec)) if c)
        for pattern in patterns))


def dependency_patterns(patterns: list, lemma_forms) -> Trigger:
    """Every node of a dependency pattern must be a token of the Doc."""
    return Trigger(tuple(
        tuple(c for c in (_token_condition(node.get("RIGHT_ATTRS", {}), lemma_forms) for node in pattern) if c)
        for pattern in patterns))


Gate = Callable[[frozenset, str, Any], bool]  # (words of a stretch, its text, its Document) -> could match


def compile_cues(cue: Cue, options: Options, lemma_forms) -> Gate:
    """A check's declared cues as a gate for the options one rule gives it. The word conditions
    under one `any_of` (words, pairs of them, an option's phrases) become one Trigger, tested
    first; text and region conditions are tested only when the words leave the answer open."""
    trigger = _word_trigger(cue, options, lemma_forms)
    if trigger is not None:
        return lambda words, text, document: trigger.hit(words)
    if isinstance(cue, AllOf):
        parts = [compile_cues(part, options, lemma_forms) for part in _word_parts_first(cue.parts, options, lemma_forms)]
        return lambda words, text, document: all(part(words, text, document) for part in parts)
    if isinstance(cue, AnyOf):
        found = [(p, _word_trigger(p, options, lemma_forms)) for p in cue.parts]
        lexical = [(p, t) for p, t in found if t is not None]
        merged = Trigger(tuple(a for _, t in lexical for a in t.alternatives))
        rest = [compile_cues(p, options, lemma_forms) for p, t in found if t is None]
        return lambda words, text, document: merged.hit(words) or any(part(words, text, document) for part in rest)
    if isinstance(cue, TextMatches):
        pattern = cue.pattern
        return lambda words, text, document: pattern.search(text) is not None
    if isinstance(cue, OptionPattern):
        built = cue.build(tuple(getattr(options, cue.option)))
        if built is None:
            return lambda words, text, document: False
        return lambda words, text, document: built.search(text) is not None
    if isinstance(cue, NoRegion):
        kind = cue.kind
        return lambda words, text, document: not any(r.kind == kind for r in document.regions)
    raise TypeError(f"not a cue: {cue!r}")


def _word_parts_first(parts, options: Options, lemma_forms) -> list:
    """An all_of's parts with the word conditions (cheapest) first; all must hold, in any order."""
    lexical = [p for p in parts if _word_trigger(p, options, lemma_forms) is not None]
    return lexical + [p for p in parts if p not in lexical]


def _word_trigger(cue: Cue, options: Options, lemma_forms) -> Trigger | None:
    """The cue as a Trigger when it is made of word conditions alone, else None."""
    if isinstance(cue, Words):
        return Trigger(((ids(cue.words),),))
    if isinstance(cue, PhrasesOf):
        phrases = [p for p in (*getattr(options, cue.option), *cue.also)
                   if not set(p.lower().split()[:1]) & set(cue.unless_first)]
        if cue.as_written:
            return Trigger(tuple(tuple(ids({w}) for w in p.lower().split()) for p in phrases if p.split()))
        return phrase_words(phrases, lemma_forms)
    if isinstance(cue, (AllOf, AnyOf)):
        maybe = [_word_trigger(part, options, lemma_forms) for part in cue.parts]
        triggers = [t for t in maybe if t is not None]
        if len(triggers) < len(maybe):
            return None
        if isinstance(cue, AnyOf):
            return Trigger(tuple(a for t in triggers for a in t.alternatives))
        alternatives: list[tuple] = [()]
        for t in triggers:  # every part must hold: each combination of their alternatives
            alternatives = [a + b for a in alternatives for b in t.alternatives]
        return Trigger(tuple(alternatives))
    return None


def phrase_docs(groups: list) -> Trigger:
    """Phrases matched on NORM, each given as the Docs of its variants: every position of some
    variant must be there (variants of one length are merged position by position)."""
    alternatives = []
    for docs in groups:
        by_length: dict[int, list[set[int]]] = {}
        for doc in docs:
            positions = by_length.setdefault(len(doc), [set() for _ in range(len(doc))])
            for position, norm in zip(positions, doc.to_array(NORM).tolist()):  # no Token object per word
                position.add(norm)
        alternatives += [tuple(frozenset(p) for p in positions) for positions in by_length.values()]
    return Trigger(tuple(alternatives))


SENTENCE_END = re.compile(r"[.!?…]+")
CLOSERS = frozenset('"\')]»”’')


def segments(doc) -> list[tuple[int, int]]:
    """Token ranges of whole sentences, cut only where the parser all but always ends a sentence
    too: after ., ! or ? (and closing quotes or brackets), or at a blank line, when the next word
    does not start in lower case. Whitespace stays with the segment before it. A segment may hold
    several sentences; the parser still splits it, so a missed cut costs time, never a finding."""
    n = len(doc)
    if not n:
        return []
    strings = doc.vocab.strings  # read as arrays: a Token object per word cost more than the rest
    tokens = [(strings[orth], space, punct, spaced)
              for orth, space, punct, spaced in doc.to_array([ORTH, IS_SPACE, IS_PUNCT, SPACY]).tolist()]
    cuts = [0]
    i = 0
    while i < n:
        text, space = tokens[i][:2]
        if SENTENCE_END.fullmatch(text):
            end = i + 1
            while end < n and not tokens[end - 1][3] and tokens[end][0] in CLOSERS:
                end += 1
            if end < n and not tokens[end - 1][3] and not tokens[end][1]:
                i = end
                continue  # "e.g.x", "?!)": no space after the stop, so no sentence end
        elif space and text.count("\n") >= 2:
            end = i + 1
        else:
            i += 1
            continue
        start = end
        while start < n and tokens[start][1]:
            start += 1
        word = start
        while word < n and (tokens[word][1] or tokens[word][2]):
            word += 1
        if start < n and start > cuts[-1] and (word >= n or not tokens[word][0][:1].islower()):
            cuts.append(start)
        i = max(end, i + 1)
    cuts.append(n)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


# What the tokenizer sets on a token: its text, whether a space follows, and a special case's
# NORM ("n't" → "not"), which the tagger and parser read.
TOKENIZER_ATTRS = [ORTH, SPACY, NORM]


def standalone(span, tokens) -> Doc:
    """The span's tokens as a Doc of their own, to be tagged and parsed alone. `tokens` is its
    Doc's `to_array(TOKENIZER_ATTRS)`, made once per Doc. Span.as_doc copies every attribute one
    token at a time; before tagging only these three are set (measured: 4x faster)."""
    rows = tokens[span.start:span.end]
    strings = span.doc.vocab.strings
    doc = Doc(span.doc.vocab, words=[strings[orth] for orth in rows[:, 0].tolist()],
              spaces=rows[:, 1].astype(bool).tolist())
    doc.from_array([NORM], rows[:, 2:3])
    return doc
