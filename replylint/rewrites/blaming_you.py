"""blaming-you: make the thing the subject, not the customer.

"You didn't back up the document" → "The document wasn't backed up"; "You forgot to attach the
invoice" → "The invoice wasn't attached"; "Why did you cancel the plan?" → "Why was the plan
cancelled?". Built from the parse: the reader subject, the verb's auxiliaries and negation,
the object and any particle. A sentence that does not have that shape gets no rewrite rather
than a wrong one.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..checks.syntax import READER, is_past_form, verb_lemma
from ..extend import Draft, Options, WordList, option, register_rewriter
from ..lexicon import inflection
from .grammar import capitalized, starts_sentence

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..checks.context import CheckContext

OBJECT_PRONOUNS = {"it": "it", "them": "they", "this": "this", "that": "that", "these": "these",
                   "those": "those", "everything": "everything"}
PLURAL_WORDS = {"them", "these", "those", "they"}


def _plural(obj) -> bool:
    return obj.tag_ in ("NNS", "NNPS") or obj.lower_ in PLURAL_WORDS or any(c.dep_ == "conj" for c in obj.children)


NOUN_PHRASE_TAIL = {"prep", "pobj", "compound", "amod", "nummod", "poss", "cc", "conj", "det", "case"}


def _phrase_end(noun) -> int:
    """End of the noun phrase proper: a relative clause or anything after a comma stays put
    ("the wrong details, which is why it bounced")."""
    end = noun.i + 1
    for child in noun.rights:
        if child.dep_ not in NOUN_PHRASE_TAIL or any(t.is_punct for t in child.subtree):
            break
        end = child.right_edge.i + 1
    return end


def _be(tense: str, plural: bool, negative: str) -> str:
    """Passive auxiliary: tense "past" / "perfect" / "pluperfect"; negative "", "n't" or " not"."""
    if tense == "past":
        base = "were" if plural else "was"
        return base + negative
    if tense == "perfect":
        return ("have" if plural else "has") + negative + " been"
    return "had" + negative + " been"


def _negation(tokens) -> str:
    for t in tokens:
        if t.dep_ == "neg" and t.lower_ != "never":
            return "n't" if t.lower_ in ("n't", "n’t") else " not"
    return ""


@dataclass(frozen=True)
class PassiveVoice(Options):
    failure_verbs: WordList = option((), "verbs of failure whose object's verb is made passive "
                                         "('you forgot to attach it' → 'it wasn't attached')")
    description: str = option("Make the thing the subject, not the customer.", "what the rewrite says it does")


@dataclass(frozen=True)
class _Clause:
    """The parts of 'you [aux] [not] VERB [adverbs] OBJECT [particle]' a passive is built from.
    `action` is `verb`, or the verb after a failure verb ('forgot to *attach* it')."""

    subject: Token
    verb: Token
    action: Token
    failure: bool
    obj: Token
    obj_end: int
    prt: Token | None
    auxes: list[Token]
    negs: list[Token]
    adverbs: list[Token]


def _blame_clause(span: Span, failure_verbs: set[str]) -> _Clause | None:
    """The reader-subject clause of the span and its object, or None when it has no such shape."""
    subject = next((t for t in span if t.lower_ in READER and t.dep_ == "nsubj"), None)
    if subject is None:
        return None
    verb = subject.head
    failure = verb_lemma(verb) in failure_verbs
    action: Token | None = verb
    if failure:
        action = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if action is None:
            return None
    assert action is not None
    obj = next((c for c in action.children if c.dep_ == "dobj" or c.dep_ == "oprd" and c.pos_ == "NOUN"), None)
    if obj is None or obj.lower_ in READER or obj.lower_.startswith("your") and obj.lower_ != "your":
        return None
    prt = next((c for c in action.children if c.dep_ == "prt"), None)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    negs = [c for c in verb.children if c.dep_ == "neg"]
    opening = min([subject.i] + [a.i for a in auxes])
    adverbs = [c for c in dict.fromkeys([*verb.children, *action.children])
               if c.dep_ in ("advmod", "neg") and c.lower_ not in ("n't", "n’t", "not") and opening < c.i < obj.i
               and not any(t.is_punct for t in c.subtree)]
    return _Clause(subject, verb, action, failure, obj, _phrase_end(obj), prt, auxes, negs, adverbs)


def _clause_bounds(clause: _Clause) -> tuple[int, int] | None:
    """The first and last token of the clause, when its words are all it holds (else None: the
    rewording is left to the agent)."""
    doc = clause.subject.doc
    obj_tokens = list(doc[clause.obj.left_edge.i:clause.obj_end])
    used = {clause.subject, clause.verb, clause.action, *clause.auxes, *clause.negs, *clause.adverbs, *obj_tokens}
    if clause.prt is not None:
        used.add(clause.prt)
    if clause.action.i != clause.verb.i:
        used.update(c for c in clause.action.children if c.dep_ == "aux")
    first = min(t.i for t in used)
    last = max(t.i for t in used)
    if any(doc[i] not in used and not doc[i].is_space for i in range(first, last + 1)):
        return None  # something else sits inside the clause (a hard wrap is no word)
    if last + 1 < len(doc) and not doc[last].whitespace_ and doc[last + 1].text[:1] not in ".,;:!?)\"'”’":
        return None  # the parse split a word ("mid-transfer"); a cut there would break it
    return first, last


def _passive_be(clause: _Clause) -> str | None:
    """The passive's auxiliary in the clause's tense and polarity ('wasn't', 'has not been',
    "couldn't have been"); None for a present habit ('you leave it open' reads as advice)."""
    aux_words = [a.lower_ for a in clause.auxes]
    negative = "n't" if clause.failure else _negation(clause.negs)
    plural = _plural(clause.obj)
    modal = next((a for a in clause.auxes if a.tag_ == "MD"), None)
    if modal is not None and modal.lower_ in ("'d", "’d") and clause.action.tag_ == "VBN":
        modal = None  # "if you'd kept it": 'd is "had" before a participle
        aux_words = ["had" if w in ("'d", "’d") else w for w in aux_words]
    if modal is not None:
        has_have = any(w in ("have", "'ve", "’ve") for w in aux_words)
        neg_text = "" if not clause.negs else ("n't" if negative == "n't" else " not")
        modal_word = "would" if modal.lower_ in ("'d", "’d") else modal.text.lower()
        return modal_word + neg_text + (" have been" if has_have else " be")
    if any(w in ("had", "'d", "’d") for w in aux_words):
        return _be("pluperfect", plural, negative)
    if any(w in ("have", "has", "'ve", "’ve", "'s") for w in aux_words) or \
            clause.verb.tag_ == "VBN" and not aux_words:
        return _be("perfect", plural, negative)
    if any(w in ("did", "do", "does") for w in aux_words) or is_past_form(clause.verb):
        return _be("past", plural, negative)
    return None


def _passive_text(clause: _Clause, be: str) -> str:
    """'the document wasn't backed up', or as a question 'was the plan cancelled'."""
    doc = clause.subject.doc
    obj = clause.obj
    adverb_text = "".join(" " + a.text for a in clause.adverbs)
    participle = inflection(verb_lemma(clause.action), "VBN") + (" " + clause.prt.text if clause.prt is not None else "")
    single = clause.obj_end - obj.left_edge.i == 1
    obj_text = OBJECT_PRONOUNS[obj.lower_] if single and obj.lower_ in OBJECT_PRONOUNS else \
        doc[obj.left_edge.i:clause.obj_end].text
    if clause.auxes and clause.auxes[0].i < clause.subject.i:  # a question: "Why did you cancel it?"
        be_word, _, rest = be.partition(" ")
        return f"{be_word} {obj_text}{' ' + rest if rest else ''}{adverb_text} {participle}"
    return f"{obj_text} {be}{adverb_text} {participle}"


