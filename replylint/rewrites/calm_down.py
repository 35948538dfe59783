"""calm-down: an instruction to calm down gives way to an acknowledgment, keeping what else the
sentence says ("Take a deep breath and try again." → "I understand how frustrating this is.
Try again.")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..checks.syntax import dictionary_lemmas
from ..extend import Draft, Options, option, register_rewriter
from .grammar import capitalized, in_emoji, sentence_text_bounds


def _instruction_verb(span):
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") or t.lower_ in ("relax", "chill", "breathe", "calm")]
    verb = verbs[0] if verbs else span.root
    while verb.dep_ in ("xcomp", "acomp", "prt") or (verb.dep_ == "ccomp" and verb.head.lemma_ in ("let", "please")):
        verb = verb.head
    return verb


def _kept_clauses(verb):
    """Clauses after the instruction that carry their own content: 'and try again', ', your
    account is safe', 'so I can look at it'."""
    kept = []
    for child in verb.children:
        if child.i <= verb.i:
            continue
        marked = any(g.dep_ == "mark" and g.lower_ == "so" for g in child.children)
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") or \
                child.dep_ in ("advcl", "ccomp", "parataxis") and marked:
            kept.append(child)
    if verb.head.i != verb.i and verb.dep_ in ("ccomp", "advcl", "parataxis", "intj", "npadvmod", "dep") and verb.head.i > verb.i:
        kept.append(verb.head)  # "Relax, your account is safe": the instruction hangs off the news
    return kept


def _clause_text(head, doc, drop_left_of) -> str:
    """The words of the clause headed by `head`, without a leading 'and' / 'so' / comma or line
    break (the seam repair carries a hard wrap to the new words)."""
    if head.i > drop_left_of.i:
        tokens = [t for t in head.subtree]
        if drop_left_of in tokens:  # the instruction hangs inside this clause: keep what follows it
            tokens = [t for t in tokens if t.i > drop_left_of.right_edge.i]
    else:
        tokens = list(head.subtree)
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ in ("cc", "mark")
                      or tokens[0].lower_ in ("so", "and", "then")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or in_emoji(tokens[-1])):
        tokens = tokens[:-1]  # a closing emoji stays where it is, after the rewrite
    if not tokens or not any(t.is_alpha for t in tokens):
        return ""
    return doc[tokens[0].i:tokens[-1].i + 1].text


def _lower_first(clause: str) -> str:
    """'Your account is safe' → 'your account is safe'; names, 'I' and acronyms keep their capital."""
    word = clause.split()[0]
    bare = word.split("'")[0].split("’")[0]
    if bare == "I" or bare.isupper() or not (bare.lower() in STOP_WORDS or dictionary_lemmas(bare.lower())):
        return clause
    return clause[:1].lower() + clause[1:]


@dataclass(frozen=True)
class AcknowledgeInstead(Options):
    acknowledgment: str = option("I understand how frustrating this is.", "the sentence that takes the instruction's place")
    description: str = option("Acknowledge the feeling instead of telling the customer how to feel.",
                              "what the rewrite says it does")


@register_rewriter("acknowledge_instead", needs="parse", options=AcknowledgeInstead)
def acknowledge_instead(span, ctx, options: AcknowledgeInstead):
    """Drop the instruction, keep what else the sentence says, and lead with an acknowledgment:
    'Take a deep breath and try the login again.' → 'I understand how frustrating this is.
    Try the login again.'"""
    doc = span.doc
    ack = options.acknowledgment
    start, end = sentence_text_bounds(span[0])
    verb = _instruction_verb(span)
    rest = [_clause_text(c, doc, verb) for c in _kept_clauses(verb)]
    rest = [capitalized(r) for r in rest if r]
    description = options.description
    if rest:  # one sentence still, joined by a semicolon; the sentence's own closing mark stays
        joined = "; ".join([ack.rstrip(".!"), *(_lower_first(r) for r in rest)])
        yield Draft(start, end, joined, "suggest", False, description)
        return
    closing = doc.text[end:end + 1]
    yield Draft(start, end + (1 if closing in ".!?" else 0), ack, "suggest", False, description)
