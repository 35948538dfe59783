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
    in_condition,
    is_base_verb,
    is_imperative,
    is_negated,
    is_question,
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
    if verb.dep_ in ("amod", "compound") or token.i + 1 < len(token.doc) and \
            token.doc[token.i + 1].tag_ == "VBN" and token.doc[token.i + 1].dep_ in ("amod", "compound"):
        return False  # "clearly labelled crates": a description of a thing
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
    polite_modals: WordList = option((), "modals of a polite request: 'if you could just send', 'would you just"
                                         " hold on' ask a favour, they do not belittle a step")


@register_filter("minimizes_a_step", needs="parse", options=MinimizesAStep)
def keep_if_minimizing(span, ctx, options: MinimizesAStep):
    """'Just drag the file' / 'you simply click' minimize a step; 'I've just added you' or
    'just to confirm' do not."""
    exempt = set(options.exempt_verbs)
    token = span[0]
    doc = token.doc
    if _polite_request(token.head, set(options.polite_modals)):
        return False
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
    return subject.lower_ in READER and verb.lemma_.lower() not in ("be", "want", "like", "wish") \
        and verb.lemma_.lower() not in CALMING_VERBS  # "can you just relax": calm-down's, no step belittled


CALMING_VERBS = frozenset(("relax", "calm", "chill", "settle", "breathe", "cool", "simmer", "unwind", "rest"))


def _polite_request(verb, modals: set[str]) -> bool:
    """'If you could just ...' / 'Could you just ...?': the modal of a request in a condition or
    a question softens the ask."""
    if not any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children):
        return False
    return in_condition(verb) or is_question(verb)


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


@dataclass(frozen=True)
class NotSincere(Options):
    apology_words: WordList = option((), "words of apology ('sorry', 'apologise'): 'obviously' then concedes, it does not"
                                         " talk down")
    our_side_nouns: WordList = option((), "nouns that, owned by us ('our end', 'my mistake'), put the clause on our side")
    praise_verbs: WordList = option((), "verbs that, with the reader as subject and no negation, credit the reader"
                                        " ('you clearly know the system')")
    praise_words: WordList = option((), "complements that credit the reader ('you're clearly an expert', 'you've"
                                        " clearly done your research')")
    display_verbs: WordList = option((), "verbs of stating: 'we clearly explained it' still points at the reader")


_FIRST_PERSON_POSSESSIVE = {"our", "my", "ours", "mine"}
_CONTRAST = {"but", "however", "yet", "though"}


def _adverb_clause(token):
    """The verb the sentence adverb modifies (the parser hangs 'Obviously' on the main verb)."""
    return verb_of(token.head if token.head is not token else token)


def _on_our_side(verb, our_side: set[str]) -> bool:
    """The clause is about us: a first-person subject anywhere in it ('that's not the experience
    we want'), or a side or fault word we own ('on our end', 'my mistake')."""
    subject = subject_of(verb)
    if subject is not None and subject.lower_ in READER:
        return False  # "you clearly ignored the email we sent": the reader's clause
    for t in verb.subtree:
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in FIRST_PERSON:
            return True
        if t.lower_ in _FIRST_PERSON_POSSESSIVE and t.head.lemma_.lower() in our_side:
            return True
        if t.lower_ in ("us", "me") and t.dep_ == "pobj" and t.head.lower_ == "on":
            return True  # "it's on us"
    return False


def _credits_reader(verb, options: NotSincere) -> bool:
    subject = subject_of(verb)
    if subject is None or subject.lower_ not in READER or is_negated(verb):
        return False
    if verb.lemma_.lower() in set(options.praise_verbs):
        return True
    praise = set(options.praise_words)
    return any(c.dep_ in ("acomp", "attr", "dobj", "oprd") and c.lemma_.lower() in praise for c in verb.children)


@register_filter("not_sincere", needs="parse", options=NotSincere)
def keep_if_not_sincere(span, ctx, options: NotSincere) -> bool:
    """'Obviously that's not the service we want you to have, and I'm sorry', 'Clearly something
    went wrong on our end' and 'You clearly know the system well' use the sentence adverb for
    our own failure or for praise; only the adverb that says the reader should have known talks
    down. The construction decides: an apology in the sentence (not one followed by 'but'), a
    clause about our side (unless its verb is one of stating, 'we clearly explained'), or the
    reader as subject of a verb or complement of credit."""
    token = span[0]
    sent = token.sent
    apology = set(options.apology_words)
    sorry = [t.i for t in sent if t.lemma_.lower() in apology or t.lower_ in apology]
    if sorry and not any(t.lower_ in _CONTRAST for t in span.doc[sorry[0]:sent.end]):
        return False
    verb = _adverb_clause(token)
    if verb.lemma_.lower() not in set(options.display_verbs) and _on_our_side(verb, set(options.our_side_nouns)):
        return False
    return not _credits_reader(verb, options)


def _capitalised(token) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper)


def _neighbour(doc, i: int, step: int):
    """The nearest token from doc[i] in direction `step` that is not a line break or space."""
    while 0 <= i < len(doc) and doc[i].is_space:
        i += step
    return doc[i] if 0 <= i < len(doc) else None


@register_filter("not_a_title", needs="parse")
def keep_if_not_a_title(span, ctx, options):
    """'Our Rocket Science Kit', 'the Piece of Cake bakery': a cue phrase written in capitals
    mid-sentence, or opening a run of capitalised words, names a product, not the reader's task.
    A cue in capitals with no title-case word beside it is shouting, not a name, and stays."""
    words = [t for t in span if t.is_alpha and (len(t) > 3 or t.i == span.start)]
    if not words or not all(_capitalised(t) for t in words):
        return True
    doc = span.doc
    before, after = _neighbour(doc, span.start - 1, -1), _neighbour(doc, span.end, 1)
    if all(t.is_upper for t in words):  # capitals: a name only beside a title-case word of it
        return not any(t is not None and t.is_alpha and t.is_title and t.lower_ != "i" for t in (before, after))
    starts = before is None or before.i < span.sent.start or before.text in (".", "!", "?", ":", '"', "“")
    return starts and not (after is not None and _capitalised(after))
