"""defensive: the check that finds SLA arithmetic ("our SLA is 24 hours and we replied in
20") and the filters that keep a justification only where it argues ("however, our records
show ...", "it's working as intended") and drop it where it reports a fix or owns the fault
("it's working as intended now that the patch is live", "this was our mistake, not yours")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, PhraseList, WordList, any_of, option, phrases_of, register_check, register_filter
from .syntax import READER, clause_start, in_condition, is_imperative, is_negated, subject_of, verb_of


@dataclass(frozen=True)
class NotRecovered(Options):
    words: WordList = option((), "words that say the behaviour is the fixed, restored state ('now', 'again')")
    modals: WordList = option((), "auxiliaries that make it an expectation, not a claim ('should', 'will')")


@register_filter("not_recovered", needs="parse", options=NotRecovered)
def keep_if_not_recovered(span, ctx, options: NotRecovered) -> bool:
    """'It's working as intended now that the fix is live' reports a repair; 'it should work
    as designed after the update' is an expectation. Only the bare claim is a brush-off."""
    words = set(options.words)
    if any(t.lower_ in words for t in span.sent):
        return False
    verb = verb_of(span[0])
    modals = set(options.modals)
    return not any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


@dataclass(frozen=True)
class AfterContrast(Options):
    words: WordList = option((), "contrast words ('however', 'but') that turn a fact into a rebuttal")


@register_filter("after_contrast", needs="parse", options=AfterContrast)
def keep_if_after_contrast(span, ctx, options: AfterContrast) -> bool:
    """'Sorry, however our records show it was delivered' rebuts the customer; 'our records
    show the refund left on Monday, so ...' reports a fact. Keep the match only when one of
    `words` comes before it in its sentence."""
    words = set(options.words)
    doc = span.doc
    if any(t.lower_ in words for t in doc[span.sent.start:span.start]):
        return True
    # "Our records show it went out on the 3rd; however, we had no reply": the rebuttal follows
    # in the same sentence, after a semicolon
    after = doc[span.end:span.sent.end]
    return any(t.text == ";" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in words for t in after)


@dataclass(frozen=True)
class NotOwning(Options):
    owners: WordList = option((), "words before a fault word that own it ('our mistake', 'my error')")
    faults: WordList = option((), "fault words ('mistake', 'fault') that, owned, make the sentence an apology")


@register_filter("not_owning", needs="parse", options=NotOwning)
def keep_if_not_owning(span, ctx, options: NotOwning) -> bool:
    """'It wasn't caused by you; it was our mistake' exonerates the customer and owns the
    fault: a sentence that owns the fault is no deflection."""
    owners, faults = set(options.owners), set(options.faults)
    sent = span.sent
    return not any(t.lower_ in faults and t.i > sent.start and span.doc[t.i - 1].lower_ in owners for t in sent)


@register_filter("not_reader_action", needs="parse")
def keep_if_not_reader_action(span, ctx, options) -> bool:
    """'Follow the steps to the letter' is an instruction and 'you followed the process' credits
    the reader; 'the technician followed the standard procedure' justifies us."""
    verb = verb_of(span[0])
    subject = subject_of(verb)
    if subject is not None and (subject.text.startswith("@") or subject.i < clause_start(verb)):
        subject = None  # "@sam_k please follow ...": the handle is no subject
    if subject is None:
        return not is_imperative(verb) and verb.doc[clause_start(verb)].lower_ != "please"
    return subject.lower_ not in READER


@dataclass(frozen=True)
class SlaArithmetic(Options):
    commitments: WordList = option((), "words naming the promised response time ('sla', 'target', 'turnaround')")
    commitment_phrases: PhraseList = option((), "two-word names of it ('response time', 'service level')")
    reply_verbs: WordList = option((), "what we did in time: 'replied', 'answered', 'resolved'")
    within: WordList = option((), "prepositions of time met: 'within', 'in', 'inside'")
    met_verbs: WordList = option((), "verbs of meeting it: 'we met our SLA'")
    in_favour: WordList = option((), "words that cite the commitment for the customer ('credit', 'due')")


def _commitment_at(doc, start: int, end: int, single: set[str], pairs: set[tuple[str, str]]) -> int | None:
    for t in doc[start:end]:
        if t.lower_ in single or t.lemma_.lower() in single:
            return t.i
        if t.i + 1 < end and ((t.lower_, doc[t.i + 1].lemma_.lower()) in pairs
                              or (t.lower_, doc[t.i + 1].lower_) in pairs):
            return t.i
    return None


@register_check("sla_arithmetic", needs="parse", options=SlaArithmetic,
                cues=any_of(phrases_of("commitments"), phrases_of("commitment_phrases")))
def find_sla_arithmetic(ctx, options: SlaArithmetic):
    """The response-time commitment held up against the customer: "Our SLA is 24 hours, and we
    replied in 20" / "your query was answered within that period" / "we're within target".
    The commitment must be named in the same sentence; the claim that we met it
    is a past reply verb (or 'be', 'meet') with a time preposition, not negated, not in a
    condition, and the sentence does not cite the commitment in the customer's favour."""
    doc = ctx.doc
    single = set(options.commitments)
    pairs = {(w[0], w[1]) for w in (p.lower().split() for p in options.commitment_phrases) if len(w) == 2}
    replies, within, met = set(options.reply_verbs), set(options.within), set(options.met_verbs)
    favour = set(options.in_favour)
    for sent in doc.sents:
        if any(t.lower_ in favour or t.lemma_.lower() in favour for t in sent):
            continue
        here = _commitment_at(doc, sent.start, sent.end, single, pairs)
        if here is None:
            continue
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or is_negated(verb) or in_condition(verb):
                continue
            lemma = verb.lemma_.lower()
            past = verb.tag_ in ("VBD", "VBN")
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in within and c.i > verb.i), None)
            hit = None
            if lemma in replies and past and prep is not None:
                hit = prep
            elif lemma == "be" and prep is not None and prep.lower_ != "in":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects and (objects[0].lower_ in single or objects[0].lemma_.lower() in single
                                or objects[0].lemma_.lower() in ("period", "window", "timeframe", "limit")):
                    hit = prep
            elif lemma in met and any(c.dep_ == "dobj" and (c.lower_ in single or c.lemma_.lower() in single)
                                      for c in verb.children):
                hit = verb
            if hit is None:
                continue
            end = max(hit.right_edge.i + 1, verb.i + 1)
            start = max(min(here, verb.left_edge.i), sent.start)
            while end > start + 1 and doc[end - 1].is_punct:
                end -= 1
            yield doc[start:end]
            break


