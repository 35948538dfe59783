"""Filters a YAML matcher names to keep only the senses that hurt.

Each takes the candidate span, the CheckContext and its options (declared beside it, see
replylint.extend), and returns True to keep the candidate.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .syntax import (FIRST_PERSON, READER, addressed_to_reader, clause_start, in_condition,
                     is_base_verb, is_imperative, is_negated, is_question, subject_of,
                     verb_of)

PERSON_PRONOUNS = READER | FIRST_PERSON | {"he", "she", "they", "them", "him", "her", "everyone",
                                           "everybody", "someone", "somebody", "people", "folks", "anyone"}


def _main_word(span, lemmas=None):
    """The word of the span the rule is about: the first listed lemma, else the first verb, else the root."""
    if lemmas:
        for token in span:
            if token.lemma_.lower() in lemmas or token.lower_ in lemmas:
                return token
    for token in span:
        if token.pos_ in ("VERB", "AUX"):
            return token
    return span.root


@dataclass(frozen=True)
class AddressedToReader(Options):
    verbs: WordList = option((), "the verb of the span to judge: the first of these in it (else its first verb)")


@register_filter("addressed_to_reader", needs="parse", options=AddressedToReader)
def keep_if_addressed_to_reader(span, ctx, options: AddressedToReader):
    """'Calm down' said to the reader, not 'the queue will calm down'."""
    verb = _main_word(span, set(options.verbs))
    if verb.i == verb.sent.start or span.start == clause_start(verb):
        # Sentence- or clause-initial base form with no subject of its own: an instruction.
        if verb.tag_ in ("VB", "VBP", "NN", "NNP", "UH") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return True
    return addressed_to_reader(verb)


@dataclass(frozen=True)
class NoObject(Options):
    allowed: WordList = option(("you", "yourself", "yourselves", "down", "up"),
                               "objects that do not count as a thing being acted on")


@register_filter("no_object", needs="parse", options=NoObject)
def keep_if_no_object(span, ctx, options: NoObject):
    """'relax' about the reader, not 'relax the rate limit' (a thing being relaxed)."""
    allowed = set(options.allowed)
    verb = _main_word(span)
    return not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in allowed and c.i not in range(span.start, span.end)
                   for c in verb.children)


@dataclass(frozen=True)
class PersonSubject(Options):
    person_nouns: WordList = option((), "nouns (lemmas) that name a person, such as customer or manager")


@register_filter("person_subject", needs="parse", options=PersonSubject)
def keep_if_person_subject(span, ctx, options: PersonSubject):
    """Slang about a person being upset, not 'the app keeps freaking out' or 'a reactor meltdown'."""
    nouns = set(options.person_nouns)
    verb = verb_of(span.root)
    subject = subject_of(verb)
    owner = next((c for c in span.root.children if c.dep_ == "poss"), None)
    for candidate in (subject, owner):
        if candidate is None:
            continue
        # A proper-noun subject of an emotional verb is almost always a person ("Sam lost it");
        # this needs no NER, which no rule otherwise asks for.
        if candidate.lower_ in PERSON_PRONOUNS or candidate.pos_ == "PROPN" or \
                candidate.lemma_.lower() in nouns or candidate.lower_ in ("your", "his", "her", "their", "my", "our"):
            return candidate.lower_ != "our" or candidate.head.lemma_.lower() in nouns
        return False
    return False


@register_filter("not_in_condition", needs="parse")
def keep_if_not_conditional(span, ctx, options):
    """'If you calm down ...': drop a match inside an if/unless/when clause."""
    return not in_condition(span.root) and not any(in_condition(t) for t in span if t.pos_ == "VERB")


@register_filter("not_negated", needs="parse")
def keep_if_not_negated(span, ctx, options):
    """'You don't have a virus': the verb of the match is negated."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")] or [verb_of(span.root)]
    return not any(is_negated(v) for v in verbs)


@register_filter("not_question", needs="parse")
def keep_if_not_question(span, ctx, options):
    """Drop a match in a sentence that ends with a question mark."""
    return not is_question(span.root)


@dataclass(frozen=True)
class ClauseInitial(Options):
    allow_before: WordList = option(("oh", "well", "and", "but", "so", "okay", "ok"),
                                    "words that may stand before the match at the start of its clause")


@register_filter("clause_initial", needs="tokens", options=ClauseInitial)
def keep_if_clause_initial(span, ctx, options: ClauseInitial):
    """An interjection opens its sentence or clause: 'Oh no, ...', 'Yikes, ...'."""
    allow = set(options.allow_before)
    doc = span.doc
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        if t.is_space or "\n" in t.text or t.text in (".", "!", "?", ";", ":", "—", "–", "(", '"', "“"):
            return True
        if t.lower_ not in allow and not (t.is_punct and t.text == ","):
            return False
        i -= 1
    return True


