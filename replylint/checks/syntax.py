"""Small questions about a parsed sentence that several rules ask: who is the subject, is it an
instruction to the reader, is it hypothetical, negated or a question.

The small English model misparses short imperatives often ("Please stop ..." as a subordinate
clause, "Chill" as a proper noun), so these helpers combine the dependency parse with the
token's position in its clause instead of trusting one label.
"""
from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

from ..lexicon import dictionary_lemmas

READER = {"you", "u", "ur", "ya", "y'all", "yourself", "yourselves"}  # "ur": where it reads "you're"
FIRST_PERSON = {"i", "we", "me", "us", "myself", "ourselves"}
BE_FORMS = {"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m", "’s", "’re", "’m"}
# Words that may stand before an imperative verb at the start of its clause.
IMPERATIVE_LEAD = {"please", "just", "simply", "kindly", "so", "now", "then", "and", "but", "okay",
                   "ok", "oh", "well", "first", "also", "again", "really", "do", "n't", "not",
                   "never", "only", "sir", "madam", "hey", "hi", "alright", "right", "look", "try"}
CLAUSE_BREAK = {";", ":", "—", "–", "-", "(", ")", ".", "!", "?", "\n"}
CONDITION_MARKERS = {"if", "unless", "whether", "in case", "when", "whenever", "once"}
# Verbs whose object is the one told to act: "I'd ask you to ...", "we need you to ...".
OBJECT_CONTROL_VERBS = frozenset(("ask", "urge", "beg", "need", "want", "require", "expect", "implore", "encourage",
                                  "advise", "request", "remind", "tell", "like"))
CONTROL_VERBS = {"need", "have", "try", "stop", "want", "start", "begin", "learn", "able",
                 "going", "got", "gotta", "please", "quit", "keep", "seem", "appear", "manage", "tend"}


def subject_of(token):
    """The grammatical subject governing `token`'s clause, following control (xcomp) and conjunction."""
    seen = 0
    node = token
    while node is not None and seen < 8:
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        for child in node.children:
            # "you got so wound up": the parser hangs the subject on the auxiliary "got"
            if child.dep_ in ("aux", "auxpass") and child.i < node.i:
                found = next((g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                if found is not None:
                    return found
        if node.dep_ in ("xcomp", "conj", "aux", "auxpass", "acomp") and node.head.i != node.i:
            node = node.head
            seen += 1
            continue
        if node.dep_ == "ccomp" and node.head.lemma_ == "let":
            return next((c for c in node.head.children if c.dep_ in ("nsubj", "dobj")), None)
        return None
    return None


def clause_start(token) -> int:
    """Index of the first token of `token`'s clause, judged by punctuation and sentence start.
    A chat mention or a greeting word with no comma before the clause ("@sam_k relax",
    "hey calm down") is not part of it."""
    sent_start = token.sent.start
    i = token.i - 1
    while i >= sent_start:
        t = token.doc[i]
        if t.text in CLAUSE_BREAK or "\n" in t.text:
            return _past_mentions(token, i + 1)
        if t.text == "," and not (token.doc[i - 1].lower_ in IMPERATIVE_LEAD if i > sent_start else False):
            return _past_mentions(token, i + 1)
        i -= 1
    return _past_mentions(token, sent_start)


_BARE_GREETINGS = frozenset(("hey", "hi", "hello", "yo", "oi"))


def _past_mentions(token, start: int) -> int:
    doc = token.doc
    while start < token.i and (doc[start].text.startswith("@") and len(doc[start].text) > 1
                               or doc[start].lower_ in _BARE_GREETINGS):
        start += 1
    return start


def is_imperative(verb) -> bool:
    """An instruction to the reader: a base-form verb with no subject, first in its clause."""
    if verb.tag_ not in ("VB", "VBP"):
        # The tagger misreads some sentence-initial imperatives ("Relax", "Chill"); accept those
        # only when the word form really is a verb's base form.
        first = verb.i == verb.sent.start or verb.doc[verb.i - 1].lower_ in IMPERATIVE_LEAD
        if not (first and is_base_verb(verb)):
            return False
    start = clause_start(verb)
    # A subject the parser borrowed from an earlier clause ("Thanks!\n\nPlease provide ...") does not count.
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i >= start for c in verb.children):
        return False
    if any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ not in ("do", "n't", "not") for c in verb.children):
        return False
    # "If you think it should be reopened, please comment": the condition is not the clause's start.
    condition = {t.i for c in verb.children if c.dep_ == "advcl" and c.i < verb.i for t in c.subtree}
    leading = [t for t in verb.doc[start:verb.i] if t.i not in condition]
    return all(t.lower_ in IMPERATIVE_LEAD or t.pos_ in ("INTJ", "PUNCT", "SPACE", "SYM", "NUM", "X") or
               not t.is_alpha or (t.pos_ == "ADV" and t.dep_ == "advmod") for t in leading)


