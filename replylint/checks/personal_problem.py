"""personal-problem: the customer made the owner of a device's or account's fault.

The construction: a PERSON is the subject (the reader, or for infections also a named person
such as "your receptionist") and the predicate is a state or fault of a machine:

- possession or acquisition of a fault: "you have a memory problem", "you've got disk errors",
  "you caught some malware", "your receptionist picked up a virus", "you have a bad sector";
- a device state said of the person: "you're infected", "you're riddled with spyware",
  "you've been hacked", "you're full", "you're offline", "you're out of date";
- a device's behaviour said of the person: "you're lagging", "you keep crashing", "you're
  freezing up", "you're running hot", "you're losing packets";
- a resource the person has run out of: "you're out of storage", "you're running out of RAM",
  "you're low on space", "you have no space left".

Every word family is an option in rules/personal-problem.yaml. The parse decides the rest:
the subject must be the person, and the clause must be a statement of fact. Conditions and
temporal hypotheses ("if", "once", "should you", "make sure you're online"), diagnostic
questions ("are you running out of space?"; a confirmation tag such as ", right?" still
asserts), negation and exoneration ("I don't think you're infected"), the customer's own words
("you said you keep crashing") and sympathy ("sorry you lost connection") do not count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extend import Options, PhraseList, WordList, all_of, any_of, option, option_pattern, phrases_of, register_check, words
from .memo import by_identity
from .syntax import READER, in_condition, subject_of, verb_lemma

THIRD_PERSON = {"he", "she"}
# Contracted auxiliaries, with and without their apostrophe ("you're", "youre" → "you" "re").
CONTRACTIONS = {"'re": "be", "re": "be", "'m": "be", "'s": "be", "'ve": "have", "ve": "have",
                "'d": "have", "r": "be"}
MARKERS = {"if", "unless", "whether", "when", "whenever", "once", "while", "until", "till", "before",
           "lest", "suppose", "supposing", "assuming", "provided", "providing"}
# Verbs whose complement is something to check or ensure, not a statement: "make sure you're online".
CHECKING = {"sure", "ensure", "check", "verify", "confirm", "test", "wonder", "ask", "certain", "make"}
# Verbs that report the customer's own words: "you said you keep crashing".
REPORTING = {"say", "mention", "tell", "report", "describe", "write", "explain", "note", "claim", "think",
             "feel", "worry", "fear", "suspect", "assume"}
EVIDENTIAL = {"think", "believe", "mean", "look", "seem", "appear", "sound", "say", "suggest", "indicate",
              "show", "imply", "feel", "suppose", "expect", "be", "guess", "reckon", "see", "find", "follow",
              "prove", "sure", "likely", "true", "case", "possible", "certain", "assume", "like"}
SYMPATHY = {"sorry", "apologize", "apologise", "regret", "shame", "pity"}
EXONERATING_SUBJECTS = {"nobody", "noone", "none", "nothing"}
CONFIRMATION_TAGS = {"right", "correct", "yeah", "yes", "yep", "no", "eh", "huh", "innit", "ok", "okay"}
CLAUSE_CUTS = {"—", "–", ";", ":", "(", ")"}
TIME_WORDS = {"until", "till", "til", "for", "during", "over", "between", "tonight", "tomorrow",
              "today", "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
              "sunday", "later", "soon"}
PROGRESSIVE_HEADS = {"keep", "continue", "start", "begin", "stop"}
# "you're lagging behind", "hang in there", "hang tight": a person's pace or patience, not a machine
IDIOM_WORDS = {"behind", "there", "tight", "around", "together", "with"}


def _norm(token) -> str:
    return token.lower_.replace("’", "'")


def _lemma(token) -> str:
    """The lemma, reading contractions with and without their apostrophe."""
    text = _norm(token)
    if text in CONTRACTIONS and token.pos_ in ("AUX", "VERB", "NOUN", "PART"):
        return CONTRACTIONS[text]
    return token.lemma_.lower().replace("’", "'") if token.pos_ != "PROPN" else text


def _noun(token) -> str:
    """A noun's lemma in lower case: 'VIRUS' (tagged a proper noun) reads as 'virus'."""
    text = token.lower_
    return token.lemma_.lower() if token.pos_ != "PROPN" else (text[:-1] if text.endswith("es") and
                                                                 text[:-2] in ("virus",) else text)


