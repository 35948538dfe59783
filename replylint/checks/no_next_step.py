"""no-next-step: a reply that leaves the customer with nothing to do and nothing to expect.

A next step is a question, a link, a time ahead, an instruction, an offer of a real action, a
recommendation, or something we or the reader will, can or should do. The agent's sentences
(reply_shape.agent_sentences) are judged from the words where they can be; the one that looks
most like a step is parsed first, and the search stops at the first step."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extend import Options, PhraseList, WordList, no_region, option, register_check, set_note
from .message_kind import KindFamilies
from .no_acknowledgment import analysis
from .reply_shape import (
    CUE_SYNTAX,
    AgentSentence,
    agent_sentences,
    cue_pattern,
    enough_sentences,
)
from .syntax import READER, is_base_verb, is_imperative, subject_of, verb_of
from .timeexpr import forward_times

OFFER_HEADS = {"free", "hesitate"}  # "feel free to ...", "don't hesitate to ..."


def _offered_action(verb, contact_verbs: frozenset | set) -> bool:
    """'Feel free to raise a request with the ESLint team': the verb of a generic offer names a
    real step unless it only invites contact ('feel free to reach out', 'don't hesitate to ask')."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.dep_ in ("xcomp", "ccomp") and first.head.lemma_ in OFFER_HEADS and \
        verb.lemma_.lower() not in contact_verbs and not any(c.dep_ == "neg" for c in verb.children)


def _gives_next_step(sent, text, generic: re.Pattern, not_steps: set, contact_verbs: frozenset | set = frozenset()) -> bool:
    """Whether the parsed sentence gives the customer a next step: a question, a time ahead, or a
    word that tells, offers or promises something (`_word_gives_step`), outside generic offers."""
    offers = [(sent.start_char + m.start(), sent.start_char + m.end()) for m in generic.finditer(text)]
    if offers:
        # "Hope this helps" or "feel free to reach out" is no step, but it must not hide a real one
        # in the same sentence: blank the offer's words and judge the rest.
        text = generic.sub(lambda m: " " * len(m.group(0)), text)
    if "?" in text:
        return True
    if any(_points_ahead(sent, m) for m in forward_times(text)):
        return True
    return any(_word_gives_step(token, not_steps, contact_verbs) for token in sent
               if not any(a <= token.idx < b for a, b in offers) and not _not_a_word(token))


def _not_a_word(token) -> bool:
    """An @handle or the word of an emoji short code (":wave:"): the tagger may read either as a
    verb ("@sam_k" as an imperative after ":wave:"), but neither tells the reader to do anything."""
    if token.text.startswith("@"):
        return True
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == ":" and doc[token.i + 1].text == ":" and \
        doc[token.i - 1].idx + 1 == token.idx and token.idx + len(token.text) == doc[token.i + 1].idx


def _word_gives_step(token, not_steps: set, contact_verbs: frozenset | set) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        # the tagger sometimes reads a clause-initial imperative as a noun ("Contact a team member")
        # ("Contact a team member"), but only before what an instruction takes: "Version 8.0" or
        # "Ticket #22917" heads no instruction
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return token.is_alpha and following is not None and following.tag_ in ("DT", "PRP", "PRP$", "RP") and \
            is_imperative(token) and token.lemma_.lower() not in not_steps
    if token.dep_ in ("aux", "auxpass"):
        return False
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    negated = any(c.dep_ == "neg" for c in token.children)
    return (_asks_the_reader(token, not_steps, contact_verbs) or _points_the_way(token, aux, negated)
            or _promises(token, aux, negated) or _reader_can(token, aux, negated))


def _asks_the_reader(verb, not_steps: set, contact_verbs: frozenset | set) -> bool:
    """An instruction ('Restart the router'), an offered action, or a step as an infinitive."""
    return (is_imperative(verb) and verb.lemma_.lower() not in not_steps) or _offered_action(verb, contact_verbs) \
        or _infinitive_step(verb)


def _points_the_way(verb, aux: set, negated: bool) -> bool:
    """'they can be reached here', 'the form can be found under Settings'; 'we recommend reaching
    out to the live chat team'."""
    if aux & {"can", "could"} and any(c.dep_ == "auxpass" for c in verb.children) and not negated:
        return True
    return verb.lemma_ in ("recommend", "suggest", "advise", "encourage", "invite") and not negated and \
        any(c.dep_ in ("xcomp", "ccomp", "dobj") for c in verb.children)


def _promises(verb, aux: set, negated: bool) -> bool:
    """What we will do: 'I'll check', 'we're going to replace it', 'let me look into it'."""
    if aux & {"will", "'ll", "’ll", "shall", "gonna"} and not negated:
        return True
    if verb.dep_ == "xcomp" and verb.head.lower_ == "going":
        return True
    return verb.head.lower_ == "let" and verb.dep_ in ("ccomp", "xcomp") and not negated \
        and is_imperative(verb.head)


def _reader_can(verb, aux: set, negated: bool) -> bool:
    """What the reader can, should or needs to do: 'you can restore it from the bin'."""
    subject = subject_of(verb)
    if aux & {"must", "might", "may", "could"} and aux & {"have", "'ve", "’ve"}:
        return False  # "you must have deleted it yourself" guesses at the past
    return subject is not None and subject.lower_ in READER and not negated and bool(
        aux & {"can", "could", "should", "may", "might", "must"} or
        (verb.dep_ == "xcomp" and verb.head.lemma_ in ("need", "have")))


def _infinitive_step(verb) -> bool:
    """'The first option would be to visit ...', 'a great place for you to ask': a step phrased
    as an infinitive."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if head.lemma_ == "be" and verb.dep_ in ("xcomp", "attr", "ccomp", "advcl"):
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.lower_ not in ("it", "this", "that", "there")
    return any(c.dep_ in ("nsubj", "mark") and c.lower_ in ("you", "for") for c in verb.children) and \
        any(c.lower_ == "you" for c in verb.children)


# "since Monday", "from 1 to 9 May", "before March", "about an hour ago": a time behind us.
_PAST_LEAD = re.compile(r"(?:\bfrom\b[^.;]{0,20}\bto|\b(?:since|ago|last|earlier|before))"
                        r"(?:\s+(?:about|around|roughly|approximately))?\s*$", re.IGNORECASE)


def _points_ahead(sent, match) -> bool:
    """A time is a next step unless the verb it belongs to is in the past: 'you archived it on
    Tuesday' dates what happened, 'the engineer comes on Tuesday' says what happens next."""
    span = sent.doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
    if span is None:
        return True
    end = sent.start_char + match.end()
    if end < len(sent.doc.text) and sent.doc.text[end] == "-":
        return False  # "the 4th-floor readers"
    before = sent.text[:match.start()]
    if re.search(r"\b(?:a|an|every|each|any)\s*$", before, re.IGNORECASE):
        return False  # "offline on a Friday" is no date
    root = span.root
    if root.dep_ == "prep" and root.head.pos_ == "NOUN" and root.head.i < root.i and \
            (root.head.tag_ == "NNS" or any(c.dep_ == "nummod" for c in root.head.children)):
        return False  # "three resets in one day", "two outages in a week": a rate, not a time ahead
    verb = verb_of(root)
    if verb.pos_ not in ("VERB", "AUX"):
        return False  # "three resets in one day": a time with no verb dates nothing ahead
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "'ll", "’ll", "shall", "can", "could", "may", "might"}:
        return True
    if _PAST_LEAD.search(before):
        return False  # "sitting at the depot since Monday", "accounts created before 2022"
    return verb.tag_ not in ("VBD", "VBN")  # "was reissued in May", "filters saved before March"


