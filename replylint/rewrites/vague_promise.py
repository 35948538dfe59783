"""vague-promise: a follow-up promise gets a time slot for the agent to fill ("I'll get back to
you soon." → "I'll get back to you by [day, time].").

The slot takes the place of what times the promise vaguely: a vague time ("soon", "as soon as
possible") and a condition with no content of its own ("when we are able", "as more info
becomes available"), which a date beside it would contradict. With nothing vague to replace,
the slot follows the promise's last conjunct ("We'll fix it and get back to you by [day,
time]."), and after a condition that names an event ("once the courier replies") it is a
deadline that holds either way (", and by [day, time] at the latest"). An automated notice
("This is an automated message", "a member of our team will respond") cannot name a day, so it
gets a window ("within [N] business hours"). A "by" already in the clause ("contact you by
email") makes the slot's "by" a "before"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..checks.timeexpr import vague_time_matches
from ..extend import Draft, Options, PhraseList, option, register_rewriter

# "when we are able", "once we have more information", "as and when possible", "as more info
# becomes available": a condition with no content, only the agent's availability or news to come.
VAGUE_CONDITIONS = (
    # who: the agent's side
    "{we} {be} able", "{we} {be} able to", "{we} can", "{we} could", "{we} get a chance", "{we} get the chance",
    "{we} have time", "{we} have the time", "{we} have a moment", "{we} have a minute", "{we} have a sec",
    "{we} have capacity", "{we} have availability", "{we} have bandwidth", "{we} {be} free", "{we} {be} available",
    "{we} get to it", "{we} get round to it", "{we} get around to it", "{we} get to this", "{we} get round to this",
    "{we} get around to this", "{we} know more", "{we} hear more", "{we} hear back", "{we} hear anything",
    "{we} have more {news}", "{we} have {news}", "{we} have any {news}", "{we} get more {news}", "{we} get {news}",
    "{we} get any {news}", "{we} receive more {news}", "{we} receive {news}", "{we} have something to share",
    "{we} have something", "{we} have anything",
    # what: news to come
    "more {news} {become} available", "{news} {become} available", "further {news} {become} available",
    "more {news} {come} in", "{news} {come} in", "more {news} {come} through", "{news} {come} through",
    "there {be} more {news}", "there {be} {news}", "there {be} any {news}", "things progress", "things move",
    "time allows", "time permits", "resources allow", "resources permit", "workload allows", "workload permits",
    "capacity allows", "capacity permits", "possible", "available", "feasible", "we're able", "i'm able",
)
_SLOTS = {
    "we": r"(?:we|i|our\s+team|the\s+team|someone|somebody|an?\s+agent|one\s+of\s+us|a\s+member\s+of\s+(?:our|the)\s+team)",
    "be": r"(?:are|am|is|'re|’re|'m|’m|'s|’s|will\s+be|'ll\s+be|’ll\s+be)",
    "news": r"(?:info|information|details|news|updates?|an\s+update|word|data|answers?|an\s+answer)",
    "become": r"(?:becomes?|is|are|gets?)",
    "come": r"(?:comes?|arrives?)",
}
# "within the next few days": a window with no number in it is as vague as "soon"
VAGUE_WINDOW = re.compile(r"\b(?:within|in|over)\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:few|several|couple\s+of)\s+"
                          r"(?:minutes|hours|days|weeks|business\s+days|working\s+days)\b"
                          r"|\bat\s+the\s+(?:very\s+)?earliest\s+(?:possible\s+)?(?:opportunity|moment|convenience)\b"
                          r"|\bas\s+(?:quickly|promptly|fast|soon)\s+as\s+(?:possible|we\s+can|i\s+can|we're\s+able|i'm\s+able)\b",
                          re.IGNORECASE)
# A window the time check may not know ("within 4 business hours"): the promise is timed already.
TIMED = re.compile(r"\b(?:within|in|under)\s+(?:the\s+next\s+)?\d+\s*(?:-\s*\d+\s*)?(?:business\s+|working\s+)?"
                   r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\b", re.IGNORECASE)
CONDITION_MARKS = r"(?:when(?:ever)?|once|as\s+and\s+when|as\s+soon\s+as|as|if|where|until)"

# An automated voice: the notice says so, or the company's team is the one who will answer.
AUTOMATED_CUES = (
    "automated message", "automated response", "automated reply", "automated email", "automated e-mail",
    "automated notification", "automatic reply", "automatic response", "automatically generated",
    "auto-reply", "autoreply", "auto reply", "auto-response", "auto response", "auto-generated",
    "this is an automated", "this is an automatic", "do not reply to this", "don't reply to this",
    "please do not reply", "no-reply", "noreply",
    "has been received", "has been logged", "ticket has been received", "request has been received", "message has been received",
    "email has been received", "enquiry has been received", "inquiry has been received",
    "case has been received", "query has been received", "submission has been received",
    "ticket has been created", "ticket has been logged", "request has been logged", "case has been created",
    "ticket has been opened", "case has been opened", "request has been submitted", "ticket has been submitted",
    "we have received your", "we've received your", "we’ve received your", "your ticket number is",
    "your case number is", "your reference number is", "ticket number", "ticket id", "ticket #",
    "automated escalation", "escalated automatically", "automatically escalated", "automated reminder",
    "this e-mail is to advise", "this email is to advise", "this is a courtesy e-mail", "this is a courtesy email",
    "courtesy notification",
)
TEAM_SUBJECTS = (
    "our team", "the team", "a member of our team", "a member of the team", "a member of our support team",
    "a member of staff", "a team member", "one of our team", "one of our agents", "one of our team members",
    "one of our specialists", "one of our representatives", "one of our advisors", "one of our advisers",
    "one of our experts", "one of our engineers", "an agent", "a support agent", "an advisor", "an adviser",
    "a representative", "a support representative", "a specialist", "the next available agent",
    "the first available agent", "a human", "a real person", "a person", "our support team", "the support team",
    "our customer support team", "our customer service team", "our customer care team", "our care team",
    "our service team", "our helpdesk", "our help desk", "the helpdesk", "the help desk", "our staff",
    "our agents", "our specialists", "our experts",
)
RESPONSE_VERBS = {"respond", "reply", "answer", "contact", "get", "be", "reach", "follow", "review", "call",
                  "email", "message", "revert", "come", "touch", "handle", "look", "check", "update"}
AUTOMATED_LOOKBACK = 300  # characters before the promise's sentence where a notice says it is automated


@dataclass(frozen=True)
class TimeSlot(Options):
    slot: str = option("by [day, time]", "what takes the vague time's place (or follows the promise)")
    automated_slot: str = option("within [N] business hours",
                                 "the slot of a promise in an automated notice, which cannot name a day")
    description: str = option("Give a time you can keep.", "what the rewrite says it does")
    vague_words: PhraseList = option((), "more vague timings to replace, as the check's option of that name")
    vague_conditions: PhraseList = option((), "more conditions with no content that the slot replaces, as "
                                              "after 'when' / 'once' / 'as' ('we are back in the office')")
    automated_cues: PhraseList = option((), "more words that mark a notice as automated ('sent by our bot')")
    team_subjects: PhraseList = option((), "more subjects that speak as the company's team ('our concierge')")


@lru_cache(maxsize=8)
def _condition_pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    def spelled(phrase: str) -> str:
        words = [_SLOTS.get(w[1:-1], re.escape(w)) if w.startswith("{") else re.escape(w) for w in phrase.split()]
        return r"\s+".join(words)
    body = "|".join(spelled(p) for p in sorted(VAGUE_CONDITIONS + extra, key=len, reverse=True))
    # the condition must be the whole clause: nothing but its end, a comma or "and" after it
    return re.compile(r"\b" + CONDITION_MARKS + r"\s+(?:" + body + r")(?=\s*(?:$|[,.;:!?)]|\band\b|\bor\b))",
                      re.IGNORECASE)


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                                               for p in sorted(phrases, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)


_AUTOMATED = lru_cache(maxsize=8)(lambda extra: _phrase_pattern(AUTOMATED_CUES + extra))
_TEAM = lru_cache(maxsize=8)(lambda extra: _phrase_pattern(TEAM_SUBJECTS + extra))


def _promise_verb(span):
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    root = span.root
    verb = root if root.pos_ in ("VERB", "AUX") or not verbs else verbs[0]
    if verb.lemma_.lower() in ("let", "lets"):  # "Let me look into it": the promise is "look into it"
        verb = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"), verb)
    return verb


FUTURE = {"will", "'ll", "’ll", "shall", "wo"}


def _joins(conj) -> bool:
    """A conjunct the promise goes on in: no subject of its own ('and get back to you'), or ours
    with a future of its own ('and I'll follow up'); not news ('and I've added a credit')."""
    if conj.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")]
    if not subjects:
        return True
    return all(c.lower_ in ("i", "we") for c in subjects) and any(
        c.dep_ == "aux" and c.lower_ in FUTURE for c in conj.children)


def _last_conjunct(verb):
    """'We'll fix it and get back to you', 'let me check and I'll follow up': the promise the
    time belongs to is the last verb joined by 'and' whose subject is ours."""
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in ("let", "lets"):
        later = [c for c in verb.head.children if c.dep_ == "conj" and c.i > verb.i and _joins(c)]
        if later:
            verb = later[-1]
    while True:
        conj = [c for c in verb.children if c.dep_ == "conj" and _joins(c)]
        if not conj:
            return verb
        verb = conj[-1]


PHRASE_DEPS = {"prt", "prep", "dobj", "dative", "advmod", "npadvmod", "xcomp", "ccomp", "acomp", "attr", "oprd",
               "agent", "iobj"}


def _phrase_end(verb) -> int:
    """Index just past the verb and its own objects and phrases, before a comma, a relative
    clause or a condition after it."""
    doc = verb.doc
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ not in PHRASE_DEPS or any(t.is_punct and t.text in ",;:—–(" for t in doc[end:child.i]):
            break
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            end = max(end, _phrase_end(_last_conjunct(child)))
            continue
        end = max(end, child.right_edge.i + 1)
    while end > verb.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


EVENT_MARKS = {"once", "when", "whenever", "after", "until", "till", "as"}


def _event_condition(verb):
    """The clause of a condition naming an event after the promise ('once the courier
    replies', 'as soon as the part arrives', 'when it's ready'), which stays: a deadline beside
    it must hold either way."""
    for token in verb.subtree:
        if token.i > verb.i and token.lower_ in EVENT_MARKS and token.dep_ in ("mark", "advmod") \
                and token.head.pos_ in ("VERB", "AUX") and token.head.i > token.i and token.head.i != verb.i:
            return token.head
    return None


def _ends_sentence(clause_head) -> bool:
    """Only closing marks (or emoji) follow the clause in its sentence: a deadline added after
    it is the sentence's last word, not wedged before another clause."""
    doc = clause_head.doc
    rest = doc[clause_head.right_edge.i + 1:clause_head.sent.end]
    inner = doc[clause_head.i:clause_head.right_edge.i + 1]
    return not any(t.is_punct and t.text in ",;:—–(" for t in inner) and \
        all(t.is_punct or t.is_space or not t.is_alpha for t in rest)