PARTICLES = {"up", "out", "off", "down", "in", "on", "over", "around", "away", "back"}


def _particle(verb):
    """The verb's particle; a capitalised one ("freezing UP") the parser may take for an object."""
    return next((c for c in verb.children if c.dep_ == "prt" or
                 (c.dep_ in ("dobj", "advmod", "prep") and c.i == verb.i + 1 and c.lower_ in PARTICLES
                  and (c.dep_ != "prep" or c.lower_ in ("out", "off")))), None)


def _particle_i(verb) -> int:
    prt = _particle(verb)
    return prt.i if prt is not None else -1


def _phrase_key(verb, known=frozenset()) -> str:
    """'freeze up' for 'freezing up', 'hang' for 'hanging': the verb's lemma and its particle."""
    prt = _particle(verb)
    lemma = _state_lemma(verb, known) if known else verb_lemma(verb)
    return f"{lemma} {prt.lower_}" if prt is not None else lemma


@dataclass(frozen=True)
class PersonDeviceState(Options):
    people: WordList = option((), "nouns (lemmas) naming a third person who can own an infection "
                                  "('receptionist', 'colleague')")
    acquire_verbs: WordList = option((), "verbs of owning a fault ('have', 'get')")
    catch_verbs: PhraseList = option((), "verbs of catching an infection ('catch', 'pick up'); only with "
                                       "malware nouns, as 'you caught a bug' is praise")
    malware_nouns: WordList = option((), "nouns of infections ('virus', 'spyware')")
    fault_nouns: WordList = option((), "nouns of faults ('problem', 'glitch', 'memory leak' as 'leak')")
    modified_fault_nouns: WordList = option((), "nouns that are a fault only with a modifier and 'have' "
                                                "('disk errors', 'packet loss')")
    damage_words: WordList = option((), "adjectives that make the possessed thing a fault ('a bad sector')")
    not_devices: WordList = option((), "nouns a damage adjective does not make a device fault ('a bad day')")
    infection_states: WordList = option((), "participles and adjectives of an infection or attack, said "
                                            "of any person ('infected', 'hacked')")
    with_states: WordList = option((), "words followed by 'with'/'of' and a malware noun ('riddled with')")
    device_states: WordList = option((), "adjectives and participles of a device's state said of the reader "
                                         "('full', 'offline', 'laggy')")
    schedule_states: WordList = option((), "device states that also tell a person's schedule ('offline'): "
                                           "not with a time or a future")
    state_verbs: PhraseList = option((), "verbs (with particle) of a device's behaviour, used progressively "
                                       "or with 'keep' ('crash', 'freeze up', 'lag')")
    state_objects: PhraseList = option((), "verb and object lemmas of a device's behaviour ('lose packet')")
    run_states: WordList = option((), "words after 'running' that say a device state ('hot')")
    resources: WordList = option((), "resources one runs out of ('storage', 'ram')")
    out_of_states: WordList = option((), "nouns after 'out of' that are a state, not a resource ('date')")
    resource_verbs: WordList = option((), "verbs whose subject is out of a resource ('be', 'run')")
    cold_words: WordList = option((), "words that make 'you're freezing' a cold person ('heating', 'coat')")
    negated_states: PhraseList = option((), "verbs (with particle) whose negation is a device's fault, said of "
                                          "the reader: 'you're not syncing', 'you're not connected'")
    listed_states: WordList = option((), "states a record shows the reader in: 'you're showing as expired', "
                                         "'you're coming up as offline in our system'")
    stuck_places: WordList = option((), "where a device hangs, after 'stuck in/on/at' ('loop', 'screen'): "
                                        "'you're stuck in a boot loop', not 'stuck in traffic'")
    listing_verbs: PhraseList = option((), "verbs (with particle) of a record showing the reader 'as' a state "
                                           "('show', 'show up', 'come up')")
    negated_qualities: WordList = option((), "adjectives and participles whose negation is a device's fault, said "
                                             "of the reader: 'you're not compatible', 'you're not updated'")


