"""What kind of message a reply is, what the customer's situation is, and what state the matter
is in: the analysis both whole-reply checks (no-acknowledgment, no-next-step) start from.

A reply is judged as one of these kinds, in this order (the first that applies wins):

- ``continuation``: a fragment of a longer reply ("2/2 ...", "... the browser"), judged with its
  other parts, never alone;
- ``notice``: an automated receipt or status notice (a ticket created, a stale or locked issue,
  an out-of-hours reply, a message rejected by the system);
- ``enforcement``: a moderation or enforcement decision about the reader's own content or
  conduct (a policy violation, a warning, content taken down);
- ``process``: a contributor-process or etiquette note (the issue tracker is for bugs, use the
  forum, fill in the template, file it with another project);
- ``thanks``: a thank-you or praise reply, or good news the reader did not complain about;
- ``problem``: a reply to a customer's problem: trouble, an upset customer, or a remedy that only
  a problem needs (a refund, a replacement);
- ``how-to``: an answer to a neutral question (no problem in sight).

A request the customer makes (delete or close their account, cancel or change a plan, add a
feature) is their wish, not their trouble: a problem word inside a request (``request_cues``), in a
sentence that opens with one ("Deleting an account removes ..."), or under a modal in a reply
about a request ("you will no longer be able to ...": the request's consequence) names no problem.

An acknowledgment is found by what it does: a cue ("sorry", "that sounds awful"), or a reply that
names the customer's specific trouble on its way to the fix -- a purpose clause or instruction aimed
at a trouble named with its details ("to clear the E-17 paper error"), the trouble as the
customer's own ("the warning you're seeing"), or a diagnosis of it ("this looks to be a scam").

The matter's state: ``decided`` (a decision on the request), ``resolved`` (fixed, refunded,
changed by us in this reply), ``scheduled`` (something happens at a time ahead), else ``open``.

Everything is read from the agent's own words (quoted text blanked) with lexical families kept
as YAML data in the rules' options (`KindFamilies`), so a team can extend them; every decision
keeps the words it was made on (`MessageKind.evidence`, `MessageKind.explain`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..extend import Options, PhraseList, option
from .reply_shape import CUE_SYNTAX, cue_pattern
from .timeexpr import CONCRETE_TIME

# The stock phrases that apologise ("sorry for any inconvenience", "sorry you feel that way").
STOCK_APOLOGY = re.compile(r"sorry|apolog|inconvenien", re.IGNORECASE)
PROBLEM_FAMILIES = ("problem_cues", "upset_cues", "remedy_cues")
KINDS = ("continuation", "notice", "enforcement", "process", "thanks", "problem", "how-to")
STATES = ("open", "scheduled", "resolved", "decided")

# A numbered part of a thread ("2/2", "(1/3)") or a reply that starts mid-sentence ("... the
# browser"): the construction, not a word list.
_CONTINUATION_START = re.compile(r"^\W{0,3}(?:@\w+\s+)*(?:\(?\d\s*/\s*\d\)?(?=\s)|\.\.\.|…)")
_CONTINUATION_END = re.compile(r"(?:\(?\b\d\s*/\s*\d\)?|\.\.\.|…)\W{0,3}$")
# A negation right before a cue ("it's not our fault", "we have not fixed"): up to three words back.
# A problem word under "any" or "if" is a hypothesis, not the customer's trouble ("if you have any
# issues", "if the problem persists").
_HYPOTHETICAL = re.compile(r"\b(?:any|if)\b[^\w.!?;:]*(?:\w+[^\w.!?;:]+){0,3}$", re.IGNORECASE)
# A sentence that opens with a condition: its problem words are hypotheses.
_CONDITIONAL = re.compile(r"^\W*(?:@\w+\s+)*(?:if|when|whenever|in case|should|once|unless)\b", re.IGNORECASE)
# A modal before a cue: in a reply about a request, what will or would happen is the request's
# consequence ("you will no longer be able to log in"), not the customer's trouble.
_CONSEQUENCE = re.compile(r"(?:\b(?:will|would|could|can|may|might)\b|['’]ll\b)[^\w.!?;:]*(?:\w+[^\w.!?;:]+){0,2}$",
                          re.IGNORECASE)
# A remedy verb aimed at the reader's trouble: a purpose clause ("to fix the ..."), an instruction at
# a clause's start ("Please disregard the ..."), a guide "for fixing the ..."; not a product's news
# ("Version 5 fixes the ...": no acknowledgment of theirs).
_AIMING = re.compile(r"(?:\b(?:to|please|for|on|about|and)|^|[.!?,;:)\]-])\s*$", re.IGNORECASE)
# Modifiers that make no trouble specific ("the same issue", "any other error").
_GENERIC_MODIFIERS = frozenset("same other above following current possible potential general common such similar "
                               "any an a further new old this that these those".split())
_NEGATED = re.compile(r"(?:\b(?:not|never|no|nothing|none)\b|n['’]t\b)[^\w.!?;:]*(?:\w+[^\w.!?;:]+){0,2}$",
                      re.IGNORECASE)  # within the sentence


@dataclass(frozen=True)
class KindFamilies(Options):
    """The lexical families of the message-kind analysis (both whole-reply rules carry them)."""
    notice_cues: PhraseList = option((), "words of an automated receipt or status notice" + CUE_SYNTAX)
    enforcement_cues: PhraseList = option((), "words of a moderation or enforcement decision about the reader's "
                                              "content or conduct" + CUE_SYNTAX)
    process_cues: PhraseList = option((), "words of a contributor-process or etiquette note" + CUE_SYNTAX)
    thanks_cues: PhraseList = option((), "words of a thank-you, praise or good-news reply" + CUE_SYNTAX)
    problem_cues: PhraseList = option((), "words that name a problem the customer has" + CUE_SYNTAX)
    upset_cues: PhraseList = option((), "words about the customer being upset (a problem is behind it)" + CUE_SYNTAX)
    remedy_cues: PhraseList = option((), "remedies only a problem needs (a refund, a replacement)" + CUE_SYNTAX)
    decided_cues: PhraseList = option((), "words of a decision on the customer's request" + CUE_SYNTAX)
    resolved_cues: PhraseList = option((), "words saying the matter is fixed, refunded or changed by us" + CUE_SYNTAX)
    scheduled_cues: PhraseList = option((), "what happens next, with a time ahead in the same sentence "
                                            "('ships', 'arrives', 'is booked')" + CUE_SYNTAX)
    acknowledgment_cues: PhraseList = option((), "words and phrases that acknowledge the customer's situation, its "
                                                 "impact or their feeling, or own our part" + CUE_SYNTAX)
    courtesy_cues: PhraseList = option((), "acknowledgments that are courtesy alone and show no problem by "
                                           "themselves ('thanks', 'great question')" + CUE_SYNTAX)
    stock_phrases: PhraseList = option((), "stock phrases that acknowledge nothing specific ('thank you for your "
                                           "email'); blanked before the search" + CUE_SYNTAX)
    reproach_cues: PhraseList = option((), "what the customer did, after 'I understand' or 'I know', that makes it a "
                                           "reproach, not an acknowledgment ('you went off on')" + CUE_SYNTAX)
    request_cues: PhraseList = option((), "what the customer asks us to do ('delete your account', 'cancel your "
                                          "subscription', 'add a feature'): a problem word inside one is their wish, "
                                          "not their trouble" + CUE_SYNTAX)
    trouble_nouns: PhraseList = option((), "nouns of a specific trouble the customer sees ('error', 'warning', "
                                           "'notification'); named with its details or as theirs, it acknowledges"
                                           + CUE_SYNTAX)
    remedy_verbs: PhraseList = option((), "verbs of a purpose clause or instruction aimed at a named trouble ('to fix "
                                          "the E-17 paper error')" + CUE_SYNTAX)
    sighting_cues: PhraseList = option((), "what the customer saw or got, after a trouble noun ('the warning you're "
                                           "seeing', 'the notice received')" + CUE_SYNTAX)
    diagnosis_cues: PhraseList = option((), "words of a diagnosis ('looks to be', 'appears to be'); before a problem "
                                            "word, they explain the customer's specific thing" + CUE_SYNTAX)


_KIND_FAMILIES = frozenset(("continuation", "notice_cues", "enforcement_cues", "process_cues", "thanks_cues"))
_PROBLEM_FAMILIES = frozenset(("problem_cues", "upset_cues", "remedy_cues", "request_cues"))
_STATE_FAMILIES = frozenset(("decided_cues", "resolved_cues", "scheduled_cues"))


@dataclass(frozen=True)
class Evidence:
    family: str  # the option (family) that matched, or "continuation"
    words: str   # the words it matched on


@dataclass
class MessageKind:
    """The analysis of one reply: its kind, whether the customer has a problem, the matter's
    state, and the words each was decided on."""
    kind: str
    problem: bool
    state: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.state == "open"

    def summary(self) -> str:
        """The analysis in one line, for a finding's note: 'kind: problem (problem_cues: "crashed");
        state: open'. The first words each decision was made on; a user who disagrees sees which
        family to change (rules/shared/message-kind.yaml, or a project's rule options)."""
        def first(families) -> str:
            found = next((e for e in self.evidence if e.family in families), None)
            return f' ({found.family}: "{found.words}")' if found else ""
        deciding = _KIND_FAMILIES if self.kind in KINDS[:5] else _PROBLEM_FAMILIES | {"stock_phrases", "acknowledgment_cues"}
        state = first(_STATE_FAMILIES) or (" (no fix, decision or time ahead found)" if self.open else "")
        return f"kind: {self.kind}{first(deciding)}; state: {self.state}{state}"

    def explain(self) -> str:
        """One line per decision: 'kind: problem (problem_cues: "crashed")'."""
        def words(families):
            found = [f'{e.family}: "{e.words}"' for e in self.evidence if e.family in families]
            return f" ({'; '.join(found)})" if found else ""
        kind_families = {"continuation", "notice_cues", "enforcement_cues", "process_cues", "thanks_cues"}
        problem_families = {"problem_cues", "upset_cues", "remedy_cues", "request_cues"}
        state_families = {"decided_cues", "resolved_cues", "scheduled_cues"}
        lines = [f"kind: {self.kind}" + words(kind_families if self.kind in KINDS[:5] else problem_families),
                 f"customer's problem: {'yes' if self.problem else 'none found'}" +
                 (words(problem_families) if self.kind in KINDS[:5] else ""),
                 f"state: {self.state}" + words(state_families)]
        return "\n".join(lines)


def negated(text: str, start: int) -> bool:
    """A negation in the three words before `start`."""
    return _NEGATED.search(text[max(0, start - 40):start]) is not None


def first_cue(phrases, text: str, hypothetical: bool = False, consequence: bool = False) -> str | None:
    """The first cue of `phrases` in `text` that no negation (with `hypothetical`, no 'if' or
    'any'; with `consequence`, no modal) governs, or None."""
    if not phrases:
        return None
    for m in cue_pattern(phrases).finditer(text):
        if negated(text, m.start()):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if hypothetical and _HYPOTHETICAL.search(before):
            continue
        if consequence and _CONSEQUENCE.search(before):
            continue
        return _whole_word(text, m)
    return None


def _whole_word(text: str, m: re.Match) -> str:
    """A cue's match to the end of its last word ('restor*' shows as 'restored'), as evidence."""
    end = m.end()
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[m.start():end]


def _blank(pattern: re.Pattern, text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def trouble_text(sentences: list[str], families: KindFamilies) -> tuple[str, str | None]:
    """The asserted sentences a problem is searched in, and the request they are about, if any:
    conditions dropped; request cues blanked, with the sentences that open with one ("Deleting an
    account removes ...": what the request does)."""
    asserted = [s for s in sentences if not _CONDITIONAL.match(s)]
    if not families.request_cues:
        return " ".join(asserted), None
    pattern = cue_pattern(families.request_cues)
    request = None
    kept = []
    for sentence in asserted:
        m = pattern.search(sentence)
        if m is None:
            kept.append(sentence)
            continue
        request = request or " ".join(m.group(0).split())
        if not re.match(r"[\W_]*(?:@\w+\s+)*$", sentence[:m.start()]):
            kept.append(_blank(pattern, sentence))
    return " ".join(kept), request


def analyze_sentences(sentences: list[str], families: KindFamilies, whole: str = "",
                      prose: list[str] | None = None) -> MessageKind:
    """The analysis of a reply given its agent sentences (quoted text blanked) and, for the
    continuation marks, its whole clean text. `prose` is the sentences with links blanked too:
    the customer's problem and our acknowledgment are read there, the kind of message in the
    sentences with their links ('forum.example.org' tells a process note)."""
    text = " ".join(sentences)
    words = " ".join(prose) if prose is not None else text
    evidence: list[Evidence] = []

    asserted, request = trouble_text(prose if prose is not None else sentences, families)
    if request:
        evidence.append(Evidence("request_cues", request))  # their wish: "delete your account"

    def hit(name: str) -> str | None:
        if name in PROBLEM_FAMILIES:  # "If the fare is less, you get a credit" names no trouble of theirs
            found = first_cue(getattr(families, name), asserted, hypothetical=True, consequence=request is not None)
        else:
            found = first_cue(getattr(families, name), text)
        if found:
            evidence.append(Evidence(name, " ".join(found.split())))
        return found

    problem = any([hit("problem_cues"), hit("upset_cues"), hit("remedy_cues")])
    complaint = _stock_apology(words, families)
    if complaint:
        evidence.append(Evidence("stock_phrases", complaint))  # "sorry you feel that way": a complaint is behind it
        problem = True
    sympathy = acknowledgment(words, families, beyond_courtesy=True)
    if sympathy:
        evidence.append(Evidence("acknowledgment_cues", sympathy))  # "sorry the ...": a problem is behind it
        problem = True
    kind = "problem" if problem else "how-to"
    whole = (whole or text).strip()
    marker = _CONTINUATION_START.search(whole) or _CONTINUATION_END.search(whole) or \
        (sentences and (_CONTINUATION_START.search(sentences[0].strip()) or _CONTINUATION_END.search(sentences[-1].strip())))
    if marker:
        kind = "continuation"
        evidence.append(Evidence("continuation", marker.group(0).strip()))
    elif hit("notice_cues"):
        kind = "notice"
    elif hit("enforcement_cues"):
        kind = "enforcement"
    elif hit("process_cues"):
        kind = "process"
    elif hit("thanks_cues") and not _names_trouble(families, words, asserted):
        kind = "thanks"
    state = "open"
    if hit("decided_cues"):
        state = "decided"
    elif hit("resolved_cues"):
        state = "resolved"
    elif _scheduled(families, sentences, evidence):
        state = "scheduled"
    return MessageKind(kind, problem, state, evidence)


def acknowledgment(text: str, families: KindFamilies, beyond_courtesy: bool = False) -> str | None:
    """The words that acknowledge the customer, or None: stock phrases blanked, negated cues and
    'I understand you went off on ...' skipped."""
    if families.stock_phrases:
        text = cue_pattern(families.stock_phrases).sub(lambda m: " " * len(m.group(0)), text)
    if not families.acknowledgment_cues:
        return None
    reproach = cue_pattern(families.reproach_cues) if families.reproach_cues else None
    for m in cue_pattern(families.acknowledgment_cues).finditer(text):
        if negated(text, m.start()):
            continue  # "it's not our fault"
        if reproach is not None and reproach.search(text, m.end(), min(len(text), m.end() + 30)):
            continue  # "I understand you went off on our phone team"
        if beyond_courtesy and families.courtesy_cues and cue_pattern(families.courtesy_cues).fullmatch(m.group(0)):
            continue
        return _whole_word(text, m)
    return named_trouble(text, families)


def _in_condition(text: str, start: int) -> bool:
    """Whether `start` is in a condition: its sentence opens with 'if'/'when'/..., or an 'if' or
    'any' is in the words before it ("if you get any further notices like this")."""
    opening = max(text.rfind(mark, 0, start) for mark in ".!?") + 1
    return _CONDITIONAL.match(text[opening:start]) is not None or \
        _HYPOTHETICAL.search(text[max(0, start - 40):start]) is not None


def _trouble_alternatives(nouns: tuple) -> str:
    """The trouble nouns, singular or plural."""
    return cue_pattern(nouns).pattern.replace(r"(?!\w)", r"(?:e?s)?(?!\w)")


@lru_cache(maxsize=16)
def _aimed_pattern(verbs: tuple, nouns: tuple) -> re.Pattern:
    """A remedy verb, a determiner, up to four words and a trouble noun: 'clear the E-17 paper error'."""
    return re.compile(cue_pattern(verbs).pattern + r"\s+((?:the|that|this|your|those|these)\s+(?:[\w'’\"“”-]+\s+){0,4}?)" +
                      _trouble_alternatives(nouns), re.IGNORECASE)


@lru_cache(maxsize=16)
def _seen_pattern(nouns: tuple, sightings: tuple) -> re.Pattern:
    """A trouble noun as the customer's own: 'the warning you got', 'the notice received'."""
    return re.compile(r"(?<!\w)(?:the|that|this|those|these)\s+(?:[\w-]+\s+){0,3}?" + _trouble_alternatives(nouns) +
                      r"\s+(?:that\s+)?" + cue_pattern(sightings).pattern, re.IGNORECASE)


def named_trouble(text: str, families: KindFamilies) -> str | None:
    """The words that name the customer's specific trouble on the way to the fix, or None: a
    purpose clause or instruction aimed at a trouble named with its details ("to clear the E-17
    paper error"), the trouble as theirs ("the warning you're seeing"), or a diagnosis of it
    ("this looks to be a scam"). A bare topic ("help with signing in", "to fix the issue") names
    nothing specific; a trouble under a condition ("if you see the E-17 error") is not theirs."""
    found = []
    if families.trouble_nouns and families.remedy_verbs:
        aimed = _aimed_pattern(tuple(families.remedy_verbs), tuple(families.trouble_nouns))
        # named with its details: a word that is not generic, or a quoted name (blanked: "the '...' banner")
        found += [(m.start(), m.group(0)) for m in aimed.finditer(text) if _AIMING.search(text[max(0, m.start() - 20):m.start()])
                  and (any(w.strip("'’\"“”").lower() not in _GENERIC_MODIFIERS for w in m.group(1).split()[1:])
                  or re.search(r"\w {3,}\w", m.group(0)))]
    if families.trouble_nouns and families.sighting_cues:
        seen = _seen_pattern(tuple(families.trouble_nouns), tuple(families.sighting_cues))
        found += [(m.start(), m.group(0)) for m in seen.finditer(text)]
    if families.diagnosis_cues and families.problem_cues:
        problem = cue_pattern(families.problem_cues)
        body = _blank(cue_pattern(families.request_cues), text) if families.request_cues else text
        for m in cue_pattern(families.diagnosis_cues).finditer(text):
            after = problem.search(body, m.end(), min(len(body), m.end() + 30))
            if after and not re.search(r"[.!?;:]", body[m.end():after.start()]) and not negated(body, after.start()):
                found.append((m.start(), text[m.start():after.end()]))
    for start, words in sorted(found):
        if not negated(text, start) and not _in_condition(text, start):
            return " ".join(words.split())
    return None


def _stock_apology(text: str, families: KindFamilies) -> str | None:
    """A stock apology ('sorry for any inconvenience', 'sorry you feel that way') acknowledges
    nothing, but it answers a complaint."""
    if not families.stock_phrases:
        return None
    for m in cue_pattern(families.stock_phrases).finditer(text):
        if STOCK_APOLOGY.search(m.group(0)):
            return m.group(0)
    return None


def _names_trouble(families: KindFamilies, text: str, asserted: str) -> bool:
    """Praise wins over a problem word only when no trouble is named ("glad the fix worked" is
    praise; "thanks for the kind words, and sorry the parcel was late" is a problem reply)."""
    if first_cue(families.problem_cues, asserted, True) is not None or \
            first_cue(families.upset_cues, asserted, True) is not None:
        return True
    return acknowledgment(text, families, beyond_courtesy=True) is not None


def _scheduled(families: KindFamilies, sentences: list[str], evidence: list[Evidence]) -> bool:
    """A sentence with a time ahead and a word of what happens then: 'ships tomorrow', 'the
    engineer is booked for Tuesday', 'arrives within 3 working days'."""
    if not families.scheduled_cues:
        return False
    pattern = cue_pattern(families.scheduled_cues)
    for sentence in sentences:
        time = CONCRETE_TIME.search(sentence)  # "ships today" too
        if time is None:
            continue
        m = pattern.search(sentence)
        if m and not negated(sentence, m.start()):
            evidence.append(Evidence("scheduled_cues", f"{m.group(0)} … {time.group(0)}"))
            return True
    return False
