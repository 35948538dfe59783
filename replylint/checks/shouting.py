"""shouting: ALL-CAPS words used for emphasis, and repeated '!!' or '??'.

An all-caps token is emphasis only when it is an ordinary English word (spaCy's stop words, or a
word lemminflect can lemmatize) and is not a known acronym, a code (digits, '_', '*', '-'),
a placeholder or a quoted label. Acronyms such as VPN or SLA are not dictionary words, so they
never count. The same word written as a title after 'of'/'called' is a name, not a raised voice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_UPPER
from spacy.lang.en.stop_words import STOP_WORDS

from ..extend import Options, WordList, option, register_check
from .syntax import dictionary_lemmas

REPEATED_MARKS = re.compile(r"[!?]{2,}")
APOSTROPHE = re.compile(r"['’]")
# What a contraction in capitals is split into after its word: "DO|N'T", "YOU|'RE", "WE|’LL".
CONTRACTION_PIECE = re.compile(r"^(?:N['’]?T|['’](?:M|RE|VE|LL|S|D))$")
# "Contact form > Logging in > I STILL NEED HELP": the capitals are a menu item's label.
MENU_PATH = re.compile(r"(?:>|&gt;|→|»|›)\s*(?:[A-Z']+\s+)*$")
NAME_INTRODUCERS = {"of", "called", "named", "titled", "label", "tag", "status", "button", "option", "key"}
# "type DELETE", "reply STOP", "click SAVE", "if the TV says NO SIGNAL": the capitals are what
# the reader types or sees on screen, written as the screen writes it.
SCREEN_VERBS = {"type", "typed", "typing", "enter", "entering", "click", "clicking", "press", "pressing", "tap",
                "tapping", "select", "choose", "hit", "reply", "replying", "text", "texting", "says", "said",
                "saying", "shows", "showed", "showing", "displays", "displayed", "displaying", "reads", "reading",
                "labelled", "labeled", "marked", "write", "writing", "word", "message", "prompt", "screen"}
# Capitals glued to a code character: "LOG_LEVEL=DEBUG", "--mode=FAST", "/api/STATUS".
CODE_GLUE = set("=_/\\.:$%{<>#@~|+-*&^`")
OPENING_QUOTES = set("'\"‘’“”`«")  # a straightened or mis-curled quote opens with ’ too
CLOSING_QUOTES = set("'\"’”`»")
# Contractions written without their apostrophe ("DONT", "WONT"): still words.
BARE_CONTRACTIONS = frozenset(("dont", "wont", "cant", "didnt", "doesnt", "isnt", "arent", "wasnt", "werent",
                               "shouldnt", "wouldnt", "couldnt", "havent", "hasnt", "hadnt", "aint", "youre",
                               "theyre", "ive", "youve", "thats", "mustnt", "neednt"))


_CALENDAR = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "june", "july", "august", "september", "october",
                       "november", "december", "today", "tomorrow", "tonight"))


def _is_english_word(lower: str) -> bool:
    if lower in _CALENDAR:
        return True  # "due by FRIDAY": a day in capitals is stressed, not an acronym
    return lower in STOP_WORDS or lower in BARE_CONTRACTIONS or bool(dictionary_lemmas(lower))


def _before_capital_nt(token) -> bool:
    """'WON'T', 'CAN'T', 'AIN'T': the first half of a contraction in capitals."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text.replace("’", "'") in ("N'T", "NT") and not token.whitespace_


def _degree_so(token) -> bool:
    """'SO sorry', 'SO glad': 'so' in capitals before an adjective or adverb (not 'SO number',
    a sales order)."""
    doc = token.doc
    if token.text != "SO" or token.i + 1 >= len(doc):
        return False
    nxt = doc[token.i + 1]
    lemmas = dictionary_lemmas(nxt.lower_) if nxt.is_lower and nxt.is_alpha else {}
    return bool(lemmas) and ("ADJ" in lemmas or "ADV" in lemmas) and "NOUN" not in lemmas

# What spaCy leaves of "won't", "can't", "shan't", "ain't" before their "n't".
SPLIT_NEGATIVES = frozenset(("wo", "ca", "sha", "ai"))

# Words of three letters or fewer that read as shouting in capitals; other short capitals are
# far more often abbreviations (IT, ETA, ID) than emphasis.
SHORT_WORDS = frozenset(("not", "now", "all", "any", "you", "yes", "no", "do", "don", "why", "and", "but", "use",
                         "ask", "get", "too", "own", "new"))


def is_shouted_word(token, acronyms: set[str]) -> bool:
    text = token.text.replace("’", "'")
    core = text.split("'")[0]
    if len(core) < 2 or not core.isalpha() or not core.isupper():
        return False
    if core in acronyms or text in acronyms:
        return False
    if _before_capital_nt(token) and (core.lower() + "nt" in BARE_CONTRACTIONS or core.lower() in SPLIT_NEGATIVES):
        return True  # "WON'T" split as "WO|N'T", "CAN'T" as "CA|N'T"
    whole_contraction = "'" in text and text.lower().replace("'", "") in BARE_CONTRACTIONS and text.upper() == text
    if len(core) <= 3 and core.lower() not in SHORT_WORDS and not whole_contraction and not _degree_so(token) \
            and not _before_capital_nt(token):
        return False
    return _is_english_word(core.lower())