def _has_link(document) -> bool:
    """A link to follow is a next step, whatever the sentences say."""
    return any(r.kind == "url" for r in document.regions)


@dataclass(frozen=True)
class NoNextStep(KindFamilies, Options):
    generic_offers: PhraseList = option((), "offers that are no step of their own ('feel free to*', 'hope this "
                                            "helps')" + CUE_SYNTAX)
    not_steps: WordList = option((), "verbs whose instruction is no step ('please', 'relax', 'enjoy')")
    contact_verbs: WordList = option((), "verbs that only invite contact in a generic offer ('feel free to reach "
                                         "out')")
    step_leads: WordList = option((), "words after which a base-form verb is an instruction the parser may "
                                      "have missed ('please', 'so', 'then', 'just')")
    min_sentences: int = option(2, "judge only replies with at least this many sentences of the agent's")


# A link to follow is a next step, whatever the sentences say.
@register_check("no_next_step", needs="parse", options=NoNextStep, cues=no_region("url"), scope="reply")
def find_missing_next_step(ctx, options: NoNextStep):
    """A reply to a customer's open problem that leaves them with nothing to do and nothing to
    expect next."""
    sentences = agent_sentences(ctx)
    if not enough_sentences(ctx, sentences, options.min_sentences):
        return
    kind = analysis(ctx, options)
    if kind.kind != "problem" or not kind.open:
        return  # a notice, a decision, a thank-you, a how-to; or a matter fixed, decided or scheduled
    generic = cue_pattern(options.generic_offers or ["\0"])
    not_steps = set(options.not_steps)
    contact_verbs = set(options.contact_verbs)
    leads = set(options.step_leads)
    if _has_link(ctx.document):
        return  # a link to follow is a next step: "Here's how to restore the files: https://..."
    if _hands_over_a_value(sentences[-1]):
        return
    unparsed = []
    for s in sentences:
        if not s.segment.parsed:
            if "?" in generic.sub(" ", s.clean):
                return  # a question is a step whatever the parse says
            unparsed.append(s)
        elif _gives_next_step(s.span, s.clean, generic, not_steps, contact_verbs) or \
                _led_instruction(s.span, not_steps, leads, generic):
            return
    # Parse the sentence that looks most like a step first (the later one of equals: steps tend to
    # come last), unless some are being parsed anyway; only a reply with no step is parsed whole.
    if unparsed:
        ctx.require([s.segment for s in unparsed if s.segment.wanted])
        best = max(reversed(range(len(unparsed))), key=lambda i: (_step_likelihood(unparsed[i]), i))
        ctx.require([unparsed[best].segment])
    set_note(sentences[-1].span, "no_next_step", f"{kind.summary()}; next step: none found (no instruction, question, "
                                                 "link, plan or time ahead)")
    yield sentences[-1].span