# A passive of these still reproaches: "the policy should have been read", "had the page been
# read, ...", "wasn't the pinned post read?". Such a sentence gets the suggestion only.
REPROACH_MODALS = {"should", "must", "ought", "should've", "should’ve", "must've", "must’ve", "shouldve", "mustve",
                   "shoulda", "musta", "oughta"}
PERSONAL_OBJECTS = {"us", "me", "him", "her", "them"}


def _still_reproaches(clause: _Clause) -> bool:
    """The clause's passive would keep the blame: a guess about the reader's past, a
    counterfactual, a negative rhetorical question, or a person as object ('you should have
    called us')."""
    words = {a.lower_ for a in clause.auxes} | {c.lower_ for c in clause.verb.children}
    if words & REPROACH_MODALS or clause.verb.head.lower_ in ("ought", "oughta"):
        return True
    if any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.verb.children) and \
            words & {"had", "'d", "’d"}:
        return True
    inverted = [a for a in clause.auxes if a.i < clause.subject.i]
    if any(a.lower_ == "had" for a in inverted) or inverted and clause.negs:
        return True
    return clause.obj.lower_ in PERSONAL_OBJECTS


# Verbs of having and knowing: their passive is not English ("a lockfile was not had").
NO_PASSIVE = {"have", "own", "possess", "lack", "need", "want", "know", "get", "hold"}


def _there_was_no(clause: _Clause) -> str | None:
    """'You didn't have a lockfile' → 'there was no lockfile'; 'you don't have any backups' →
    'there are no backups'. Only a negated 'have' of an indefinite object, in the simple past
    or present, and not a question."""
    if verb_lemma(clause.action) != "have" or clause.action is not clause.verb or not clause.negs:
        return None
    auxes = {a.lower_ for a in clause.auxes}
    if any(a.i < clause.subject.i for a in clause.auxes) or not auxes or not auxes <= {"did", "do", "does"}:
        return None
    obj, doc = clause.obj, clause.subject.doc
    dets = [c for c in obj.children if c.dep_ == "det" and c.i == obj.left_edge.i]
    if dets and dets[0].lower_ not in ("a", "an", "any"):
        return None  # "you didn't have the key": the key exists; no rewrite
    first = dets[0].i + 1 if dets else obj.left_edge.i
    if first >= clause.obj_end:
        return None
    plural = obj.tag_ in ("NNS", "NNPS")
    be = ("were" if plural else "was") if "did" in auxes else ("are" if plural else "is")
    return f"there {be} no {doc[first:clause.obj_end].text}"


@register_rewriter("passive_voice", needs="parse", options=PassiveVoice)
def passive_voice(span: Span, ctx: CheckContext, options: PassiveVoice) -> Iterator[Draft]:
    """'You didn't back up the document' → 'The document wasn't backed up'."""
    clause = _blame_clause(span, set(options.failure_verbs))
    bounds = _clause_bounds(clause) if clause is not None and not _still_reproaches(clause) else None
    if clause is None or bounds is None:
        return
    doc, (first, last) = span.doc, bounds
    if verb_lemma(clause.action) in NO_PASSIVE:
        rewrite = _there_was_no(clause)  # "you didn't have a lockfile" → "there was no lockfile"
        if rewrite is None:
            return  # "a lockfile was not had": these verbs have no passive to give
    else:
        be = _passive_be(clause)
        if be is None:
            return
        rewrite = _passive_text(clause, be)
    if starts_sentence(doc[first]):
        rewrite = capitalized(rewrite)
    yield Draft(doc[first].idx, doc[last].idx + len(doc[last].text), rewrite, "suggest", False,
                options.description)