def _objects_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """The objects of the state_objects phrases, singular or plural ('packet', 'packets')."""
    objects = sorted({p.split()[-1].lower() for p in phrases if len(p.split()) > 1}, key=len, reverse=True)
    if not objects:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, objects)) + r")(?:e?s)?\b", re.IGNORECASE)


def _cues():
    """The words each construction of `_find` cannot do without, so that only a sentence that
    could hold one is parsed: a fault needs a verb of owning or catching it, a 'with' state
    its malware, running its state, a resource 'out', 'low' or 'short'."""
    return all_of(any_of(words(READER, THIRD_PERSON), phrases_of("people")),
                  any_of(all_of(phrases_of("acquire_verbs"),
                                any_of(phrases_of("malware_nouns"), phrases_of("fault_nouns"),
                                       phrases_of("modified_fault_nouns"), phrases_of("damage_words"),
                                       phrases_of("resources"))),
                         all_of(phrases_of("catch_verbs"), phrases_of("malware_nouns")),
                         phrases_of("infection_states"), phrases_of("device_states"),
                         all_of(phrases_of("with_states"), phrases_of("malware_nouns")),
                         phrases_of("state_verbs"),
                         option_pattern("state_objects", _objects_pattern),
                         all_of(phrases_of("run_states"), words("running", "runnin")),
                         all_of(any_of(phrases_of("negated_states"), phrases_of("negated_qualities")),
                                words("not", "n't", "nt", "never")),
                         all_of(phrases_of("listed_states"), words("as")),
                         all_of(words("stuck"), phrases_of("stuck_places")),
                         all_of(any_of(phrases_of("resources"), phrases_of("out_of_states")),
                                words("out", "low", "short"))))


@dataclass(frozen=True)
class _Sets:
    people: frozenset
    acquire: frozenset
    catch: frozenset
    malware: frozenset
    faults: frozenset
    modified: frozenset
    damage: frozenset
    not_devices: frozenset
    infection: frozenset
    with_states: frozenset
    device_states: frozenset
    schedule: frozenset
    state_verbs: frozenset
    state_objects: frozenset
    run_states: frozenset
    resources: frozenset
    out_of: frozenset
    resource_verbs: frozenset
    cold: frozenset
    negated: frozenset
    listed: frozenset
    listing: frozenset
    stuck: frozenset
    qualities: frozenset

    @classmethod
    def of(cls, o: PersonDeviceState) -> _Sets:
        low = lambda ws: frozenset(w.lower() for w in ws)  # noqa: E731
        return cls(low(o.people), low(o.acquire_verbs), low(o.catch_verbs), low(o.malware_nouns),
                   low(o.fault_nouns), low(o.modified_fault_nouns), low(o.damage_words), low(o.not_devices),
                   low(o.infection_states), low(o.with_states), low(o.device_states), low(o.schedule_states),
                   low(o.state_verbs), low(o.state_objects), low(o.run_states), low(o.resources),
                   low(o.out_of_states), low(o.resource_verbs), low(o.cold_words), low(o.negated_states),
                   low(o.listed_states), low(o.listing_verbs), low(o.stuck_places), low(o.negated_qualities))


_sets_of = by_identity(_Sets.of)


def _person(subject, sets: _Sets, reader_only: bool) -> bool:
    if subject is None:
        return False
    if subject.lower_ in READER:
        return True
    if reader_only:
        return False
    return subject.lower_ in THIRD_PERSON or _noun(subject) in sets.people


def _chain(token):
    """The token and its heads up to the sentence root."""
    node, hops = token, 0
    while hops < 12:
        yield node
        if node.head.i == node.i:
            return
        node, hops = node.head, hops + 1


def _negated(node) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "n't", "not") and c.dep_ in ("advmod", "neg")
               for c in node.children)


def _inverted(node) -> bool:
    """An auxiliary or copula before the subject: 'are you running ...', 'should you run ...'."""
    subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None:
        return False
    if node.pos_ in ("AUX", "VERB") and _lemma(node) in ("be", "have") and node.i < subject.i and \
            not any(c.dep_ in ("aux", "auxpass") for c in node.children):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in node.children)


def _wh_question(node) -> bool:
    return any(c.tag_ in ("WRB", "WP", "WDT") and c.i < node.i and c.dep_ not in ("mark",)
               and c.lower_ not in ("when", "whenever", "where", "which", "that") for c in node.children)


