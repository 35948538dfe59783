"""condescending: the filters that keep "obviously", "clearly" and "just" where they talk down
to the reader ("Clearly you haven't read", "Just drag the file") and drop them where they do
not ("the log clearly shows", "I've just added you", "Obviously we should have caught that")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .syntax import (
    FIRST_PERSON,
    READER,
    clause_start,
    is_base_verb,
    is_imperative,
    subject_of,
    verb_of,
)


@dataclass(frozen=True)
class AimedAtReader(Options):
    display_verbs: WordList = option((), "verbs of showing or stating ('is clearly stated' is aimed at the reader)")
    saying_verbs: WordList = option((), "verbs of telling: 'the page clearly says' (a thing the reader was shown)")
    reader_sources: WordList = option((), "things the reader is shown (app, page, email, button): as the subject of a"
                                          " saying verb, 'clearly' reproaches the reader for missing them")


@register_filter("aimed_at_reader", needs="parse", options=AimedAtReader)
def keep_if_aimed_at_reader(span, ctx, options: AimedAtReader):
    """'Clearly you haven't read' / 'is clearly stated' (the reader should have known), not
    'the log clearly shows a timeout' (evidence)."""
    display = set(options.display_verbs)
    token = span[0]
    verb = token.head if token.head is not token else token
    if span.start == clause_start(token):
        return True
    subject = subject_of(verb)
    if subject is not None and subject.lower_ in READER:
        return True
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    sources = set(options.reader_sources)
    if verb.lemma_.lower() in set(options.saying_verbs) and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in sources for c in verb.children):
        return True  # "the app clearly says the offer ends on Sunday"
    return verb.lemma_.lower() in display and (passive or (subject is not None and subject.lower_ in FIRST_PERSON))


@dataclass(frozen=True)
class MinimizesAStep(Options):
    exempt_verbs: WordList = option((), "verbs whose instruction is no step ('just let me know', 'just wait')")


@register_filter("minimizes_a_step", needs="parse", options=MinimizesAStep)
def keep_if_minimizing(span, ctx, options: MinimizesAStep):
    """'Just drag the file' / 'you simply click' minimize a step; 'I've just added you' or
    'just to confirm' do not."""
    exempt = set(options.exempt_verbs)
    token = span[0]
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if (span.start == clause_start(token) and nxt is not None and is_base_verb(nxt)
            and nxt.lower_ not in exempt and nxt.pos_ != "AUX" and not nxt.is_stop):
        return True  # "Simply open Settings": an imperative the tagger misread
    verb = token.head
    after = ("to", "a", "an", "one", "checking", "wanted", "want", "in", "now", "like")
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in after:
        return False
    if verb.pos_ not in ("VERB", "AUX") or verb.i < token.i:
        return False
    if verb.tag_ in ("VBD", "VBN", "VBG") or any(c.lower_ in ("'ve", "’ve", "have", "has", "had") for c in verb.children):
        return False
    subject = subject_of(verb)
    if subject is None:  # an instruction: "Just drag the file", "please just restart"
        return verb.lemma_.lower() not in exempt and verb.lower_ not in exempt and is_imperative(verb)
    # a step the reader is told is trivial: "you just need to click", "you can simply restart"
    return subject.lower_ in READER and verb.lemma_.lower() not in ("be", "want", "like", "wish")


@register_filter("not_self_directed", needs="parse")
def keep_if_not_self_directed(span, ctx, options):
    """'Obviously we should have caught that' owns a mistake; it is not aimed at the reader."""
    verb = verb_of(span.root)
    subject = subject_of(verb)
    return subject is None or subject.lower_ not in FIRST_PERSON


_PROMISE_MODALS = {"would", "'d", "’d", "will", "'ll", "’ll", "d", "ll"}
_TELLING = {"told", "informed", "advised", "mentioned", "explained", "said", "replied", "responded", "answered",
            "wrote", "pointed", "warned", "tell", "inform", "advise", "mention", "explain", "say"}
_RECIPIENT_VERBS = {"told", "informed", "advised", "warned", "tell", "inform", "advise", "warn"}


@register_filter("not_a_kept_promise", needs="parse")
def keep_if_not_kept_promise(span, ctx, options):
    """'As I said I would, I've refunded it' keeps a promise, and 'I've already told the courier'
    or 'as I mentioned to the warehouse' reports to someone else: neither reminds the reader
    that they were told."""
    doc = span.doc
    j = span.end
    if j + 1 < len(doc) and doc[j].lower_ in ("i", "we") and doc[j + 1].lower_ in _PROMISE_MODALS:
        return False
    for token in span:
        if token.lower_ not in _TELLING:
            continue
        for child in token.children:
            if child.i < span.start:
                continue
            if (token.lower_ in _RECIPIENT_VERBS and child.dep_ in ("dobj", "dative")
                    and child.pos_ in ("NOUN", "PROPN") and child.lower_ not in READER):
                return False  # "I've already told the courier"
            if child.dep_ in ("prep", "dative") and child.lower_ == "to":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].lower_ not in READER:
                    return False  # "as I mentioned to the team"
    return True
