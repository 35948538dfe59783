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

The matter's state: ``decided`` (a decision on the request), ``resolved`` (fixed, refunded,
changed by us in this reply), ``scheduled`` (something happens at a time ahead), else ``open``.

Everything is read from the agent's own words (quoted text blanked) with lexical families kept
as YAML data in the rules' options (`KindFamilies`), so a team can extend them; every decision
keeps the words it was made on (`MessageKind.evidence`, `MessageKind.explain`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extend import Options, PhraseList, option
from .reply_shape import CUE_SYNTAX, cue_pattern
from .timeexpr import CONCRETE_TIME

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

    def explain(self) -> str:
        """One line per decision: 'kind: problem (problem_cues: "crashed")'."""
        def words(families):
            found = [f'{e.family}: "{e.words}"' for e in self.evidence if e.family in families]
            return f" ({'; '.join(found)})" if found else ""
        kind_families = {"continuation", "notice_cues", "enforcement_cues", "process_cues", "thanks_cues"}
        problem_families = {"problem_cues", "upset_cues", "remedy_cues"}
        state_families = {"decided_cues", "resolved_cues", "scheduled_cues"}
        lines = [f"kind: {self.kind}" + words(kind_families if self.kind in KINDS[:5] else problem_families),
                 f"customer's problem: {'yes' if self.problem else 'none found'}" +
                 (words(problem_families) if self.kind in KINDS[:5] else ""),
                 f"state: {self.state}" + words(state_families)]
        return "\n".join(lines)


def negated(text: str, start: int) -> bool:
    """A negation in the three words before `start`."""
    return _NEGATED.search(text[max(0, start - 40):start]) is not None


def first_cue(phrases, text: str, hypothetical: bool = False) -> str | None:
    """The first cue of `phrases` in `text` that no negation (and, with `hypothetical`, no 'if'
    or 'any') governs, or None."""
    if not phrases:
        return None
    for m in cue_pattern(phrases).finditer(text):
        if negated(text, m.start()):
            continue
        if hypothetical and _HYPOTHETICAL.search(text[max(0, m.start() - 40):m.start()]):
            continue
        return m.group(0)
    return None


def analyze_sentences(sentences: list[str], families: KindFamilies, whole: str = "") -> MessageKind:
    """The analysis of a reply given its agent sentences (quoted text blanked) and, for the
    continuation marks, its whole clean text."""
    text = " ".join(sentences)
    evidence: list[Evidence] = []

    asserted = " ".join(s for s in sentences if not _CONDITIONAL.match(s))

    def hit(name: str) -> str | None:
        if name in PROBLEM_FAMILIES:  # "If the fare is less, you get a credit" names no trouble of theirs
            found = first_cue(getattr(families, name), asserted, hypothetical=True)
        else:
            found = first_cue(getattr(families, name), text)
        if found:
            evidence.append(Evidence(name, " ".join(found.split())))
        return found

    problem = any([hit("problem_cues"), hit("upset_cues"), hit("remedy_cues")])
    complaint = _stock_apology(text, families)
    if complaint:
        evidence.append(Evidence("stock_phrases", complaint))  # "sorry you feel that way": a complaint is behind it
        problem = True
    sympathy = acknowledgment(text, families, beyond_courtesy=True)
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
    elif hit("thanks_cues") and not _names_trouble(families, text):
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
        return m.group(0)
    return None


def _stock_apology(text: str, families: KindFamilies) -> str | None:
    """A stock apology ('sorry for any inconvenience', 'sorry you feel that way') acknowledges
    nothing, but it answers a complaint."""
    if not families.stock_phrases:
        return None
    for m in cue_pattern(families.stock_phrases).finditer(text):
        if re.search(r"sorry|apolog|inconvenien", m.group(0), re.IGNORECASE):
            return m.group(0)
    return None


def _names_trouble(families: KindFamilies, text: str) -> bool:
    """Praise wins over a problem word only when no trouble is named ("glad the fix worked" is
    praise; "thanks for the kind words, and sorry the parcel was late" is a problem reply)."""
    if first_cue(families.problem_cues, text, True) is not None or first_cue(families.upset_cues, text, True) is not None:
        return True
    return acknowledgment(text, families, beyond_courtesy=True) is not None


def _scheduled(families: KindFamilies, sentences: list[str], evidence: list[Evidence]) -> bool:
    """A sentence with a time ahead and a word of what happens then: 'ships tomorrow', 'the
    engineer is booked for Tuesday', 'arrives within 3 working days'."""
    if not families.scheduled_cues:
        return False
    pattern = cue_pattern(families.scheduled_cues)
    for sentence in sentences:
        times = list(CONCRETE_TIME.finditer(sentence))  # "ships today" too
        if not times:
            continue
        m = pattern.search(sentence)
        if m and not negated(sentence, m.start()):
            evidence.append(Evidence("scheduled_cues", f"{m.group(0)} … {times[0].group(0)}"))
            return True
    return False