def _clause_part(token):
    """The stretch of the sentence between strong clause breaks (dashes, semicolons) around the token."""
    sent = token.sent
    start, end = sent.start, sent.end
    for t in token.doc[sent.start:token.i]:
        if t.text in CLAUSE_CUTS:
            start = t.i + 1
    for t in token.doc[token.i:sent.end]:
        if t.text in CLAUSE_CUTS:
            end = t.i
            break
    return token.doc[start:end]


def _tagged(part) -> bool:
    """A statement with a confirmation tag: '..., right?', '..., haven't you?'."""
    tokens = [t for t in part if not t.is_space]
    while tokens and tokens[-1].text in ("?", "?)", ")", "!"):
        tokens = tokens[:-1]
    if not tokens:
        return False
    comma = max((i for i, t in enumerate(tokens) if t.text == ","), default=None)
    if comma is None:
        return False
    tail = [t.lower_ for t in tokens[comma + 1:]]
    if len(tail) == 1 and tail[0] in CONFIRMATION_TAGS:
        return True
    return 2 <= len(tail) <= 3 and tail[-1] in READER | {"it", "they", "he", "she", "there"} and \
        any(w.endswith(("n't", "n’t", "nt")) or w in ("not", "ca", "wo") for w in tail[:-1])


def _question(pred, chain) -> bool:
    part = _clause_part(pred)
    text = part.text.rstrip()
    if not (text.endswith("?") or text.endswith("?)")):
        return False
    # a clause after ours that the parser made its head is a question of its own ("..., so can
    # you delete some videos?", "..., aren't you?")
    if any(_inverted(n) or _wh_question(n) for n in chain if part.start <= n.i <= pred.i or n.i == chain[0].i):
        return True
    if _tagged(part):
        return False
    # no inversion on the way to the root: ours is declarative; the question is another clause's
    # ("you're out of storage, so could you clear the cache?"), unless there is none at all
    # no inversion anywhere: a statement said with a rising voice ("you're crashing every time you
    # open it?") presumes the state as much as the plain statement does
    return False


def _asks_to_check(head) -> bool:
    """'make sure you're online', 'please check you're online': an instruction, not 'I'm sure you're
    infected' or 'I can confirm you're out of storage'."""
    if _lemma(head) in ("sure", "certain"):
        return head.head.i != head.i and _lemma(head.head) in ("make", "ensure")
    subject = subject_of(head)
    return subject is None or subject.lower_ in READER


def _hypothetical(pred, chain) -> bool:
    if in_condition(pred):
        return True
    for node in chain:
        for child in node.children:
            if child.dep_ in ("mark", "advmod") and child.lower_ in MARKERS and child.i < pred.i + 1:
                return True
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
                return True  # the consequence of a condition: "..., you'll run out of space"
            if child.dep_ == "aux" and child.lower_ in ("should", "were", "had") and _inverted(node):
                return True
        if node.dep_ in ("ccomp", "xcomp", "advcl", "acomp") and _lemma(node.head) in CHECKING and \
                node.head.i < node.i and _asks_to_check(node.head):
            return True
        if any(c.lower_ == "that" and c.dep_ == "mark" for c in node.children) and \
                any(c.lower_ in ("so", "order") for c in node.head.children if c.i < node.i):
            return True  # purpose: "so that you're never out of space"
        if node.dep_ in ("ccomp", "xcomp") and _lemma(node.head) in REPORTING and node.head.i < node.i and \
                (subject_of(node.head) is None or subject_of(node.head).lower_ in READER):
            return True  # the customer's own account: "you said you keep crashing"
        if node.dep_ == "relcl" or node.dep_ == "acl":
            return True
        text = node.doc[max(node.sent.start, pred.i - 3):pred.i].text.lower()
        if "in case" in text or "as soon as" in text:
            return True
    return False


CLAUSE_INTERNAL = {"xcomp", "acomp", "attr", "prep", "pobj", "dobj", "oprd", "pcomp", "amod", "compound", "aux",
                   "auxpass", "advmod", "npadvmod", "prt"}


