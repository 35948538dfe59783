"""blaming-you: sentences that make the reader the cause of the problem.

The grammatical shapes of blame, each read from the parse: a negated past action by "you"
("you didn't back up", "you never told us", "you haven't responded"), a failure verb ("you
forgot to", "you messed up the settings"), a guess about the past ("you must have left it",
"you ought to have checked"), a counterfactual ("if you'd kept it updated", "you'd know if
you'd read"), a cause ("because you typed"), a consequence ("that's what happens when you
skip"), an emphatic or contrastive past action ("you upgraded yourself", "but you archived"),
"you were told to", "you're the one who", "why did you ...", a gerund subject ("skipping the
update caused this"), "by you" in a passive, "your fault" / "your responsibility" / "on you",
and blunt demands about the reader's behaviour ("you need to speak louder", "follow the steps
properly this time").

Not blame: hypotheticals in every form ("if you didn't receive", "in case you missed",
"should you have forgotten"), questions asking for information ("did you delete it?"),
hedged guesses ("you may have missed our email"), passives ("you were supposed to be
moved"), things that merely happen to the reader ("you should have received"), sympathy
("sorry you missed the webinar"), exoneration ("you didn't do anything wrong", "you didn't
cancel it, our system did", a negated failure verb: "you haven't missed the deadline") and
blame the agent takes on in the same sentence ("we should have told you").
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
from ..lexicon import dictionary_lemmas, inflection
from .memo import by_identity
from .syntax import (
    FIRST_PERSON,
    READER,
    in_condition,
    is_negated,
    is_past_form,
    lemmas_of,
    subject_of,
    verb_lemma,
)

CONTRACTED = {"'ve": "have", "'d": "had", "'s": "has", "'ll": "will", "ve": "have"}
PAST_AUX = {"did", "have", "'ve", "’ve", "ve", "has", "had", "'d", "’d"}
GUESS_MODALS = {"should", "must", "ought", "oughta"}
HEDGE_MODALS = {"may", "might", "could", "can"}
# "should've" written as one word, as chat and the tokenizer leave it
FUSED_GUESS = {"should've", "should’ve", "must've", "must’ve", "shouldve", "mustve", "shoulda", "musta",
               "oughta", "shouldnt've", "shouldn't've"}
CAUSE_MARKERS = {"because", "since", "cause", "'cause", "’cause", "coz", "cuz", "bc"}
WOULD = {"would", "'d", "’d", "d", "could", "might", "wouldn't", "couldn't", "wouldnt", "couldnt"}
# "in case you ...", "should you have ...", "provided you ...": more ways to say "if"
CONDITION_LEADS = {"case", "provided", "providing", "assuming", "supposing", "suppose", "whether", "event"}
TEMPORAL = {"after", "before", "while", "until", "till", "whilst"}
NEGATIONS = {"not", "n't", "n’t", "nt", "never", "no"}
PERFECT_OR_DID = {"did", "have", "'ve", "’ve", "has", "had", "'d", "’d"}
SYMPATHY = {"sorry", "sad", "shame", "pity", "unfortunate", "regret", "gutted", "bummer", "hate", "unlucky"}
DEMAND_HEADS = {"need", "have", "must", "gotta", "got"}
# "'s" and "is" before "what happens": that/this sums up the reader's mishap
RECAP = {"that", "this", "that's", "this's"}


def _aux_words(verb) -> set[str]:
    """Auxiliaries by form and by norm, so "'ve" also reads as "have" and "should've" as both."""
    found: set[str] = set()
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            found.update((c.lower_, c.norm_, CONTRACTED.get(c.lower_.replace("’", "'"), c.lower_)))
    return found


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


# What a reader breaks to their credit: "you broke your personal best", "you smashed the record".
FEATS = frozenset(("record", "records", "best", "pb", "barrier", "mould", "mold", "ceiling", "target", "goal"))


def _feat(verb) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ in FEATS for c in verb.children)


def _past_like(verb) -> bool:
    """A past form, or a verb whose past is its base ('you put the wrong code', 'you set it')."""
    if is_past_form(verb):
        return True
    return verb.tag_ == "VBP" and inflection(verb_lemma(verb), "VBD") == verb.lower_


def _participle(verb) -> bool:
    return verb.tag_ in ("VBN", "VBD") or verb.lower_ == inflection(verb_lemma(verb), "VBN")


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "nt") for c in verb.children)


def _phrasal(verb, phrases: frozenset[tuple[str, str]]) -> bool:
    """'you messed up', 'you mixed the dates up', 'you tampered with the meter'."""
    lemmas = lemmas_of(verb)
    return any(c.lower_ == word and lemma in lemmas for c in verb.children if c.dep_ in ("prt", "prep", "advmod")
               for lemma, word in phrases)


CLAUSES = {"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "acl", "csubj"}


def _wrong_choice(verb) -> bool:
    """'you typed it wrong', 'you put the wrong code', 'you clicked the incorrect button';
    not 'you wrote: "the wrong one ..."' (a wrong in a clause of its own)."""
    todo = [c for c in verb.children if c.dep_ not in CLAUSES and c.i > verb.i]
    while todo:
        c = todo.pop()
        if c.lower_ in ("wrong", "incorrect", "wrongly", "incorrectly"):
            return True
        todo.extend(g for g in c.children if g.dep_ not in CLAUSES)
    return False


def _counterfactual(verb) -> bool:
    """'if you'd kept it updated, this wouldn't have happened', 'you'd know if you'd read',
    'had you read the guide, you would have known': a past that did not happen, held against
    the reader. A polite 'if you'd send us the log, we can check' is no counterfactual."""
    aux = _aux_words(verb)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    has_if = any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)
    inverted_had = subject is not None and any(c.dep_ == "aux" and c.lower_ == "had" and c.i < subject.i
                                               for c in verb.children)
    if not (has_if and aux & {"had", "'d", "’d"}) and not inverted_had:
        return False
    if verb.tag_ != "VBN" and "had" not in aux and not (verb.tag_ == "VBD" and verb.lower_ == inflection(
            verb_lemma(verb), "VBN")):
        return False
    if verb.sent.text.rstrip().endswith("?"):
        return False
    inside = {t.i for t in verb.subtree if t.i <= verb.i or t.head.i == verb.i and t.dep_ not in ("relcl", "advcl")}
    for head in verb.sent:
        if head.i in inside or head.pos_ not in ("VERB", "AUX") or head.dep_ in ("aux", "auxpass"):
            continue
        # "youd know": without its apostrophe the "d" is read as a noun, still the head's child
        head_aux = {c.lower_ for c in head.children if c.dep_ == "aux" or c.lower_ in ("d", "'d", "’d")}
        if not head_aux & WOULD:
            continue
        if head_aux & {"have", "'ve", "’ve"} or head.tag_ == "VBN":
            return True
        head_subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if head_subject is not None and head_subject.lower_ in READER:
            return True  # "you'd know this if you'd read"
    return False


