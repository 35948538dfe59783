"""Whole-reply rewrites: an acknowledgment before the first sentence that says something, and a
next step after the last one."""
from __future__ import annotations

import re

from . import Draft, register_rewriter
from ..checks.reply_shape import GREETING
from .grammar import sentence_text_bounds

_GREETING_END = re.compile(r"[,!:\n]")


@register_rewriter("insert_acknowledgment", options=("acknowledgment", "description"))
def insert_acknowledgment(span, ctx, options):
    """Lead with the customer's situation: 'Hi Sam, Thanks for letting us know about [the problem].
    The export…'. Inserted after a greeting when the sentence opens with one. A generic
    acknowledgment is what the non-apology rule warns about, so the default has a slot for the
    agent to name the problem, and `fix` never inserts it unasked."""
    full = ctx.text  # the Doc's text, made once per context
    ack = options.get("acknowledgment", "Thanks for letting us know about [the problem].")
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
    yield Draft(start, start + 1, f"{ack} {first.upper()}", "suggest", "[" in ack,
                options.get("description", "Acknowledge the customer's situation first."))


@register_rewriter("insert_next_step", options=("next_step", "description"))
def insert_next_step(span, ctx, options):
    """End with what happens next: '… Next, I'll [next step] by [day, time].' The slots are the
    agent's to fill, so `fix` never applies this."""
    doc = span.doc
    _, end = sentence_text_bounds(doc[span.end - 1])
    if end < len(ctx.text) and ctx.text[end] in ".!?":
        end += 1
    step = options.get("next_step", "Next, I'll [next step] by [day, time].")
    yield Draft(end, end, " " + step, "suggest", True,
                options.get("description", "Tell the customer what happens next and when."))
