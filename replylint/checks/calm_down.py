"""calm-down: the filters that tell an instruction to the reader to calm down ("Please calm
down", "no need to get upset") from the same words about something else ("the queue will calm
down", "relax the rate limit")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .syntax import READER, addressed_to_reader, clause_start, main_word, subject_of


@dataclass(frozen=True)
class AddressedToReader(Options):
    verbs: WordList = option((), "the verb of the span to judge: the first of these in it (else its first verb)")


@register_filter("addressed_to_reader", needs="parse", options=AddressedToReader)
def keep_if_addressed_to_reader(span, ctx, options: AddressedToReader):
    """'Calm down' said to the reader, not 'the queue will calm down'."""
    verb = main_word(span, set(options.verbs))
    if _permission(verb) or _own_wish(verb) or _product_name(verb):
        return False
    start = clause_start(verb)
    if verb.i == verb.sent.start or span.start == start:
        # Sentence- or clause-initial base form with no subject of its own: an instruction. A
        # "subject" before the clause ("Hi Sam,⏎⏎chill out", "@sam_k take a breath") is the
        # address the parser attached to the verb.
        if verb.tag_ in ("VB", "VBP", "NN", "NNP", "UH") and not any(
                c.dep_ in ("nsubj", "nsubjpass") and _own_subject(c, start) for c in verb.children):
            return True
    return addressed_to_reader(verb)


_FINITE_TAGS = frozenset(("VBZ", "VBD", "VBP", "MD"))
_PRONOUN_NOUNS = frozenset(("everything", "nothing", "something", "anything", "everyone", "everybody", "nobody"))


def _product_name(verb) -> bool:
    """'Relax Plus is the model you ordered', 'Chill Zone membership renews monthly': the cue
    opens a capitalised name that is itself the subject. 'Relax Sam, it is fine' is still an
    instruction: the capitalised word there is a name set off by a comma."""
    doc = verb.doc
    end = verb.i + 1
    while end < len(doc) and doc[end].is_title and not doc[end].is_sent_start and doc[end - 1].whitespace_:
        end += 1
    if end == verb.i + 1 or end >= len(doc) or not doc[end - 1].whitespace_:
        return False
    after = doc[end]
    return after.tag_ in _FINITE_TAGS or (after.pos_ == "NOUN" and after.is_lower and after.lower_ not in _PRONOUN_NOUNS)


WISH_VERBS = frozenset(("want", "wish", "hope", "plan", "love", "like", "prefer", "mean", "intend", "expect"))


def _own_wish(verb) -> bool:
    """'You mentioned you wanted to relax by the pool': the reader's own plan, not an instruction
    ('you need to relax' and 'I'd like you to calm down' still tell)."""
    head = verb.head
    if head.tag_ not in ("VBD", "VBN") and head.dep_ != "ccomp":
        return False  # "you'll want to calm down", "you want to relax first": advice in disguise
    return verb.dep_ == "xcomp" and head.lemma_ in WISH_VERBS and not any(
        c.dep_ in ("dobj", "nsubj") and c.lower_ in READER and c.i > head.i for c in head.children) and any(
        c.dep_ == "nsubj" and c.lower_ in READER for c in head.children)


def _own_subject(subject, clause_first: int) -> bool:
    """A subject inside the clause, not a handle or a greeting's name the parser took for one."""
    return subject.i >= clause_first and not subject.text.startswith("@")


def _permission(verb) -> bool:
    """'You can relax now, it has shipped': leave given, not an instruction (a question asks)."""
    if verb.sent.text.rstrip().endswith("?"):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
        return False  # "if you could calm down, ...": a request in polite form
    modal = any(c.dep_ == "aux" and c.lower_ in ("can", "may", "could") and c.i < verb.i for c in verb.children)
    subject = any(c.dep_ == "nsubj" and c.lower_ in READER for c in verb.children)
    negated = any(c.dep_ == "neg" for c in verb.children)
    return modal and subject and not negated


@dataclass(frozen=True)
class NoObject(Options):
    allowed: WordList = option(("you", "yourself", "yourselves", "down", "up"),
                               "objects that do not count as a thing being acted on")


@register_filter("no_object", needs="parse", options=NoObject)
def keep_if_no_object(span, ctx, options: NoObject):
    """'relax' about the reader, not 'relax the rate limit' (a thing being relaxed)."""
    allowed = set(options.allowed)
    verb = main_word(span)
    doc = span.doc
    # an object past a comma belongs to the next clause the parser hung here ("Hold your
    # horses, the replacement ships Monday")
    return not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in allowed and c.i not in range(span.start, span.end)
                   and not (c.i > span.end and any(t.text in (",", ";", "—", "–") for t in doc[span.end:c.i]))
                   for c in verb.children)