def _automated(span, ctx, verb, options: TimeSlot) -> bool:
    """A notice in an automated voice: it says so in its sentence or just before, or the
    company's team (not 'I') is who will answer."""
    sent = span.sent
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("i", "me"):
        return False
    start = ctx.offset + sent.start_char
    window = ctx.document.text[max(0, start - AUTOMATED_LOOKBACK):ctx.offset + sent.end_char]
    if _AUTOMATED(tuple(options.automated_cues)).search(window):
        return True
    if subject is None or verb.lemma_.lower() not in RESPONSE_VERBS:
        return False
    subject_text = span.doc[subject.left_edge.i:subject.right_edge.i + 1].text
    return bool(_TEAM(tuple(options.team_subjects)).fullmatch(subject_text))


def _is_condition(text: str) -> bool:
    return re.match(CONDITION_MARKS + r"\s", text, re.IGNORECASE) is not None and not re.match(
        r"as\s+soon\s+as\s+possible", text, re.IGNORECASE)


def _vague_pieces(text: str, options: TimeSlot) -> list[tuple[int, int]]:
    """(start, end) in `text` of each vague timing and content-free condition, adjacent ones
    ('soon, when we have news') merged into one."""
    found = [(m.start(), m.end()) for m in vague_time_matches(text, options.vague_words)
             if not m.group(0).lower().startswith("once")
             and not (m.group(0).lower() == "soon" and re.search(r"\bas\s+$", text[:m.start()], re.IGNORECASE))]
    found += [(m.start(), m.end()) for m in VAGUE_WINDOW.finditer(text)]
    found += [(m.start(), m.end()) for m in _condition_pattern(tuple(options.vague_conditions)).finditer(text)]
    merged: list[tuple[int, int]] = []
    for s, e in sorted(found):
        if merged and (s <= merged[-1][1] or re.fullmatch(r"[\s,]*(?:(?:and|or)\s+)?", text[merged[-1][1]:s])):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


