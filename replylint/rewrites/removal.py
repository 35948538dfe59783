"""Rewrites that take words out or swap one word: minimizers ("obviously", "just"), reproaches
("as I already said"), hedges ("technically") and alarm reactions ("yikes")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import SAFETY_LEVELS, Draft, Options, WordMap, option, register_rewriter
from .grammar import like_case, line_sentence_end, line_sentence_start, remove_tokens

SET_OFF = {",", ";", ":", "-", "–", "—", ".", "!", "?"}


def _set_off(span) -> bool:
    """The span stands apart from its clause: punctuation or the sentence edge on both sides
    ("To be fair, …", "…, that's all.", "The refund, as I said, went out")."""
    doc = span.doc
    end = span.end
    while end > span.start and doc[end - 1].is_punct:
        end -= 1
    before = doc[span.start - 1] if span.start > line_sentence_start(span[0]) else None
    after = doc[end] if end < line_sentence_end(span[0]) else None
    return ((before is None or before.is_punct or before.is_quote)
            and (after is None or after.text in SET_OFF))


def _whole_clause(span):
    """'As I said' → 'As I said on the phone': the flagged words and the rest of their clause,
    when that clause runs unbroken to a comma or the sentence end."""
    root = span.root
    end = max(span.end, root.right_edge.i + 1)
    if any(t.is_punct for t in span.doc[span.end:end]):
        return span
    return span.doc[span.start:end]


SAFETY_HELP = "'safe': `fix` applies it; 'suggest': the agent reads it first (or `fix --unsafe`)"


@dataclass(frozen=True)
class Drop(Options):
    safety: str = option("safe", SAFETY_HELP, choices=SAFETY_LEVELS)
    set_off_only: bool = option(False, "remove only words set off by punctuation or the sentence's edges")
    whole_clause: bool = option(False, "take the rest of the flagged words' clause with them")
    may_remove_sentence: bool = option(False, "the words carry no content, so a sentence of nothing else may go")
    description: str = option("Remove the words.", "what the rewrite says it does")


@register_rewriter("drop", needs="parse", options=Drop)
def drop(span, ctx, options: Drop):
    """Remove the flagged words. `set_off_only` limits this to words that stand apart from the
    clause (a leading "To be fair," or a trailing ", that's all"), where removing them leaves a
    sentence; a word inside the clause ("you're wrong about …") needs the agent's rewording.
    `whole_clause` takes the rest of the flagged words' own clause with them.
    `may_remove_sentence` says the words carry no content ("Yikes!", "Oh no!"), so a sentence
    of nothing else may go; without it, words that make up their whole sentence stay."""
    if options.whole_clause:
        span = _whole_clause(span)
    if options.set_off_only and not _set_off(span):
        return
    draft = remove_tokens(span.doc, span.start, span.end, options.safety, options.description,
                          options.may_remove_sentence)
    if draft is not None:
        yield draft


@dataclass(frozen=True)
class ReplaceWords(Options):
    words: WordMap = option({}, "each word (any case) and the word to write instead")
    safety: str = option("suggest", SAFETY_HELP, choices=SAFETY_LEVELS)
    description: str | None = option(None, "what the rewrite says it does (default: 'Say \"...\" instead.')")


@register_rewriter("replace_words", needs="tokens", options=ReplaceWords)
def replace_words(span, ctx, options: ReplaceWords):
    """Swap single words for kinder ones ("Anyone can" → "You can"), keeping their capital."""
    table = {k.lower(): v for k, v in options.words.items()}
    for token in span:
        if token.lower_ in table:
            description = options.description
            yield Draft(token.idx, token.idx + len(token.text), like_case(table[token.lower_], token.text),
                        options.safety, False,
                        description if description is not None else f'Say "{table[token.lower_]}" instead.')
            return


@dataclass(frozen=True)
class ReplaceWith(Options):
    text: str | None = option(None, "the text to write in place of the flagged words (none: no rewrite)")
    safety: str = option("safe", SAFETY_HELP, choices=SAFETY_LEVELS)
    description: str | None = option(None, "what the rewrite says it does (default: 'Write \"...\".')")


@register_rewriter("replace_with", needs="tokens", options=ReplaceWith)
def replace_with(span, ctx, options: ReplaceWith):
    """Put fixed text in place of the whole span ("OldDesk" → "NewDesk"), keeping a leading
    capital; for a team's own rules about names and terms."""
    text = options.text
    if text is not None:
        description = options.description if options.description is not None else f'Write "{text}".'
        yield Draft(span.start_char, span.end_char, like_case(text, span.text), options.safety, False, description)