def _question_for_information(verb, subject) -> bool:
    """'Did you delete the folder?' asks; 'Didn't you read the pinned post?' reproaches."""
    inverted = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < subject.i]
    if not inverted or any(c.lower_ == "why" for c in verb.children):
        return False
    return not _negated(verb) and not any(c.lower_ in ("n't", "n’t", "not") for c in inverted)


def _in_sympathy(verb, subject) -> bool:
    """'I'm sorry you missed the webinar': the reader's loss, not their fault. Not across a 'but'
    ('Sorry for the confusion, but you did agree to the terms'): the apology is taken back."""
    node, hops = verb, 0
    while node.head is not node and hops < 4:
        if node.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in node.head.children
                                       if c.i < node.i) or any(c.dep_ == "cc" and c.lower_ in ("but", "yet")
                                                                for c in node.children if c.i < node.i):
            return False
        node, hops = node.head, hops + 1
        if node.lemma_.lower() in SYMPATHY or any(c.lower_ in SYMPATHY for c in node.children if c.dep_ in ("acomp", "attr")):
            return True
    start = verb.sent.start
    return any(t.lower_ in SYMPATHY for t in verb.doc[max(start, subject.i - 4):subject.i])


def _extra_condition(verb, subject) -> bool:
    """Conditions in_condition does not know: 'in case you', 'provided you', 'should you have'."""
    doc = verb.doc
    for t in doc[max(verb.sent.start, subject.i - 3):subject.i]:
        if t.lower_ in CONDITION_LEADS:
            return True
    if any(c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL and c.i < subject.i for c in verb.children):
        return True  # "after you deleted the app, did it persist?": the time of something else
    # inversion: "Should you have forgotten it, ...", "Were you to delete it, ..."
    return any(c.dep_ == "aux" and c.lower_ in ("should", "were") and c.i < subject.i for c in verb.children) and \
        not verb.sent.text.rstrip().endswith("?")


def _owned_or_cleared(verb, opts) -> bool:
    """The sentence clears the reader ('not your fault', 'you did nothing wrong') or the agent
    takes the blame in it ('we should have told you', 'that's on us', 'our system did')."""
    sent = verb.sent
    text = " " + re.sub(r"[’‘]", "'", sent.text.lower()) + " "
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"\s+", " ", text)
    if any(f" {phrase} " in text for phrase in opts.cleared):
        return True
    for t in sent:
        if t.i <= verb.i or t.pos_ not in ("VERB", "AUX"):
            continue
        who = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        ours = who is not None and (who.lower_ in FIRST_PERSON or any(c.lower_ == "our" for c in who.children))
        if not ours:
            continue
        if t.lemma_ == "do" or lemmas_of(t) & opts.failure_verbs or _aux_words(t) & GUESS_MODALS:
            return True  # "you didn't cancel it, our system did", "we forgot to tell you"
    return False


