"""Small grammar repairs every rewriter needs: keeping sentence-initial capitals, finding a
sentence's bounds, and cutting words out of a sentence so that the spacing, commas and capital
letter around the cut still read naturally. (Inflecting a verb is lexicon.inflection.)"""
from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from ..checks.syntax import ADDRESS_WORDS
from ..extend import Draft
from ..lexicon import dictionary_lemmas

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
        sent = token.sent  # a walk to the sentence's edges each time it is read
        return sent.start, sent.end
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
    """Character span of the words of `token`'s sentence (a line break ends a sentence) that a
    rewrite of the sentence may replace: leaving out leading spaces, the closing punctuation,
    an opening address ("Hi Sam,", "Hello team —", "@sam_k") and emoji at either edge
    (":wave:", "👋", ":)"), which are the agent's and stay as written."""
    doc = token.doc
    first = opening_end(doc, line_sentence_start(token), token.i)
    words = [t for t in doc[first:line_sentence_end(token)] if not t.is_space]
    if not words:
        return token.idx, token.idx
    end = len(words)
    while end > 1 and (words[end - 1].is_punct and words[end - 1].text[:1] in CLOSING_MARKS | {'"', "”", ")"}
                       and not is_emoji(words[end - 1]) or words[end - 1].i > token.i and in_emoji(words[end - 1])):
        end -= 1
    return words[0].idx, words[end - 1].idx + len(words[end - 1].text)


# Emoji as agents write them: Slack/GitHub short codes (":wave:", ":+1:", ":skin-tone-2:"),
# emoticons (":)", ";-)", ":P", "<3") and pictographs with their joiners, variation selectors,
# skin tones, keycaps and flag letters ("👍🏽", "👨‍👩‍👧", "1️⃣", "🇬🇧").
_PICTOGRAPH = "\u203c\u2049\u2122\u2139\u2194-\u2199\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf" \
              "\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
_JOINERS = "\u200d\ufe0e\ufe0f\u20e3\U000e0020-\U000e007f"
EMOJI = re.compile(
    r"(?<![\w:]):(?=[a-z0-9_+\-]*[a-z+]|-1:)[a-z0-9_+\-]{1,40}:(?::skin-tone-\d:)?(?!\w)"
    r"|(?<![\w<>])(?:[:;=][-'^o]?[()\[\]DPpOo3/\\|*@$]|[:;]'\(|<3+|\^_*\^|¯\\_\(ツ\)_/¯)(?![\w])"
    r"|[0-9#*]?[" + _PICTOGRAPH + "][" + _PICTOGRAPH + _JOINERS + "]*|[0-9#*]\ufe0f?\u20e3",
    re.IGNORECASE)
_CLUSTER_INSIDE = re.compile("[" + _JOINERS + "\U0001f3fb-\U0001f3ff]")
_EMOJI_WINDOW = 64


def emoji_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each emoji in text[start:end], read with enough text either side that an
    emoji cut by the window's edges is still found whole."""
    end = len(text) if end is None else end
    lo, hi = max(0, start - _EMOJI_WINDOW), min(len(text), end + _EMOJI_WINDOW)
    return [(lo + m.start(), lo + m.end()) for m in EMOJI.finditer(text[lo:hi])
            if lo + m.end() > start and lo + m.start() < end]


def splits_emoji(text: str, at: int) -> bool:
    """Does a cut at text offset `at` fall inside an emoji (a short code's letters, an
    emoticon, a pictograph and its joiner or skin tone)?"""
    if 0 < at < len(text) and (_CLUSTER_INSIDE.match(text, at) or text[at - 1] == "\u200d"):
        return True
    return any(s < at < e for s, e in emoji_spans(text, at, at))


_TEXTS: list = []  # (weak reference to a Doc, its text) for the last few Docs asked about, newest last


def doc_text(doc) -> str:
    """doc.text, which spaCy joins from every token on each call: the emoji tests below are asked
    about many tokens of one Doc in a row, and joining it each time made rewriting quadratic.
    The Docs are held weakly, so remembering a text never keeps a linted window's Docs alive."""
    for known, text in reversed(_TEXTS):
        if known() is doc:
            return text
    text = doc.text
    _TEXTS.append((weakref.ref(doc), text))
    del _TEXTS[:-4]
    return text


