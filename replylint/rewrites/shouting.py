"""shouting: capitals back to ordinary case and repeated marks down to one.

A shouted stretch is lowered as a whole: the check flags the words that are surely emphasis and
skips short capitals that are more often abbreviations ("TO", "IT"), so "PLEASE DO NOT REPLY TO
THIS EMAIL" is two findings; each of them rewrites the whole stretch, never leaving "reply TO
this". Acronyms and codes keep their capitals; "I" keeps its own."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..checks.shouting import is_shouted_word
from ..checks.syntax import dictionary_lemmas
from ..extend import Draft, Options, WordList, option, register_rewriter
from .grammar import starts_sentence

CONTRACTION_TAILS = {"N'T", "'M", "'S", "'RE", "'LL", "'VE", "'D"}


def _in_capitals(token) -> bool:
    """A word written all in capitals ("TO", "EMAIL", "N'T", "I"), not a code or a number."""
    letters = token.text.replace("’", "'").replace("'", "")
    return letters.isalpha() and letters.isupper()


def _stretch(span):
    """(first, last) token indices of the run of capital words around the span, across spaces
    and a hard wrap but not a blank line."""
    doc = span.doc

    def step(i: int, direction: int):
        j = i + direction
        while 0 <= j < len(doc) and doc[j].is_space and doc[j].text.count("\n") < 2:
            j += direction
        return j if 0 <= j < len(doc) and _in_capitals(doc[j]) else None

    first = last = None
    for token in span:
        if _in_capitals(token):
            first = token.i if first is None else first
            last = token.i
    if first is None or last is None:
        return None
    while (j := step(first, -1)) is not None:
        first = j
    while (j := step(last, 1)) is not None:
        last = j
    return first, last


def _lowers(token, acronyms: set[str]) -> bool:
    """Inside a shouted stretch, is this capital word emphasis? The shouted words, the short
    English words the check leaves alone ("TO", "IN"), acronyms that are also such words ("IT",
    "US"), and contraction tails; never "I", a code or an acronym proper."""
    text = token.text.replace("’", "'")
    if is_shouted_word(token, acronyms) or text in CONTRACTION_TAILS:
        return True
    core = text.split("'")[0]
    lower = core.lower()
    if core == "I" or not core.isalpha():
        return False
    if core in acronyms and lower not in STOP_WORDS:
        return False
    return lower in STOP_WORDS or bool(dictionary_lemmas(lower))


_SENTENCE_END = re.compile(r"[.!?\n][^.!?\n]*$")


def _exclamation(span, words: set[str]) -> bool:
    """'Thanks so much!!', 'Welcome aboard!!', 'What a great idea!!': the sentence before the
    marks is an exclamation, which keeps one '!'; an instruction or news ('Check your inbox!!')
    ends in a full stop."""
    text = span.doc.text[:span.start_char]
    found = _SENTENCE_END.search(text)
    sentence = text[found.start() + 1:] if found else text
    tokens = re.findall(r"[A-Za-z']+", sentence.lower())
    if not tokens:
        return True  # the marks stand alone ("!!"): keep one
    if tokens[0] in ("what", "how") and not sentence.rstrip().endswith("?"):
        return True
    return any(t in words for t in tokens)


@dataclass(frozen=True)
class OrdinaryCase(Options):
    acronyms: WordList = option((), "words that keep their capitals (VPN, SLA)")
    description: str = option("Use ordinary case and one punctuation mark.", "what the rewrite says it does")
    exclamation_words: WordList = option((), "words that make a sentence an exclamation ('Thanks so much!!'):"
                                             " its '!!' becomes '!', not '.'")


@register_rewriter("ordinary_case", needs="tokens", options=OrdinaryCase)
def ordinary_case(span, ctx, options: OrdinaryCase):
    """'do NOT restart' → 'do not restart'; 'IMPORTANT REMINDER:' → 'Important reminder:';
    'inbox!!' → 'inbox.'; 'open??' → 'open?'. Acronyms keep their capitals."""
    description = options.description
    text = span.text
    if text and set(text) <= set("!?"):
        mark = "?" if "?" in text else "!" if _exclamation(span, set(options.exclamation_words)) else "."
        yield Draft(span.start_char, span.end_char, mark, "safe", False, description)
        return
    bounds = _stretch(span)
    if bounds is None:
        return
    doc = span.doc
    acronyms = {a.upper() for a in options.acronyms}
    stretch = doc[bounds[0]:bounds[1] + 1]
    chars = list(stretch.text)
    for token in stretch:
        if not token.is_space and _lowers(token, acronyms):
            at = token.idx - stretch.start_char
            lowered = token.text.lower()
            if token.i == stretch.start and starts_sentence(token, use_parse=False):
                lowered = lowered[:1].upper() + lowered[1:]
            chars[at:at + len(token.text)] = lowered
    rewrite = "".join(chars)
    if rewrite != stretch.text:
        yield Draft(stretch.start_char, stretch.end_char, rewrite, "safe", False, description)