@register_rewriter("time_slot", needs="parse", options=TimeSlot)
def time_slot(span, ctx, options: TimeSlot):
    """'I'll get back to you soon.' → 'I'll get back to you by [day, time].' The slot is for the
    agent to fill, so this edit is never applied by `fix`."""
    doc = span.doc
    description = options.description
    verb = _promise_verb(span)
    if verb.dep_ in ("csubj", "csubjpass") or any(
            c.dep_ in ("mark", "advmod") and c.lower_ in EVENT_MARKS | {"if", "unless"} and c.i < verb.i
            for c in verb.children):
        return  # the words are a condition ("as and when we have an update"), not the promise
    slot = options.automated_slot if _automated(span, ctx, verb, options) else options.slot
    root = span.root
    clause = doc[min(root.left_edge.i, span.start):max(root.right_edge.i + 1, span.end)]
    if TIMED.search(span.sent.text):
        return  # "will reply within 4 business hours, and …": the sentence gives its window
    pieces = [p for p in _vague_pieces(clause.text, options) if clause.start_char + p[0] >= verb.idx + len(verb.text)
              or not _is_condition(clause.text[p[0]:p[1]])]
    if pieces:
        start, end = (clause.start_char + p for p in pieces[0])
        if doc.text[:start].lower().endswith(("very ", "pretty ", "quite ", "fairly ", "really ")):
            start = doc.text.rindex(" ", 0, start - 1) + 1
        slot = _no_doubled_by(slot, doc.text[clause.start_char:start] + doc.text[end:clause.end_char])
        replacement = slot
        before = doc.text[:start].rstrip()
        if len(pieces) > 1:
            # "We will review it shortly and reply as soon as possible": each vague time gets
            # its slot, in one edit that keeps the words between them as written.
            for piece_start, piece_end in (tuple(clause.start_char + p for p in piece) for piece in pieces[1:]):
                replacement += doc.text[end:piece_start] + slot
                end = piece_end
        elif before.endswith(",") and doc.text[end:].lstrip()[:1] in (".", "!", "?", ""):
            start, replacement = len(before) - 1, " " + slot  # "…you, when we can." → "…you by …."
        yield Draft(start, end, replacement, "suggest", True, description)
        return
    last = _last_conjunct(verb)
    slot = _no_doubled_by(slot, clause.text)
    event = _event_condition(last)
    if event is None and last is verb and verb.dep_ in ("ccomp", "xcomp"):
        event = _event_condition(verb.head)
    if event is not None and _ends_sentence(event):
        end_token = event.right_edge
        while end_token.i > event.i and (end_token.is_punct or end_token.is_space):
            end_token = doc[end_token.i - 1]
        at = end_token.idx + len(end_token.text)
        yield Draft(at, at, f", and {slot} at the latest", "suggest", True, description)
        return
    at = span.end_char
    if last is not verb:
        end = _phrase_end(last)
        at = max(at, doc[end - 1].idx + len(doc[end - 1].text))
    yield Draft(at, at, " " + slot, "suggest", True, description)

def _no_doubled_by(slot: str, clause_text: str) -> str:
    """'contact you by email by [day, time]' reads twice 'by': the slot's becomes 'before'."""
    if slot.lower().startswith("by ") and re.search(r"\bby\b", clause_text, re.IGNORECASE):
        return "before " + slot[3:]
    return slot
