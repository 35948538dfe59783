"""Whole-reply checks: does a multi-sentence reply acknowledge the customer, and does it leave
them with a next step?

Both look only at the agent's own sentences (quoted text and template fields excluded) that
contain a verb, so a greeting line or a signature does not make a one-line reply look long.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IS_ALPHA

from ..extend import Options, PhraseList, WordList, no_region, option, option_pattern, register_check
from ..lexicon import dictionary_lemmas
from .syntax import READER, is_base_verb, is_imperative, subject_of, verb_of
from .timeexpr import forward_times


GREETING = re.compile(r"^\W*(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\W*(?:(?:best|regards|kind regards|warm regards|best regards|cheers|sincerely|all the best|warmly|"
    r"with apologies|take care)\b|(?:thanks|thank you|many thanks)\s*[,!.]?\s*(?-i:[A-Z][\w.-]*\s*){0,3}$)",
    re.IGNORECASE)


@dataclass
class AgentSentence:
    span: object     # the sentence: a Span of its segment's Doc
    segment: object  # the checks.context.Segment it is in
    clean: str       # its text with quotations blanked


def agent_sentences(ctx) -> list[AgentSentence]:
    """The sentences the agent wrote, shared by both whole-reply checks. An unparsed segment
    stands as one sentence as long as its words alone show that it says something; a short one,
    a greeting or a sign-off needs the tagger (all such segments are asked for at once)."""
    if "agent_sentences" not in ctx.cache:
        found, untagged = [], []
        for segment in ctx.segments:
            sentences = _segment_agent_sentences(segment)
            if sentences is None:
                untagged.append(segment)
            else:
                found += sentences
        ctx.require(untagged)
        ctx.cache["agent_sentences"] = found
    return ctx.cache["agent_sentences"]


def _segment_agent_sentences(segment) -> list[AgentSentence] | None:
    """One segment's agent sentences, or None while only the tagger can tell. Kept in the
    segment's context, which is made anew when the segment is parsed, so a reply judged over
    several rounds works out each segment once per state instead of once per round."""
    cache = segment.context.cache
    if "agent_sentences" not in cache:
        found = _find_agent_sentences(segment)
        cache["agent_sentences"] = None if found is None else \
            [AgentSentence(span, segment, _unquoted_text(segment.context, span)) for span in found]
    return cache["agent_sentences"]


def _find_agent_sentences(segment) -> list | None:
    """The segment's sentences that say something: a verb, or at least three words that are not
    a greeting or a sign-off ('Thanks for the report.' counts; 'Best, Karl' does not). None when
    the segment is unparsed and one of its sentences needs the tagger to tell."""
    out: list = []
    seg_ctx = segment.context
    for sent in segment.sentences():
        if seg_ctx.in_region(sent.start_char, sent.end_char):
            words = [t for t in sent if t.is_alpha and not seg_ctx.in_region(t.idx, t.idx + len(t))]
            count = len(words)
        else:
            words, count = None, _alpha_count(seg_ctx, sent)
        if not count:
            continue
        text = seg_ctx.text[sent.start_char:sent.end_char].strip()
        if count < 3 or GREETING.match(text) or (SIGN_OFF.match(text) and count <= 5):
            if not segment.parsed:  # only the tagger tells "Call me." from "Best, Karl"...
                if _surely_verbless(words or [t for t in sent if t.is_alpha]):
                    continue  # ...unless no word of it can be a verb: "Hi Jordan,", "Best regards, Ana"
                return None
            if not any(t.pos_ in ("VERB", "AUX") for t in (words or sent) if t.is_alpha):
                continue
        if out and _continues(sent):
            out[-1] = sent.doc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


# Salutation words the tagger does not read as verbs in a greeting or sign-off line, though the
# dictionary lists a verb for some ("best", "regards", "cheers", "greetings").
SALUTATION_WORDS = {"hi", "hello", "hey", "dear", "greetings", "good", "morning", "afternoon", "evening", "best",
                    "regards", "kind", "warm", "cheers", "sincerely", "warmly", "thanks", "many", "all", "there",
                    "team", "everyone", "folks", "with", "apologies", "the"}


def _surely_verbless(words) -> bool:
    """A short line none of whose words can be a verb: a salutation word, a word the dictionary
    (lemminflect) knows only as another part of speech, or an unknown capitalized word (a name).
    Decides without the tagger; measured on every such line of the shared corpora and the rule
    examples, it agreed with the tagger on all 399 lines it decided and left 348 to it."""
    for word in words:
        text = word.text
        lower = text.lower()
        if lower in SALUTATION_WORDS:
            continue
        lemmas = dictionary_lemmas(lower)
        if "VERB" in lemmas or "AUX" in lemmas or not (lemmas or text[:1].isupper()):
            return False
    return True


def _alpha_count(ctx, span) -> int:
    """How many of the span's tokens are words (read from an array made once per Doc)."""
    flags = ctx.cache.get("is_alpha")
    if flags is None:
        flags = ctx.cache["is_alpha"] = ctx.doc.to_array(IS_ALPHA)
    return int(flags[span.start:span.end].sum())