def _blame_shape(verb, agentive: bool, opts, subject) -> bool:
    aux = _aux_words(verb)
    past = is_past_form(verb) or bool(aux & PAST_AUX)
    negated = _negated(verb)
    children = {c.lower_ for c in verb.children}
    chosen = verb.dep_ == "xcomp" and is_past_form(verb.head) and not _negated(verb.head) and \
        verb.head.lemma_ in opts.choice_verbs  # "you chose to ignore the warning"
    if aux & HEDGE_MODALS and not aux & GUESS_MODALS:
        return False  # "you may have missed our email": a guess offered, not an accusation
    failure = bool(lemmas_of(verb) & opts.failure_verbs) or _phrasal(verb, opts.failure_phrasals)
    damage = bool(lemmas_of(verb) & opts.damage_verbs)
    if failure or damage:
        if negated:
            return False  # "you didn't break anything", "you haven't missed the deadline"
        if failure and (past or _past_like(verb) or chosen):
            # "you forgot to renew" is blame; "you forgot your charger in room 4" is a friendly notice
            return "forget" not in lemmas_of(verb) or any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)
    if (past or _past_like(verb)) and not negated and _let_go_wrong(verb, opts):
        return True  # "you let your subscription lapse"
    if verb.lemma_ in ("bring", "do") and any(t.lower_ in ("yourself", "yourselves", "urself") for t in verb.subtree):
        return True  # "you brought this on yourself", "you did this to yourself"
    if "did" in aux and not negated and verb.tag_ == "VB" and lemmas_of(verb) & EMPHATIC_CONSENT \
            and not verb.sent.text.rstrip().endswith("?"):
        return True  # "but you did agree to the terms": the emphatic "did" holds the reader to it
    because = any(c.dep_ == "mark" and c.lower_ in CAUSE_MARKERS for c in verb.children)
    cause = (past or _past_like(verb)) and because
    if cause and not negated and not _is_passive(verb) and _trouble_follows(verb, opts):
        return True  # "the late fee applies because you went over your limit" (any verb: the consequence blames)
    # Not "since": "since you are using an older version, we recommend ..." gives a reason for advice.
    strictly_because = any(c.dep_ == "mark" and c.lower_ in CAUSE_MARKERS - {"since"} for c in verb.children)
    if strictly_because and verb.tag_ == "VBG" and not negated and _trouble_follows(verb, opts) \
            and (agentive or any(c.dep_ == "dobj" for c in verb.children)):
        return True  # "the app crashes because you're running an old version": a habit made the cause
    if (past or _past_like(verb)) and not negated and _left_in_bad_state(verb, opts):
        return True  # "you left the router unplugged"
    if not agentive or _is_passive(verb):
        return False
    if negated and past and ("did" in aux or aux & {"have", "'ve", "’ve", "has", "had"} or
                             any(c.lower_ in ("never", "nt") for c in verb.children)):
        return not _no_fault_object(verb)
    if aux & GUESS_MODALS and children & {"have", "'ve", "’ve", "ve"} and _participle(verb):
        return True  # "you should've rung" (the tagger may read "'ve" as a noun and "rung" as a base form)
    if _participle(verb) and (children | {c.lower_ for c in subject.children}) & FUSED_GUESS:
        return True
    if damage and past and not aux - PAST_AUX and not _thanked(verb) and not _feat(verb):
        return True  # "you deleted the shared folder", "you've bricked the console"
    if past or _past_like(verb):
        if cause:
            return _trouble_follows(verb, opts) or _explains(verb)
        if "yourself" in children and not _thanked(verb) and not _praised(verb) or _wrong_choice(verb):
            return True  # "you upgraded it yourself", not "you fixed it yourself, nice work"
        if _after_but(verb, subject):
            return True
    return _counterfactual(verb)


def _left_in_bad_state(verb, opts) -> bool:
    """'You left the router unplugged', 'you left the tap running': the reader left the thing in a
    state that caused the fault (not 'you left your charger in room 4', a friendly notice)."""
    if verb.lemma_ != "leave":
        return False
    return any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod", "prt") and c.i > verb.i
               and (c.lower_ in opts.left_states or c.lemma_.lower() in opts.left_states) for c in verb.children)


