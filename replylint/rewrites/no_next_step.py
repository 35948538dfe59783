"""no-next-step: a next step after the last sentence, with slots for the agent to fill."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Draft, Options, option, register_rewriter
from .grammar import sentence_text_bounds


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