@dataclass(frozen=True)
class NotClassRule(Options):
    classes: WordList = option((), "nouns and pronouns naming a class of people or their accounts ('users', 'members', "
                                    "'anyone'): the subject of a general rule")
    reader: WordList = option((), "second-person words ('you', 'your'): the rule is then cited at the reader")


@register_filter("not_class_rule", needs="parse", options=NotClassRule)
def keep_if_not_class_rule(span, ctx, options: NotClassRule) -> bool:
    """'Members under 18 need a guardian's consent, per our terms' states a rule about a class
    of people; 'per our terms, you needed to cancel by Friday' holds the terms against the
    reader. Drop the citation when the subject of its clause, or of a clause above it, is one of
    `classes` and no second-person word stands in the sentence; keep it otherwise (the citation with no person at all,
    'according to our policy, refunds take ten days', is still a wall)."""
    sent = span.sent
    reader = set(options.reader)
    if any(t.lower_ in reader or t.norm_ in reader for t in sent):
        return True
    classes = set(options.classes)
    node, hops = verb_of(span[0]), 0
    while hops < 6:  # the citation's clause, then each clause above it up to the sentence's root
        subject = subject_of(node)
        if subject is not None and (subject.lower_ in classes or subject.lemma_.lower() in classes):
            return False
        if node.head is node:
            return True
        node, hops = verb_of(node.head), hops + 1
    return True


@dataclass(frozen=True)
class CitedAsProof(Options):
    proof_words: WordList = option((), "words of a settled fact the customer disputes: 'delivered', 'signed', 'correct'")
    help_words: WordList = option((), "words that turn the record into help: 'should', 'please', 'reply'")


@register_filter("cited_as_proof", needs="parse", options=CitedAsProof)
def keep_if_cited_as_proof(span, ctx, options: CitedAsProof) -> bool:
    """'According to our logs, the email was delivered' / 'our system shows it was signed for'
    hold our records up against the reader's account; 'our records show the refund left on
    Monday, so it should land by Thursday' or '..., reply to reopen it' uses them to help.
    Keep the citation when the sentence settles a fact with one of `proof_words` and nothing
    in it offers a next step: no help word, no first-person subject outside the citation, no
    instruction."""
    sent = span.sent
    outside = [t for t in sent if not span.start <= t.i < span.end]
    words = set(options.proof_words)
    if not any(t.lower_ in words for t in outside):
        return False
    helps = set(options.help_words)
    if any(t.lower_ in helps or t.norm_ in helps for t in outside):
        return False
    if any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("i", "we") for t in outside):
        return False
    return not any(t.pos_ == "VERB" and is_imperative(t) for t in outside)


@dataclass(frozen=True)
class NotConceding(Options):
    modals: WordList = option((), "words in the match that make it a concession: 'that isn't how it should work'")
    owning: WordList = option((), "words in the sentence that own the fault or act on it: 'sorry', 'raised', 'bug'")


@register_filter("not_conceding", needs="parse", options=NotConceding)
def keep_if_not_conceding(span, ctx, options: NotConceding) -> bool:
    """'That isn't how it should work, and I've raised a bug' concedes our fault; 'that's not
    how it works' contradicts the reader. Drop the match when it says how things should be,
    or its sentence apologises or reports the fault raised."""
    modals, owning = set(options.modals), set(options.owning)
    if any(t.lower_ in modals for t in span):
        return False
    return not any(t.lower_ in owning or t.lemma_.lower() in owning for t in span.sent)


@dataclass(frozen=True)
class NotARefusal(Options):
    inability: WordList = option((), "words of our inability after a negation or alone: 'able', 'unable', 'cannot'")
    answers: PhraseList = option((), "phrases that close the request: 'the answer is no'")


@register_filter("not_a_refusal", needs="parse", options=NotARefusal)
def keep_if_not_a_refusal(span, ctx, options: NotARefusal) -> bool:
    """'Our policy doesn't allow refunds after 30 days, so I can't process this' and 'rules are
    rules, I can't make an exception' refuse behind the policy: that is cant-help's finding.
    Drop the wall when its sentence has us refusing (a first-person subject of a negated 'can'
    or of 'unable') or closes the request ('the answer is no')."""
    sent = span.sent
    text = " ".join(t.lower_ for t in sent)
    if any(phrase.lower() in text for phrase in options.answers):
        return False
    inability = set(options.inability)
    for t in sent:
        if span.start <= t.i < span.end:
            continue
        verb = t.head if t.dep_ in ("aux", "acomp") else t
        subject = subject_of(verb)
        if subject is None or subject.lower_ not in ("i", "we"):
            continue
        if t.lower_ in inability or (t.lower_ in ("ca", "can", "could", "wo", "will") and is_negated(verb)):
            return False
    return True