def _let_go_wrong(verb, opts) -> bool:
    """'You let the warranty expire': 'let' with a complement that is a bad outcome (not 'you
    let us know')."""
    if verb.lemma_ != "let":
        return False
    # The tagger may read the complement as a noun ("let your subscription lapse": "subscription
    # lapse" the object): a last word that can be a verb of a bad outcome is one.
    return any((c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and c.i == c.right_edge.i
                and "VERB" in dictionary_lemmas(c.lower_)) and lemmas_of(c) & opts.bad_outcomes
               for c in verb.children)


def _trouble_follows(verb, opts) -> bool:
    """The clause that `verb`'s because-clause explains names a bad consequence: a word of
    trouble, a bad-outcome verb or a negation ('the payment failed because you ...')."""
    head = verb.head
    if head is verb:
        return False
    inside = set(t.i for t in verb.subtree)
    outside = [t for t in head.subtree if t.i not in inside]
    return any(t.lower_ in opts.trouble or t.lemma_.lower() in opts.trouble or lemmas_of(t) & (opts.bad_outcomes | opts.trouble)
               or t.dep_ == "neg" for t in outside)


def _explains(verb) -> bool:
    """'That's because you typed the code twice', 'It's only because you skipped the step': the
    because-clause is all the explanation given, pointed at the reader."""
    head = verb.head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "expl")), None)
    return head.lemma_ == "be" and subject is not None and subject.lower_ in ("that", "it", "this", "which")


PRAISE_WORDS = frozenset(("nice", "well", "kudos", "impressive", "legend", "congrats", "congratulations", "proud",
                          "amazing", "glad", "love", "fantastic", "excellent", "wonderful", "superb", "genius"))


def _praised(verb) -> bool:
    """'You fixed it yourself, nice work!': the sentence praises the act."""
    return any(t.lower_ in PRAISE_WORDS for t in verb.sent)


def _thanked(verb) -> bool:
    """'You deleted the duplicate, thanks': the reader's act welcomed, not blamed."""
    return any(t.lower_ in ("thanks", "thank", "thx", "ty", "cheers", "perfect", "great", "brilliant", "awesome")
               for t in verb.sent)


def _ought_to_have(verb) -> bool:
    """'you ought to have checked': 'ought' heads the clause and the participle is its xcomp."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ in ("ought", "oughta") and verb.tag_ in ("VBN", "VBD") and \
        any(c.lower_ == "have" for c in verb.children)


def _supposed_to(verb, opts) -> bool:
    """'you were supposed to click' (blame), not 'you were supposed to be moved' or 'you were
    supposed to get an email' (our failure)."""
    if verb.lemma_ != "suppose" or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ == "xcomp":
            return not _is_passive(child) and not lemmas_of(child) & opts.non_agentive
    return False


def _were_told(verb, opts) -> bool:
    """'You were told to keep the receipt', 'you were warned', 'you were TOLD' (the tagger
    reads a capitalised participle as an adjective): the reader reminded of a warning."""
    told = None
    if verb.lower_ in opts.told_forms and _is_passive(verb):
        told = verb
    elif verb.lemma_ == "be":
        told = next((c for c in verb.children if c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in opts.told_forms),
                    None)
    if told is None or _negated(verb) or _negated(told):
        return False
    for c in told.subtree:
        if c.lower_ == "by" and any(g.lower_ in FIRST_PERSON or g.lower_ == "our" for g in c.subtree):
            return False  # "you were told to wait by our agent"
    action = next((c for c in [*told.children, *verb.children] if c.dep_ == "xcomp"), None)
    if action is not None:
        return not _is_passive(action) and not lemmas_of(action) & opts.non_agentive
    return told.lower_.startswith("warn") or told.text.isupper()


def _is_be(token) -> bool:
    return token.lemma_ == "be" or token.lower_.replace("’", "'") in ("'re", "'s", "'m", "re", "are", "is", "was", "were")


def _we_warned_you(verb, opts) -> bool:
    """'We warned you about this', 'I told you to back it up': the agent recalling a warning
    the reader ignored. 'We told you the wrong date' and 'we should have told you' are not."""
    if not lemmas_of(verb) & opts.warning_verbs or _negated(verb) or not is_past_form(verb):
        return False
    if _aux_words(verb) - {"did", "have", "'ve", "’ve", "had"}:
        return False  # "we should have warned you", "we'll remind you"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in FIRST_PERSON or in_condition(verb):
        return False
    if not any(c.dep_ in ("dobj", "dative") and c.lower_ in READER for c in verb.children):
        return False
    action = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
    if action is not None and action.dep_ == "xcomp":
        return not _is_passive(action) and not lemmas_of(action) & opts.non_agentive
    return action is None and bool(lemmas_of(verb) & {"warn", "caution"})


