"""Small grammar repairs every rewriter needs: keeping sentence-initial capitals, finding a
sentence's bounds, and cutting words out of a sentence so that the spacing, commas and capital
letter around the cut still read naturally. (Inflecting a verb is lexicon.inflection.)"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..extend import Draft

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLOSING_MARKS = set(".!?")
CORE_ARGUMENTS = {"acomp", "attr", "dobj", "oprd", "pobj", "nsubj", "nsubjpass", "xcomp", "ccomp"}


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def like_case(new: str, old: str) -> str:
    """`new` with the first letter's case of `old` ("The" replacing "the" or "The")."""
    if old[:1].isupper():
        return capitalized(new)
    if old[:1].islower() and not new.startswith("I ") and not new[:2] == "I'":
        return new[:1].lower() + new[1:]
    return new


def breaks_sentence(doc, i: int) -> bool:
    """Is doc[i] a line break that ends a sentence? A blank line always does; a single line
    break does after a greeting or a closing mark ("Hi Sam,⏎Thanks…") but not inside a
    hard-wrapped sentence ("you entered the⏎wrong details")."""
    token = doc[i]
    if "\n" not in token.text or not token.is_space:
        return False
    if token.text.count("\n") >= 2:
        return True
    before = doc[i - 1].text[-1:] if i > 0 else "."
    after = doc[i + 1].text[:1] if i + 1 < len(doc) else "A"
    return before in ",:;.!?" and not after.islower()


def _sentence(token, use_parse: bool = True) -> tuple[int, int]:
    """Token range of `token`'s sentence; from closing marks alone when the parser did not run,
    or when `use_parse` is false (a rewriter that declares it needs only tokens, such as
    ordinary_case, must answer the same whether or not its Doc happens to be parsed)."""
    doc = token.doc
    if use_parse and doc.has_annotation("SENT_START"):
        return token.sent.start, token.sent.end
    start = token.i
    while start > 0 and doc[start - 1].text not in CLOSING_MARKS:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end - 1].text not in CLOSING_MARKS:
        end += 1
    return start, end


def line_sentence_start(token, use_parse: bool = True) -> int:
    """Index where `token`'s sentence starts, counting a sentence-ending line break: the small
    model often runs a greeting line ("Hi Sam,") into the first sentence."""
    i = token.i
    first = _sentence(token, use_parse)[0]
    while i > first and not breaks_sentence(token.doc, i - 1):
        i -= 1
    return i


def line_sentence_end(token) -> int:
    """Index just past `token`'s sentence, counting a line break as a sentence break."""
    i = token.i
    last = _sentence(token)[1]
    while i < last and not breaks_sentence(token.doc, i):
        i += 1
    return i


def starts_sentence(token, use_parse: bool = True) -> bool:
    """Only punctuation or quotes stand between the sentence start and `token` (see `_sentence`
    for `use_parse`)."""
    return all(t.is_punct or t.is_space for t in token.doc[line_sentence_start(token, use_parse):token.i])


def sentence_text_bounds(token) -> tuple[int, int]:
    """Character span of the words of `token`'s sentence (a line break ends a sentence), leaving
    out leading spaces and the closing punctuation."""
    doc = token.doc
    words = [t for t in doc[line_sentence_start(token):line_sentence_end(token)] if not t.is_space]
    if not words:
        return token.idx, token.idx
    end = len(words)
    while end > 1 and words[end - 1].is_punct and words[end - 1].text[:1] in CLOSING_MARKS | {'"', "”", ")"}:
        end -= 1
    return words[0].idx, words[end - 1].idx + len(words[end - 1].text)


def remove_tokens(doc, start: int, end: int, safety: str = "safe", description: str = "",
                  may_remove_sentence: bool = False) -> Draft | None:
    """Cut doc[start:end] out of its sentence and repair what the cut leaves behind.

    - at the start of a sentence, the comma after it goes too and the next word is capitalized
      ("Obviously, the export…" → "The export…"), even on the next line of a hard wrap;
    - between commas, one comma goes with it ("The refund, as I said, went out" → "The refund
      went out");
    - before the closing mark, the comma before it goes ("Restart it, that's all." → "Restart it.");
    - elsewhere, the space before it goes ("is clearly stated" → "is stated").
    The spaces and line breaks on either side are joined into one by the seam repair (seams.py).
    When nothing but punctuation would be left of the sentence, the whole sentence goes, but
    only with `may_remove_sentence` (words with no content of their own: "Yikes!"); otherwise
    the words are what the sentence says, and there is no cut.
    """
    while end > start and doc[end - 1].is_punct and doc[end - 1].text in CLOSING_MARKS | {","}:
        end -= 1
    if end <= start or _strands_its_head(doc, start, end):
        return None
    first, last = line_sentence_start(doc[start]), line_sentence_end(doc[start])
    left = _words(doc[first:start])
    right = _words(doc[end:last])
    if not left and not right:
        if not may_remove_sentence:
            return None  # "You agreed to the terms.": the cut would empty the sentence
        tokens = [t for t in doc[first:last] if not t.is_space]
        return Draft(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "", safety, False, description)
    if not any(t.pos_ in ("VERB", "AUX") for t in left + right):
        return None  # what would be left ("With respect.") is not a sentence
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if not left:
        return Draft(*_opening_cut(doc.text, s, e), "", safety, False, description, capitalize_next=True)
    return Draft(*_inner_cut(doc.text, s, e), "", safety, False, description)


def _words(tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _strands_its_head(doc: Doc, start: int, end: int) -> bool:
    """'It's super easy, …': the words complete the verb before them; a cut would strand it."""
    root = doc[start:end].root
    return root.dep_ in CORE_ARGUMENTS and not start <= root.head.i < end and root.head.i < start


def _opening_cut(text: str, s: int, e: int) -> tuple[int, int]:
    """The cut of text[s:e] opening its sentence: a comma, colon or dash after it goes too."""
    follows = text[e:].lstrip()
    if follows[:1] in (",", ";", ":", "-", "–", "—"):
        e = len(text) - len(follows) + 1
    return s, e


def _inner_cut(text: str, s: int, e: int) -> tuple[int, int]:
    """The cut of text[s:e] inside its sentence: between commas one comma goes, before the
    closing mark the comma before it, elsewhere the space before it."""
    follows = text[e:].lstrip()
    before = text[:s].rstrip(" \t")
    if before.endswith(",") and (follows[:1] == "," or follows[:1] in CLOSING_MARKS or not follows.strip()):
        s = len(before) - 1
        if follows[:1] == ",":
            e = len(text) - len(follows) + 1
        return s, e
    if before[-1:] in ("—", "–", "-", ":", ";", "(") and follows[:1] == ",":
        e = len(text) - len(follows) + 1  # "though — with respect, our…" → "though — our…"
    if len(before) < s:
        s = len(before)
    return s, e
