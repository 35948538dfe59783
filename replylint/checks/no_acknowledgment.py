"""no-acknowledgment: a reply to a customer's problem that never acknowledges the situation.

The message-kind analysis (message_kind.py) first says what the reply is; only a reply to a
customer's problem needs an acknowledgment (a notice, a moderation decision, a process note, a
thank-you, a how-to answer or a fragment of a thread does not). An acknowledgment is recognized
by what it does: it names the customer's trouble, its impact or their feeling ("that sounds
exhausting", "two years of work is a huge loss"), owns our part ("that's on us"), or thanks them
for reporting it. A stock phrase with nothing specific ("thank you for your email", "sorry for
any inconvenience", "sorry you feel that way") is blanked before the search, and a cue under a
negation ("it's not our fault") does not count."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields

from ..extend import Options, any_of, option, option_pattern, register_check, set_note
from .memo import by_identity
from .message_kind import STOCK_APOLOGY, KindFamilies, MessageKind, acknowledgment, analyze_sentences
from .reply_shape import (
    agent_sentences,
    cue_pattern,
    enough_sentences,
    one_sentence,
)
from .syntax import opening_address


def _problem_pattern(cues: tuple[str, ...]) -> re.Pattern:
    """The problem cues as the gate reads them (with none, a pattern for a character no reply has)."""
    return cue_pattern(cues or ("\0",))


def _apology_pattern(cues: tuple[str, ...]) -> re.Pattern:
    """The stock apologies among the stock phrases ("sorry that you feel ..."): they answer a
    complaint, so a reply with one is judged even when it names no problem word."""
    return _problem_pattern(tuple(c for c in cues if STOCK_APOLOGY.search(c)))


@dataclass(frozen=True)
class NoAcknowledgment(KindFamilies, Options):
    min_sentences: int = option(2, "judge only replies with at least this many sentences of the agent's")


_FAMILY_FIELDS = tuple(f.name for f in fields(KindFamilies))


@by_identity
def _families_key(options: KindFamilies) -> tuple:
    """The kind families' values: no-acknowledgment and no-next-step carry identical copies in
    their own options (tests/test_message_kind.py keeps them so), and keying the cached analysis
    on the values rather than on the options object makes the two rules share one analysis of a
    reply instead of computing it twice. A team that changes one rule's copy gets its own.
    The values are hashed once per options object: the key is the number given to them."""
    values = tuple(getattr(options, name) for name in _FAMILY_FIELDS)
    return ("message_kind", _FAMILY_VALUES.setdefault(values, len(_FAMILY_VALUES)))


_FAMILY_VALUES: dict[tuple, int] = {}


def analysis(ctx, options: KindFamilies) -> MessageKind:
    """The message-kind analysis of the reply, from its agent sentences (made once per context)."""
    key = _families_key(options)
    if key not in ctx.cache:
        sentences = agent_sentences(ctx)
        ctx.cache[key] = analyze_sentences([s.clean for s in sentences], options, ctx.document.text,
                                           [s.prose for s in sentences])
    return ctx.cache[key]


# Without a problem, an upset customer or a remedy there is no situation to acknowledge.
@register_check("no_acknowledgment", needs="parse", options=NoAcknowledgment,
                cues=any_of(option_pattern("problem_cues", _problem_pattern), option_pattern("upset_cues", _problem_pattern),
                           option_pattern("remedy_cues", _problem_pattern),
                           option_pattern("stock_phrases", _apology_pattern)), scope="reply")
def find_missing_acknowledgment(ctx, options: NoAcknowledgment):
    """A reply to a customer's problem that never acknowledges the customer's situation."""
    sentences = agent_sentences(ctx)
    if not enough_sentences(ctx, sentences, options.min_sentences):
        return
    kind = analysis(ctx, options)
    if kind.kind != "problem":
        return  # a notice, a decision about their content, a process note, a thank-you, a how-to
    if acknowledgment(" ".join(s.prose for s in sentences), options):
        return
    first = sentences[0]
    if not one_sentence(first.span):
        ctx.require([first.segment])  # the finding is the parser's first sentence
    span = _agent_words(ctx.document, first.segment.offset, first.span)
    set_note(span, "no_acknowledgment", f"{kind.summary()}; acknowledgment: none found")
    span.doc.user_data[(_REPORTED, span.start_char, span.end_char)] = any(e.family == "problem_cues" for e in kind.evidence)
    yield span


_REPORTED = "replylint.no_acknowledgment.reported"


def reported(span) -> bool:
    """Whether the reply the finding `span` is in names a trouble the customer reported (a
    problem word), rather than showing it only by a remedy or their mood: the rewrite thanks them
    for reporting it only then."""
    return span.doc.user_data.get((_REPORTED, span.start_char, span.end_char), True)


def _handle(token) -> bool:
    """An @handle the reply opens with ("@sam_k", "@customer")."""
    return token.text.startswith("@") and len(token.text) > 1


def _agent_words(document, offset: int, span):
    """The reported sentence without its opening address ("Hi {{name}},", "@sam") and without template
    tags at its end ("{% if vip %}"): the finding shows the agent's words, never a field."""
    doc, start, end = span.doc, span.start, span.end
    for i in range(start, min(end, start + 8)):
        if doc[i].text in (",", "—", "–", "-") and opening_address(doc, i):
            start = i + 1
    while start < end and (doc[start].is_space or _handle(doc[start]) and start + 1 < end):
        start += 1  # "@sam_k Sorry for any trouble!": the reply's words start after the handles

    def in_field(token) -> bool:
        return document.in_region(offset + token.idx, offset + token.idx + len(token.text), ("placeholder",))

    while end > start and (doc[end - 1].is_space or in_field(doc[end - 1])):
        end -= 1
    return doc[start:end] if end > start else span
