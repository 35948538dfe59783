"""Whole-reply rewrites: an acknowledgment before the first sentence that says something, and a
next step after the last one."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extend import Draft, Options, option, register_rewriter
from ..checks.reply_shape import GREETING
from .grammar import sentence_text_bounds

_GREETING_END = re.compile(r"[,!:\n]")


@dataclass(frozen=True)
class InsertAcknowledgment(Options):
    acknowledgment: str = option("Thanks for letting us know about [the problem].",
                                 "the sentence to lead with ('[...]' marks a slot for the agent)")
    description: str = option("Acknowledge the customer's situation first.", "what the rewrite says it does")


@register_rewriter("insert_acknowledgment", needs="parse", options=InsertAcknowledgment)
def insert_acknowledgment(span, ctx, options: InsertAcknowledgment):
    """Lead with the customer's situation: 'Hi Sam, Thanks for letting us know about [the problem].
    The export…'. Inserted after a greeting when the sentence opens with one. A generic
    acknowledgment is what the non-apology rule warns about, so the default has a slot for the
    agent to name the problem, and `fix` never inserts it unasked."""
    full = ctx.text  # the Doc's text, made once per context
    ack = options.acknowledgment
    start = next((t.idx for t in span if not t.is_space), span.start_char)
    text = full[start:span.end_char]
    after_comma = False
    if GREETING.match(text):
        end = _GREETING_END.search(text)
        if end is None:
            return
        start += end.end()
        after_comma = end.group(0) == "," and "\n" not in full[start:start + 2]
    if after_comma:  # "Hello Sam, thanks for …" continues the greeting's line
        ack = ack[:1].lower() + ack[1:]
    while start < span.end_char and full[start].isspace():
        start += 1
    if start >= span.end_char or ctx.in_region(start, start + 1):
        return
    first = full[start]
    yield Draft(start, start + 1, f"{ack} {first.upper()}", "suggest", "[" in ack, options.description)


@dataclass(frozen=True)
class InsertNextStep(Options):
    next_step: str = option("Next, I'll [next step] by [day, time].", "the sentence to end with, slots and all")
    description: str = option("Tell the customer what happens next and when.", "what the rewrite says it does")


@register_rewriter("insert_next_step", needs="parse", options=InsertNextStep)
def insert_next_step(span, ctx, options: InsertNextStep):
    """End with what happens next: '… Next, I'll [next step] by [day, time].' The slots are the
    agent's to fill, so `fix` never applies this."""
    doc = span.doc
    _, end = sentence_text_bounds(doc[span.end - 1])
    if end < len(ctx.text) and ctx.text[end] in ".!?":
        end += 1
    yield Draft(end, end, " " + options.next_step, "suggest", True, options.description)
