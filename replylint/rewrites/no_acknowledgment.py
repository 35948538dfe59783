"""no-acknowledgment: an acknowledgment before the first sentence that says something."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks.no_acknowledgment import reported
from ..checks.reply_shape import GREETING
from ..extend import Draft, Options, option, register_rewriter
from .grammar import opening_end

_GREETING_END = re.compile(r"[,!:\n]")
# What may lead a reply before its first word: @handles and emoji short codes (":wave: @sam").
_LEAD = re.compile(r"(?:(?:@[\w.-]+|:[a-z0-9_+-]+:)[,:]?\s+)+")


@dataclass(frozen=True)
class InsertAcknowledgment(Options):
    acknowledgment: str = option("Thanks for letting us know about [the problem].",
                                 "the sentence to lead with where the customer reported a problem ('[...]' marks a "
                                 "slot for the agent)")
    unreported: str = option("I'm sorry about [what went wrong].",
                             "the sentence to lead with where the reply shows the trouble only by its remedy or the "
                             "customer's mood (a refund, 'relax'), with nothing they reported")
    description: str = option("Acknowledge the customer's situation first.", "what the rewrite says it does")


@register_rewriter("insert_acknowledgment", needs="parse", options=InsertAcknowledgment)
def insert_acknowledgment(span, ctx, options: InsertAcknowledgment):
    """Lead with the customer's situation: 'Hi Sam, Thanks for letting us know about [the problem].
    The export…'. Inserted after a greeting when the sentence opens with one. A generic
    acknowledgment is what the non-apology rule warns about, so the default has a slot for the
    agent to name the problem, and `fix` never inserts it unasked."""
    full = ctx.text  # the Doc's text, made once per context
    ack = options.acknowledgment if reported(span) else options.unreported
    start = next((t.idx for t in span if not t.is_space), span.start_char)
    lead = _LEAD.match(full, start, span.end_char)
    if lead:
        start = lead.end()  # never before "@sam" or ":wave:"
    text = full[start:span.end_char]
    after_comma = False
    if GREETING.match(text):
        end = _GREETING_END.search(text)
        if end is not None:
            start += end.end()
            after_comma = end.group(0) == "," and "\n" not in full[start:start + 2]
        elif _past_opening(span, full, start, False)[0] == start:
            return
    start, after_comma = _past_opening(span, full, start, after_comma)
    before = full[:start].rstrip(" \t")
    line = before.rsplit("\n", 1)[-1]
    lead_of_line = _LEAD.match(line)
    if lead_of_line:
        line = line[lead_of_line.end():]  # "@sam Hey there, ": the greeting after the handle
    if before.endswith(",") and "\n" not in full[len(before):start] and GREETING.match(line):
        after_comma = True  # the finding starts after "Hi Dana, ": the line continues the greeting
    if after_comma and not re.match(r"I\b", ack):  # "Hello Sam, thanks for …" continues the greeting's line
        ack = ack[:1].lower() + ack[1:]
    while start < span.end_char and full[start].isspace():
        start += 1
    if start >= span.end_char or ctx.in_region(start, start + 1):
        return
    thanks = _THANKS_FOR_CONTACT.match(full, start, span.end_char)
    if thanks and ack.lower().startswith(("thanks ", "thank you ")) and ack.endswith("."):
        # "thanks for reaching out." → "thanks for letting us know about [the problem].", not both
        yield Draft(start, thanks.end(), ack[:-1], "suggest", "[" in ack, options.description)
        return
    first = full[start]
    yield Draft(start, start + 1, f"{ack} {first.upper()}", "suggest", "[" in ack, options.description)


# Thanks for the contact itself, which says nothing of the customer's situation.
_THANKS_FOR_CONTACT = re.compile(
    r"(?:many\s+)?(?:thanks|thank\s+you)(?:\s+(?:so|very)\s+much)?\s+for\s+(?:reaching\s+out(?:\s+to\s+us)?|"
    r"contacting\s+us|getting\s+in\s+touch|writing\s+in|writing\s+to\s+us|your\s+(?:message|email|e-mail|note))"
    r"(?=\s*[.!,]|\s*$)", re.IGNORECASE)


def _past_opening(span, full: str, start: int, after_comma: bool) -> tuple[int, bool]:
    """Past emoji and @handles that open the reply (":wave: @sam_k, we use …"): they greet the
    reader, and the acknowledgment follows them."""
    doc = span.doc
    first = next((t.i for t in span if not t.is_space), None)
    if first is None:
        return start, after_comma
    after = opening_end(doc, first, span.end - 1)
    if after <= first or after >= len(doc) or doc[after].idx <= start or not doc[after].text[:1].isalnum():
        return start, after_comma
    before = full[:doc[after].idx].rstrip(" \t")
    return doc[after].idx, before.endswith(",") and "\n" not in full[len(before):doc[after].idx]