STEP_PUNCT = {"—", "–", "--", ":", ";"}  # "good news is they're there — open Albums and tap Recover"


def _led_instruction(sent, not_steps: set, leads: set, generic: re.Pattern | None = None) -> bool:
    """A base-form verb first in the sentence or right after a lead word ('please', 'so', 'then'),
    which the parser sometimes reads as an auxiliary or a noun: 'Try logging in again', 'so
    please place a test order'."""
    offers = [(sent.start_char + m.start(), sent.start_char + m.end())
              for m in generic.finditer(sent.text)] if generic is not None else []
    words = [t for t in sent if not t.is_space]
    for i, token in enumerate(words):
        if not token.is_alpha or any(a <= token.idx < b for a, b in offers) or _not_a_word(token):
            continue  # "please don't hesitate to ask" is no step; ":wave:" is an emoji
        before = next((w for w in reversed(words[:i]) if not (w.is_punct and w.text in ",")), None) if i else None
        if before is not None and before.lower_ not in leads and before.text not in STEP_PUNCT:
            continue
        if token.lower_ in leads or token.lower_ in not_steps or not is_base_verb(token):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            continue
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "NOUN" and token.head.i > token.i:
            continue  # "The S: drive is missing": a noun after a label's colon, the subject of what follows
        if token.tag_ in ("VB", "VBP") or (before is not None and (before.text in STEP_PUNCT or
                                                                    before.lower_ in ("please", "then"))):
            return True
    return False


# A template's line break written as an escape ("is:\\n  {$NewPassword}" in an exported macro).
_LITERAL_BREAKS = re.compile(r"(?:\\[nrt]|\s)+$")


def _hands_over_a_value(sentence: AgentSentence) -> bool:
    """A reply that ends 'Your new password is: {$NewPassword}' or 'Your code: {{code}}': a
    template field after a colon, closing the last sentence, hands the customer what they asked
    for, which is what they act on next."""
    ctx = sentence.segment.context
    start, end = ctx.offset + sentence.span.start_char, ctx.offset + sentence.span.end_char
    text = ctx.document.text
    return any(r.kind == "placeholder" and start <= r.start < end
               and _LITERAL_BREAKS.sub("", text[start:r.start]).rstrip().endswith(":")
               and not text[r.end:end].strip(" \t\n.!") for r in ctx.document.regions)


MODAL_OR_FUTURE = {"will", "'ll", "’ll", "shall", "gonna", "going", "can", "could", "should", "may", "might",
                   "must", "let", "need", "recommend", "suggest", "advise", "encourage", "invite"}


def _step_likelihood(sentence: AgentSentence) -> int:
    """From the words alone: 2 for an imperative-looking start, "please" or a time ahead,
    1 for a modal or a future, 0 otherwise."""
    words = [t for t in sentence.span if t.is_alpha]
    if not words:
        return 0
    if is_base_verb(words[0]) or any(t.lower_ == "please" for t in words) or forward_times(sentence.clean):
        return 2
    return int(any(t.lower_ in MODAL_OR_FUTURE for t in words))