def _the_one_who(verb, opts) -> bool:
    """'You're the one who changed the DNS settings': the reader named as the culprit."""
    if not _is_be(verb):
        return False
    for attr in verb.children:
        if attr.dep_ == "attr" and attr.lower_ == "one":
            for rel in attr.children:
                if rel.dep_ == "relcl" and not lemmas_of(rel) & opts.non_agentive and (
                        is_past_form(rel) or _aux_words(rel) & PAST_AUX or rel.lemma_ == "keep"):
                    return True
    return False


def _lacked_precaution(verb, opts) -> bool:
    """'You did not have a lockfile', 'you had no backup': the safeguard the reader was
    expected to keep, missing, in the past. Not 'you don't have access' (nothing the reader
    should have kept), not 'you don't have to', not the present ('you don't have a backup yet')."""
    if not opts.precautions or verb.lemma_ != "have":
        return False
    did = any(c.dep_ == "aux" and c.lower_ in ("did", "had") for c in verb.children)
    if not did and verb.tag_ != "VBD":
        return False
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        named = obj.lemma_.lower() in opts.precautions or obj.lower_ in opts.precautions or any(
            c.dep_ == "compound" and c.lower_ in opts.precautions for c in obj.children)
        if named and (_negated(verb) or any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children)):
            return True
    return False


def _the_culprit(verb, opts) -> bool:
    """'You're the reason the sync broke', 'you're the culprit', 'you're to blame'."""
    if not _is_be(verb) or _negated(verb):
        return False
    for c in verb.children:
        if c.dep_ == "xcomp" and c.lemma_ == "blame" and not _is_passive(c):
            return True
        if c.dep_ == "attr" and c.lower_ in opts.culprit_nouns:
            if c.lower_ not in ("reason", "cause"):
                return True
            return any(lemmas_of(g) & opts.bad_outcomes for g in c.subtree if g.pos_ in ("VERB", "AUX") and g.i > c.i)
    return False


def _what_happens_when(verb) -> bool:
    """'That's what happens when you skip the update', 'that's what you get for ignoring it'."""
    head = verb.head
    if head.lemma_ == "happen" and verb.dep_ == "advcl" and \
            any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "whenever", "if") for c in verb.children):
        if any(c.dep_ == "nsubj" and c.lower_ == "what" for c in head.children):
            be = head.head
            return be is not head and any(c.dep_ == "nsubj" and c.lower_ in RECAP for c in be.children)
    return False


def _what_you_get(verb) -> bool:
    if verb.lemma_ != "get":
        return False
    return any(c.lower_ == "what" for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.tag_ == "VBG" for g in c.children) for c in verb.children)


def _why_did_you(verb, subject) -> bool:
    """'Why did you delete it?', 'why would you', not the reported 'I get why you'd be upset'."""
    if not any(c.lower_ == "why" for c in verb.children):
        return False
    inverted = [c for c in verb.children if c.dep_ == "aux" and c.i < subject.i]
    return any(c.lower_ in ("did", "didn't", "would", "'d", "’d") or c.norm_ in ("did", "would")
               for c in inverted)


def _behaviour_demand(verb, opts) -> bool:
    """'you need to speak louder', 'follow the steps properly this time', 'you need to stop
    sharing your login': a demand about the reader's conduct, not a requirement of the product."""
    aux = _aux_words(verb)
    by_head = verb.dep_ == "xcomp" and verb.head.lemma_ in DEMAND_HEADS and not _negated(verb.head)
    if not by_head and not (aux & {"must", "should"}):
        return False
    if aux & {"have", "'ve", "’ve", "ve"} or _negated(verb):
        return False  # "you don't need to have read the manual"
    phrase = verb.lemma_
    extra = [c for c in verb.children if c.dep_ in ("prt", "advmod", "acomp", "dobj") and c.i > verb.i]
    candidates = {phrase} | {f"{phrase} {c.lower_}" for c in extra} | {
        f"{phrase} {c.lemma_.lower()}" for c in extra}
    if candidates & opts.behaviour_demands:
        return True
    # a correction of how the reader did it last time
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in opts.correction_adverbs:
            return True
        if c.dep_ == "npadvmod" and c.lower_ == "time" and any(d.lower_ in ("this", "next") for d in c.children):
            return True
    if verb.lemma_ in ("stop", "quit"):
        return any(c.dep_ == "xcomp" and c.tag_ == "VBG" and not lemmas_of(c) & opts.non_agentive
                   for c in verb.children)
    return False


def _by_you(verb, opts) -> bool:
    """'The file was deleted by you': a passive that still names the reader as the doer."""
    if not _is_passive(verb) or lemmas_of(verb) & opts.non_agentive or _negated(verb):
        return False
    return any(c.dep_ == "agent" and any(p.dep_ == "pobj" and p.lower_ in READER for p in c.children)
               for c in verb.children)


