"""blaming-you: make the thing the subject, not the customer.

"You didn't back up the document" → "The document wasn't backed up"; "You forgot to attach the
invoice" → "The invoice wasn't attached"; "Why did you cancel the plan?" → "Why was the plan
cancelled?". Built from the parse: the reader subject, the verb's auxiliaries and negation,
the object and any particle. A sentence that does not have that shape gets no rewrite rather
than a wrong one.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..checks.syntax import READER, is_past_form, verb_lemma
from ..extend import Draft, Options, WordList, option, register_rewriter
from ..lexicon import inflection
from .grammar import capitalized, starts_sentence

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


@register_rewriter("passive_voice", needs="parse", options=PassiveVoice)
def passive_voice(span, ctx, options: PassiveVoice):
    """'You didn't back up the document' → 'The document wasn't backed up'."""
    doc = span.doc
    subject = next((t for t in span if t.lower_ in READER and t.dep_ == "nsubj"), None)
    if subject is None:
        return
    verb = subject.head
    failure = verb_lemma(verb) in set(options.failure_verbs)
    action = verb
    if failure:
        action = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if action is None:
            return
    obj = next((c for c in action.children if c.dep_ == "dobj" or c.dep_ == "oprd" and c.pos_ == "NOUN"), None)
    if obj is None or obj.lower_ in READER or obj.lower_.startswith("your") and obj.lower_ != "your":
        return
    prt = next((c for c in action.children if c.dep_ == "prt"), None)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    negs = [c for c in verb.children if c.dep_ == "neg"]
    opening = min([subject.i] + [a.i for a in auxes])
    adverbs = [c for c in dict.fromkeys([*verb.children, *action.children])
               if c.dep_ in ("advmod", "neg") and c.lower_ not in ("n't", "n’t", "not") and opening < c.i < obj.i
               and not any(t.is_punct for t in c.subtree)]
    obj_end = _phrase_end(obj)
    obj_tokens = list(doc[obj.left_edge.i:obj_end])
    used = {subject, verb, action, *auxes, *negs, *adverbs, *obj_tokens}
    if prt is not None:
        used.add(prt)
    if action.i != verb.i:
        used.update(c for c in action.children if c.dep_ == "aux")
    first = min(t.i for t in used)
    last = max(t.i for t in used)
    if any(doc[i] not in used and not doc[i].is_space for i in range(first, last + 1)):
        return  # something else sits inside the clause; leave the rewording to the agent (a hard wrap is no word)
    if last + 1 < len(doc) and not doc[last].whitespace_ and doc[last + 1].text[:1] not in ".,;:!?)\"'”’":
        return  # the parse split a word ("mid-transfer"); a cut there would break it

    aux_words = [a.lower_ for a in auxes]
    negative = "n't" if failure else _negation(negs)
    plural = _plural(obj)
    modal = next((a for a in auxes if a.tag_ == "MD"), None)
    question = bool(auxes) and auxes[0].i < subject.i
    if modal is not None and modal.lower_ in ("'d", "’d") and action.tag_ == "VBN":
        modal = None  # "if you'd kept it": 'd is "had" before a participle
        aux_words = ["had" if w in ("'d", "’d") else w for w in aux_words]
    if modal is not None:
        has_have = any(w in ("have", "'ve", "’ve") for w in aux_words)
        neg_text = "" if not negs else ("n't" if negative == "n't" else " not")
        modal_word = "would" if modal.lower_ in ("'d", "’d") else modal.text.lower()
        be = modal_word + neg_text + (" have been" if has_have else " be")
    elif any(w in ("had", "'d", "’d") for w in aux_words):
        be = _be("pluperfect", plural, negative)
    elif any(w in ("have", "has", "'ve", "’ve", "'s") for w in aux_words) or verb.tag_ == "VBN" and not aux_words:
        be = _be("perfect", plural, negative)
    elif any(w in ("did", "do", "does") for w in aux_words) or is_past_form(verb):
        be = _be("past", plural, negative)
    else:
        return  # present habits ("you leave it open") read as advice, not blame; no passive for them
    adverb_text = "".join(" " + a.text for a in adverbs)
    participle = inflection(verb_lemma(action), "VBN") + (" " + prt.text if prt is not None else "")
    obj_text = OBJECT_PRONOUNS.get(obj.lower_) if len(obj_tokens) == 1 and obj.lower_ in OBJECT_PRONOUNS else \
        doc[obj.left_edge.i:obj_end].text
    if question:
        be_word, _, rest = be.partition(" ")
        rewrite = f"{be_word} {obj_text}{' ' + rest if rest else ''}{adverb_text} {participle}"
    else:
        rewrite = f"{obj_text} {be}{adverb_text} {participle}"
    if starts_sentence(doc[first]):
        rewrite = capitalized(rewrite)
    yield Draft(doc[first].idx, doc[last].idx + len(doc[last].text), rewrite, "suggest", False,
                options.description)
