"""no-acknowledgment: a reply about a problem that never acknowledges the customer's situation.

It reads the agent's own sentences (reply_shape.agent_sentences) for an acknowledgment cue; a
reply without a problem cue, or with a cue that it is no problem (a welcome, good news), has
nothing to acknowledge."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extend import Options, PhraseList, option, option_pattern, register_check
from .reply_shape import (
    CUE_SYNTAX,
    agent_sentences,
    cue_pattern,
    enough_sentences,
    one_sentence,
)


def _problem_pattern(cues: tuple[str, ...]) -> re.Pattern:
    """The problem cues as the gate reads them (with none, a pattern for a character no reply has)."""
    return cue_pattern(cues or ("\0",))


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
    if not enough_sentences(ctx, sentences, options.min_sentences):
        return
    text = " ".join(s.clean for s in sentences)
    if cue_pattern(options.acknowledgment_cues).search(text):
        return
    if cue_pattern(options.not_a_problem_cues).search(text):
        return
    if not cue_pattern(options.problem_cues).search(text):
        return  # a how-to answer or a notice: there is no situation to acknowledge
    first = sentences[0]
    if not one_sentence(first.span):
        ctx.require([first.segment])  # the finding is the parser's first sentence
    yield first.span