# Markers of a hypothesis ("if you calm down ...") and of a time clause ("once you've calmed
# down ..."). A time clause with the reader's calming down presupposes they are not calm now.
HYPOTHESIS_MARKERS = frozenset(("if", "unless", "whether", "case", "should", "suppose", "supposing"))
TIME_MARKERS = frozenset(("when", "whenever", "once", "after", "until", "till", "til", "soon", "before"))


def _condition_marker(token):
    """The marker word of the if/when/once clause holding `token`, or None."""
    node, hops = token, 0
    while hops < 8:
        for child in node.children:
            if child.dep_ in ("mark", "advmod") and child.i <= token.i and \
                    child.lower_ in HYPOTHESIS_MARKERS | TIME_MARKERS:
                return child
        if node.head is node or node.dep_ not in ("xcomp", "conj", "ccomp", "advcl", "aux", "prt", "acomp",
                                                   "dobj", "pcomp", "acl", "relcl", "neg", "pobj", "prep"):
            break
        node, hops = node.head, hops + 1
    start = clause_start(token)
    return next((t for t in token.doc[start:token.i] if t.lower_ in ("if", "unless")), None)


@dataclass(frozen=True)
class NotHypothetical(Options):
    presupposing: WordList = option((), "verbs (lemmas) whose time clause with the reader as subject still"
                                        " says they are upset ('once you've calmed down')")


@register_filter("not_hypothetical", needs="parse", options=NotHypothetical)
def keep_if_not_hypothetical(span, ctx, options: NotHypothetical):
    """'If you relax the limit ...' is a hypothesis; 'Once you've calmed down, we can talk' is
    not: a time clause whose verb presupposes the reader is upset stays."""
    verb = main_word(span)
    marker = _condition_marker(verb)
    if marker is None:
        return True
    if marker.lower_ in HYPOTHESIS_MARKERS:
        return _polite_request(marker, verb)
    presupposing = set(options.presupposing)
    if not any(t.lemma_.lower() in presupposing or t.lower_ in presupposing for t in span):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) or subject_of(verb)
    return subject is not None and subject.lower_ in READER | {"we", "everyone", "everybody", "y'all"}


# "If you could just breathe for a second, ..." and "It would help if you were calmer" ask;
# "if you relax the limit, ..." supposes.
REQUEST_MODALS = frozenset(("could", "would", "can"))
REQUEST_MAIN = frozenset(("help", "appreciate", "great", "easier", "better", "good", "useful", "grateful"))


def _polite_request(marker, verb) -> bool:
    """An if-clause with the reader as subject that is a request in polite form: a modal in it
    ("if you could ..."), or a main clause that says it would help ("it would help if you ...")."""
    if marker.lower_ != "if":
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in READER:
        return False
    if any(c.dep_ == "aux" and c.lower_ in REQUEST_MODALS for c in verb.children):
        return True
    main = verb.head if verb.dep_ in ("advcl", "ccomp") else None
    return main is not None and (main.lemma_.lower() in REQUEST_MAIN or any(
        c.lemma_.lower() in REQUEST_MAIN and c.dep_ in ("acomp", "dobj", "attr") for c in main.children))


