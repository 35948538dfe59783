"""cant-help: the filters that keep a refusal that is ours ("I can't help you with that") and
drop the idiom ("I can't help but notice")."""
from __future__ import annotations

from dataclasses import dataclass

from ..extend import Options, WordList, option, register_filter
from .syntax import FIRST_PERSON, READER, in_condition, is_imperative, is_negated, is_question, lemmas_of, main_word, subject_of


@dataclass(frozen=True)
class AgentSubject(Options):
    also: WordList = option((), "more subjects that speak for our side ('policy': 'our policy doesn't allow', "
                                "'team': 'the billing team is unable to help'), unless another's ('your bank's team')")
    they_after: WordList = option((), "words for our teams that, earlier in the sentence, make 'they' ours "
                                      "('Support checks the servers, but they are unable to assist')")


def _ours(noun) -> bool:
    """A noun of our side: not possessed by the reader or a third party ('your bank's team')."""
    return not any(t.dep_ == "poss" and t.lower_ not in ("our", "my") for t in noun.doc[noun.left_edge.i:noun.i])


@register_filter("agent_subject", needs="parse", options=AgentSubject)
def keep_if_agent_subject(span, ctx, options: AgentSubject):
    """'I can't help you': the refusal is ours (or has no subject), not 'you can't ...'; 'our
    team is unable to assist', and 'they' after one of our teams in the sentence, refuse for us."""
    verb = main_word(span)
    subject = nearest_subject(verb)
    if subject is None or subject.lower_ in FIRST_PERSON or subject.lower_ in ("that", "this", "it", "there"):
        return True
    if subject.lower_ in set(options.also):
        return _ours(subject)
    if subject.lower_ == "they" and options.they_after:
        teams = set(options.they_after)
        return any(t.lower_ in teams and _ours(t) for t in span.doc[span.sent.start:subject.i])
    return False


def nearest_subject(verb):
    """The verb's subject, as `subject_of` finds it, but of two subjects the parser hung on the
    verb ('Hi Sam, sorry, I cannot ...') the one nearest before it, and never a chat handle or
    an opening address ('@sam_k please contact ...'), which name the reader."""
    while verb.dep_ in ("aux", "auxpass", "neg") and verb.head is not verb:
        verb = verb.head
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if len(own) > 1 or own and own[0].text.startswith("@"):
        own = [c for c in own if not c.text.startswith("@") and not _before_comma(c)]
        return own[-1] if own else None
    return subject_of(verb)


def _before_comma(token) -> bool:
    doc = token.doc
    return token.right_edge.i + 1 < len(doc) and doc[token.right_edge.i + 1].text == ","


@dataclass(frozen=True)
class NotHelpIdiom(Options):
    words: WordList = option(("but",), "words that make 'can't help' an idiom when they follow it")


@register_filter("not_help_idiom", needs="tags", options=NotHelpIdiom)
def keep_if_not_idiom(span, ctx, options: NotHelpIdiom):
    """'I can't help but notice' / 'can't help noticing' are idioms, not refusals (the next word's
    tag tells a gerund)."""
    words = set(options.words)
    doc = span.doc
    if span.end < len(doc):
        nxt = doc[span.end]
        gerund = nxt.lower_.endswith("ing") and nxt.lower_ not in ("nothing", "anything", "something")
        if nxt.lower_ in words or nxt.tag_ == "VBG" or gerund:
            return False
    return True


@dataclass(frozen=True)
class NotOwnedHandoff(Options):
    verbs: WordList = option(("pass", "forward", "escalate", "transfer", "ask", "send", "refer", "loop", "raise",
                              "log", "book", "arrange", "connect", "flag", "hand", "assign", "route", "share",
                              "copy", "cc", "message", "email", "contact", "call", "chase", "reach"),
                             "verbs of routing the case ourselves: 'I've passed it to them'")


