"""Whole-reply checks: does a multi-sentence reply acknowledge the customer, and does it leave
them with a next step?

Both look only at the agent's own sentences (quoted text and template fields excluded) that
contain a verb, so a greeting line or a signature does not make a one-line reply look long.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import register_check
from .syntax import READER, is_imperative, subject_of, verb_of
from .timeexpr import forward_times


GREETING = re.compile(r"^\W*(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\W*(?:(?:best|regards|kind regards|warm regards|best regards|cheers|sincerely|all the best|warmly|"
    r"with apologies|take care)\b|(?:thanks|thank you|many thanks)\s*[,!.]?\s*(?-i:[A-Z][\w.-]*\s*){0,3}$)",
    re.IGNORECASE)


def agent_sentences(ctx) -> list[tuple]:
    """(sentence, its text with quotations blanked) for each sentence the agent wrote, worked
    out once per Doc and shared by both whole-reply checks."""
    if "agent_sentences" not in ctx.cache:
        ctx.cache["agent_sentences"] = [(s, _unquoted_text(ctx, s)) for s in _find_agent_sentences(ctx)]
    return ctx.cache["agent_sentences"]


def _find_agent_sentences(ctx):
    """Sentences the agent wrote that say something: a verb, or at least three words that are
    not a greeting or a sign-off ('Thanks for the report.' counts; 'Best, Karl' does not)."""
    out = []
    for sent in ctx.doc.sents:
        words = [t for t in sent if t.is_alpha and
                 not ctx.in_region(t.idx, t.idx + len(t))]
        if not words:
            continue
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
        text = sent.text.strip()
        if not has_verb and (len(words) < 3 or GREETING.match(text) or
                             (SIGN_OFF.match(text) and len(words) <= 5)):
            continue
        if out and _continues(sent):
            out[-1] = sent.doc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


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


def _unquoted_text(ctx, sent) -> str:
    """Sentence text with quoted stretches blanked, so a quoted 'thanks' is not the agent's."""
    chars = list(sent.text)
    for region in ctx.document.regions:
        start, end = region.start - ctx.offset, region.end - ctx.offset
        if region.kind != "quote" or end <= sent.start_char or start >= sent.end_char:
            continue
        for i in range(max(start, sent.start_char), min(end, sent.end_char)):
            chars[i - sent.start_char] = " "
    return "".join(chars)


def _names_a_problem(words, text, document, options) -> bool:
    """Without a problem cue there is no situation to acknowledge."""
    problems = options.get("problem_cues", ())
    return bool(problems) and bool(_cue_pattern(problems).search(text))


@register_check("no_acknowledgment", needs="parse",
                options=("acknowledgment_cues", "problem_cues", "not_a_problem_cues", "min_sentences"),
                gate=_names_a_problem)
def find_missing_acknowledgment(ctx, options):
    sentences = agent_sentences(ctx)
    if len(sentences) < options.get("min_sentences", 2):
        return
    text = " ".join(clean for _, clean in sentences)
    if _cue_pattern(options.get("acknowledgment_cues", ())).search(text):
        return
    if _cue_pattern(options.get("not_a_problem_cues", ())).search(text):
        return
    if not _cue_pattern(options.get("problem_cues", ())).search(text):
        return  # a how-to answer or a notice: there is no situation to acknowledge
    yield sentences[0][0]


def _gives_next_step(sent, text, generic: re.Pattern, not_steps: set) -> bool:
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


def _has_no_link(words, text, document, options) -> bool:
    return not _has_link(document)


@register_check("no_next_step", needs="parse", options=("generic_offers", "not_steps", "closing_cues", "min_sentences"),
                gate=_has_no_link)
def find_missing_next_step(ctx, options):
    sentences = agent_sentences(ctx)
    if len(sentences) < options.get("min_sentences", 2):
        return
    generic = _cue_pattern(options.get("generic_offers", ()) or ["\0"])
    closing = options.get("closing_cues", ())
    if closing and _cue_pattern(closing).search(" ".join(clean for _, clean in sentences)):
        return  # a thank-you or a congratulation closes the conversation; nothing needs to come next
    not_steps = set(options.get("not_steps", ()))
    if _has_link(ctx.document):
        return  # a link to follow is a next step: "Here's how to restore the files: https://..."
    if any(_gives_next_step(s, clean, generic, not_steps) for s, clean in sentences):
        return
    yield sentences[-1][0]