def _gerund_cause(token, opts) -> bool:
    """'Skipping the update is what bricked it', 'Not reading the guide caused this': the
    reader's failure as the subject of a cause."""
    if token.tag_ != "VBG" or token.dep_ not in ("csubj", "nsubj", "csubjpass", "advcl"):
        return False
    if token.dep_ == "advcl" and (token.i > token.head.i or any(c.dep_ in ("nsubj", "nsubjpass", "expl")
                                                                 for c in token.head.children)):
        return False  # "Forgetting to renew led to ..." is misparsed as advcl; "Skipping it, we ..." is not that
    failure = bool(lemmas_of(token) & (opts.failure_verbs | opts.damage_verbs)) or _phrasal(token, opts.failure_phrasals)
    negated = any(c.dep_ == "neg" for c in token.children)
    if not failure and not (negated and not lemmas_of(token) & opts.non_agentive):
        return False
    head = token.head
    if lemmas_of(head) & opts.cause_verbs:
        return True
    return head.lemma_ == "be" and any(c.lower_ in ("why", "what", "reason") for c in head.subtree if c.i > head.i)


def _fault_noun(token, opts) -> bool:
    """'your fault', 'your own mistake', 'it is your responsibility to'; 'your error log' is no fault."""
    if token.lower_ not in opts.fault_nouns | opts.fault_nouns_with_infinitive or token.dep_ == "compound":
        return False
    if not any(c.lower_ in ("your", "ur", "yer") for c in token.children):
        return False
    if token.lower_ in opts.fault_nouns_with_infinitive and not any(
            c.dep_ in ("acl", "relcl", "xcomp") for c in token.children):
        return False  # "your failure to renew", not "your payment failure"
    head = token.head
    return not any(c.dep_ == "neg" and c.i < token.i for c in [*token.children, *head.children]) and \
        not (head.dep_ in ("xcomp", "ccomp") and is_negated(head.head))


def _on_you(token) -> bool:
    """'the site going down is on you', 'that one's on you'."""
    if token.lower_ != "on" or token.head.lemma_ != "be" or token.dep_ != "prep":
        return False
    if not any(c.dep_ == "pobj" and c.lower_ in READER for c in token.children):
        return False
    subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "expl")), None)
    return subject is not None and subject.lower_ not in ("none", "nothing", "it") and not is_negated(token.head) \
        and not is_negated(token)


BUT_READER = re.compile(r"\b(?:but|yet)[\s,—–]*(?:" + "|".join(sorted(map(re.escape, READER), key=len, reverse=True))
                        + r")\b", re.IGNORECASE)
NOT_GERUND = re.compile(r"\b(?:not|never)\s+\w+ing\b", re.IGNORECASE)
BY_OR_ON_READER = re.compile(r"\b(?:by|on)\s+(?:you|u|yourself)\b", re.IGNORECASE)
TIME_CORRECTION = re.compile(r"\b(?:this|next)\s+time\b", re.IGNORECASE)


# Every shape above needs the reader (or "your") and one of its own words: a failure or damage
# verb, "never", a negation with did/have, a guessing modal with "have", a cause, "yourself",
# "wrong", "if … had", "supposed", "told", "one who", "happens when", "why", a correction
# ("properly", "this time") or the words of a listed demand; "but"/"yet" right before the
# reader; "by you" / "on you"; "your" with a fault noun. A gerund subject needs its failure
# verb and what makes it the cause: a cause verb, or "why", "what" or "reason" after "is".
# What the emphatic "did" reproaches: the reader's own consent ("you did agree", "you DID sign").
EMPHATIC_CONSENT = frozenset(("agree", "accept", "sign", "consent", "authorise", "authorize", "confirm", "approve",
                              "tick", "check", "click", "choose", "select", "opt", "request", "order", "book", "read"))


