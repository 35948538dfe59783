"""What the whole-reply checks share (no_acknowledgment.py: does a multi-sentence reply
acknowledge the customer; no_next_step.py: does it leave them with a next step?).

Both look only at the agent's own sentences (quoted text and template fields excluded) that
contain a verb, so a greeting line or a signature does not make a one-line reply look long;
both find their cues with the same small pattern language (`cue_pattern`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IS_ALPHA
from spacy.tokens import Span

from ..lexicon import dictionary_lemmas
from ..reading import ADDRESS_WORDS, GREETINGS
from .context import Segment

GREETING = re.compile(r"^\W*(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\W*(?:(?:best|regards|kind regards|warm regards|best regards|cheers|sincerely|all the best|warmly|"
    r"with apologies|take care)\b|(?:thanks|thank you|many thanks)\s*[,!.]?\s*"
    r"(?-i:(?:[A-Z][a-z][\w.-]*|[A-Z]{1,3}\b\.?|[A-Z]\.)\s*){0,3}$)",  # a name ("Karl", "JD"), not "FOR THE REPORT"
    re.IGNORECASE)
# The end of a greeting ("Hi Sam," / "Hello team!"): what follows it on the line is a sentence of
# its own when it has words enough ("Hi Sam, thanks for the report.").
_GREETING_END = re.compile(r"[,!:—–]|\s-\s")
# An email subject line ("Re: your ticket"): a label, not a sentence.
_SUBJECT = re.compile(r"^\W*(?:re|fwd?|subject)\s*:", re.IGNORECASE)
# What opens a heading's line in the source: Markdown "# " or an HTML <h1>.
_HEADING_MARK = re.compile(r"(?:^|\n)[ \t]{0,3}#{1,6}[ \t]+$|<h[1-6][^>]*>\s*$", re.IGNORECASE)


@dataclass
class AgentSentence:
    span: Span        # the sentence: a Span of its segment's Doc
    segment: Segment  # the Segment it is in
    clean: str       # its text with quotations blanked

    @property
    def prose(self) -> str:
        """`clean` with links blanked too: the 'troubleshooting' of a help-centre address is no
        problem word (though 'forum.example.org' still tells a process note)."""
        ctx = self.segment.context
        links = [(max(r.start - ctx.offset, self.span.start_char) - self.span.start_char,
                  min(r.end - ctx.offset, self.span.end_char) - self.span.start_char)
                 for r in ctx.document.regions_overlapping(ctx.offset + self.span.start_char,
                                                           ctx.offset + self.span.end_char, ("url",))]
        text = self.clean
        for a, b in links:
            if a < b:
                text = text[:a] + " " * (b - a) + text[b:]
        return text


def agent_sentences(ctx) -> list[AgentSentence]:
    """The sentences the agent wrote, shared by both whole-reply checks. An unparsed segment
    stands as one sentence as long as its words alone show that it says something; a short one,
    a greeting or a sign-off needs the tagger (all such segments are asked for at once)."""
    if "agent_sentences" not in ctx.cache:
        found, untagged = [], []
        for segment in ctx.segments:
            sentences = _segment_agent_sentences(segment)
            if sentences is None:
                untagged.append(segment)
            else:
                found += sentences
        ctx.require(untagged)
        ctx.cache["agent_sentences"] = found
    return ctx.cache["agent_sentences"]


def _segment_agent_sentences(segment) -> list[AgentSentence] | None:
    """One segment's agent sentences, or None while only the tagger can tell. Kept in the
    segment's context, which is made anew when the segment is parsed, so a reply judged over
    several rounds works out each segment once per state instead of once per round."""
    cache = segment.context.cache
    if "agent_sentences" not in cache:
        found = _find_agent_sentences(segment)
        cache["agent_sentences"] = None if found is None else \
            [AgentSentence(span, segment, _unquoted_text(segment.context, span)) for span in found]
    return cache["agent_sentences"]


def _find_agent_sentences(segment) -> list | None:
    """The segment's sentences that say something: a verb, or at least three words that are not
    a greeting or a sign-off ('Thanks for the report.' counts; 'Best, Karl' does not). None when
    the segment is unparsed and one of its sentences needs the tagger to tell."""
    out: list = []
    seg_ctx = segment.context
    for sent in [part for whole in segment.sentences() for part in _lower_case_stops(whole, segment.parsed)]:
        inside = seg_ctx.document.regions_overlapping(sent.start_char + seg_ctx.offset, sent.end_char + seg_ctx.offset)
        if inside:  # the sentence's few regions, tested per word here rather than looked up
            words = [t for t in sent if t.is_alpha and not _overlaps(inside, t.idx + seg_ctx.offset, len(t))]
            count = len(words)
        else:
            words, count = None, _alpha_count(seg_ctx, sent)
        if not count:
            continue
        text = seg_ctx.text[sent.start_char:sent.end_char].strip()
        if text[-1:] not in ".!?" and _is_heading(seg_ctx, sent, text):
            continue  # "# Re: your ticket": a title, not a sentence of the reply
        greeting = GREETING.match(text) is not None and not _says_more(text)
        if count < 3 or greeting or (SIGN_OFF.match(text) and count <= 5):
            if not segment.parsed:  # only the tagger tells "Call me." from "Best, Karl"...
                if _surely_verbless(words or [t for t in sent if t.is_alpha]):
                    continue  # ...unless no word of it can be a verb: "Hi Jordan,", "Best regards, Ana"
                return None
            alpha = [t for t in (words or sent) if t.is_alpha]
            if not any(t.pos_ in ("VERB", "AUX") for t in alpha) and not _told_with_address(alpha):
                continue
        if out and _continues(sent, out[-1]):
            out[-1] = sent.doc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


def _overlaps(regions, start: int, length: int) -> bool:
    return any(r.start < start + length and start < r.end for r in regions)


def _told_with_address(words) -> bool:
    """'Chill, bro.' or 'Relax, mate!': a verb in its base form and an address of the reader (the
    tagger reads the verb as a name there); an instruction to the reader is a sentence."""
    if len(words) < 2 or words[0].lower_ in SALUTATION_WORDS or words[0].lower_ in GREETINGS:
        return False
    if words[0].lower_ not in dictionary_lemmas(words[0].lower_).get("VERB", ()):
        return False
    return all(w.lower_ in ADDRESS_WORDS for w in words[1:])


def _says_more(text: str) -> bool:
    """A greeting followed on its line by a sentence of three words or more ("Hi Sam, thanks for
    the report."): the rest is judged like any sentence, as it would be without the greeting."""
    end = _GREETING_END.search(text)
    if end is None:
        return False
    rest = text[end.end():]
    return len(re.findall(r"[^\W\d_]+", rest)) >= 3 and not SIGN_OFF.match(rest.strip())


def _is_heading(ctx, sent, text: str) -> bool:
    """A line with no stop that is a heading in its source (Markdown "# ...", HTML <h2>) or an
    email subject ("Re: ..."): it names the topic, it says nothing to the reader."""
    if _SUBJECT.match(text):
        return True
    document = ctx.document
    start = ctx.offset + sent.start_char
    start += len(ctx.text[sent.start_char:sent.end_char]) - len(ctx.text[sent.start_char:sent.end_char].lstrip())
    source = document.to_source(start)
    if document.source[source:source + 1] != text[:1]:
        return False  # the clean text is not the source's here: nothing to tell
    return _HEADING_MARK.search(document.source, max(0, source - 40), source) is not None


# Salutation words the tagger does not read as verbs in a greeting or sign-off line, though the
# dictionary lists a verb for some ("best", "regards", "cheers", "greetings").
SALUTATION_WORDS = {"hi", "hello", "hey", "dear", "greetings", "good", "morning", "afternoon", "evening", "best",
                    "regards", "kind", "warm", "cheers", "sincerely", "warmly", "thanks", "many", "all", "there",
                    "team", "everyone", "folks", "with", "apologies", "the"}


def _surely_verbless(words) -> bool:
    """A short line none of whose words can be a verb: a salutation word, a word the dictionary
    (lemminflect) knows only as another part of speech, or an unknown capitalized word (a name).
    Decides without the tagger; measured on every such line of the shared corpora and the rule
    examples, it agreed with the tagger on all 399 lines it decided and left 348 to it."""
    for word in words:
        text = word.text
        lower = text.lower()
        if lower in SALUTATION_WORDS:
            continue
        lemmas = dictionary_lemmas(lower)
        if "VERB" in lemmas or "AUX" in lemmas or not (lemmas or text[:1].isupper()):
            return False
    return True


def _alpha_count(ctx, span) -> int:
    """How many of the span's tokens are words (read from an array made once per Doc)."""
    flags = ctx.cache.get("is_alpha")
    if flags is None:
        flags = ctx.cache["is_alpha"] = ctx.doc.to_array(IS_ALPHA)
    return int(flags[span.start:span.end].sum())


def enough_sentences(ctx, sentences, min_sentences: int) -> bool:
    """At least `min_sentences` agent sentences. Fewer counted is final only once every one of
    them is parsed or plainly one sentence: the parser may split a longer segment."""
    if len(sentences) >= min_sentences:
        return True
    ctx.require([s.segment for s in sentences if not one_sentence(s.span)])
    return False


INNER_BREAK = re.compile(r"[.!?;:…]")


def one_sentence(span) -> bool:
    """A short unparsed segment with no line break and no stop, colon or semicolon before its
    end: the parser keeps it whole (measured on the shared corpora: it split 12 of 1,686, mostly
    an @handle or a link off the front, which are dropped as no sentence anyway)."""
    words = [t for t in span if not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    return len(words) <= 20 and "\n" not in span.text.rstrip() and \
        not any(t.is_punct and INNER_BREAK.search(t.text) for t in words)


SENTENCE_STOPS = {".", "!", "?", "??", "!!", "?!", "!?", "..."}


def _lower_case_stops(sent, parsed: bool) -> list:
    """The parser keeps chat written all in lower case as one sentence ('sorry about that. it's a
    bug in the update.'); a stop followed by a lower-case word ends a sentence too."""
    if not parsed:
        return [sent]
    parts, start = [], sent.start
    doc = sent.doc
    for token in sent[:-1]:
        following = doc[token.i + 1]
        if token.text in SENTENCE_STOPS and following.is_alpha and following.text[:1].islower() and token.i + 1 > start:
            parts.append(doc[start:token.i + 1])
            start = token.i + 1
    parts.append(doc[start:sent.end])
    return parts


def _continues(sent, previous) -> bool:
    """spaCy sometimes splits before 'and I'll ...'; a sentence that starts in lower case
    continues the previous one, unless that one ended with a stop (chat written all in lower
    case: 'sorry about that. it's a bug in the update.')."""
    first = next((t for t in sent if not t.is_space and not t.is_punct), None)
    if first is None or not first.text[:1].islower():
        return False
    last = next((t for t in reversed(previous) if not t.is_space), None)
    return last is None or last.text[-1:] not in ".!?"


def cue_pattern(phrases) -> re.Pattern:
    """Whole words or phrases, case-insensitive; a trailing '*' makes a cue a prefix ('apolog*')."""
    known = _by_identity.get(id(phrases))
    if known is not None and known[0] is phrases:
        return known[1]
    pattern = _compile_cues(tuple(phrases))
    if isinstance(phrases, tuple):  # immutable: the same object always means the same cues
        if len(_by_identity) >= 256:
            _by_identity.clear()
        _by_identity[id(phrases)] = (phrases, pattern)
    return pattern


# An options tuple (id) -> (that tuple, its pattern). The families are tuples of hundreds of
# phrases, asked for 15,000 times on the bench replies; _compile_cues's lru_cache hashed the whole
# tuple on every call (0.13 s of 6.5 s). The tuple is kept, so its id cannot be reused meanwhile.
_by_identity: dict[int, tuple[tuple, re.Pattern]] = {}


@lru_cache(maxsize=64)
def _compile_cues(phrases: tuple) -> re.Pattern:
    """Compiled once per cue list, not once per reply. The alternatives share their common
    beginnings (a trie), so at each position of a reply the engine follows one branch instead
    of trying hundreds of phrases in turn; longer continuations are tried before a phrase
    ends, as the longest-first alternation did."""
    trie: dict = {}
    for cue in phrases:
        prefix = cue.endswith("*")
        words = [_contraction(w) for w in cue.rstrip("*").lower().split()]
        body = r"\s+\[?".join(words)  # "our [forum](https://...)": a link's text may start mid-phrase
        node = trie
        for atom in _ATOM.findall(body):
            node = node.setdefault(atom, {})
        node[(_END, "" if prefix else r"(?!\w)")] = {}
    return re.compile(r"(?<![\w])(?<!non-)" + _alternation(trie), re.IGNORECASE)  # not "non-refundable"


_END = object()  # marks where a cue ends in the trie; the key's second item is what must follow
# one regex unit of a cue's pattern: the gap between words, an apostrophe (optional or not), an
# escaped character, or a plain one
_ATOM = re.compile(r"\\s\+\\\[\?|\['’\]\?|\['’\]|\\.|.", re.DOTALL)


def _alternation(node: dict) -> str:
    """The trie below `node` as a regular expression: continuations first (the longest phrase
    wins), then a whole-word end, then a prefix end (which always holds)."""
    branches = [atom + _alternation(child) for atom, child in node.items() if not isinstance(atom, tuple)]
    ends = sorted((key[1] for key in node if isinstance(key, tuple)), key=len, reverse=True)
    parts = branches + ends
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


# Contractions whose apostrophe-less spelling is another word ("we'll" / "well", "we're" / "were"):
# their apostrophe stays required; any other may be typed without it ("Ive corrected it", "dont").
_APOSTROPHE_NEEDED = frozenset(("well", "were", "ill", "hell", "shell", "wed", "id", "its", "shed", "hed",
                                "lets", "whore"))


def _contraction(word: str) -> str:
    """One word of a cue as a pattern: its apostrophe straight or curly, and optional unless
    leaving it out spells another word."""
    escaped = re.escape(word)
    if "'" not in word:
        return escaped
    optional = word.replace("'", "") not in _APOSTROPHE_NEEDED
    return escaped.replace("'", "['’]?" if optional else "['’]")


def _unquoted_text(ctx, sent) -> str:  # ctx: the CheckContext of the sentence's Doc
    """Sentence text with quoted stretches blanked, so a quoted 'thanks' is not the agent's."""
    text = ctx.text[sent.start_char:sent.end_char]
    quotes = [(max(r.start - ctx.offset, sent.start_char), min(r.end - ctx.offset, sent.end_char))
              for r in ctx.document.regions if r.kind == "quote"]
    for start, end in quotes:
        if start < end:
            a, b = start - sent.start_char, end - sent.start_char
            text = text[:a] + " " * (b - a) + text[b:]
    return text


CUE_SYNTAX = "; a trailing '*' makes a cue a prefix ('apolog*')"


