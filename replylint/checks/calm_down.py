"""calm-down: the filters that tell an instruction to the reader to calm down ("Please calm
down", "no need to get upset") from the same words about something else ("the queue will calm
down", "relax the rate limit")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .syntax import addressed_to_reader, clause_start, main_word


@dataclass(frozen=True)
class AddressedToReader(Options):
    verbs: WordList = option((), "the verb of the span to judge: the first of these in it (else its first verb)")


@register_filter("addressed_to_reader", needs="parse", options=AddressedToReader)
def keep_if_addressed_to_reader(span, ctx, options: AddressedToReader):
    """'Calm down' said to the reader, not 'the queue will calm down'."""
    verb = main_word(span, set(options.verbs))
    if verb.i == verb.sent.start or span.start == clause_start(verb):
        # Sentence- or clause-initial base form with no subject of its own: an instruction.
        if verb.tag_ in ("VB", "VBP", "NN", "NNP", "UH") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return True
    return addressed_to_reader(verb)


@dataclass(frozen=True)
class NoObject(Options):
    allowed: WordList = option(("you", "yourself", "yourselves", "down", "up"),
                               "objects that do not count as a thing being acted on")


@register_filter("no_object", needs="parse", options=NoObject)
def keep_if_no_object(span, ctx, options: NoObject):
    """'relax' about the reader, not 'relax the rate limit' (a thing being relaxed)."""
    allowed = set(options.allowed)
    verb = main_word(span)
    return not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in allowed and c.i not in range(span.start, span.end)
                   for c in verb.children)
