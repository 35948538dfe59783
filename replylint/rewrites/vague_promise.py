"""vague-promise: a follow-up promise gets a time slot for the agent to fill ("I'll get back to
you soon." → "I'll get back to you by [day, time].")."""
from __future__ import annotations

from dataclasses import dataclass

from ..checks.timeexpr import vague_time_matches
from ..extend import Draft, Options, PhraseList, option, register_rewriter


@dataclass(frozen=True)
class TimeSlot(Options):
    slot: str = option("by [day, time]", "what takes the vague time's place (or follows the promise)")
    description: str = option("Give a time you can keep.", "what the rewrite says it does")
    vague_words: PhraseList = option((), "more vague timings to replace, as the check's option of that name")


@register_rewriter("time_slot", needs="parse", options=TimeSlot)
def time_slot(span, ctx, options: TimeSlot):
    """'I'll get back to you soon.' → 'I'll get back to you by [day, time].' The slot is for the
    agent to fill, so this edit is never applied by `fix`."""
    doc = span.doc
    slot = options.slot
    description = options.description
    root = span.root
    clause = doc[min(root.left_edge.i, span.start):max(root.right_edge.i + 1, span.end)]
    for match in vague_time_matches(clause.text, options.vague_words):
        if match.group(0).lower().startswith("once"):
            continue
        start = clause.start_char + match.start()
        end = clause.start_char + match.end()
        if doc.text[:start].lower().endswith(("very ", "pretty ", "quite ", "fairly ", "really ")):
            start = doc.text.rindex(" ", 0, start - 1) + 1
        yield Draft(start, end, slot, "suggest", True, description)
        return
    yield Draft(span.end_char, span.end_char, " " + slot, "suggest", True, description)