def is_emoji(token) -> bool:
    """The token starts an emoji (for a short code, its opening colon)."""
    return any(s == token.idx for s, _ in emoji_spans(doc_text(token.doc), token.idx, token.idx + 1))


def in_emoji(token) -> bool:
    """The token is (part of) an emoji: ':', 'wave' and ':' of ':wave:', or '🙂'."""
    return any(s <= token.idx and token.idx + len(token.text) <= e
               for s, e in emoji_spans(doc_text(token.doc), token.idx, token.idx + len(token.text)))


def emoji_end(doc, i: int) -> int:
    """Index of the first token after the emoji that starts at doc[i] (i itself when none does)."""
    spans = [e for s, e in emoji_spans(doc_text(doc), doc[i].idx, doc[i].idx + 1) if s == doc[i].idx]
    if not spans:
        return i
    j = i + 1
    while j < len(doc) and doc[j].idx < spans[0]:
        j += 1
    return j


_ADDRESS_ENDS = {",", "-", "–", "—", ":", "~"}
_BARE_GREETINGS = {"hey", "hi", "hello", "yo", "oi", "heya", "hiya", "howdy"}
_TITLES = {"Mr", "Mrs", "Ms", "Mx", "Dr"}
_ADDRESS_LONGEST = 6


def opening_end(doc, first: int, limit: int) -> int:
    """Index of the first token of what a sentence starting at doc[first] says, past an opening
    that greets or names the reader and stays: an address ended by a comma, dash or colon ("Hi
    Sam,", "Hello team —", "Dear customer:"), @handles, a bare greeting ("hey we'll ...") and
    emoji (":wave:", "👋"). Never past `limit`, the word a rewrite is about."""
    i = first
    while i < limit:
        token = doc[i]
        if token.is_space:
            i += 1
            continue
        after = emoji_end(doc, i)
        if after > i:
            i = after
            continue
        if token.text.startswith("@") and len(token.text) > 1 or token.text in _ADDRESS_ENDS and i > first:
            i += 1  # a handle, or the comma after a handle or greeting ("Hey @sam_k, …")
            continue
        k = i
        while k < limit and not (doc[k].is_space or doc[k].text in _ADDRESS_ENDS or is_emoji(doc[k])
                                 or doc[k].text.startswith("@")):
            k += 1
        if k < limit and k - i <= _ADDRESS_LONGEST and (_is_address(doc[i:k], i == first) or (
                token.lower_ in _BARE_GREETINGS | {"dear"} and all(_names_reader(t) for t in doc[i + 1:k]))):
            i = k + (1 if doc[k].text in _ADDRESS_ENDS and not is_emoji(doc[k]) else 0)
            continue
        if token.lower_ in _BARE_GREETINGS:  # "hey we'll …", "hi sam i …": no comma after it
            i += 1
            names = 0
            while i < limit and names < 3 and _names_reader(doc[i]):
                i, names = i + 1, names + 1
            continue
        break
    return min(i, limit)


# Words that open a turn but address no one: alone they are the sentence's own ("Okay, calm
# down" is replaced whole); with a name they are part of the address ("Okay Sam, …").
DISCOURSE_MARKERS = {"ok", "okay", "alright", "right", "listen", "look", "well", "so", "now"}


def _is_address(tokens, at_start: bool) -> bool:
    """Greeting words, names (a capital) and titles, and nothing else: 'Hi Sam', 'Hello team',
    'Dear Ms. Ortiz'; not discourse markers alone ('Okay,', 'Look,')."""
    words = [t for t in tokens if not (t.is_punct and t.text in (".", ","))]
    if all(t.lower_ in DISCOURSE_MARKERS for t in words):
        return False
    return bool(words) and all(t.lower_ in ADDRESS_WORDS or t.text.rstrip(".") in _TITLES
                               or _is_name(t, at_start and t.i == words[0].i) for t in words)