def _verb_forms(token) -> set[str]:
    """The lemmas the verb could have, also for words the dictionary lacks ('rebooked',
    'reshipped'): the form with its -ed or -ing taken off."""
    found = lemmas_of(token)
    lower = token.lower_
    for suffix in ("ed", "ing"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[:-len(suffix)]
            found |= {stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem}
    return found


def _routes_it_ourselves(sent, verbs: set[str]) -> bool:
    """A first-person clause with a routing verb that is done or promised, not refused: 'I've
    passed it to billing', 'I'm forwarding it now', 'I'll ask them to call you'."""
    for token in sent:
        # the dictionary's lemmas too: the model lemmatizes "rebooked" as "rebooke"
        if token.pos_ not in ("VERB", "AUX") or not _verb_forms(token) & verbs:
            continue
        subject = subject_of(token)
        if subject is None or subject.lower_ not in FIRST_PERSON or is_negated(token):
            continue
        if in_condition(token):
            continue
        aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if token.tag_ in ("VBD", "VBN", "VBG") or aux & {"will", "'ll", "’ll", "shall", "'ve", "’ve", "have",
                                                         "has", "am", "'m", "’m", "are", "'re", "’re", "'s"}:
            return True
    return False


@register_filter("not_owned_handoff", needs="parse", options=NotOwnedHandoff)
def keep_if_not_owned_handoff(span, ctx, options: NotOwnedHandoff):
    """'Another team handles that, so I've passed it to them' routes the case for the customer:
    drop a 'someone else's job' match when we route it ourselves in that sentence or the next."""
    verbs = set(options.verbs)
    sent = span.sent
    if _routes_it_ourselves(sent, verbs):
        return False
    doc = span.doc
    return not (sent.end < len(doc) and _routes_it_ourselves(doc[sent.end].sent, verbs))


OPTIONAL_MODALS = {"can", "could", "may", "might", "ca"}
CONSEQUENCE_MARKERS = {"if", "unless", "when", "whenever", "once", "should"}


def _consequence_of_condition(verb) -> bool:
    """'If the card is blocked, you'll need to call your bank': advice for a case, not a refusal."""
    node, hops = verb, 0
    while hops < 4:
        for child in node.children:
            if child.dep_ == "advcl" and any(g.lower_ in CONSEQUENCE_MARKERS for g in child.children
                                             if g.dep_ in ("mark", "advmod", "aux")):
                return True
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head is node:
            break
        node, hops = node.head, hops + 1
    start = verb.sent.start
    return [t.lower_ for t in verb.doc[start:start + 2]] == ["in", "case"]


@register_filter("redirects_reader", needs="parse")
def keep_if_redirects_reader(span, ctx, options):
    """'You'll have to contact the airline', 'please contact the seller directly': the reader is
    sent to someone else. Not 'I'll contact the seller directly', not 'contact us directly'."""
    acts = [t for t in span if t.pos_ == "VERB" and t.lemma_.lower() not in ("have", "need")]
    if not acts:
        return False
    verb = acts[0]
    advice = span[0].lower_ in ("better", "best", "only")  # "you're better off calling", "your best bet is to"
    subject = nearest_subject(verb)
    if not advice and subject is not None and subject.lower_ not in READER:
        return False
    if not advice and subject is None and not is_imperative(verb):
        return False
    if any(c.lower_ == "also" or c.dep_ == "aux" and c.lower_ in OPTIONAL_MODALS for c in verb.children):
        return False  # 'you can also contact HP directly': one more way, not a refusal
    if is_question(verb) or _consequence_of_condition(verb):
        return False
    objects = [c for c in verb.subtree if c.dep_ in ("dobj", "pobj", "dative") and c.i > verb.i]
    return not any(o.lower_ in FIRST_PERSON or o.lower_ in ("support", "here") for o in objects[:1])


@register_filter("not_after_owned_step", needs="parse")
def keep_if_not_after_owned_step(span, ctx, options):
    """'We'll pass it on, but we can't guarantee any further follow-up': a limit stated after a
    step we take ourselves, in the clause it is joined to, is honest about where our reach ends;
    the bare 'We can't guarantee any further follow-up' leaves the matter with nobody."""
    for token in span:
        if token.dep_ != "conj" or token.head.pos_ not in ("VERB", "AUX") or token.head.i > token.i:
            continue
        subject = subject_of(token.head)
        if subject is not None and subject.lower_ in FIRST_PERSON and not is_negated(token.head):
            return False
    return True


@dataclass(frozen=True)
class NotWithPermission(Options):
    permissions: WordList = option((), "nouns of a permission that lifts the rule ('approval', 'consent'): "
                                       "'our policy prevents us from X without written approval'")


@register_filter("not_with_permission", needs="parse", options=NotWithPermission)
def keep_if_not_with_permission(span, ctx, options: NotWithPermission):
    """'Our policy prevents us from accessing your server without the owner's written approval'
    says how the rule is met, not that nothing can be done: drop a policy wall whose sentence
    names, after 'without' or 'unless', the permission that lifts it."""
    permissions = {p.lower() for p in options.permissions}
    sent = span.sent
    doc = span.doc
    for token in sent:
        if token.i < span.start or token.lower_ not in ("without", "unless"):
            continue
        # the words up to the clause's next mark, not the subtree: "the owners written approval"
        # (no apostrophe) is parsed with "written" as a verb outside the phrase
        for t in doc[token.i + 1:min(sent.end, token.i + 8)]:
            if t.is_punct and t.text not in ("-", "'", "’"):
                break
            if t.lemma_.lower() in permissions or t.lower_ in permissions:
                return False
    return True
