"""The filters any rule may use: the words around a match, and whether its clause is a
condition, a negation or a question.

Each takes the candidate span, the CheckContext and its options (declared beside it, see
replylint.extend), and returns True to keep the candidate. Filters that encode one rule's sense
live in the module named after that rule (calm_down.py, condescending.py, ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from ..reading import EMOJI
from .syntax import (
    in_condition,
    is_negated,
    is_question,
    opening_address,
    verb_of,
)


@register_filter("not_in_condition", needs="parse")
def keep_if_not_conditional(span, ctx, options):
    """'If you calm down ...': drop a match inside an if/unless/when clause."""
    return not in_condition(span.root) and not any(in_condition(t) for t in span if t.pos_ == "VERB")


@register_filter("not_negated", needs="parse")
def keep_if_not_negated(span, ctx, options):
    """'You don't have a virus': the verb of the match is negated."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")] or [verb_of(span.root)]
    return not any(is_negated(v) for v in verbs)


@register_filter("not_question", needs="parse")
def keep_if_not_question(span, ctx, options):
    """Drop a match in a sentence that ends with a question mark."""
    return not is_question(span.root)


@dataclass(frozen=True)
class ClauseInitial(Options):
    allow_before: WordList = option(("oh", "well", "and", "but", "so", "okay", "ok"),
                                    "words that may stand before the match at the start of its clause")


_CLAUSE_OPENERS = (".", "!", "?", ";", ":", "—", "–", "(", '"', "“")


@register_filter("clause_initial", needs="tokens", options=ClauseInitial)
def keep_if_clause_initial(span, ctx, options: ClauseInitial):
    """An interjection opens its sentence or clause: 'Oh no, ...', 'Yikes, ...', also after an
    opening address: 'Hi Sam, oh no ...', '@sam_k yikes ...' (syntax.opening_address)."""
    allow = set(options.allow_before)
    doc = span.doc
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        if t.is_space or "\n" in t.text or t.text in _CLAUSE_OPENERS:
            return True
        if EMOJI.fullmatch(t.text):  # "👋 Oh no, ...": an emoji is no word of the clause
            i -= 1
            continue
        if t.lower_ not in allow and not (t.is_punct and t.text == ","):
            return opening_address(doc, i)
        i -= 1
    return True


@dataclass(frozen=True)
class NotFollowedBy(Options):
    words: WordList = option((), "drop the match when the next word (or its lemma) is one of these")
    tags: WordList = option((), "drop the match when the next word has one of these Penn tags (NNP, ...)"
                                " and does not start a sentence")
    across_comma: bool = option(True, "look past a comma for the next word ('Oh, no problem'); off when a"
                                      " comma ends the phrase ('so wound up, the car is booked')")


@register_filter("not_followed_by", needs="parse", options=NotFollowedBy)
def keep_if_not_followed_by(span, ctx, options: NotFollowedBy):
    """'Oh, no problem' and 'Whoa Labs' are not alarm: look at the next word (its lemma and tag,
    and whether the parser starts a sentence there)."""
    words = set(options.words)
    tags = set(options.tags)
    doc = span.doc
    j = span.end
    while options.across_comma and j < len(doc) and doc[j].is_punct and doc[j].text == ",":
        j += 1
    if j >= len(doc):
        return True
    nxt = doc[j]
    if nxt.lower_ in words or nxt.lemma_.lower() in words:
        return False
    if tags and nxt.tag_ in tags and not nxt.is_sent_start and doc[j - 1].text != ",":
        return False
    return True


@dataclass(frozen=True)
class FollowedBy(Options):
    words: WordList = option((), "keep the match only when one of these words (or lemmas) follows it")
    window: int = option(8, "how many tokens after the match to look (at most 4 past its sentence)")


@register_filter("followed_by", needs="parse", options=FollowedBy)
def keep_if_followed_by(span, ctx, options: FollowedBy):
    """'Wow, that's terrible' (alarm) but not 'Wow, ten years with us!' (delight): one of `words`
    (or a word with that lemma) follows within `window` tokens, and at most four past the
    parser's end of the sentence."""
    words = set(options.words)
    window = options.window
    doc = span.doc
    following = doc[span.end:min(len(doc), span.end + window, span.sent.end + 4)]
    if any(t.lower_ in words or t.lemma_.lower() in words for t in following):
        return True
    if span.sent.end < len(doc) or not ctx.next_text:
        return False
    # The sentence ends its stretch, so the next sentence was parsed apart: read its first
    # words as written ("... where you're coming from. However, ..."), as if it were here.
    ahead = min(4, window - (len(doc) - span.end))
    return any(w in words for w in _FIRST_WORDS.findall(ctx.next_text.lower())[:max(0, ahead)])


_FIRST_WORDS = re.compile(r"[\w’']+|[^\w\s]")


@dataclass(frozen=True)
class NotAfter(Options):
    words: WordList = option((), "drop the match when one of these words comes shortly before it")
    window: int = option(3, "how many tokens before the match (within its sentence) to look")


@register_filter("not_after", needs="parse", options=NotAfter)
def keep_if_not_after(span, ctx, options: NotAfter):
    """Drop a match preceded (within `window` tokens of its sentence, as the parser ends
    sentences) by one of `words`: 'nothing I can't fix'."""
    words = set(options.words)
    window = options.window
    doc = span.doc
    preceding = doc[max(span.sent.start, span.start - window):span.start]
    return not any(t.lower_ in words for t in preceding)


@dataclass(frozen=True)
class NotInFavour(Options):
    words: WordList = option((), "drop the match when its sentence holds one of these words (or lemmas)")


@register_filter("not_in_favour", needs="parse", options=NotInFavour)
def keep_if_not_in_favour(span, ctx, options: NotInFavour):
    """'Under the SLA, you're due a credit' cites the rules for the customer, not against them:
    drop a match whose sentence (as the parser ends it) holds one of `words` or their lemmas."""
    words = set(options.words)
    return not any(t.lower_ in words or t.lemma_.lower() in words for t in span.sent)