BLAME_CUES = any_of(
    all_of(
        words(READER, {"your", "ur", "yer"}),
        any_of(words({"never", "yourself", "wrong", "incorrect", "wrongly", "incorrectly", "properly", "correctly",
                      "carefully"}, FUSED_GUESS, CAUSE_MARKERS),
               all_of(words("why"), words("did", "would", "'d", "’d")),  # _why_did_you: "why did you"
               all_of(words("one"), words("who", "that", "which", "whom")),  # _the_one_who
               all_of(words("happens", "happened", "happen"), words("what"),  # _what_happens_when
                      words("when", "whenever", "if")),
               all_of(words(NEGATIONS), words(PERFECT_OR_DID)),
               all_of(words("if", "had"), words("had", "'d", "’d")),
               all_of(words(GUESS_MODALS), words("have", "'ve", "’ve", "ve")),
               all_of(words("what"), words("get", "got")),
               all_of(words("your", "ur", "yer"),  # _fault_noun reads the word as written, after "your"
                      any_of(phrases_of("fault_nouns", as_written=True),
                             phrases_of("fault_nouns_with_infinitive", as_written=True))),
               phrases_of("culprit_nouns", as_written=True),
               words("blame"),
               phrases_of("told_forms", also=("supposed",), as_written=True),  # _were_told, _supposed_to
               phrases_of("warning_verbs"),
               phrases_of("behaviour_demands"),
               text_matches(TIME_CORRECTION),
               text_matches(BY_OR_ON_READER),
               text_matches(BUT_READER),
               words("stop", "quit", "stopped"),
               all_of(words("let"), phrases_of("bad_outcomes")),  # _let_go_wrong: "you let it lapse"
               all_of(words("left", "leave", "leaving"), phrases_of("left_states")),  # _left_in_bad_state
               all_of(words("did"), words(EMPHATIC_CONSENT)),  # "you did agree to the terms"
               phrases_of("failure_verbs"), phrases_of("failure_phrasals"), phrases_of("damage_verbs"))),
    all_of(any_of(phrases_of("failure_verbs"), phrases_of("failure_phrasals"), text_matches(NOT_GERUND),
                  phrases_of("damage_verbs")),
           any_of(phrases_of("cause_verbs"), words("why", "what", "reason"))))


@dataclass(frozen=True)
class AccusatoryYou(Options):
    failure_verbs: WordList = option((), "verbs of failure: 'you forgot to', 'you failed to', 'you mistyped' "
                                         "blame the reader in any past form")
    failure_phrasals: PhraseList = option((), "failure as verb and particle or preposition: 'mess up', "
                                              "'tamper with'")
    damage_verbs: WordList = option((), "verbs of damage ('delete', 'break'): blame in a plain past with the reader "
                                        "as subject")
    non_agentive_verbs: WordList = option((), "verbs of things that happen to the reader ('you received'), "
                                              "which are no blame")
    told_forms: WordList = option((), "participles of a warning given: 'you were told to', 'you were warned'")
    warning_verbs: WordList = option((), "verbs of a warning the agent gave: 'we warned you', 'I told you to'")
    cause_verbs: WordList = option((), "verbs whose gerund subject is the cause: 'skipping it caused this'")
    fault_nouns: WordList = option((), "nouns that with 'your' name the reader as culprit: 'your fault'")
    fault_nouns_with_infinitive: WordList = option((), "nouns that blame with 'your' and a clause: 'your failure "
                                                       "to renew'")
    culprit_nouns: WordList = option((), "'you're the culprit'; 'reason' and 'cause' only with a bad outcome")
    bad_outcomes: WordList = option((), "verbs of a bad outcome: 'you're the reason the sync broke'")
    choice_verbs: WordList = option((), "past verbs whose failure complement blames: 'you chose to ignore it'")
    cleared: PhraseList = option((), "phrases that clear the reader or own the problem in the sentence "
                                     "('not your fault', 'on us')")
    correction_adverbs: WordList = option((), "adverbs that correct how the reader did it: 'properly', "
                                              "'correctly'")
    behaviour_demands: PhraseList = option((), "demands about the reader's conduct ('speak louder'), as verb "
                                               "or verb and word after it")
    precaution_nouns: WordList = option((), "safeguards the reader was expected to keep ('backup', 'lockfile', "
                                            "'receipt'): 'you didn't have a backup' blames, though 'have' alone does not")
    left_states: WordList = option((), "states the reader left a thing in that caused the fault: 'you left the "
                                       "router unplugged', 'you left it running'")
    trouble_words: WordList = option((), "words of a bad consequence in the main clause of 'because you ...': 'the "
                                         "late fee applies because you went over'; 'because you upgraded, the new "
                                         "features are on' blames no one")


@dataclass(frozen=True)
class _Sets:
    """The options as sets, made once per options object (`memo.by_identity`)."""

    failure_verbs: frozenset[str]
    failure_phrasals: frozenset[tuple[str, str]]
    damage_verbs: frozenset[str]
    non_agentive: frozenset[str]
    told_forms: frozenset[str]
    warning_verbs: frozenset[str]
    cause_verbs: frozenset[str]
    fault_nouns: frozenset[str]
    fault_nouns_with_infinitive: frozenset[str]
    culprit_nouns: frozenset[str]
    bad_outcomes: frozenset[str]
    choice_verbs: frozenset[str]
    cleared: tuple[str, ...]
    correction_adverbs: frozenset[str]
    behaviour_demands: frozenset[str]
    precautions: frozenset[str] = frozenset()
    trouble: frozenset[str] = frozenset()
    left_states: frozenset[str] = frozenset()