def addressed_to_reader(verb) -> bool:
    """The verb tells the reader (or 'us', the reader included) to do something, or says they must."""
    node, hops = verb, 0
    while node is not None and hops < 4:
        # "Let's all settle down": the parser gives the verb two subjects, "'s" and the floating
        # quantifier "all"; any one naming the reader is enough.
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return any(s.lower_ in READER | {"we", "'s", "’s", "us"} for s in subjects)
        if node.dep_ == "ccomp" and node.head.lemma_ == "let":
            return True
        if is_imperative(node):
            return True
        head = node.head
        if head is node:
            return False
        if node.dep_ == "xcomp" and head.lemma_ in OBJECT_CONTROL_VERBS and any(
                c.dep_ in ("dobj", "nsubj") and c.lower_ in READER and c.i < node.i for c in head.children):
            return True  # "I'd ask you to calm yourself", "we'd urge you to relax"
        if node.dep_ in ("xcomp", "conj") or (head.lemma_ in CONTROL_VERBS and node.dep_ in ("advcl", "ccomp", "xcomp")):
            node, hops = head, hops + 1
            continue
        if node.dep_ == "acl" and head.lemma_ == "need":  # "no need to ..."
            return True
        return False
    return False


def in_condition(token) -> bool:
    """True inside an if/unless/when clause: a hypothesis, not a statement of fact."""
    node, hops = token, 0
    while hops < 10:
        for child in node.children:
            if child.dep_ in ("mark", "advmod") and child.lower_ in CONDITION_MARKERS and child.i < token.i + 1:
                return True
        if node.head is node:
            break
        node, hops = node.head, hops + 1
    # Parser fallback: a clause that starts with "if" before this token in the same sentence part.
    start = clause_start(token)
    return any(t.lower_ in ("if", "unless") for t in token.doc[start:token.i])


def is_negated(token) -> bool:
    """The token's verb (or the verb governing it) carries a negation."""
    node, hops = token, 0
    while hops < 3:
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "acomp", "dobj", "attr", "prt", "aux") or node.head is node:
            return False
        node, hops = node.head, hops + 1
    return False


def is_question(token) -> bool:
    """The sentence holding `token` ends with a question mark."""
    text = token.sent.text.rstrip()
    return text.endswith("?") or text.endswith("?)")


def main_word(span, lemmas=None):
    """The word of the span the rule is about: the first listed lemma, else the first verb, else the root."""
    if lemmas:
        for token in span:
            if token.lemma_.lower() in lemmas or token.lower_ in lemmas:
                return token
    for token in span:
        if token.pos_ in ("VERB", "AUX"):
            return token
    return span.root


def verb_of(token):
    """The nearest verb (or auxiliary acting as a verb) at or above `token`."""
    node, hops = token, 0
    while hops < 6:
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head is node:
            return node
        node, hops = node.head, hops + 1
    return node


def lemmas_of(token) -> set[str]:
    """The parser's lemma plus every dictionary lemma of the word form: the small model
    sometimes tags a past tense as present ('forgot/VBP', lemma 'forgot')."""
    found = {token.lemma_.lower(), token.lower_}
    for lemmas in dictionary_lemmas(token.lower_).values():
        found.update(lemmas)
    return found


def verb_lemma(token) -> str:
    """The verb's dictionary lemma, trusting the dictionary over a tagger slip ('forgot' → 'forget')."""
    lemmas = dictionary_lemmas(token.lower_).get("VERB", ())
    if token.lemma_.lower() in lemmas or not lemmas:
        return token.lemma_.lower()
    return lemmas[0]


def is_base_verb(token) -> bool:
    """The word form is a verb's base form in the dictionary, whatever the tagger guessed."""
    return token.lower_ in dictionary_lemmas(token.lower_).get("VERB", ())


def is_past_form(token) -> bool:
    """A past tense or participle, by tag or, when the tagger slipped, by the dictionary."""
    if token.tag_ in ("VBD", "VBN"):
        return True
    lemmas = dictionary_lemmas(token.lower_).get("VERB", ())
    return bool(lemmas) and token.lower_ not in lemmas and not token.lower_.endswith(("ing", "s"))


# Words that open an address to the reader before what the agent says: "Hi Sam,", "Hey there",
# "Dear customer,", "Ma'am,", "Okay folks,". Names are told by their capital, handles by "@".
ADDRESS_WORDS = frozenset((
    "hi", "hello", "hey", "heya", "hiya", "yo", "dear", "greetings", "morning", "afternoon", "evening",
    "good", "there", "sir", "ma'am", "ma’am", "madam", "maam", "mam", "folks", "guys", "all", "everyone",
    "team", "friend", "buddy", "mate", "bro", "dude", "ok", "okay", "alright", "right", "listen", "look",
))
_ADDRESS_LONGEST = 6  # tokens: "Good morning Mr. van Dyke ,"


def opening_address(doc, last: int) -> bool:
    """Whether doc[..last] (inclusive), from its line or sentence start, is only an address to
    the reader: greeting words, names (a capital), @handles and commas. What follows it opens
    its clause as if the address were not there ("Hi Sam, calm down" is "Calm down")."""
    first = last
    while first > 0 and not doc[first - 1].is_space and "\n" not in doc[first - 1].text \
            and doc[first - 1].text not in (".", "!", "?", ";", ":"):
        first -= 1
    words = [t for t in doc[first:last + 1] if not (t.is_punct and t.text in (",", "-", "—", "–"))]
    if not words or len(words) > _ADDRESS_LONGEST:
        return False
    return all(t.text.startswith("@") or t.lower_ in ADDRESS_WORDS or t.text.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr")
               or _is_name(t, first_word=t.i == words[0].i) for t in words)


def _is_name(token, first_word: bool) -> bool:
    """A capitalised word read as a name. The first word of a sentence has its capital anyway,
    so there it must not be an English word ("Thanks, ..." and "Sorry, ..." are not names)."""
    if not (token.is_alpha and token.is_title):
        return False
    return not first_word or not (token.lower_ in STOP_WORDS or dictionary_lemmas(token.lower_))
