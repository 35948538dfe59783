"""Rewrites that take words out or swap one word: minimizers ("obviously", "just"), reproaches
("as I already said"), hedges ("technically") and alarm reactions ("yikes")."""
from __future__ import annotations

from . import Draft, register_rewriter
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


@register_rewriter("drop", options=("safety", "set_off_only", "whole_clause", "may_remove_sentence", "description"))
def drop(span, ctx, options):
    """Remove the flagged words. `set_off_only` limits this to words that stand apart from the
    clause (a leading "To be fair," or a trailing ", that's all"), where removing them leaves a
    sentence; a word inside the clause ("you're wrong about …") needs the agent's rewording.
    `whole_clause` takes the rest of the flagged words' own clause with them.
    `may_remove_sentence` says the words carry no content ("Yikes!", "Oh no!"), so a sentence
    of nothing else may go; without it, words that make up their whole sentence stay."""
    if options.get("whole_clause"):
        span = _whole_clause(span)
    if options.get("set_off_only") and not _set_off(span):
        return
    draft = remove_tokens(span.doc, span.start, span.end, options.get("safety", "safe"),
                          options.get("description", "Remove the words."), bool(options.get("may_remove_sentence")))
    if draft is not None:
        yield draft


@register_rewriter("replace_words", needs="tokens", options=("words", "safety", "description"))
def replace_words(span, ctx, options):
    """Swap single words for kinder ones ("Anyone can" → "You can"), keeping their capital."""
    table = {k.lower(): v for k, v in (options.get("words") or {}).items()}
    for token in span:
        if token.lower_ in table:
            yield Draft(token.idx, token.idx + len(token.text), like_case(table[token.lower_], token.text),
                        options.get("safety", "suggest"), False,
                        options.get("description", f'Say "{table[token.lower_]}" instead.'))
            return


@register_rewriter("replace_with", needs="tokens", options=("text", "safety", "description"))
def replace_with(span, ctx, options):
    """Put fixed text in place of the whole span ("OldDesk" → "NewDesk"), keeping a leading
    capital; for a team's own rules about names and terms."""
    text = options.get("text")
    if isinstance(text, str):
        yield Draft(span.start_char, span.end_char, like_case(text, span.text),
                    options.get("safety", "safe"), False, options.get("description", f'Write "{text}".'))