def _cleared(pred, chain, own=()) -> bool:
    """Negated, exonerated or said in sympathy: 'I don't think you're infected', 'sorry you lost connection'.
    `own` are the predicate's own nodes whose negation is the fault itself ('you're not syncing')."""
    inside = True
    for node in chain:
        if not inside and (node.i > pred.i or _lemma(node) not in EVIDENTIAL):
            # above its own clause, only a verb of judging before ours clears the person ("I don't
            # think you're infected"), or an apology; not a clause the parser hung ours on ("..., so
            # Outlook won't open")
            return (_lemma(node) in SYMPATHY or node.lower_ in SYMPATHY) and node.i < pred.i
        if _negated(node) and node not in own:
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in EXONERATING_SUBJECTS for c in node.children):
            return True
        if _lemma(node) in SYMPATHY or node.lower_ in SYMPATHY:
            return True
        if any(c.dep_ in ("intj", "advmod", "dep") and c.lower_ in SYMPATHY and c.i < pred.i for c in node.children):
            return True  # "Sorry you keep disconnecting": the parser hangs "sorry" on our verb
        if node.dep_ in CLAUSE_INTERNAL:
            continue
        inside = False
        if node.dep_ == "advcl":
            mark = next((c.lower_ for c in node.children if c.dep_ == "mark"), None)
            if mark not in ("like", "as", "that", "because", None):
                return False
            if mark == "because" and not (_lemma(node.head) == "be" and _negated(node.head)):
                return False
        elif node.dep_ in ("conj", "relcl", "acl", "appos", "parataxis"):
            return False
    return False


def _statement(pred, own=()) -> bool:
    chain = list(_chain(pred))
    return not (_hypothetical(pred, chain) or _question(pred, chain) or _cleared(pred, chain, own))


def _subject(pred):
    """The subject, also one the parser hung on the copula ('You' on "'re" in "You're frozen")."""
    subject = subject_of(pred)
    if subject is None:
        subject = next((g for c in pred.children if c.dep_ in ("aux", "auxpass") and c.i < pred.i
                        for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i), None)
    return subject


ING_STEMS = (lambda w: w[:-3], lambda w: w[:-3] + "e", lambda w: w[:-4])


def _state_lemma(verb, known) -> str:
    """The lemma, or for an -ing form the tagger lemmatised wrongly ('glitching' → 'glitche') the
    stem that the lists know ('glitch')."""
    lemma = verb_lemma(verb)
    word = verb.lower_
    heads = _first_words(known)
    if lemma in heads or not word.endswith("ing"):
        return lemma
    return next((stem(word) for stem in ING_STEMS if stem(word) in heads), lemma)


@lru_cache(maxsize=32)
def _first_words(phrases: frozenset) -> frozenset:
    """The verbs of a phrase list ('error' of 'error out')."""
    return frozenset(p.split()[0] for p in phrases)


def _first_conjunct(token):
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _span(doc, subject, last):
    start = min(subject.i, last.i)
    end = max(subject.i, last.i) + 1
    return doc[start:end]


def _fault_object(noun, sets: _Sets):
    """A fault the person owns: the noun, its verb and whether it is an infection."""
    lemma = _noun(noun)
    head = _first_conjunct(_past_measure(noun))
    if head.dep_ not in ("dobj", "attr", "acomp") or head.head.i == head.i:
        return None
    verb = head.head
    if verb.tag_ == "VBG" and _lemma(verb) in ("have", "get"):
        return None  # "you're having an issue", "you're getting a warning": an experience
    if verb_lemma(verb) == "get" and verb.tag_ in ("VB", "VBP") and not any(c.dep_ == "aux" for c in verb.children):
        return None  # "sometimes you get a glitch where ...": the generic you of how the product behaves
    key = _phrase_key(verb)
    malware = lemma in sets.malware
    if key in sets.catch or verb_lemma(verb) in sets.catch:
        return verb if malware else None
    if _lemma(verb) not in sets.acquire and verb_lemma(verb) not in sets.acquire:
        return None
    if malware or lemma in sets.faults:
        if not malware and (any(c.dep_ == "prep" and c.lower_ in ("with", "for") for c in noun.children)
                                              or (noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lower_ == "with")):
            return None  # "you have an issue with the login page": a trouble with our thing
        return verb
    possessed = _lemma(verb) == "have" or any(_lemma(c) == "have" for c in verb.children if c.dep_ == "aux")
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]
    if lemma in sets.modified and possessed and modifiers and not any(_noun(c) in sets.not_devices for c in modifiers):
        return verb
    if lemma not in sets.not_devices and lemma not in sets.people and \
            any(c.dep_ in ("amod", "compound") and c.lower_ in sets.damage for c in noun.children):
        return verb
    if lemma in sets.resources and possessed and any(c.lower_ == "no" for c in noun.children) and \
            any(c.lower_ == "left" for c in noun.children):
        return verb  # "you have no space left"
    return None


