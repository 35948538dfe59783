"""Rewrites about the customer's feelings: slang for upset becomes a plain word in the right
grammatical form, and an instruction to calm down gives way to an acknowledgment."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..extend import Draft, Options, WordList, option, register_rewriter

from ..checks.syntax import dictionary_lemmas
from .grammar import capitalized, inflect, starts_sentence, sentence_text_bounds

BE_FORMS = {"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m", "’s", "’re", "’m"}
LIGHT_VERBS = {"have", "throw", "pitch", "kick", "blow", "hit", "fly", "go", "lose", "flip", "spit", "get"}


def _verb_in(span):
    """The verb that carries the slang: a verb inside the span, or the light verb that takes a
    slang noun as its object ("had a meltdown")."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.lower_ not in BE_FORMS]
    if verbs:
        return verbs[0]
    head = span.root.head
    if head.i != span.root.i and head.pos_ in ("VERB", "AUX") and head.lemma_ in LIGHT_VERBS and head.i < span.start:
        return head
    return None


def _phrase_end(span, verb) -> int:
    """Where the slang phrase ends: past the verb's particle when only whitespace stands between
    ("freaking⏎out", hard-wrapped, matches as "freaking"; the "out" must go with it)."""
    doc = span.doc
    particle = next((c for c in verb.children if c.dep_ == "prt" and c.i >= span.end), None)
    if particle is not None and all(t.is_space for t in doc[span.end:particle.i]):
        return particle.idx + len(particle.text)
    return span.end_char


@dataclass(frozen=True)
class PlainFeeling(Options):
    word: str = option("upset", "the plain word for the feeling")
    alternatives: WordList = option((), "other plain words, offered after `word` where one word replaces the slang")
    description: str = option("Name the feeling plainly.", "what the rewrite says it does")


@register_rewriter("plain_feeling", needs="parse", options=PlainFeeling)
def plain_feeling(span, ctx, options: PlainFeeling):
    """'freaking out' → 'upset' after a form of *be*; otherwise *get upset* inflected like the slang
    verb ('flipped out' → 'got upset', 'Don't freak out' → 'Don't get upset')."""
    doc = span.doc
    word = options.word
    alternatives = [word, *options.alternatives]
    description = options.description
    first = span[0]
    if first.lower_ in BE_FORMS:  # "'re being a bit dramatic" → "'re upset"
        start = first.idx + len(first.text) + len(first.whitespace_)
        for alt in alternatives:
            yield Draft(start, span.end_char, alt, "safe", False, description)
        return
    verb = _verb_in(span)
    if verb is None:
        if span.root.pos_ in ("ADJ",) or span.root.dep_ in ("acomp", "amod", "advmod", "prep"):
            for alt in alternatives:
                yield Draft(span.start_char, span.end_char, alt, "safe", False, description)
        return
    start = min(verb.idx, span.start_char)
    end = _phrase_end(span, verb)
    if verb.i < span.start:  # a light verb outside the span: its words up to the slang noun go too
        between = doc[verb.i:span.start]
        if any(t.is_punct for t in between):
            return
    be_aux = any(c.dep_ in ("aux", "auxpass") and c.lower_ in BE_FORMS for c in verb.children)
    if verb.tag_ == "VBG" and be_aux:
        for alt in alternatives:
            yield Draft(start, end, alt, "safe", False, description)
        return
    tag = verb.tag_ if verb.tag_ in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ") else "VB"
    rewrite = f"{inflect('get', tag)} {word}"
    if starts_sentence(doc[min(verb.i, span.start)]):
        rewrite = capitalized(rewrite)
    yield Draft(start, end, rewrite, "safe", False, description)


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
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
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