@dataclass(frozen=True)
class NotFollowedBy(Options):
    words: WordList = option((), "drop the match when the next word (or its lemma) is one of these")
    tags: WordList = option((), "drop the match when the next word has one of these Penn tags (NNP, ...)"
                                " and does not start a sentence")


@register_filter("not_followed_by", needs="parse", options=NotFollowedBy)
def keep_if_not_followed_by(span, ctx, options: NotFollowedBy):
    """'Oh, no problem' and 'Whoa Labs' are not alarm: look at the next word (its lemma and tag,
    and whether the parser starts a sentence there)."""
    words = set(options.words)
    tags = set(options.tags)
    doc = span.doc
    j = span.end
    while j < len(doc) and doc[j].is_punct and doc[j].text == ",":
        j += 1
    if j >= len(doc):
        return True
    nxt = doc[j]
    if nxt.lower_ in words or nxt.lemma_.lower() in words:
        return False
    if tags and nxt.tag_ in tags and not nxt.is_sent_start and doc[j - 1].text != ",":
        return False
    return True


@dataclass(frozen=True)
class FollowedBy(Options):
    words: WordList = option((), "keep the match only when one of these words (or lemmas) follows it")
    window: int = option(8, "how many tokens after the match to look (at most 4 past its sentence)")


@register_filter("followed_by", needs="parse", options=FollowedBy)
def keep_if_followed_by(span, ctx, options: FollowedBy):
    """'Wow, that's terrible' (alarm) but not 'Wow, ten years with us!' (delight): one of `words`
    (or a word with that lemma) follows within `window` tokens, and at most four past the
    parser's end of the sentence."""
    words = set(options.words)
    window = options.window
    doc = span.doc
    following = doc[span.end:min(len(doc), span.end + window, span.sent.end + 4)]
    return any(t.lower_ in words or t.lemma_.lower() in words for t in following)


@register_filter("agent_subject", needs="parse")
def keep_if_agent_subject(span, ctx, options):
    """'I can't help you': the refusal is ours (or has no subject), not 'you can't ...'."""
    verb = _main_word(span)
    subject = subject_of(verb)
    return subject is None or subject.lower_ in FIRST_PERSON or subject.lower_ in ("that", "this", "it", "there")


@dataclass(frozen=True)
class NotHelpIdiom(Options):
    words: WordList = option(("but",), "words that make 'can't help' an idiom when they follow it")


@register_filter("not_help_idiom", needs="tags", options=NotHelpIdiom)
def keep_if_not_idiom(span, ctx, options: NotHelpIdiom):
    """'I can't help but notice' / 'can't help noticing' are idioms, not refusals (the next word's
    tag tells a gerund)."""
    words = set(options.words)
    doc = span.doc
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ in words or nxt.tag_ == "VBG" or nxt.lower_.endswith("ing") and nxt.lower_ not in ("nothing", "anything", "something"):
            return False
    return True


@dataclass(frozen=True)
class NotAfter(Options):
    words: WordList = option((), "drop the match when one of these words comes shortly before it")
    window: int = option(3, "how many tokens before the match (within its sentence) to look")


@register_filter("not_after", needs="parse", options=NotAfter)
def keep_if_not_after(span, ctx, options: NotAfter):
    """Drop a match preceded (within `window` tokens of its sentence, as the parser ends
    sentences) by one of `words`: 'nothing I can't fix'."""
    words = set(options.words)
    window = options.window
    doc = span.doc
    preceding = doc[max(span.sent.start, span.start - window):span.start]
    return not any(t.lower_ in words for t in preceding)


@dataclass(frozen=True)
class AimedAtReader(Options):
    display_verbs: WordList = option((), "verbs of showing or stating ('is clearly stated' is aimed at the reader)")


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
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in ("to", "a", "an", "one", "checking", "wanted", "want", "in", "now", "like"):
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


@dataclass(frozen=True)
class NotInFavour(Options):
    words: WordList = option((), "drop the match when its sentence holds one of these words (or lemmas)")


@register_filter("not_in_favour", needs="parse", options=NotInFavour)
def keep_if_not_in_favour(span, ctx, options: NotInFavour):
    """'Under the SLA, you're due a credit' cites the rules for the customer, not against them:
    drop a match whose sentence (as the parser ends it) holds one of `words` or their lemmas."""
    words = set(options.words)
    return not any(t.lower_ in words or t.lemma_.lower() in words for t in span.sent)
