"""blaming-you: sentences that make the reader the cause of the problem.

The grammatical shapes of blame, each read from the parse: a negated past action by "you"
("you didn't back up"), a failure verb ("you forgot to"), a guess about the past ("you must
have left it"), a counterfactual ("if you'd kept it updated"), a cause ("because you typed"),
an emphatic or contrastive past action ("you upgraded yourself", "but you archived"), "why did
you ...", "your fault", and blunt demands about the reader's behaviour ("you need to speak
louder"). Hypotheticals ("if you didn't receive"), passives ("you were supposed to be moved")
and things that merely happen to the reader ("you should have received") are not blame.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extend import (
    Options,
    PhraseList,
    WordList,
    all_of,
    any_of,
    option,
    phrases_of,
    register_check,
    text_matches,
    words,
)
from .syntax import (
    READER,
    in_condition,
    is_negated,
    is_past_form,
    lemmas_of,
    subject_of,
)

CONTRACTED = {"'ve": "have", "'d": "had", "'s": "has", "'ll": "will"}
PAST_AUX = {"did", "have", "'ve", "’ve", "has", "had", "'d", "’d"}
GUESS_MODALS = {"should", "must", "ought"}
CAUSE_MARKERS = {"because", "since", "cause", "'cause"}


def _aux_words(verb) -> set[str]:
    """Auxiliaries by form and by norm, so "'ve" also reads as "have" and "should've" as both."""
    words: set[str] = set()
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            words.update((c.lower_, c.norm_, CONTRACTED.get(c.lower_.replace("’", "'"), c.lower_)))
    return words


def _after_but(verb, subject) -> bool:
    """'..., but you archived the folder': the reader's action set against our sympathy."""
    i = subject.i - 1
    while i >= 0 and verb.doc[i].text in (",", "—", "–"):
        i -= 1
    return i >= 0 and verb.doc[i].lower_ in ("but", "yet") and verb.tag_ == "VBD"


def _is_passive(verb) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children) or any(
        c.dep_ == "nsubjpass" for c in verb.children)


def _no_fault_object(verb) -> bool:
    """'you didn't do anything wrong' / 'you did nothing to cause this' clear the reader."""
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and child.lower_ in ("anything", "nothing"):
            return True
    return False


def _blame_shape(verb, agentive: bool, opts, subject=None) -> bool:
    aux = _aux_words(verb)
    past = is_past_form(verb) or bool(aux & PAST_AUX)
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)
    children = {c.lower_ for c in verb.children}
    if lemmas_of(verb) & opts.failure_verbs and not negated and past:
        # "you forgot to renew" is blame; "you forgot your charger in room 4" is a friendly notice
        return "forget" not in lemmas_of(verb) or any(c.dep_ == "xcomp" for c in verb.children)
    if not agentive or _is_passive(verb):
        return False
    if negated and past and ("did" in aux or aux & {"have", "'ve", "’ve", "has", "had"} or
                             any(c.lower_ == "never" for c in verb.children)):
        return not _no_fault_object(verb)
    if aux & GUESS_MODALS and "have" in aux | {c.lower_ for c in verb.children} and verb.tag_ == "VBN":
        return True
    if verb.tag_ == "VBN" and any(c.lower_ in ("should've", "must've") for c in verb.children):
        return True
    if past and not negated:
        if any(c.dep_ == "mark" and c.lower_ in CAUSE_MARKERS for c in verb.children):
            return True
        if "yourself" in children or any(c.lower_ in ("wrong", "incorrect") for c in verb.subtree):
            return True
        if subject is not None and _after_but(verb, subject):
            return True
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children) and aux & {"had", "'d", "’d"}:
            return any(c.lower_ == "would" for c in verb.head.children)  # counterfactual
    return False


def _supposed_to(verb) -> bool:
    """'you were supposed to click' (blame), not 'you were supposed to be moved' (our failure)."""
    if verb.lemma_ != "suppose" or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ == "xcomp":
            return not _is_passive(child)
    return False


def _why_did_you(verb) -> bool:
    return any(c.lower_ == "why" for c in verb.children) and bool(_aux_words(verb) & {"did", "would", "'d"})