@by_identity
def _sets(options: AccusatoryYou) -> _Sets:
    phrasals = frozenset(tuple(p.split(None, 1)) for p in options.failure_phrasals if " " in p)
    cleared = tuple(re.sub(r"\s+", " ", p.lower().replace("’", "'")) for p in options.cleared)
    return _Sets(frozenset(options.failure_verbs), phrasals,  # type: ignore[arg-type]
                 frozenset(options.damage_verbs), frozenset(options.non_agentive_verbs),
                 frozenset(options.told_forms), frozenset(options.warning_verbs), frozenset(options.cause_verbs),
                 frozenset(options.fault_nouns), frozenset(options.fault_nouns_with_infinitive),
                 frozenset(options.culprit_nouns), frozenset(options.bad_outcomes), frozenset(options.choice_verbs),
                 cleared, frozenset(options.correction_adverbs),
                 frozenset(options.behaviour_demands), frozenset(options.precaution_nouns),
                 frozenset(options.trouble_words), frozenset(options.left_states))


def _reader_subject(token):
    """The reader as subject of `token`'s clause; a verb the parser gave two subjects ("@Sam You
    have not responded", a handle read as one) counts the reader."""
    own = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in READER), None)
    if own is not None:
        return own
    subject = subject_of(token)
    return subject if subject is not None and subject.lower_ in READER else None


def _trimmed(ctx, start: int, end: int):
    """The span without trailing punctuation and without a template field or what follows it
    (a span ending in a field is read as quoted and dropped: 'You failed to upgrade before
    {{deadline}}' is flagged up to 'upgrade')."""
    doc = ctx.doc
    for i in range(start + 1, end):
        t = doc[i]
        if ctx.in_region(t.idx, t.idx + len(t.text), ("placeholder",)):
            end = i
            break
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or
                               doc[end - 1].dep_ in ("prep", "det", "cc") and end - 1 > start + 1):
        end -= 1
    return doc[start:end]


def _span_of(ctx, subject, token):
    start = min([subject.i, token.i] + [c.i for c in token.children
                                         if c.i < subject.i and (c.dep_ in ("aux", "neg") or c.lower_ == "why")])
    end = token.i + 1
    for child in token.children:
        if child.i > token.i and child.dep_ in ("prt", "dobj", "xcomp", "acomp", "prep", "attr", "agent"):
            end = max(end, child.right_edge.i + 1)
    return _trimmed(ctx, start, min(end, token.sent.end))


@register_check("accusatory_you", needs="parse", options=AccusatoryYou, cues=BLAME_CUES)
def find_accusatory_you(ctx, options: AccusatoryYou):
    """The reader made the cause of the problem: 'you didn't back up', 'you forgot to', 'your fault'."""
    opts = _sets(options)
    for token in ctx.doc:
        if _fault_noun(token, opts) or _on_you(token):
            if not in_condition(token) and not _owned_or_cleared(token, opts):
                yield ctx.doc[token.i - 1:token.i + 1] if token.lower_ != "on" else ctx.doc[token.i:token.i + 2]
            continue
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        if _gerund_cause(token, opts) and not in_condition(token) and not _owned_or_cleared(token, opts):
            yield _trimmed(ctx, token.left_edge.i, token.head.right_edge.i + 1)
            continue
        if _by_you(token, opts) and not in_condition(token) and not _owned_or_cleared(token, opts):
            yield _span_of(ctx, token, token)
            continue
        if _we_warned_you(token, opts) and not _owned_or_cleared(token, opts):
            yield _span_of(ctx, next(c for c in token.children if c.dep_ == "nsubj"), token)
            continue
        subject = _reader_subject(token)
        if subject is None:
            continue
        if _what_happens_when(token) or _what_you_get(token):
            yield _trimmed(ctx, token.head.left_edge.i if token.lemma_ != "get" else token.left_edge.i,
                           token.right_edge.i + 1)
            continue
        agentive = not (lemmas_of(token) & opts.non_agentive)
        counterfactual = _counterfactual(token)
        if (in_condition(token) or _extra_condition(token, subject)) and not counterfactual:
            continue
        if (_question_for_information(token, subject) and not counterfactual) or _in_sympathy(token, subject):
            continue
        if (_blame_shape(token, agentive, opts, subject) or _ought_to_have(token) or _supposed_to(token, opts)
                or _were_told(token, opts) or _the_one_who(token, opts) or _the_culprit(token, opts)
                or (agentive and _why_did_you(token, subject)) or _behaviour_demand(token, opts)
                or _lacked_precaution(token, opts)):
            if _owned_or_cleared(token, opts):
                continue
            yield _span_of(ctx, subject, token)
