"""vague-promise: a follow-through commitment by our side with no date or time attached.

A commitment is a future or "let me" clause whose subject is on the agent's side (I, we,
someone, our team, an engineer, a fix) and whose verb is a follow-through verb (get back,
look into, contact, update, ...), or any such clause timed only by a vague word (soon,
shortly, as soon as possible). It is forgiven when the same sentence or the next one names
a concrete day or time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extend import (
    Options,
    PhraseList,
    all_of,
    any_of,
    option,
    option_pattern,
    phrases_of,
    register_check,
    register_filter,
    text_matches,
    words,
)
from .cant_help import nearest_subject
from .syntax import BE_FORMS, READER, in_condition, is_imperative, is_negated, is_question, subject_of
from .timeexpr import (
    VAGUE_TIME,
    extra_vague_pattern,
    forward_times,
    has_concrete_time,
    vague_time_matches,
)

FUTURE_AUX = {"will", "'ll", "’ll", "ll", "shall", "wo", "gonna"}
LET_REQUESTS = {"know", "hear"}  # "let me know": the reader is asked to tell us


def _follow_up_keys(verb) -> set[str]:
    """Ways the verb can be named in the YAML list: 'check', 'get back', 'look into', 'be in touch'."""
    if verb.lemma_.lower() == "check" and any(c.dep_ == "prt" and c.lower_ in ("in", "out") for c in verb.children) \
            and any(c.dep_ == "dobj" for c in verb.children):
        return set()  # "our staff will check you in": a check-in desk, not a follow-up
    keys = {verb.lemma_.lower()}
    for child in verb.children:
        if child.dep_ in ("prt", "prep", "advmod", "acomp", "oprd", "xcomp", "ccomp") and child.i > verb.i:
            keys.add(f"{verb.lemma_.lower()} {child.lower_}")
            for grand in child.children:
                if grand.dep_ == "pobj":
                    keys.add(f"{verb.lemma_.lower()} {child.lower_} {grand.lower_}")
        if child.dep_ == "dobj" and child.i > verb.i:  # "give you a call", "drop you a line"
            keys.add(f"{verb.lemma_.lower()} {child.lemma_.lower()}")
    return keys


def _is_future(verb) -> bool:
    """Will/'ll/shall/going to/let me: the agent (or the agent's side) commits to a later action."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
            return not any(c.dep_ == "neg" for c in verb.children)
    head = verb.head
    if verb.dep_ == "xcomp" and head.lower_ in ("going", "gon"):
        return True
    if verb.dep_ in ("ccomp", "xcomp") and head.lemma_ == "let" and _let_us(head, verb):
        return True
    if verb.dep_ == "conj" and head.i != verb.i:
        return _is_future(head)
    return False


def _let_us(let, verb) -> bool:
    """"Let me look into it", "let us check": "me"/"us" between "let" and the verb (the parser
    hangs it on either), and not "let me know" or "let us hear", which ask the reader to tell us."""
    if verb.lemma_ in LET_REQUESTS or _looks_now(verb):
        return False
    between = [c.lower_ for c in (*let.children, *verb.children) if let.i < c.i < verb.i]
    if "me" in between or "us" in between:
        return True
    # "let's" invites the reader to act with us ("let's work on this together"); it promises
    # only with a verb of meeting again ("let's circle back once ...", "let's touch base")
    return ("'s" in between or "’s" in between) and verb.lemma_ in LETS_MEET_AGAIN