_NEGATION_LEADS = frozenset(("do", "does", "let", "never"))
_STOP_LEADS = frozenset(("stop", "quit", "cut", "stopped", "stopping", "quitting", "quits", "stops", "cuts"))
_OTHER_SUBJECTS_OK = READER | {"we", "'s", "’s", "us", "there", "everyone", "everybody", "y'all", "ya"}


@register_filter("prohibition_to_reader", needs="parse")
def keep_if_prohibition_to_reader(span, ctx, options):
    """'No need to get upset', 'Don't freak out', 'Stop shouting', 'Getting angry won't help':
    said to the reader. Not 'I don't get upset easily', 'the alarm won't stop screaming', nor
    'Do get in touch'."""
    first = span[0]
    lead = first.lower_
    if lead in _NEGATION_LEADS:
        if lead != "never" and not any(t.norm_ == "not" or t.lower_ in ("n't", "not") for t in span[:4]):
            return False
        head = first.head if first.dep_ in ("aux", "neg") else first
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                        and _own_subject(c, clause_start(first))), None)
        return subject is None or subject.lower_ in _OTHER_SUBJECTS_OK
    if lead in _STOP_LEADS:
        subject = subject_of(first)
        if subject is not None and _own_subject(subject, clause_start(first)):
            return subject.lower_ in _OTHER_SUBJECTS_OK
        # "... won't stop screaming": a statement about something (whose subject the parser
        # lost), not an instruction, which takes no auxiliary but "do".
        return not any(c.dep_ == "aux" and c.lower_ not in ("do", "please") for c in first.children)
    if lead == "no":
        owner = first.head.head if first.head.dep_ == "dobj" else None
        if owner is not None:  # "I have no reason to panic" is the agent about themselves
            subject = next((c for c in owner.children if c.dep_ == "nsubj"), None)
            return subject is None or subject.lower_ in READER | {"there"}
        return True
    # A gerund subject ("Shouting at us won't help"): it opens its clause.
    start = clause_start(first)
    leading = [t for t in span.doc[start:first.i] if not (t.is_punct or t.lower_ in ("but", "and", "so", "honestly",
                                                                                     "really", "just", "look"))]
    return not leading


# Words of time the tagger calls nouns, which follow a cue without being what it qualifies.
TIME_WORDS = frozenset(("today", "tonight", "tomorrow", "yesterday", "rn", "now", "lately", "recently", "again",
                        "morning", "evening", "afternoon", "atm", "anymore", "tbh", "lol", "overnight", "weekend"))


@register_filter("not_a_name", needs="tags")
def keep_if_not_a_name(span, ctx, options):
    """'no need for the Meltdown patch', 'no need for panic buying': the cue word names a thing
    (a capitalised name mid-sentence) or modifies the next noun."""
    last = span[-1]
    doc = span.doc
    end = last.i + 1
    while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
        end += 1  # the capitalised run the cue opens: "Freak Out"
    after = doc[end] if end < len(doc) else None
    if end - span.start > 1 and all(t.is_title for t in span if t.is_alpha) and after is not None and \
            after.is_lower and after.pos_ == "NOUN":
        return False  # "Freak Out mode unlocks at level 20": a feature's name, even opening the sentence
    if last.is_title and not last.is_sent_start and last.i > 0 and doc[last.i - 1].text not in (".", "!", "?", ":", "\n"):
        return False
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.text in ("-", "‑") and not last.whitespace_:
        return False  # "panic-buy", "meltdown-proof"
    if nxt is not None and last.pos_ == "ADJ" and nxt.pos_ == "ADJ" and last.whitespace_ and nxt.is_lower:
        return False  # "mad busy": an intensifier of the next word
    # "grumpy today", "salty rn": a time word after the cue modifies the clause, not a noun the cue qualifies
    return not (nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not nxt.is_punct and last.pos_ in ("NOUN", "PROPN", "ADJ")
                and nxt.lower_ not in TIME_WORDS
                and nxt.whitespace_ is not None and nxt.lower_ not in ("lol", "mate", "pal", "please", "sir", "madam"))