TIME_UNITS = frozenset(("second", "seconds", "secs", "minute", "minutes", "mins", "min", "hour", "hours", "hrs",
                        "day", "days", "night", "nights", "time", "times", "week", "weeks"))
MEASURE_NOUNS = frozenset(("bit", "touch", "spot", "case", "kind", "sort", "bout", "load", "lot", "couple"))


def _past_measure(noun):
    """'a bit of a virus problem', 'a touch of malware': the measure word is the verb's object."""
    node = noun
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in MEASURE_NOUNS:
        node = node.head.head
    return node


def _no_quantifier(noun) -> bool:
    return not any(c.lower_ in ("no", "zero") for c in noun.children)


def _progressive(verb) -> bool:
    """'you're lagging', 'you've been crashing', 'you keep crashing', 'you started freezing'."""
    if verb.tag_ != "VBG":
        return False
    if any(c.dep_ == "aux" and _lemma(c) == "be" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb_lemma(verb.head) in PROGRESSIVE_HEADS | {"be"}


def _state_predicate(word):
    """The verb whose subject the state word describes: 'you're full' → 're, 'you're hacked' → hacked."""
    if word.dep_ in ("acomp", "attr", "oprd", "advmod", "xcomp") and word.head.i != word.i:
        head = word.head
        if _lemma(head) in ("be", "get", "seem", "look", "become", "appear", "keep", "remain", "stay", "go",
                            "show", "sound"):
            return head
        return None
    if word.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in word.children):
        return word
    if word.pos_ in ("VERB", "ADJ") and any(c.dep_ in ("aux", "auxpass") and _lemma(c) == "be" for c in word.children):
        return word  # "you're RIDDLED with ...": a capitalised participle the tagger read as -ing
    if word.tag_ == "VBN" and word.dep_ in ("ccomp", "xcomp", "conj") and _lemma(word.head) == "get":
        return word.head  # "you got hacked"
    return None


def _schedule(word, pred) -> bool:
    """'you're offline until Monday', 'you'll be offline tomorrow': a person's schedule."""
    doc = word.doc
    if any(c.lower_ in ("will", "'ll", "’ll", "ll") or c.lower_ == "going" for c in pred.children):
        return True
    after = doc[word.i + 1:min(word.sent.end, word.i + 4)]
    if any(t.lower_ in ("since", "for") for t in after[:1]):
        return False  # "you've been offline since Sunday": how long the fault has lasted
    return any(t.lower_ in TIME_WORDS for t in after)


def _literal_full(word) -> bool:
    """'you're full of ideas', 'you're full-time': not a full mailbox."""
    doc = word.doc
    if word.i + 1 < len(doc) and doc[word.i + 1].text in ("-", "–"):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("of", "for", "on", "up", "after") for c in word.children) or \
        (word.i + 1 < len(doc) and doc[word.i + 1].lower_ in ("of", "for", "after", "from"))


def _with_malware(word, sets: _Sets) -> bool:
    for prep in word.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and (_noun(obj) in sets.malware or
                                            any(_noun(c) in sets.malware for c in obj.conjuncts)):
                    return True
    return False


