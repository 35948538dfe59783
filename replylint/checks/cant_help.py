"""cant-help: the filters that keep a refusal that is ours ("I can't help you with that") and
drop the idiom ("I can't help but notice")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .syntax import FIRST_PERSON, main_word, subject_of


@register_filter("agent_subject", needs="parse")
def keep_if_agent_subject(span, ctx, options):
    """'I can't help you': the refusal is ours (or has no subject), not 'you can't ...'."""
    verb = main_word(span)
    subject = subject_of(verb)
    return subject is None or subject.lower_ in FIRST_PERSON or subject.lower_ in ("that", "this", "it", "there")


@dataclass(frozen=True)
class NotHelpIdiom(Options):
    words: WordList = option(("but",), "words that make 'can't help' an idiom when they follow it")


@register_filter("not_help_idiom", needs="tags", options=NotHelpIdiom)
def keep_if_not_idiom(span, ctx, options: NotHelpIdiom):
    """'I can't help but notice' / 'can't help noticing' are idioms, not refusals (the next word's
    tag tells a gerund)."""
    words = set(options.words)
    doc = span.doc
    if span.end < len(doc):
        nxt = doc[span.end]
        gerund = nxt.lower_.endswith("ing") and nxt.lower_ not in ("nothing", "anything", "something")
        if nxt.lower_ in words or nxt.tag_ == "VBG" or gerund:
            return False
    return True