def _enough(ctx, sentences, min_sentences: int) -> bool:
    """At least `min_sentences` agent sentences. Fewer counted is final only once every one of
    them is parsed or plainly one sentence: the parser may split a longer segment."""
    if len(sentences) >= min_sentences:
        return True
    ctx.require([s.segment for s in sentences if not _one_sentence(s.span)])
    return False


INNER_BREAK = re.compile(r"[.!?;:…]")


def _one_sentence(span) -> bool:
    """A short unparsed segment with no line break and no stop, colon or semicolon before its
    end: the parser keeps it whole (measured on the shared corpora: it split 12 of 1,686, mostly
    an @handle or a link off the front, which are dropped as no sentence anyway)."""
    words = [t for t in span if not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    return len(words) <= 20 and "\n" not in span.text.rstrip() and \
        not any(t.is_punct and INNER_BREAK.search(t.text) for t in words)


def _continues(sent) -> bool:
    """spaCy sometimes splits before 'and I'll ...'; a sentence that starts in lower case
    continues the previous one."""
    first = next((t for t in sent if not t.is_space and not t.is_punct), None)
    return first is not None and first.text[:1].islower()


def _cue_pattern(phrases) -> re.Pattern:
    """Whole words or phrases, case-insensitive; a trailing '*' makes a cue a prefix ('apolog*')."""
    return _compile_cues(tuple(phrases))


@lru_cache(maxsize=64)
def _compile_cues(phrases: tuple) -> re.Pattern:
    """Compiled once per cue list, not once per reply."""
    def one(cue: str) -> str:
        prefix = cue.endswith("*")
        body = re.escape(cue.rstrip("*").lower()).replace(r"\ ", r"\s+").replace("'", "['’]")
        return body if prefix else body + r"(?!\w)"
    alternatives = sorted((one(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


def _unquoted_text(ctx, sent) -> str:  # ctx: the CheckContext of the sentence's Doc
    """Sentence text with quoted stretches blanked, so a quoted 'thanks' is not the agent's."""
    text = ctx.text[sent.start_char:sent.end_char]
    quotes = [(max(r.start - ctx.offset, sent.start_char), min(r.end - ctx.offset, sent.end_char))
              for r in ctx.document.regions if r.kind == "quote"]
    for start, end in quotes:
        if start < end:
            a, b = start - sent.start_char, end - sent.start_char
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _problem_pattern(cues: tuple[str, ...]) -> re.Pattern:
    """The problem cues as the gate reads them (with none, a pattern for a character no reply has)."""
    return _cue_pattern(cues or ("\0",))


CUE_SYNTAX = "; a trailing '*' makes a cue a prefix ('apolog*')"


@dataclass(frozen=True)
class NoAcknowledgment(Options):
    acknowledgment_cues: PhraseList = option((), "words and phrases that acknowledge the customer" + CUE_SYNTAX)
    problem_cues: PhraseList = option((), "words and phrases that name a problem; without one there is "
                                          "nothing to acknowledge" + CUE_SYNTAX)
    not_a_problem_cues: PhraseList = option((), "words and phrases of a reply with nothing to acknowledge "
                                                "(a welcome, good news)" + CUE_SYNTAX)
    min_sentences: int = option(2, "judge only replies with at least this many sentences of the agent's")


# Without a problem cue there is no situation to acknowledge.
@register_check("no_acknowledgment", needs="parse", options=NoAcknowledgment,
                cues=option_pattern("problem_cues", _problem_pattern), scope="reply")
def find_missing_acknowledgment(ctx, options: NoAcknowledgment):
    """A reply about a problem that never acknowledges the customer's situation."""
    sentences = agent_sentences(ctx)
    if not _enough(ctx, sentences, options.min_sentences):
        return
    text = " ".join(s.clean for s in sentences)
    if _cue_pattern(options.acknowledgment_cues).search(text):
        return
    if _cue_pattern(options.not_a_problem_cues).search(text):
        return
    if not _cue_pattern(options.problem_cues).search(text):
        return  # a how-to answer or a notice: there is no situation to acknowledge
    first = sentences[0]
    if not _one_sentence(first.span):
        ctx.require([first.segment])  # the finding is the parser's first sentence
    yield first.span


OFFER_HEADS = {"free", "hesitate"}  # "feel free to ...", "don't hesitate to ..."


def _offered_action(verb, contact_verbs: set) -> bool:
    """'Feel free to raise a request with the ESLint team': the verb of a generic offer names a
    real step unless it only invites contact ('feel free to reach out', 'don't hesitate to ask')."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.dep_ in ("xcomp", "ccomp") and first.head.lemma_ in OFFER_HEADS and \
        verb.lemma_.lower() not in contact_verbs and not any(c.dep_ == "neg" for c in verb.children)


def _gives_next_step(sent, text, generic: re.Pattern, not_steps: set, contact_verbs: set = frozenset()) -> bool:
    offers = [(sent.start_char + m.start(), sent.start_char + m.end()) for m in generic.finditer(text)]
    if offers:
        # "Hope this helps" or "feel free to reach out" is no step, but it must not hide a real one
        # in the same sentence: blank the offer's words and judge the rest.
        text = generic.sub(lambda m: " " * len(m.group(0)), text)
    if "?" in text:
        return True
    if any(_points_ahead(sent, m) for m in forward_times(text)):
        return True
    for token in sent:
        if any(a <= token.idx < b for a, b in offers):
            continue
        if token.pos_ not in ("VERB", "AUX"):
            # the tagger sometimes reads a clause-initial imperative as a noun ("Contact a team member")
            if token.is_alpha and is_imperative(token) and token.lemma_.lower() not in not_steps:
                return True
            continue
        if token.dep_ in ("aux", "auxpass"):
            continue
        aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
        negated = any(c.dep_ == "neg" for c in token.children)
        if is_imperative(token) and token.lemma_.lower() not in not_steps:
            return True
        if _offered_action(token, contact_verbs):
            return True
        if _infinitive_step(token):
            return True
        if aux & {"can", "could"} and any(c.dep_ == "auxpass" for c in token.children) and not negated:
            return True  # "they can be reached here", "the form can be found under Settings"
        if token.lemma_ in ("recommend", "suggest", "advise", "encourage", "invite") and not negated and \
                any(c.dep_ in ("xcomp", "ccomp", "dobj") for c in token.children):
            return True  # "we recommend reaching out to the live chat team"
        if aux & {"will", "'ll", "’ll", "shall", "gonna"} and not negated:
            return True
        if token.dep_ == "xcomp" and token.head.lower_ == "going":
            return True
        if token.head.lower_ == "let" and token.dep_ in ("ccomp", "xcomp") and not negated \
                and is_imperative(token.head):
            return True
        subject = subject_of(token)
        if subject is not None and subject.lower_ in READER and not negated and (
                aux & {"can", "could", "should", "may", "might", "must"} or
                (token.dep_ == "xcomp" and token.head.lemma_ in ("need", "have"))):
            return True
    return False


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


def _points_ahead(sent, match) -> bool:
    """A time is a next step unless the verb it belongs to is in the past: 'you archived it on
    Tuesday' dates what happened, 'the engineer comes on Tuesday' says what happens next."""
    span = sent.doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
    if span is None:
        return True
    verb = verb_of(span.root)
    if verb.pos_ not in ("VERB", "AUX"):
        return True
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "'ll", "’ll", "shall", "can", "could", "may", "might"}:
        return True
    return not (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and aux & {"have", "has", "had", "'ve", "was", "were"}))


def _has_link(document) -> bool:
    """A link to follow is a next step, whatever the sentences say."""
    return any(r.kind == "url" for r in document.regions)


@dataclass(frozen=True)
class NoNextStep(Options):
    generic_offers: PhraseList = option((), "offers that are no step of their own ('feel free to*', 'hope this "
                                            "helps')" + CUE_SYNTAX)
    not_steps: WordList = option((), "verbs whose instruction is no step ('please', 'relax', 'enjoy')")
    contact_verbs: WordList = option((), "verbs that only invite contact in a generic offer ('feel free to reach "
                                         "out')")
    closing_cues: PhraseList = option((), "words and phrases of a reply that closes the conversation "
                                          "(congratulations, a decision)" + CUE_SYNTAX)
    min_sentences: int = option(2, "judge only replies with at least this many sentences of the agent's")


# A link to follow is a next step, whatever the sentences say.
@register_check("no_next_step", needs="parse", options=NoNextStep, cues=no_region("url"), scope="reply")
def find_missing_next_step(ctx, options: NoNextStep):
    """A reply that leaves the customer with nothing to do and nothing to expect next."""
    sentences = agent_sentences(ctx)
    if not _enough(ctx, sentences, options.min_sentences):
        return
    generic = _cue_pattern(options.generic_offers or ["\0"])
    closing = options.closing_cues
    if closing and _cue_pattern(closing).search(" ".join(s.clean for s in sentences)):
        return  # a thank-you or a congratulation closes the conversation; nothing needs to come next
    not_steps = set(options.not_steps)
    contact_verbs = set(options.contact_verbs)
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
        elif _gives_next_step(s.span, s.clean, generic, not_steps, contact_verbs):
            return
    # Parse the sentence that looks most like a step first (the later one of equals: steps tend to
    # come last), unless some are being parsed anyway; only a reply with no step is parsed whole.
    if unparsed:
        ctx.require([s.segment for s in unparsed if s.segment.wanted])
        best = max(reversed(range(len(unparsed))), key=lambda i: (_step_likelihood(unparsed[i]), i))
        ctx.require([unparsed[best].segment])
    yield sentences[-1].span


def _hands_over_a_value(sentence: AgentSentence) -> bool:
    """A reply that ends 'Your new password is: {$NewPassword}' or 'Your code: {{code}}': a
    template field after a colon, closing the last sentence, hands the customer what they asked
    for, which is what they act on next."""
    ctx = sentence.segment.context
    start, end = ctx.offset + sentence.span.start_char, ctx.offset + sentence.span.end_char
    text = ctx.document.text
    return any(r.kind == "placeholder" and start <= r.start < end and text[start:r.start].rstrip().endswith(":")
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