def _find(doc, sets: _Sets):
    for token in doc:
        lower = token.lower_
        lemma = _noun(token) if token.pos_ in ("NOUN", "PROPN") else token.lemma_.lower()
        # 1. a fault the person has, got or caught
        if token.pos_ in ("NOUN", "PROPN", "ADJ") and (lemma in sets.malware or lemma in sets.faults or
                                                      lemma in sets.modified or lemma in sets.resources
                                                      or any(c.lower_ in sets.damage for c in token.children)):
            verb = _fault_object(token, sets)
            if verb is not None and (_no_quantifier(token) or lemma in sets.resources):
                subject = _subject(verb)
                reader_only = lemma not in sets.malware
                if _person(subject, sets, reader_only) and _statement(verb):
                    yield _span(doc, subject, token)
                    continue
        # 2a. stuck where a device hangs: "you're stuck in a boot loop", not "stuck in traffic"
        if lower == "stuck" and sets.stuck and _stuck_on_device(token, sets):
            pred = _state_predicate(token) or token
            subject = _subject(pred)
            if _person(subject, sets, True) and _statement(token) and not _negated(pred):
                yield _span(doc, subject, token)
            continue
        # 2b. a record showing the reader in a state: "you're showing as expired in our system"
        if lower in sets.listed and _listed(token, sets):
            pred = _listed(token, sets)
            subject = _subject(pred)
            if _person(subject, sets, True) and _statement(pred):
                yield _span(doc, subject, token)
            continue
        # 2. an infection or attack: "you're infected", "you've been hacked", "riddled with spyware"
        if lower in sets.infection or lower in sets.with_states or lower in sets.device_states:
            pred = _state_predicate(token)
            if pred is None:
                continue
            if lower in sets.with_states and lower not in sets.infection | sets.device_states and \
                    not _with_malware(token, sets):
                continue
            if token.tag_ == "VBN" and any(c.dep_ == "dobj" for c in token.children):
                continue
            reader_only = lower not in sets.infection and lower not in sets.with_states
            if lower == "full" and _literal_full(token) and not _with_malware(token, sets):
                continue
            if lower in sets.schedule and _schedule(token, pred):
                continue
            if lower in ("frozen", "freezing") and any(t.lower_ in sets.cold for t in token.sent):
                continue
            if any(c.dep_ == "prep" and c.lower_ in ("from", "with") and
                   any(o.dep_ == "pobj" and _noun(o) in sets.not_devices for o in c.children) for c in token.children):
                continue  # "unplugged from the news", "disconnected from work": a person's life
            subject = _subject(pred)
            if _person(subject, sets, reader_only) and _statement(token) and not _negated(token):
                yield _span(doc, subject, token)
            continue
        # 2d. a negated device quality: "you're not compatible with the new app", "you are not updated"
        if lower in sets.qualities and token.pos_ in ("ADJ", "VERB"):
            pred = _state_predicate(token)
            if pred is not None and (_negated(pred) or _negated(token)) and \
                    not any(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("for", "to", "by", "on", "about", "in", "as")
                            for c in token.children):
                subject = _subject(pred)
                if _person(subject, sets, True) and _statement(token, own=(token, pred)):
                    yield _span(doc, subject, token)
            continue
        # 2c. a negated device function: "you're not syncing", "you're not connected to the VPN"
        if token.pos_ in ("VERB", "ADJ") and sets.negated:
            found = _negated_state(token, sets)
            if found is not None:
                subject = _subject(found)
                if _person(subject, sets, True) and _statement(token, own=(token, found)):
                    yield _span(doc, subject, token)
                continue
        # 3. a device's behaviour: "you're lagging", "you keep crashing", "you're losing packets"
        if token.pos_ in ("VERB", "AUX") or token.tag_ == "VBG":
            key = _phrase_key(token, sets.state_verbs)
            # "you're buffering a lot": a measure, not an object
            obj = next((c for c in token.children if c.dep_ == "dobj" and c.i != _particle_i(token)
                        and c.lower_ not in ("lot", "bit", "ton", "tons", "loads", "heaps", "constantly")
                        and not (c.lower_ in TIME_UNITS or any(g.lower_ in ("every", "each") for g in c.children))), None)
            hit = None
            if key in sets.state_verbs and obj is None and _progressive(token) and \
                    not any(c.lower_ in IDIOM_WORDS for c in token.children) and \
                    not (key in ("freeze", "freeze up") and any(t.lower_ in sets.cold for t in token.sent)):
                hit = token
            elif obj is not None and f"{verb_lemma(token)} {_noun(obj)}" in sets.state_objects:
                hit = obj
            elif verb_lemma(token) == "run" and _progressive(token) and \
                    any(c.dep_ in ("acomp", "advmod", "oprd") and c.lower_ in sets.run_states for c in token.children):
                hit = next(c for c in token.children if c.lower_ in sets.run_states)
            if hit is not None:
                subject = _subject(token)
                if _person(subject, sets, True) and _statement(token):
                    yield _span(doc, subject, hit)
                continue
        # 4. out of a resource: "you're out of storage", "running out of RAM", "low on space", "out of date"
        if token.dep_ == "pobj" and (lemma in sets.resources or lemma in sets.out_of):
            prep = token.head
            word = prep.head if prep.head.i != prep.i else None
            if word is None:
                continue
            if prep.lower_ == "of" and word.lower_ == "out":
                pass
            elif prep.lower_ in ("on", "of") and word.lower_ in ("low", "short") and lemma in sets.resources:
                pass
            elif prep.lower_ == "on" and word.pos_ in ("AUX", "VERB") and lemma in sets.resources and \
                    any(c.lower_ in ("low", "short") for c in word.children):
                word = next(c for c in word.children if c.lower_ in ("low", "short"))
                pred = prep.head
                subject = _subject(pred)
                if _person(subject, sets, True) and _statement(pred):
                    yield _span(doc, subject, token)
                continue
            else:
                continue
            pred = word.head if word.head.i != word.i else word
            if _lemma(pred) not in sets.resource_verbs and verb_lemma(pred) not in sets.resource_verbs:
                continue
            subject = _subject(pred)
            if _person(subject, sets, True) and _statement(pred):
                yield _span(doc, subject, token)