def _purpose(verb) -> bool:
    """'DM us your email so that we can reach out asap': our side's act in a purpose clause, a
    promise in all but name."""
    if not any(c.dep_ == "aux" and c.lower_ in ("can", "could") for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("we", "i"):
        return False
    before = [t.lower_ for t in verb.doc[max(verb.sent.start, subject.i - 2):subject.i]]
    return "so" in before


def _looks_now(verb) -> bool:
    """'Let me look at what the driver logged', 'let me check your submission': a look taken now,
    at something in front of us. 'Let me look into it' and 'let me check with the warehouse'
    wait on an investigation or on someone else, so they promise."""
    if verb.lemma_ not in ("look", "check", "see", "pull", "read"):
        return False
    if any(c.lower_ in ("into", "with", "back", "around") for c in verb.children):
        return False
    if any(c.dep_ == "conj" for c in verb.children) or verb.dep_ == "conj":
        return False  # "let me check and get back to you"
    return any(c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in ("at", "over", "through") for c in verb.children)


LETS_MEET_AGAIN = frozenset(("circle", "touch", "reconnect", "regroup", "revisit", "reconvene", "follow", "catch",
                             "check", "pick", "come"))


HOPE_VERBS = {"hope", "wish"}
LIKELIHOOD = {"unlikely", "likely", "possible", "probable", "doubtful", "chance", "may", "might"}
HEDGE_OPENINGS = (["fingers", "crossed"], ["with", "any", "luck"], ["with", "luck"])  # right before the clause


def _hedged(verb) -> bool:
    """'Hopefully we'll have it back soon', 'fingers crossed we'll ...', 'we hope to fix it
    soon': a hope, not a commitment."""
    node = verb  # the clause's own verb: up through "and" while the conjunct has no subject of its own
    while node.dep_ == "conj" and node.head.i != node.i and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
        node = node.head
    if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_ in HOPE_VERBS:
        return True
    if node.dep_ in ("ccomp", "xcomp", "csubj") and (node.head.lemma_ in LIKELIHOOD or any(
            c.dep_ == "acomp" and c.lemma_ in LIKELIHOOD for c in node.head.children)):
        return True  # "it's unlikely that you will get ...", "it's possible we'll ..."
    if any(c.lower_ == "hopefully" for c in (*verb.children, *node.children)):
        return True
    subject = subject_of(node)
    start = subject.left_edge.i if subject is not None else node.i
    return [t.lower_ for t in verb.doc[verb.sent.start:start] if t.is_alpha] in HEDGE_OPENINGS


def _agent_side(subject) -> bool:
    """Our side of the conversation: not the reader, not a quoted third party's device."""
    if subject is None:
        return True
    if subject.tag_ == "VBG" or subject.dep_ == "csubj":
        return False  # "staying calm will help us sort it": advice about the reader, no promise
    if subject.lower_ in ("everyone", "everybody", "each", "all") or \
            subject.lower_ in ("else", "other") and subject.head.lower_ in ("everyone", "everybody"):
        return False  # "everyone else in the house will get their own login": a fact about others
    return subject.lower_ not in READER and subject.lower_ not in ("it", "this", "that", "they")


def _not_the_reader(subject) -> bool:
    return subject is None or subject.lower_ not in READER


def _vocative(child, ctx) -> bool:
    """', Sam' or ', {{name}}' after the promise: the reader's name, not part of the promise."""
    doc = child.doc
    before = child.left_edge.i - 1
    while before > 0 and doc[before].is_space:
        before -= 1
    if before < 0 or doc[before].text != ",":
        return False
    if child.pos_ == "PROPN" or child.dep_ in ("npadvmod", "appos", "intj"):
        return True
    return ctx.in_region(child.left_edge.idx, child.right_edge.idx + len(child.right_edge), ("placeholder",))


def _commitment_span(verb, subject, ctx):
    doc = verb.doc
    start = verb.i
    if subject is not None and subject.i < verb.i and verb.i - subject.i <= 6:
        start = subject.left_edge.i
    for child in verb.children:
        if child.dep_ in ("aux", "neg") and child.i < start:
            start = child.i
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ == "let" and verb.head.i < start:
        start = verb.head.i  # "Let me look into it", not "me look into it"
    end = verb.i + 1
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("prt", "prep", "dobj", "dative", "advmod", "npadvmod", "xcomp", "ccomp", "acomp",
                                          "oprd", "agent") \
                and not _vocative(child, ctx):
            end = max(end, child.right_edge.i + 1)
    return doc[start:min(end, verb.sent.end)]


def _trim(span):
    """Drop trailing punctuation from a reported span."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start:end]


def _obligation(verb) -> bool:
    """'the tests will have to be fixed': a requirement, not a commitment."""
    return verb.lemma_ in ("have", "need") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)


def _times_the_clause(clause, match) -> bool:
    """A vague word used as a time adverb ('we'll fix it later'), not as an adjective ('later payouts')."""
    token = clause.doc.char_span(clause.start_char + match.start(), clause.start_char + match.end(),
                                 alignment_mode="expand")
    return token is not None and not (token[0].dep_ == "amod" or token[0].tag_ in ("JJ", "JJR") and
                                      token[0].head.pos_ == "NOUN" and token[0].head.i > token[0].i)


def _promise_clause_text(verb) -> str:
    """The promise and what hangs off it (including 'and get back to you by 3 pm'), and, for a
    second promise joined by 'and', the first one's clause too."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i and _is_future(node.head):
        node = node.head
    doc = node.doc
    end = node.right_edge.i + 1
    # "I'll chase the replacement; you'll hear from me by noon": the clause after a semicolon
    # times the promise before it (the parser may hang either from the other).
    if end < len(doc) and doc[end].text == ";" and doc[end].sent == node.sent:
        end = node.sent.end
    return doc[node.left_edge.i:end].text


def _next_sentence_text(sent, ctx) -> str:
    """The sentence after `sent`; after the last one of a parsed segment, the next segment."""
    doc = sent.doc
    if sent.end >= len(doc):
        return ctx.next_text
    return doc[sent.end].sent.text


@register_filter("untimed", needs="parse")
def keep_if_untimed(span, ctx, options) -> bool:
    """'Stay tuned for the fix', 'further updates to follow': an update promised with no day or
    time in its sentence or the next ('stay tuned for Friday's update at 9' names one)."""
    return not has_concrete_time(span.sent.text) and not has_concrete_time(_next_sentence_text(span.sent, ctx))


def _reader_receives(verb, subject, future: bool, vague: bool, options) -> bool:
    """Our follow-up as the reader will receive it: 'you will be contacted', 'you'll be kept
    updated', 'you'll hear back from us', 'you'll get a reply', 'expect a callback', 'you can
    expect an answer', and 'you'll receive your refund shortly' (a reception timed vaguely)."""
    reader = subject is not None and subject.lower_ in READER
    nouns = {n.lower() for n in options.follow_up_nouns}
    if verb.lemma_ == "expect" and (reader or subject is None and is_imperative(verb)):
        modal = future or any(c.dep_ == "aux" and c.lower_ in ("can", "should", "may", "might", "will")
                              for c in verb.children)
        if (modal or subject is None) and _has_follow_up_object(verb, nouns):
            return True
        receipts = {v.lower() for v in options.reader_receipts}
        if (modal or subject is None) and any(c.dep_ == "xcomp" and _follow_up_keys(c) & receipts - {c.lemma_.lower()}
                                              for c in verb.children):
            return True  # "expect to hear from us", "you can expect to hear back"
    if not reader or not future:
        return False
    keys = _follow_up_keys(verb)
    passive = any(c.dep_ == "auxpass" for c in verb.children) or subject.dep_ == "nsubjpass"
    if passive and keys & {v.lower() for v in options.reader_passive_verbs}:
        return True
    receipts = {v.lower() for v in options.reader_receipts}
    if keys & receipts - {verb.lemma_.lower()}:  # 'hear back', 'hear from'
        return True
    if verb.lemma_.lower() in receipts and (_has_follow_up_object(verb, nouns) or vague):
        return True
    return False


ROUTINE_MODIFIERS = {"further", "regular", "automatic", "automated", "periodic", "different", "other"}


def _has_follow_up_object(verb, nouns: set[str]) -> bool:
    """'a callback', 'a reply from our team', 'word from us': one follow-up to come, not 'further
    updates via this address' (the channel) or 'a different answer'."""
    return any(c.dep_ in ("dobj", "attr", "oprd") and (c.lemma_.lower() in nouns or c.lower_ in nouns)
               and c.tag_ != "NNS" and not any(m.lower_ in ROUTINE_MODIFIERS for m in c.children)
               for c in verb.children)


def _asked_not_promised(verb) -> bool:
    """'Shall I get back to you later?': an offer put as a question (the auxiliary before the
    subject), not a commitment."""
    if not is_question(verb):
        return False
    subject = nearest_subject(verb)
    return subject is not None and any(c.dep_ == "aux" and c.i < subject.i for c in verb.children)


CONDITION_MARKS = {"if", "unless", "whenever", "should"}


def _on_condition(verb) -> bool:
    """'If anything changes, we'll update you': a promise for a case that may not arise. A
    condition on the reader ('if you send the logs, I'll look into it') leaves the promise open."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    for child in node.children:
        if child.dep_ != "advcl":
            continue
        if any(g.lower_ in CONDITION_MARKS and g.dep_ in ("mark", "aux") for g in child.children):
            condition_subject = subject_of(child)
            if condition_subject is None or condition_subject.lower_ not in READER:
                return True
            return _for_what_the_reader_may_send(node)
    words = [t.lower_ for t in verb.doc[verb.sent.start:verb.sent.start + 2]]
    return words == ["in", "case"]


def _for_what_the_reader_may_send(verb) -> bool:
    """'If you submit a new version, that version will be reviewed': under the reader's own
    condition, a passive whose subject is a thing the reader may yet send describes the process
    that thing will meet, not a follow-up we owe on the open matter."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return bool(subjects) and all(s.pos_ in ("NOUN", "PROPN") or s.lower_ in ("it", "they", "that", "this")
                                  for s in subjects) and not any(s.lower_ in READER for s in subjects)


def _broadcast(verb, text: str, channels) -> bool:
    """'We'll update our status page as more information comes in': news for everyone, posted as
    things happen, not a promise to this customer."""
    low = text.lower()
    if not any(re.search(r"\b" + r"\s+".join(map(re.escape, c.lower().split())) + r"\b", low) for c in channels):
        return False
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return any(c.dep_ == "advcl" for c in (*verb.children, *node.children))


EVENT_MARKS = {"when", "once", "as", "after", "whenever"}


def _event_scheduled_before(verb, sent, ctx) -> bool:
    """'An engineer is booked for tomorrow at 8 am. I'll text you when he arrives': the promise
    waits on an event whose time the sentence before gives."""
    tied = any(c.dep_ == "advcl" and any(g.lower_ in EVENT_MARKS and g.dep_ in ("mark", "advmod")
                                         for g in c.children) for c in verb.children)
    if not tied:
        return False
    return bool(forward_times(_previous_sentence_text(sent, ctx)))


SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def _previous_sentence_text(sent, ctx) -> str:
    """The sentence before `sent`; before the first one of a parsed segment, the end of the reply's
    text before the segment."""
    doc = sent.doc
    if sent.start > 0:
        return doc[sent.start - 1].sent.text
    before = ctx.document.text[max(0, ctx.offset - 400):ctx.offset].rstrip()
    cuts = [m.end() for m in SENTENCE_END.finditer(before[:-1])]
    return before[cuts[-1]:] if cuts else before


# A commitment needs a future cue, and then either a follow-up verb (every word of one of the
# listed phrases, the first in any of its forms) or a vague time. The future cue: an auxiliary or
# "going to"; "let me"/"let us" (the clause after it); or, with a vague time only,
# "coming"/"arriving" ("a fix is coming soon"). "Let" is a cue only with "me" or "us", and then the
# promise is the clause after it, so "let us know" alone is none: a phrase that itself starts with
# "let" counts only when a second "let" could carry it ("let me see and let you know").
FUTURE_CUE = words(FUTURE_AUX, {"going", "gon"})
LET_CUE = all_of(words("let", "lets", "letting"), words("me", "us"))
# The auxiliaries of a passive ("has been passed", "is being escalated", "got forwarded"), as
# written or as their NORM: a case handed on in the active voice ("I've passed it to Kim") names
# who has it, which _untimed_handoff does not flag.
PASSIVE_AUX_CUE = words(BE_FORMS, {"s", "re", "get", "gets", "got", "gotten", "getting"})
TWO_LETS = re.compile(r"\blet(?:s|ting)?\b[\s\S]*\blet(?:s|ting)?\b", re.IGNORECASE)
PROMISE_CUES = any_of(
    all_of(FUTURE_CUE, phrases_of("follow_up_verbs")),
    all_of(LET_CUE, phrases_of("follow_up_verbs", unless_first=("let",))),
    all_of(LET_CUE, phrases_of("follow_up_verbs"), text_matches(TWO_LETS)),
    all_of(any_of(FUTURE_CUE, LET_CUE, words("coming", "arriving", "should"), all_of(words("so"), words("can", "could"))),
           any_of(text_matches(VAGUE_TIME), option_pattern("vague_words", extra_vague_pattern))),
    all_of(FUTURE_CUE, phrases_of("reader_passive_verbs")),
    all_of(FUTURE_CUE, phrases_of("reader_receipts")),
    all_of(words("expect", "expecting"), phrases_of("follow_up_nouns")),
    all_of(words("expect", "expecting"), phrases_of("reader_receipts")),
    all_of(FUTURE_CUE, phrases_of("arrival_verbs")),
    all_of(phrases_of("handoff_verbs"), phrases_of("case_nouns"), PASSIVE_AUX_CUE),  # _untimed_handoff: a passive
    all_of(words("way"), any_of(phrases_of("follow_up_nouns"), phrases_of("remedy_nouns"))))


def _arrives_by_itself(verb, subject, options) -> bool:
    """'Further updates will follow', 'more news will come': a follow-up promised with no one to
    send it and no time; not 'the invoice will follow', not one sent through a channel ('updates
    will follow on our status page')."""
    if subject is None or verb.lemma_.lower() not in {v.lower() for v in options.arrival_verbs}:
        return False
    nouns = {n.lower() for n in options.follow_up_nouns}
    if subject.lemma_.lower() not in nouns and subject.lower_ not in nouns and subject.lower_.rstrip("s") not in nouns:
        return False
    return not any(c.dep_ == "prep" and c.lower_ not in ("from", "soon") for c in verb.children)


def _on_its_way(verb, subject, options) -> bool:
    """'A fix is on the way', 'an answer is on its way to you': a remedy promised as coming, with
    no time. Not a parcel or an engineer on their way, which is a status."""
    if verb.lemma_ != "be" or subject is None or subject.dep_ != "nsubj":
        return False
    nouns = {n.lower() for n in (*options.follow_up_nouns, *options.remedy_nouns)}
    if subject.lemma_.lower() not in nouns and subject.lower_ not in nouns:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "on" and any(g.dep_ == "pobj" and g.lower_ == "way" for g in c.children)
               for c in verb.children) and not has_concrete_time(verb.sent.text)


HANDOFF_PREPS = {"to", "for", "on", "along", "over", "up"}


def _untimed_handoff(verb, options) -> bool:
    """'Your case has been passed to our claims team for assessment': the case handed on, with no
    word of when anyone will come back; a time in the sentence or the next one answers it."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in {v.lower() for v in options.handoff_verbs}:
        return False
    if not any(c.dep_ == "auxpass" for c in verb.children) or is_negated(verb) or in_condition(verb):
        return False
    if verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    cases = {n.lower() for n in options.case_nouns}
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subjects or subjects[0].lemma_.lower() not in cases:
        return False
    if any(c.dep_ == "advcl" or c.dep_ == "relcl" for c in verb.subtree):
        return False  # "..., who will call you by noon" or "... so that ..." says what happens next
    return any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in HANDOFF_PREPS for c in verb.children)


# "30 minutes before arriving", "an hour ahead of the visit": a time set by an event that has one
RELATIVE_TO_EVENT = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|ten|fifteen|twenty|thirty|forty-five|a few|half an)\s*"
    r"(?:minutes?|mins?|hours?|hrs?|days?)\s+(?:before|after|ahead of|prior to)\b", re.IGNORECASE)
CLAUSE_OPENERS = {"just", "please", "simply", "kindly", "then", "pls", "plz", "so", "ok", "okay"}


def _reader_acts_first(subject, sent, options) -> bool:
    """'Just let me know and I'll update it', 'reply here and we'll sort it': what we do waits on
    the reader's step, asked for in the clause right before ours, so it is an offer."""
    if subject is None:
        return False
    doc = subject.doc
    i = subject.left_edge.i - 1
    if i < 0 or doc[i].lower_ not in ("and", "&"):
        return False
    start = i - 1  # the parser may start a new sentence at "and": read back to the punctuation
    while start > 0 and not doc[start - 1].is_punct:
        start -= 1
    words = [t.lower_ for t in doc[start:i] if t.lower_ not in CLAUSE_OPENERS and not t.text.startswith("@")]
    if not words:
        return False
    text = " ".join(words)
    return any(text.startswith(v.lower()) for v in options.reader_first_verbs)


@dataclass(frozen=True)
class VaguePromise(Options):
    follow_up_verbs: PhraseList = option((), "follow-through verbs and phrases ('get back to', 'look into') "
                                             "that make a future clause a commitment")
    vague_words: PhraseList = option((), "more vague timings ('in a jiffy') beside the built-in ones "
                                         "('soon', 'shortly', 'as soon as possible')")
    reader_passive_verbs: PhraseList = option((), "verbs of our side reaching the reader, in the passive "
                                                  "('you will be contacted', 'you'll be kept updated')")
    reader_receipts: PhraseList = option((), "what the reader will get from us ('hear back', 'hear from', "
                                             "'receive', 'get', 'expect') with a follow-up noun or alone")
    follow_up_nouns: PhraseList = option((), "what we send that is itself a follow-up ('reply', 'callback', "
                                             "'update'): 'expect a callback', 'you'll get a reply'")
    broadcast_channels: PhraseList = option((), "public channels ('status page', 'social media'): an update "
                                                "there when something happens is a broadcast, not a promise")
    arrival_verbs: PhraseList = option((), "verbs of a follow-up arriving by itself ('follow', 'come'): "
                                           "'further updates will follow'")
    handoff_verbs: PhraseList = option((), "verbs of a case handed to a team, in the passive ('pass', 'escalate'): "
                                           "'your case has been passed to our claims team'")
    case_nouns: PhraseList = option((), "what is handed on ('case', 'ticket', 'claim'); not feedback, which "
                                        "asks for no reply")
    remedy_nouns: PhraseList = option((), "what we promise is coming, besides the follow-up nouns ('fix', 'patch'): "
                                          "'a fix is on the way' with no time")
    reader_first_verbs: PhraseList = option((), "what the reader is asked to do first, before 'and I'll ...' "
                                                "('let me know', 'reply'): an offer, not an open promise")


@register_check("vague_promise", needs="parse", options=VaguePromise, cues=PROMISE_CUES)
def find_vague_promises(ctx, options: VaguePromise):
    """A follow-through commitment by our side with no date or time in its sentence or the next."""
    follow_up = {v.lower() for v in options.follow_up_verbs}
    extra_vague = options.vague_words
    for sent in ctx.doc.sents:
        if has_concrete_time(_next_sentence_text(sent, ctx)):
            continue
        reported: list = []
        handoffs = [v for v in sent if _untimed_handoff(v, options)]
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
                continue
            subject = nearest_subject(verb)
            future = _is_future(verb)
            clause = ctx.doc[verb.left_edge.i:verb.right_edge.i + 1]
            vague = [m for m in vague_time_matches(clause.text, extra_vague)
                     if not m.group(0).lower().startswith("once") and _times_the_clause(clause, m)]
            joined = verb.dep_ == "conj" and subject is None and _is_future(verb.head)  # "I'll see ... and get back"
            if not _not_the_reader(subject) or is_imperative(verb) and not joined:
                if not _reader_receives(verb, subject, future, bool(vague), options):
                    continue
                commits, timed_vaguely = True, False
            else:
                keys = _follow_up_keys(verb)
                for child in verb.children:
                    if child.dep_ in ("xcomp", "ccomp") and child.i > verb.i:
                        keys |= _follow_up_keys(child)
                    if child.dep_ in ("acomp", "oprd") and child.lemma_ in ("sure", "certain"):  # "be sure to", "make sure"
                        for grand in child.children:
                            if grand.dep_ in ("xcomp", "ccomp"):
                                keys |= _follow_up_keys(grand)
                commits = future and bool(keys & follow_up) and _agent_side(subject) or \
                    future and _arrives_by_itself(verb, subject, options) or _on_its_way(verb, subject, options)
                # an expectation timed vaguely: "it should land eventually", "the fix should ship soon"
                expected = any(c.dep_ == "aux" and c.lower_ == "should" for c in verb.children) or _purpose(verb)
                timed_vaguely = (future or expected or verb.tag_ == "VBG" and verb.lemma_ in ("come", "arrive")) \
                    and bool(vague)
            if _obligation(verb):
                continue
            if not (commits or timed_vaguely) or is_negated(verb) or _hedged(verb):
                continue
            if has_concrete_time(_promise_clause_text(verb)):
                continue
            if _asked_not_promised(verb):
                continue
            if not vague and (_on_condition(verb) or _broadcast(verb, clause.text, options.broadcast_channels)):
                continue
            if _event_scheduled_before(verb, sent, ctx):
                continue
            if _reader_acts_first(subject, sent, options) or RELATIVE_TO_EVENT.search(_promise_clause_text(verb)):
                continue
            span = _trim(_commitment_span(verb, subject, ctx))
            if any(span.start < r.end and r.start < span.end for r in reported):
                continue
            reported.append(span)
            yield span
        if not reported:
            for verb in handoffs:
                yield _trim(_commitment_span(verb, nearest_subject(verb), ctx))