def _behaviour_demand(verb, opts) -> bool:
    """'you need to speak louder': a demand about the reader's conduct, not a requirement of the product."""
    if verb.head.lemma_ not in ("need", "have", "must") and not (_aux_words(verb) & {"must"}):
        return False
    phrase = verb.lemma_
    extra = [c for c in verb.children if c.dep_ in ("prt", "advmod", "acomp", "dobj") and c.i > verb.i]
    candidates = {phrase} | {f"{phrase} {c.lower_}" for c in extra}
    return bool(candidates & opts.behaviour_demands)


NEGATIONS = {"not", "n't", "n’t", "nt", "never", "no"}
PERFECT_OR_DID = {"did", "have", "'ve", "’ve", "has", "had", "'d", "’d"}
# "but"/"yet" and then the reader, with at most commas and dashes between (see _after_but)
BUT_READER = re.compile(r"\b(?:but|yet)[\s,—–]*(?:" + "|".join(sorted(map(re.escape, READER), key=len, reverse=True))
                        + r")\b", re.IGNORECASE)


# Every shape above needs the reader as a subject and one of its own words: a failure verb,
# "never", a negation with did/have, a guessing modal with "have", a cause, "yourself", "wrong",
# "if … had", "supposed", "why", or the words of a listed demand; or "but"/"yet" right before the
# reader ("..., but you archived it"). Or "your fault".
BLAME_CUES = all_of(
    words(READER, {"fault"}),
    any_of(words({"never", "why", "yourself", "wrong", "incorrect", "should've", "must've"}, CAUSE_MARKERS),
           all_of(words(NEGATIONS), words(PERFECT_OR_DID)),
           all_of(words("if"), words("had", "'d", "’d")),
           all_of(words(GUESS_MODALS), words("have", "'ve", "’ve")),
           all_of(words("your"), words("fault")),
           phrases_of("failure_verbs", also=("suppose",)),
           phrases_of("behaviour_demands"),
           text_matches(BUT_READER)))


@dataclass(frozen=True)
class AccusatoryYou(Options):
    failure_verbs: WordList = option((), "verbs of failure: 'you forgot to', 'you failed to' blame the reader")
    non_agentive_verbs: WordList = option((), "verbs of things that happen to the reader ('you received'), "
                                              "which are no blame")
    behaviour_demands: PhraseList = option((), "demands about the reader's conduct ('speak louder'), as verb "
                                               "or verb and word after it")


@dataclass(frozen=True)
class _Sets:
    """The options as sets, made once per call."""

    failure_verbs: frozenset[str]
    non_agentive: frozenset[str]
    behaviour_demands: frozenset[str]


@register_check("accusatory_you", needs="parse", options=AccusatoryYou, cues=BLAME_CUES)
def find_accusatory_you(ctx, options: AccusatoryYou):
    """The reader made the cause of the problem: 'you didn't back up', 'you forgot to', 'your fault'."""
    opts = _Sets(frozenset(options.failure_verbs), frozenset(options.non_agentive_verbs),
                 frozenset(options.behaviour_demands))
    for token in ctx.doc:
        if token.lower_ == "fault" and any(c.lower_ == "your" for c in token.children):
            if not is_negated(token):
                yield ctx.doc[token.i - 1:token.i + 1]
            continue
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        subject = subject_of(token)
        if subject is None or subject.lower_ not in READER:
            continue
        agentive = not (lemmas_of(token) & opts.non_agentive)
        counterfactual = any(c.dep_ == "mark" and c.lower_ == "if" for c in token.children) and bool(
            _aux_words(token) & {"had", "'d", "’d"})
        if in_condition(token) and not counterfactual:
            continue
        if (_blame_shape(token, agentive, opts, subject) or _supposed_to(token)
                or (agentive and _why_did_you(token)) or _behaviour_demand(token, opts)):
            start = min(subject.i, token.i)
            end = token.i + 1
            for child in token.children:
                if child.i > token.i and child.dep_ in ("prt", "dobj", "xcomp", "acomp", "prep"):
                    end = max(end, child.right_edge.i + 1)
            end = min(end, token.sent.end)
            while end > start + 1 and ctx.doc[end - 1].is_punct:
                end -= 1
            yield ctx.doc[start:end]