def _stuck_on_device(word, sets: _Sets) -> bool:
    """'stuck in a boot loop', 'stuck on the loading screen': the place is a device's."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "on", "at") and
               any(o.dep_ == "pobj" and _noun(o) in sets.stuck for o in c.children) for c in word.children)


RESTORED = {"more", "anymore", "longer", "again"}
PERSON_PREPS = {"for", "at"}
PERSON_PREP_OF = {"show up": "to", "connect": "with"}
# the negated states that are also a state in the participle ("you aren't connected to the VPN")
PARTICIPLE_STATES = {"connect", "sync", "synch"}


def _negated_state(word, sets: _Sets):
    """'you're not syncing', 'you aren't connected', 'you're not showing up on the network': the
    negated verb (progressive, or a participle after 'be') whose negation is the fault, and the
    verb that carries the negation. Not 'you're not buffering any more' (fixed), not with an object
    ('you're not connecting the dots')."""
    key = _phrase_key(word, sets.negated)
    if key not in sets.negated:
        return None
    if any(c.dep_ == "dobj" and c.i != _particle_i(word) for c in word.children):
        return None
    if word.tag_ == "VBG" and not _progressive(word):
        return None
    if any(c.dep_ == "prep" and (c.lower_ in PERSON_PREPS or c.lower_ == PERSON_PREP_OF.get(key))
           for c in word.children):
        return None  # a person's tie or turn-out: "not connected with the right team", "not showing up to meetings"
    if word.tag_ in ("VBN", "JJ"):
        if key not in PARTICIPLE_STATES:
            return None  # "you're not being charged": a bill, not a battery
        pred = _state_predicate(word) or word
    else:
        pred = word
    carriers = [n for n in (word, pred) if _negated(n)]
    if not carriers:
        return None
    sent = word.sent
    if any(t.lower_ in RESTORED and t.i > word.i for t in sent) or any(t.lower_ == "yet" for t in sent):
        return None
    return pred


def _listed(word, sets: _Sets):
    """The listing verb of 'you're showing as expired', 'you come up as offline on our end'."""
    doc = word.doc
    if word.i < 2 or doc[word.i - 1].lower_ != "as":
        return None
    for node in (word.head, doc[word.i - 1].head, word.head.head):
        if node.pos_ in ("VERB", "AUX") and _phrase_key(node) in sets.listing and node.i < word.i:
            return node
    return None


@register_check("person_device_state", needs="parse", options=PersonDeviceState, cues=_cues())
def find_person_device_state(ctx, options: PersonDeviceState):
    """The person made the subject of a device's fault or state: 'you're out of storage',
    'you keep crashing', 'you've got a virus'."""
    yield from _find(ctx.doc, _sets_of(options))
