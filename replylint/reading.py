"""The reply as the tagger and parser read it: the same tokens, in the register the model knows.

spaCy's small English model learnt edited, mixed-case prose. Agents also write "PLEASE CALM
DOWN", "@sam_k relax", "u shouldve kept it", "Relax {{name}}, it is fine.", and the model then
tags capitals as proper nouns, a handle as the subject of the imperative, "u" as a noun. The
rules are written for the standard forms, so a segment the engine parses is first given a
*reading* (`plan`): one word per token, or the token left out, in which

- ordinary English words in capitals are in ordinary case (a sentence's first word keeps its
  capital); acronyms (VPN, SLA: not dictionary words), codes, and a word in capitals right after
  "click", "press", "type", "says" (a label the customer sees: "click SAVE") stay as written;
- contraction pieces typed without their apostrophe ("do|nt", "I|m", "should|ve") get it, a
  lone "i" is "I", and chat spellings ("u", "ur", "r", "sry", "b4", "pls", "rn") are the words
  they stand for;
- an opening address ("@sam_k", "Hi Sam,", "Ma'am,") and a template field used as a vocative
  ("Relax {{name}}, it is fine") are left out;
- every sentence starts with a capital (chat written all in lower case).

The reading is parsed, and its parse is carried back token by token onto the tokens as written
(`Reading.transfer`): the rules see the words as the agent typed them (the shouting rule its
capitals, every offset unchanged) with the tags, lemmas and dependencies of the reading. A left
out word hangs from its sentence's root as a vocative (npadvmod), an interjection or punctuation.
A segment that needs none of this is parsed as it is, at no cost beyond one look at its words.

`normalize(doc)` runs at tokenization: it sets NORM on chat spellings and apostrophe-less
pieces ("u" → "you", "I|m" → "am"), so the word triggers and the NORM patterns of the rules
match them as the standard forms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .lexicon import dictionary_lemmas

# Chat spellings and the word each stands for (as the parser reads it, and as its NORM).
TEXT_SPEAK = {
    "u": "you", "ya": "you", "ur": "your", "r": "are",
    "urself": "yourself", "urselves": "yourselves", "sry": "sorry", "srry": "sorry", "soz": "sorry",
    "b4": "before", "pls": "please", "plz": "please", "pleeease": "please", "thx": "thanks", "thnx": "thanks",
    "rn": "now", "ngl": "honestly", "tbh": "honestly", "cuz": "because", "coz": "because", "bc": "because",
    "ppl": "people", "msg": "message", "abt": "about", "prob": "probably", "def": "definitely",
}
# NORM is what the rules match on: only where the chat form is unambiguous in a reply.
TEXT_SPEAK_NORM = {k: v for k, v in TEXT_SPEAK.items() if k in ("u", "ur", "r", "sry", "srry", "soz", "b4")}
# Words after which "ur" is "you're", though a noun reading exists ("ur being silly").
_YOURE_NEXT = frozenset(("being", "going", "gonna", "not", "so", "just", "really", "clearly", "obviously",
                         "literally", "totally", "actually", "always", "still", "probably", "the", "a", "an",
                         "welcome", "right", "wrong", "sure", "all", "too", "very", "overreacting"))
# The chat spellings a rule's LOWER word also admits (rules/compiler.with_chat_spellings).
CHAT_SPELLINGS = {
    "you": ("u",), "your": ("ur",), "are": ("r",), "sorry": ("sry", "srry", "soz"), "please": ("pls", "plz"),
    "thanks": ("thx", "thnx"), "before": ("b4",), "because": ("cuz", "coz"),
}
# Words after which a lone "r" or "u" is a letter, a key or a name, not a word.
_LETTER_CONTEXT = frozenset(("press", "hit", "type", "key", "letter", "option", "button", "the", "a", "an",
                             "ctrl", "cmd", "alt", "shift", "+", "-", "/", "and"))

# Contraction pieces the tokenizer splits off an apostrophe-less word ("dont", "Im", "shouldve").
PIECES = {"m": "'m", "re": "'re", "ve": "'ve", "ll": "'ll", "s": "'s", "nt": "n't", "d": "'d"}
PIECE_NORMS = {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'s": "'s", "n't": "not", "'d": "'d"}

# Words right before a capitalised word that make it a label the customer sees or types.
LABEL_INTRODUCERS = frozenset((
    "click", "clicking", "clicked", "press", "pressing", "tap", "tapping", "type", "typing", "hit", "select",
    "choose", "enter", "pick", "say", "says", "said", "saying", "read", "reads", "show", "shows", "showing",
    "labelled", "labeled", "marked", "called", "named", "titled", "button", "option", "key", "status", "tag",
    "field", "menu", "tab", "word", "reply", "text", "write", "of", "to", "=", "the",
))
_FUNCTION_WORDS = frozenset(("of", "to", "=", "the", "say", "said", "read", "write", "word", "text", "reply"))
# Dictionary words that, alone in capitals, are far more often an acronym or a code.
ACRONYMS = frozenset(("OK", "IT", "US", "ID", "PIN", "SIM", "RAM", "MAC", "POP", "SWIFT", "LED", "AM", "PM",
                      "CD", "PR", "DM", "IDE", "CAN", "NET", "APP", "ASAP", "FAQ", "ETA", "SOS", "WAN", "LAN",
                      "MOD", "ADMIN", "SAVE", "CANCEL", "SUBMIT", "DELETE", "ENTER", "YES", "NEXT", "BACK"))
# Short words that read as shouting alone in capitals ("do NOT", "call me NOW").
SHORT_SHOUTED = frozenset(("no", "not", "now", "all", "you", "do", "so", "me", "my", "we", "is", "am", "be",
                           "any", "why", "and", "but", "too", "own", "get", "are", "was", "has", "had",
                           # closed-class words, which are not acronyms: "you forgot your scarf AT the counter"
                           "at", "on", "in", "to", "of", "for", "by", "the", "its", "way", "off", "out", "our", "his",
                           "her", "who", "how", "did", "can", "yes", "one", "two", "few", "let", "see"))

GREETINGS = frozenset(("hi", "hello", "hey", "heya", "hiya", "yo", "dear", "greetings", "howdy", "hallo"))
TIMES_OF_DAY = frozenset(("morning", "afternoon", "evening"))
ADDRESS_WORDS = frozenset(("there", "all", "everyone", "folks", "guys", "team", "friend", "buddy", "mate", "bro",
                           "dude", "sir", "madam", "ma'am", "ma’am", "maam", "mam", "y'all", "you", "both"))
# Words that open a sentence as an address when a comma follows ("Sir, ...", "Folks, ...").
VOCATIVES = frozenset(("sir", "madam", "ma'am", "ma’am", "maam", "mam", "folks", "guys", "everyone", "mate",
                       "bro", "dude", "buddy", "friend", "team"))
TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "mx", "prof", "."))
SEPARATORS = frozenset((",", ":", "-", "—", "–", "!"))
SENTENCE_ENDS = frozenset((".", "!", "?", "…", "!!", "??", "?!"))
# Before a template field these make it an argument ("before {{deadline}}"), not a vocative.
_ARGUMENT_BEFORE = frozenset((
    "to", "for", "with", "before", "after", "by", "from", "at", "on", "in", "of", "about", "the", "a", "an",
    "your", "our", "my", "his", "her", "their", "its", "and", "or", "&", "than", "as", "via", "per", "until",
    "till", "since", "into", "onto", "upon", "like", "between", "over", "under", "is", "was", "are", "were",
    "be", "been", "called", "named", "dear", "hi", "hello", "hey", "thanks", "thank", "#", "number", "no",
))

_LETTERS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_PIECE_UPPER = re.compile(r"^(?:N['’]?T|['’](?:M|RE|VE|LL|S|D))$")
# A token made only of emoji (pictographs, their skin tones, joiners and variation selectors). The
# model reads "calm down 😀" as calming the emoji down; left out, it reads "calm down".
_EMOJI_CHARS = "\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\u200d\ufe0f"
EMOJI = re.compile(f"[{_EMOJI_CHARS}]+")
# Whether a text can hold anything a reading changes: capitals, a handle, a greeting, a lone
# "i", a chat spelling, an apostrophe-less contraction, a comma after a capitalised word, a
# sentence that starts in lower case. Most
# sentences have one of these; the test only spares the walk over the tokens of those that don't.
_MAYBE = re.compile(
    r"[A-Z]{2}|@\w|^\s*[a-z]|[.!?]\s+[a-z]|, [A-Z][a-z’']+[.!?]"
    r"|\b(?:mate|bro|dude|buddy|pal|hun|fam|sir|madam|guys|folks)\b"
    r"|(?i:\b(?:hi|hey|hello|heya|hiya|yo|dear|greetings|howdy|good)\b)|\b[A-Z][a-z’']+ ?,"
    r"|\b(?:i|u|ya|ur|r|sry|srry|soz|b4|pls|plz|pleeease|thx|thnx|rn|ngl|tbh|cuz|coz|bc|ppl|msg|abt|prob|def)\b"
    r"|(?:do|does|did|ca|wo|is|are|was|were|have|has|had|should|could|would|must|need)nt\b"
    r"|(?:you|they|we)re\b|(?:should|could|would|must|might)ve\b|\b[Ii]m\b|\b(?:that|what|there)s\b"
    f"|[{_EMOJI_CHARS}]")
# What `normalize` changes the NORM of, on every reply's tokens: kept narrow.
_MAYBE_NORM = re.compile(
    r"\b(?:u|ur|Ur|r|sry|srry|soz|b4)\b|(?:should|could|would|must|might)ve\b|\b[Ii]m\b"
    r"|\b(?:that|what|there|here|who|where|how)s\b"
    f"|[{_EMOJI_CHARS}]")


def _english(lower: str) -> bool:
    return lower in STOP_WORDS or bool(dictionary_lemmas(lower))


@dataclass
class Reading:
    """The words the parser reads for a Doc's tokens: `words[k]` stands for token `kept[k]`;
    `dropped` maps a left-out token to the part it plays ("name", "intj", "punct", or "alone":
    emoji opening a sentence, which become a sentence of their own)."""

    words: list[str]
    spaces: list[bool]
    norms: list[str]
    kept: list[int]
    dropped: dict[int, str]

    def doc(self, vocab) -> Doc:
        doc = Doc(vocab, words=self.words, spaces=self.spaces)
        strings = vocab.strings
        doc.from_array([NORM], numpy.array([[strings.add(n)] for n in self.norms], dtype="uint64"))  # type: ignore[arg-type]
        return doc

    def transfer(self, parsed: Doc, target: Doc) -> None:
        """Carry the reading's tags, lemmas, morphology and dependencies onto `target`, the Doc
        of the tokens as written (the left-out tokens hang from their sentence's root)."""
        n = len(target)
        strings = target.vocab.strings
        heads = [0] * n
        rows = numpy.zeros((n, 6), dtype="uint64")
        parsed_rows = parsed.to_array([TAG, POS, MORPH, LEMMA, DEP])
        for k, i in enumerate(self.kept):
            rows[i, :5] = parsed_rows[k]
            heads[i] = self.kept[parsed[k].head.i]
        labels = {"name": ("NNP", "PROPN", "npadvmod"), "intj": ("UH", "INTJ", "intj"),
                  "punct": (",", "PUNCT", "punct")}
        for i, part in self.dropped.items():
            if part == "alone":  # a sentence of its own: its own head
                heads[i] = i
                rows[i, :5] = [strings.add("NFP"), strings.add("SYM"), 0, strings.add(target[i].text),
                               strings.add("ROOT")]
                continue
            after = next((k for k in range(len(self.kept)) if self.kept[k] > i), len(self.kept) - 1)
            heads[i] = self.kept[parsed[after].sent.root.i]
            tag, pos, dep = labels[part]
            text = target[i].text
            if part == "punct" and text in (":", "-", "—", "–", "!"):
                tag = {":": ":", "-": "HYPH", "!": "."}.get(text, ":")
            lemma = text if part == "name" and not text.startswith("@") else text.lower()
            rows[i, :5] = [strings.add(tag), strings.add(pos), 0, strings.add(lemma), strings.add(dep)]
        rows[:, 5] = numpy.array([h - i for i, h in enumerate(heads)], dtype="int64").astype("uint64")
        attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
        if parsed.has_annotation("ENT_IOB"):
            ents = numpy.zeros((n, 2), dtype="uint64")
            ents[:, 0] = 2  # outside every entity
            ents[self.kept] = parsed.to_array([ENT_IOB, ENT_TYPE])
            rows = numpy.hstack([rows, ents])
            attrs += [ENT_IOB, ENT_TYPE]
        target.from_array(attrs, rows)  # type: ignore[arg-type]


def normalize(doc: Doc, text: str) -> None:
    """Set NORM on chat spellings and apostrophe-less contraction pieces of a tokenized Doc
    (`text` is its text), so triggers and NORM patterns read them as the standard words."""
    if not _MAYBE_NORM.search(text):
        return
    _split_youre(doc)
    tokens = list(doc)
    for i, token in enumerate(tokens):
        if EMOJI.fullmatch(token.text):
            # An emoji marks a sentence as "!" does, and is never a word: a rule's "then a mark"
            # matches "sorry for the frustration 🙏." as it matches "... frustration.".
            token.lex.is_punct = True
            continue
        lower = token.lower_
        if _youre_piece(tokens, i):
            token.norm_ = "you" if lower == "u" else "are"
        elif lower in TEXT_SPEAK_NORM and token.text.islower() and _chat_word(tokens, i):
            token.norm_ = _chat_meaning(tokens, i, TEXT_SPEAK_NORM)
        elif i and lower in ("m", "ve", "s") and not tokens[i - 1].whitespace_ and tokens[i - 1].is_alpha \
                and not (lower == "s" and tokens[i - 1].lower_ not in ("that", "what", "there", "here", "who",
                                                                      "where", "how", "it", "he", "she")):
            token.norm_ = PIECE_NORMS[PIECES[lower]]


def _split_youre(doc: Doc) -> None:
    """Split a chat "ur" that means "you're" ("ur totally out of sync", "Ur ranting") into "u" +
    "r", as the tokenizer splits "youre" into "you" + "re": the parser then reads a subject and
    its verb, which one word cannot give it. Before a noun "ur" is "your" and stays whole."""
    tokens = list(doc)
    found = [t for i, t in enumerate(tokens)
             if t.lower_ == "ur" and (t.text.islower() or t.text == "Ur" and t.is_sent_start is not False)
             and i + 1 < len(tokens) and _chat_word(tokens, i)
             and (_youre_follows(tokens[i + 1].lower_) or _predicate_adjective(tokens, i + 1))]
    if not found:
        return
    with doc.retokenize() as retokenizer:
        for token in found:
            retokenizer.split(token, [token.text[0], token.text[1]], heads=[(token, 1), (token, 1)])


def _predicate_adjective(tokens, j: int) -> bool:
    """'ur outdated mate,', 'ur wrong.': an adjective that ends its phrase is said of the reader;
    one before a noun ('ur outdated phone') is the noun's."""
    word = tokens[j].lower_
    if "ADJ" not in dictionary_lemmas(word) and not word.endswith("ed"):
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return nxt is None or nxt.is_punct or nxt.is_space or nxt.lower_ in TRAILING_VOCATIVES or \
        nxt.lower_ in ("and", "but", "so", "rn", "atm", "now", "tbh", "lol", "af", "though", "tho")


def _youre_piece(tokens, i: int) -> bool:
    """Token i is the "u" or the "r" of a split "ur" (the two with no space between)."""
    token = tokens[i]
    if token.lower_ == "u":
        return i + 1 < len(tokens) and not token.whitespace_ and tokens[i + 1].lower_ == "r"
    return token.lower_ == "r" and i > 0 and not tokens[i - 1].whitespace_ and tokens[i - 1].lower_ == "u"


def _chat_word(tokens, i: int) -> bool:
    """A lone "u" / "r" / "ur" is a word of chat, not a letter, a key or a name."""
    token = tokens[i]
    if token.lower_ not in ("u", "r", "ur"):
        return True
    before = tokens[i - 1] if i else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if before is not None and (not before.whitespace_ or before.lower_ in _LETTER_CONTEXT):
        return False
    if after is None or not token.whitespace_ or not after.is_alpha:
        return token.lower_ == "u" and after is not None and after.text in (",", "!", "?")
    return True


def _chat_meaning(tokens, i: int, table: dict) -> str:
    """The word a chat spelling stands for here. "ur" is "your" before a noun ("ur order", "ur
    new phone") and "you're" before a verb in -ing or an adverb ("ur clearly flipping out"); a
    reading has one word per token, so "you're" reads as "you", which the parser still takes as
    the subject of the verb that follows."""
    lower = tokens[i].lower_
    if lower == "ur" and i + 1 < len(tokens) and _youre_follows(tokens[i + 1].lower_):
        return "you"
    return table[lower]


def _youre_follows(word: str) -> bool:
    if word in _YOURE_NEXT:
        return True
    readings = dictionary_lemmas(word)
    if word.endswith("ing") and ("VERB" in readings or len(word) >= 6 and not readings.keys() & {"NOUN", "ADJ"}):
        # "ur ranting", "ur lagging", "ur glitching" (a verb the dictionary lacks): a gerund noun
        # reading ("ur ranting a bit") is rarer; "ur morning", "ur wedding" are nouns
        return True
    return bool(readings) and not readings.keys() & {"NOUN", "ADJ", "PROPN", "NUM"}


def plan(doc: Doc, placeholders: frozenset = frozenset()) -> Reading | None:
    """The reading of `doc` (tokens only are read), or None when it reads as it is written.
    `placeholders`: indices of tokens that stand in for a template field."""
    text = doc.text
    if not placeholders and not _MAYBE.search(text):
        return None
    tokens = list(doc)
    n = len(tokens)
    words = [t.text for t in tokens]
    new = list(words)
    dropped: dict[int, str] = {}
    starts = _sentence_starts(tokens)
    for s in starts:
        _drop_address(tokens, s, dropped)
    for i in placeholders:
        if i not in dropped and i not in starts and _vocative_field(tokens, i):
            dropped[i] = "name"
    _unshout(tokens, new, dropped)
    for i, token in enumerate(tokens):
        if i not in dropped and EMOJI.fullmatch(token.text):
            # Emoji that open a sentence stand alone, so the sentence begins at its first word.
            dropped[i] = "alone" if i in starts or (i - 1 in dropped and dropped[i - 1] == "alone") else "intj"
    # Where each sentence's own words begin, past a left-out greeting or handle.
    openings = {next((k for k in range(s, n) if k not in dropped and not tokens[k].is_space), s) for s in starts}
    for i, token in enumerate(tokens):
        if i in dropped or i in openings:
            continue
        if token.lower_ in TRAILING_VOCATIVES:
            if _trailing_vocative(tokens, i):
                dropped[i] = "name"
            continue
        if _is_name(token) or token.lower_.rstrip(".") in _TITLE_WORDS and token.is_title:
            for k in _vocative_name(tokens, i, openings):
                dropped.setdefault(k, "punct" if tokens[k].is_punct else "name")
    for i, token in enumerate(tokens):
        if i in dropped or token.is_space:
            continue
        lower = new[i].lower()
        if i and lower in PIECES and not tokens[i - 1].whitespace_ and tokens[i - 1].is_alpha \
                and not (lower in ("s", "d") and tokens[i - 1].lower_ not in ("that", "what", "there", "here", "who",
                                                                                "where", "how", "it", "he", "she",
                                                                                "you", "we", "they")) \
                and not (lower == "d" and tokens[i - 1].text in ("i", "We")):  # "id", "Wed"
            new[i] = PIECES[lower]
        elif new[i] == "i" and (i + 1 >= n or tokens[i + 1].text not in (")", ".", ":")) \
                and not (i + 1 < n and not token.whitespace_ and tokens[i + 1].lower_ == "d"):
            new[i] = "I"
        elif _youre_piece(tokens, i):
            new[i] = ("You" if token.text[0].isupper() else "you") if lower == "u" else "are"
        elif lower in TEXT_SPEAK and new[i].islower() and _chat_word(tokens, i) and \
                (lower != "ya" or (i and tokens[i - 1].lower_ in ("see", "thank", "love", "got", "get", "tell",
                                                                  "help", "hear", "bless", "let"))):
            new[i] = _chat_meaning(tokens, i, TEXT_SPEAK)
    _capitalize_after_address(tokens, new, dropped, starts)
    if new == words and not dropped:
        return None
    kept = [i for i in range(n) if i not in dropped]
    if not kept or all(tokens[i].is_space or tokens[i].is_punct for i in kept):
        return None
    norms = [tokens[i].norm_ if new[i] == words[i] else PIECE_NORMS.get(new[i].lower().replace("’", "'"),
                                                                        new[i].lower()) for i in kept]
    # A kept word's space is the one before the next kept word: "Calm down {{name}}, we" reads
    # "Calm down, we".
    spaces = [bool(tokens[(nxt if nxt is not None else i + 1) - 1].whitespace_)
              for i, nxt in zip(kept, kept[1:] + [None])]
    return Reading([new[i] for i in kept], spaces, norms, kept, dropped)


def _sentence_starts(tokens) -> set[int]:
    """First words of sentences and lines, as the words alone show them."""
    starts = set()
    fresh = True
    for i, token in enumerate(tokens):
        if token.is_space:
            if "\n" in token.text:
                fresh = True
            continue
        if fresh:
            starts.add(i)
        fresh = token.text in SENTENCE_ENDS or "\n" in token.whitespace_
    return starts


def _same_line_word_after(tokens, j: int) -> bool:
    """A word follows at j on the same line (the address opens a sentence, not a line of its own)."""
    while j < len(tokens) and tokens[j].is_space and "\n" not in tokens[j].text:
        j += 1
    return j < len(tokens) and not tokens[j].is_space and not tokens[j].is_punct and "\n" not in tokens[j - 1].whitespace_


def _is_handle(token) -> bool:
    return token.text.startswith("@") and len(token.text) > 1


def _is_name(token) -> bool:
    return token.is_alpha and token.is_title and not _english(token.lower_)


def _drop_address(tokens, s: int, dropped: dict) -> None:
    """Leave out an address that opens the sentence at s: handles, a greeting with names and a
    separator, or a vocative word or name with a comma."""
    n = len(tokens)
    first = tokens[s]
    j = s
    if _is_handle(first):
        while j < n and (_is_handle(tokens[j]) or (j > s and tokens[j].text in SEPARATORS)):
            j += 1
    elif first.lower_ in GREETINGS or (first.lower_ == "good" and s + 1 < n and tokens[s + 1].lower_ in TIMES_OF_DAY):
        j = s + (2 if first.lower_ == "good" else 1)
        names = 0
        while j < n and names < 4 and (_is_handle(tokens[j]) or tokens[j].lower_ in ADDRESS_WORDS | TITLES
                                       or (tokens[j].is_alpha and tokens[j].is_title) or tokens[j].text == "Sam"):
            j += 1
            names += 1
        if j < n and tokens[j].text in SEPARATORS:
            j += 1
        elif not (names == 0 and j < n and tokens[j].is_lower and tokens[j].is_alpha):
            return  # "Hi Sam thanks for ..." without a comma: too unsure where the address ends
    elif (first.lower_ in VOCATIVES or _is_name(first)) and s + 1 < n and tokens[s + 1].text == ",":
        j = s + 2
    else:
        return
    if j == s or not _same_line_word_after(tokens, j):
        return
    for i in range(s, j):
        token = tokens[i]
        dropped[i] = ("punct" if token.is_punct and not _is_handle(token) else
                      "intj" if token.lower_ in GREETINGS | TIMES_OF_DAY | {"good"} else "name")


def _vocative_name(tokens, i: int, starts: set) -> tuple[int, ...]:
    """The tokens of a name used as an address inside a sentence, to leave out: "Calm down Sam,
    we're on it", "Relax, Priya, it's fine", "Please relax, Priya." (the name and the comma
    before it). A name after a preposition, a determiner or a verb of naming is an argument
    ("ask Priya, she knows"), and a name in a list of names is not an address."""
    n = len(tokens)
    before = tokens[i - 1]
    if not before.whitespace_ and before.text != ",":
        return ()
    last = i
    if tokens[i].lower_.rstrip(".") in _TITLE_WORDS:  # "Mrs Patel", "Dr. Okafor"
        last = i + 1 if i + 1 < n and tokens[i + 1].text == "." else i
        if last + 1 >= n or not tokens[last + 1].is_title or _english(tokens[last + 1].lower_):
            return ()
        last += 1
    after = tokens[last + 1].text if last + 1 < n else ""
    if after not in (",", ".", "!", "?"):
        return ()
    name = tuple(range(i, last + 1))
    if before.is_alpha and before.lower_ not in _ARGUMENT_BEFORE and before.lower_ not in _NAMING_VERBS \
            and after == "," and i - 1 in starts | _starts_after(tokens, starts):
        return name  # "Calm down Sam," / "Relax Sam,": straight after the sentence's opening words
    if before.text == "," and i >= 2 and tokens[i - 2].is_alpha and not _is_name(tokens[i - 2]):
        if after == ",":
            # "Relax, Sam, it's fine"; "That's shocking, Mrs Patel, and ...": a title makes it an address anywhere
            if i - 2 in starts or last > i:
                return name + (last + 1,)
        elif after in (".", "!", "?"):
            return (i - 1,) + name  # "Please relax, Sam."
    return ()


_TITLE_WORDS = TITLES - {"."}  # the honorifics, without the abbreviation's full stop
# Words of address that can close a clause: "you're outdated mate, ...", "relax bro."
TRAILING_VOCATIVES = frozenset(("mate", "bro", "dude", "buddy", "pal", "hun", "fam", "sir", "madam", "maam",
                                "ma'am", "ma’am", "guys", "folks", "bruh", "lol", "lmao"))


def _trailing_vocative(tokens, i: int) -> bool:
    """'you're outdated mate, update ...', 'relax bro.': a word of address before a comma or the
    end of the sentence, not an argument ('my mate', 'ask your mate')."""
    before = tokens[i - 1]
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if not before.is_alpha or before.lower_ in _ARGUMENT_BEFORE or before.lower_ in _NAMING_VERBS:
        return False
    if before.lower_ in ("lol", "lmao") or tokens[i].lower_ in ("lol", "lmao") and not before.whitespace_:
        return False
    return after is None or after.text in (",", ".", "!", "?", "…") or after.is_space or "\n" in tokens[i].whitespace_


def _starts_after(tokens, starts: set) -> set:
    """The second word of each sentence (a two-word opening like "Calm down", "Chill out")."""
    return {s + 1 for s in starts if s + 1 < len(tokens) and tokens[s].is_alpha}


_NAMING_VERBS = frozenset(("ask", "tell", "call", "contact", "email", "message", "ping", "meet", "see", "thank", "cc"))


def _vocative_field(tokens, i: int) -> bool:
    """A template field between a word and a comma or a sentence end, not after a preposition,
    a determiner or a verb of naming: "Relax {{name}}, ...", "Calm down [Customer Name]."."""
    if i == 0 or i + 1 >= len(tokens) or tokens[i + 1].text not in (",", ".", "!", "?"):
        return False
    before = tokens[i - 1]
    return before.is_alpha and before.lower_ not in _ARGUMENT_BEFORE


def _shoutable(token) -> bool:
    text = token.text
    if _PIECE_UPPER.match(text):
        return True
    letters = text.replace("'", "").replace("’", "")
    return len(letters) >= 1 and letters.isalpha() and letters.isupper() and \
        (len(letters) >= 2 or text in ("I", "A")) and bool(_LETTERS.fullmatch(text))


def _unshout(tokens, new: list, dropped: dict) -> None:
    """Ordinary English words in capitals read in ordinary case: every dictionary word of a run
    of two or more, and a lone one unless it is a label, an acronym or a code."""
    n = len(tokens)
    i = 0
    while i < n:
        if not _shoutable(tokens[i]) or i in dropped:
            i += 1
            continue
        j = i
        run: list[int] = []
        while j < n and (_shoutable(tokens[j]) or (tokens[j].text in (",", "-") and run and j + 1 < n
                                                   and _shoutable(tokens[j + 1]))):
            if _shoutable(tokens[j]):
                run.append(j)
            j += 1
        english = [k for k in run if _PIECE_UPPER.match(tokens[k].text) or tokens[k].text in ("I", "A")
                   or _english(tokens[k].lower_.replace("’", "'"))]
        words_in_run = [k for k in english if not _PIECE_UPPER.match(tokens[k].text)]
        before = tokens[i - 1] if i else None
        labelled = before is not None and before.lower_ in LABEL_INTRODUCERS - _FUNCTION_WORDS
        if len(words_in_run) >= 2 and not labelled:  # "says NO SIGNAL" is what the screen shows
            for k in english:
                new[k] = _ordinary(tokens[k].text)
        elif len(words_in_run) == 1 and _lone_shouted(tokens, words_in_run[0]):
            for k in english:
                new[k] = _ordinary(tokens[k].text)
        i = j
    return None


def _ordinary(text: str) -> str:
    if text == "I" or text.startswith(("I'", "I’")):
        return "I" + text[1:].lower()
    return text.lower()


def _lone_shouted(tokens, k: int) -> bool:
    token = tokens[k]
    text = token.text
    core = re.split(r"['’]", text)[0]
    if text in ACRONYMS or core in ACRONYMS or (len(core) <= 3 and core.lower() not in SHORT_SHOUTED):
        return False
    before = tokens[k - 1] if k else None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if before is not None and (before.lower_ in LABEL_INTRODUCERS or not before.whitespace_ and not before.is_space
                               and before.text not in ("(", '"', "“", "'", "‘")):
        return False
    if after is not None and (after.text in (":", "=", "_", "/", ">") or
                              not token.whitespace_ and after.text not in (",", ".", "!", "?", ";", ")", "'", "’")
                              and not _PIECE_UPPER.match(after.text)):
        return False
    return True


def _capitalize_after_address(tokens, new: list, dropped: dict, starts: set) -> None:
    """A sentence's first word, also after a left-out address, starts with a capital in the
    reading ("@sam_k please calm down" reads "Please calm down"; chat written all in lower case
    reads as sentences, which the parser then cuts where the writer meant)."""
    for s in sorted(starts):
        i = s
        while i in dropped or (i < len(tokens) and tokens[i].is_space):
            i += 1
        if i >= len(tokens) or i in dropped:
            continue
        word = new[i]
        if word[:1].islower() and word.isalpha():
            new[i] = word[:1].upper() + word[1:]
