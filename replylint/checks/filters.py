"""Filters a YAML matcher names to keep only the senses that hurt.

Each takes the candidate span, the CheckContext and the options from the rule file, and returns
True to keep the candidate.
"""
from __future__ import annotations

from . import register_filter
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


@register_filter("addressed_to_reader", needs="parse", options=("verbs",))
def keep_if_addressed_to_reader(span, ctx, options):
    """'Calm down' said to the reader, not 'the queue will calm down'."""
    verb = _main_word(span, set(options.get("verbs", ())))
    if verb.i == verb.sent.start or span.start == clause_start(verb):
        # Sentence- or clause-initial base form with no subject of its own: an instruction.
        if verb.tag_ in ("VB", "VBP", "NN", "NNP", "UH") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return True
    return addressed_to_reader(verb)


@register_filter("no_object", needs="parse", options=("allowed",))
def keep_if_no_object(span, ctx, options):
    """'relax' about the reader, not 'relax the rate limit' (a thing being relaxed)."""
    allowed = set(options.get("allowed", ("you", "yourself", "yourselves", "down", "up")))
    verb = _main_word(span)
    return not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in allowed and c.i not in range(span.start, span.end)
                   for c in verb.children)


@register_filter("person_subject", needs="parse", options=("person_nouns",))
def keep_if_person_subject(span, ctx, options):
    """Slang about a person being upset, not 'the app keeps freaking out' or 'a reactor meltdown'."""
    nouns = set(options.get("person_nouns", ()))
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
    return not in_condition(span.root) and not any(in_condition(t) for t in span if t.pos_ == "VERB")


@register_filter("not_negated", needs="parse")
def keep_if_not_negated(span, ctx, options):
    """'You don't have a virus': the verb of the match is negated."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")] or [verb_of(span.root)]
    return not any(is_negated(v) for v in verbs)


@register_filter("not_question", needs="parse")
def keep_if_not_question(span, ctx, options):
    return not is_question(span.root)


@register_filter("clause_initial", needs="tokens", options=("allow_before",))
def keep_if_clause_initial(span, ctx, options):
    """An interjection opens its sentence or clause: 'Oh no, ...', 'Yikes, ...'."""
    allow = set(options.get("allow_before", ("oh", "well", "and", "but", "so", "okay", "ok")))
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


@register_filter("not_followed_by", needs="tags", options=("words", "tags"))
def keep_if_not_followed_by(span, ctx, options):
    """'Oh, no problem' and 'Whoa Labs' are not alarm: look at the next word."""
    words = set(options.get("words", ()))
    tags = set(options.get("tags", ()))
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


@register_filter("followed_by", needs="tokens", options=("words", "window"))
def keep_if_followed_by(span, ctx, options):
    """'Wow, that's terrible' (alarm) but not 'Wow, ten years with us!' (delight)."""
    words = set(options.get("words", ()))
    window = int(options.get("window", 8))
    doc = span.doc
    following = doc[span.end:min(len(doc), span.end + window, span.sent.end + 4)]
    return any(t.lower_ in words or t.lemma_.lower() in words for t in following)


@register_filter("agent_subject", needs="parse")
def keep_if_agent_subject(span, ctx, options):
    """'I can't help you': the refusal is ours (or has no subject), not 'you can't ...'."""
    verb = _main_word(span)
    subject = subject_of(verb)
    return subject is None or subject.lower_ in FIRST_PERSON or subject.lower_ in ("that", "this", "it", "there")


@register_filter("not_help_idiom", needs="tokens", options=("words",))
def keep_if_not_idiom(span, ctx, options):
    """'I can't help but notice' / 'can't help noticing' are idioms, not refusals."""
    words = set(options.get("words", ("but",)))
    doc = span.doc
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ in words or nxt.tag_ == "VBG" or nxt.lower_.endswith("ing") and nxt.lower_ not in ("nothing", "anything", "something"):
            return False
    return True


@register_filter("not_after", needs="tokens", options=("words", "window"))
def keep_if_not_after(span, ctx, options):
    """Drop a match preceded (within `window` tokens of its sentence) by one of `words`: 'nothing I can't fix'."""
    words = set(options.get("words", ()))
    window = int(options.get("window", 3))
    doc = span.doc
    preceding = doc[max(span.sent.start, span.start - window):span.start]
    return not any(t.lower_ in words for t in preceding)


@register_filter("aimed_at_reader", needs="parse", options=("display_verbs",))
def keep_if_aimed_at_reader(span, ctx, options):
    """'Clearly you haven't read' / 'is clearly stated' (the reader should have known), not
    'the log clearly shows a timeout' (evidence)."""
    display = set(options.get("display_verbs", ()))
    token = span[0]
    verb = token.head if token.head is not token else token
    if span.start == clause_start(token):
        return True
    subject = subject_of(verb)
    if subject is not None and subject.lower_ in READER:
        return True
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    return verb.lemma_.lower() in display and (passive or (subject is not None and subject.lower_ in FIRST_PERSON))


@register_filter("minimizes_a_step", needs="parse", options=("exempt_verbs",))
def keep_if_minimizing(span, ctx, options):
    """'Just drag the file' / 'you simply click' minimize a step; 'I've just added you' or
    'just to confirm' do not."""
    exempt = set(options.get("exempt_verbs", ()))
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


@register_filter("not_in_favour", needs="tokens", options=("words",))
def keep_if_not_in_favour(span, ctx, options):
    """'Under the SLA, you're due a credit' cites the rules for the customer, not against them."""
    words = set(options.get("words", ()))
    return not any(t.lower_ in words or t.lemma_.lower() in words for t in span.sent)
