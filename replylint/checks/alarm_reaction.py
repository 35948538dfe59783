"""alarm-reaction: the filter that tells a gasp of alarm ("Oh no, the backup failed") from
the same words opening a reassurance ("Oh, no, that's not a silly question", "Oh no, don't
apologise")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .filters import ClauseInitial, NotFollowedBy, keep_if_clause_initial, keep_if_not_followed_by
from .syntax import opening_address

NEGATIONS = frozenset(("not", "n't", "nt", "never", "no", "nothing", "dont", "don't", "don’t"))


@dataclass(frozen=True)
class NotReassurance(Options):
    words: WordList = option((), "words (or lemmas) that, with a negation after the interjection in its"
                                 " sentence, make it a reassurance ('not a silly question', 'don't apologise')")
    window: int = option(12, "how many tokens after the interjection to look")


@register_filter("not_reassurance", needs="parse", options=NotReassurance)
def keep_if_not_reassurance(span, ctx, options: NotReassurance):
    """'Oh, no, that's not a silly question' and 'Oh no, don't apologise' reassure the reader:
    a negation and one of `words` follow the interjection in its sentence."""
    words = set(options.words)
    doc = span.doc
    following = doc[span.end:min(len(doc), span.end + options.window, span.sent.end + 2)]
    negated = any(t.lower_ in NEGATIONS or t.norm_ == "not" for t in following)
    return not (negated and any(t.lower_ in words or t.lemma_.lower() in words for t in following))



@register_filter("opens_clause", needs="tokens", options=ClauseInitial)
def keep_if_opens_clause(span, ctx, options: ClauseInitial):
    """clause_initial, but a hard wrap inside a sentence ("the issue of⏎OUCH!, the newsletter")
    does not open a clause: one line break right after a word (not after a mark or a blank
    line) is a space; what comes before it must then be an opening address ("Hi Sam⏎Oh no")."""
    doc = span.doc
    i = span.start - 1
    if i > 0 and doc[i].is_space and doc[i].text == "\n" and doc[i - 1].is_alpha and not doc[i - 1].whitespace_ \
            and doc[i - 1].lower_ not in set(options.allow_before):
        return opening_address(doc, i - 1)
    return keep_if_clause_initial(span, ctx, options)


@register_filter("not_followed_by_word", needs="parse", options=NotFollowedBy)
def keep_if_not_followed_by_word(span, ctx, options: NotFollowedBy):
    """not_followed_by, looking past a hard wrap: 'Whoa⏎Labs support ...' is the company."""
    end = span.end
    doc = span.doc
    while end < len(doc) and doc[end].is_space and doc[end].text.count("\n") <= 1:
        end += 1
    return keep_if_not_followed_by(doc[span.start:end], ctx, options)