def _names_a_title(run, text: str, labels: set[str]) -> bool:
    """'issue of OUCH!', 'the URGENT tag', 'SUBJECT:', 'Settings > I STILL NEED HELP': the
    capitals name a title, a field or a menu item."""
    doc = run[0].doc
    first, last = run[0], run[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    while prev is not None and prev.is_space:
        prev = doc[prev.i - 1] if prev.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if prev is not None and (prev.lower_ in NAME_INTRODUCERS or prev.lower_ in SCREEN_VERBS):
        return True
    before = text[first.idx - 1] if first.idx > 0 else " "
    after = text[last.idx + len(last.text)] if last.idx + len(last.text) < len(text) else " "
    if before in CODE_GLUE or after in ("=", "_", "/", "(", "[", "{"):
        return True  # a code: "LOG_LEVEL=DEBUG", "MODE=FAST"
    if before in OPENING_QUOTES and after in CLOSING_QUOTES:
        return True  # a quoted label: 'URGENT', "FRAGILE"
    if _in_placeholder(text, first.idx, last.idx + len(last.text)):
        return True
    if MENU_PATH.search(text[max(0, first.idx - 60):first.idx]):
        return True
    if len(run) == 1 and first.text in labels and nxt is not None and nxt.text == ":":
        return True
    return nxt is not None and nxt.lower_ in ("tag", "label", "status", "button", "key", "field", "menu", "tab", "mode",
                                               "setting", "settings", "option", "screen", "page", "icon", "switch",
                                               "light", "sign", "position", "toggle", "link")


PLACEHOLDER_OPEN = re.compile(r"(?:\\?\[|\{\{?|<<?|%)[A-Z _\s\\-]*$")
PLACEHOLDER_CLOSE = re.compile(r"^[A-Z _\s\\-]*(?:\\?\]|\}\}?|>>?|%)")


def _in_placeholder(text: str, start: int, end: int) -> bool:
    """'[FIRST NAME]', hard-wrapped ('[FIRST⏎NAME]') or Markdown-escaped ('\\[FIRST NAME\\]'):
    a template placeholder the agent fills in, not a raised voice."""
    return bool(PLACEHOLDER_OPEN.search(text[max(0, start - 40):start])) and \
        bool(PLACEHOLDER_CLOSE.match(text[end:end + 40]))


def _shouted_words(doc, text: str, acronyms: set[str]):
    """Indices of the shouted words. Only tokens that are all capitals (a flag spaCy keeps per
    word) or hold an apostrophe ("DON'T" cut at it) can be: the rest are never looked at."""
    candidates = set(numpy.flatnonzero(doc.to_array(IS_UPPER)).tolist()) if len(doc) else set()
    for match in APOSTROPHE.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            candidates.add(span.start)
    return (i for i in candidates if is_shouted_word(doc[i], acronyms))


def _short_capital(token, acronyms: set[str]) -> bool:
    """A two- or three-letter English word in capitals that is not an acronym ('ON', 'ITS', 'WAY')."""
    core = token.text
    return 2 <= len(core) <= 3 and core.isalpha() and core.isupper() and core not in acronyms \
        and _is_english_word(core.lower())


def _with_short_words(doc, shouted: set, acronyms: set[str]) -> set:
    """Short words shout too inside a run of capitals: 'ON ITS WAY', 'IT IS BROKEN'. Alone
    they are more often an acronym or a code than a raised voice, so a short word counts
    when it joins a shouted word or three of them stand together."""
    short = {i for i in numpy.flatnonzero(doc.to_array(IS_UPPER)).tolist() if _short_capital(doc[i], acronyms)} \
        if len(doc) else set()
    if not short:
        return shouted
    found = set(shouted)
    for i in sorted(short):
        if i + 2 < len(doc) and i + 1 in short and i + 2 in short:
            found |= {i, i + 1, i + 2}
    changed = True
    while changed:
        changed = False
        for i in short - found:
            if i - 1 in found or i + 1 in found:
                found.add(i)
                changed = True
    return found


@dataclass(frozen=True)
class Shouting(Options):
    acronyms: WordList = option((), "words that keep their capitals (VPN, SLA): never shouting")
    labels: WordList = option((), "capital words that name a field when a colon follows ('SUBJECT:')")


@register_check("shouting", needs="tokens", options=Shouting)
def find_shouting(ctx, options: Shouting):
    """Words in capitals for emphasis ('do NOT restart'), and repeated '!!' or '??'."""
    acronyms = {a.upper() for a in options.acronyms}
    labels = {a.upper() for a in options.labels}
    doc = ctx.doc
    text = ctx.text
    shouted = _with_short_words(doc, set(_shouted_words(doc, text, acronyms)), acronyms)
    done = -1
    for first in sorted(shouted):
        if first <= done:
            continue
        last = first  # a run goes on over shouted words and a trailing "N'T"
        while last + 1 < len(doc) and (last + 1 in shouted or CONTRACTION_PIECE.match(doc[last + 1].text)):
            last += 1
        done = last
        if not _names_a_title(doc[first:last + 1], text, labels):
            yield doc[first:last + 1]
    for match in REPEATED_MARKS.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            yield span