# Reactions that open a sentence with a capital and no dictionary entry: no names ("Oh, no, …").
INTERJECTIONS = {"oh", "ohh", "ah", "ahh", "aw", "aww", "um", "umm", "uh", "er", "erm", "hmm", "hm", "wow", "whoa",
                 "woah", "ugh", "oops", "whoops", "yikes", "yay", "phew", "eek", "gosh", "geez", "jeez", "meh", "ooh"}


def _names_reader(token) -> bool:
    """After a greeting word, a word that names the reader: 'there', 'team', 'folks', or a
    word no dictionary knows ('sam', 'Priya'); never 'I' or an English word ('please')."""
    if token.lower_ in ADDRESS_WORDS:
        return True
    return token.is_alpha and token.lower_ != "i" and token.lower_ not in INTERJECTIONS and \
        not (token.lower_ in STOP_WORDS or dictionary_lemmas(token.lower_))


def case_after(new: str, text: str, start: int, old: str) -> str:
    """`new`, written at text[start:] in place of `old`, with the first letter's case its place
    asks for: lower after an address's comma or dash ("Hi Sam, here's …"), else the case of
    `old` ("I can't …" → "Here's …", chat's "i can't …" → "here's …")."""
    before = text[:start].rstrip(" \t")
    if before[-1:] in (",", "—", "–", "-", ";") and not new.startswith(("I ", "I'", "I’")):
        return new[:1].lower() + new[1:]
    return like_case(new, old)


def _is_name(token, first_word: bool) -> bool:
    """A capitalised word read as a name; the first word of a sentence has its capital anyway,
    so there it must not be an English word ('Sorry, ...' is no name). 'I' is no name."""
    if not (token.is_alpha and token.is_title) or token.text == "I" or token.lower_ in INTERJECTIONS \
            or token.pos_ == "INTJ":
        return False
    return not first_word or not (token.lower_ in STOP_WORDS or dictionary_lemmas(token.lower_))


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
    opening = opening_end(doc, first, start)  # "Hi Sam, yikes, …": the address is no part of the clause
    left = _words(doc[opening:start])
    right = _words(doc[end:last])
    if not left and not right:
        if not may_remove_sentence or opening > first:  # "Hi Sam, oh no!" would leave "Hi Sam,"
            return None  # "You agreed to the terms.": the cut would empty the sentence
        tokens = [t for t in doc[first:last] if not t.is_space]
        return Draft(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "", safety, False, description)
    if not any(t.pos_ in ("VERB", "AUX") for t in left + right):
        return None  # what would be left ("With respect.") is not a sentence
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if not left:
        # emoji right after words that open the sentence go with them ("Yikes :grimacing: the
        # export…" → "The export…"): they belong to the reaction, and a capital must not land
        # inside a short code
        j = end
        while j < last and (doc[j].is_space or emoji_end(doc, j) > j):
            j = j + 1 if doc[j].is_space else emoji_end(doc, j)
            if not doc[j - 1].is_space:
                e = doc[j - 1].idx + len(doc[j - 1].text)
        # after an opening, the next word takes the cut word's case ("@sam_k obviously you…" →
        # "@sam_k you…"), and none after the address's comma ("Hi Sam, yikes, the…" → "Hi Sam, the…")
        capital = opening == first or doc[start].text[:1].isupper() and \
            doc.text[:s].rstrip()[-1:] not in (",", "—", "–", "-", ";")
        return Draft(*_opening_cut(doc.text, s, e), "", safety, False, description, capitalize_next=capital)
    return Draft(*_inner_cut(doc.text, s, e), "", safety, False, description)


def _words(tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space or in_emoji(t))]


def _strands_its_head(doc: Doc, start: int, end: int) -> bool:
    """'It's super easy, …': the words complete the verb before them; a cut would strand it."""
    root = doc[start:end].root
    return root.dep_ in CORE_ARGUMENTS and not start <= root.head.i < end and root.head.i < start


def _opening_cut(text: str, s: int, e: int) -> tuple[int, int]:
    """The cut of text[s:e] opening its sentence: a comma, colon or dash after it goes too."""
    follows = text[e:].lstrip()
    at = len(text) - len(follows)
    if follows[:1] in (",", ";", ":", "-", "–", "—") and not any(a == at for a, _ in emoji_spans(text, at, at + 1)):
        e = at + 1
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
