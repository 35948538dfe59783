"""The message-kind analysis as the library and `replylint explain --why` show it.

`Linter.analyze(text)` says what the whole-reply rules (no-acknowledgment, no-next-step) judged
the reply to be: its kind (a reply to a customer's problem, a how-to answer, a thank-you, an
automated notice, an enforcement decision, a process note, a continuation fragment), whether the
customer has a problem, the state of the matter (open, scheduled, resolved, decided), whether it
acknowledges the customer, and the words each decision was made on."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .checks.context import NeedParse, ReplyContext
from .checks.message_kind import Evidence, KindFamilies, MessageKind, analyze_sentences
from .checks.no_acknowledgment import NoAcknowledgment, acknowledgment
from .checks.reply_shape import agent_sentences

if TYPE_CHECKING:
    from .engine import Linter

RULE = "no-acknowledgment"  # whose options (families) the analysis reads


@dataclass
class ReplyAnalysis:
    """What the whole-reply rules see in one reply."""
    kind: str                   # one of message_kind.KINDS
    problem: bool               # the customer has a problem
    state: str                  # one of message_kind.STATES
    acknowledgment: str | None  # the words that acknowledge the customer, if any
    sentences: list[str] = field(default_factory=list)  # the agent's sentences (quotes blanked)
    evidence: list[Evidence] = field(default_factory=list)

    def explain(self) -> str:
        found = MessageKind(self.kind, self.problem, self.state, self.evidence).explain()
        ack = f'yes ("{self.acknowledgment}")' if self.acknowledgment else "none found"
        return f"{found}\nacknowledgment: {ack}\nagent sentences: {len(self.sentences)}"


def _options(linter: Linter) -> NoAcknowledgment:
    """The no-acknowledgment rule's options as this Linter compiled them (a team's settings
    included), or as the rule pack declares them when that rule is not selected."""
    for rule in linter.rules:
        if rule.id == RULE:
            for matcher in rule.matchers:
                if isinstance(matcher.options, NoAcknowledgment):
                    return matcher.options
    from .rules import load_rules
    spec = next(s for s in load_rules() if s.id == RULE)
    return NoAcknowledgment.read(spec.matchers[0].data.get("options") or {})


def analyze(linter: Linter, text: str, format: str = "text", name: str = "") -> list[ReplyAnalysis]:
    """One ReplyAnalysis per reply of the input (a plain text is one reply)."""
    from .engine import chunks

    prepared = linter._prepare(text, format, name)
    if isinstance(prepared, Exception):
        raise prepared
    options = _options(linter)
    out = []
    for document in prepared[2]:
        reply = linter._plan(document, list(chunks(document.text)), judge=False)
        ctx = ReplyContext(document, reply.segments)
        while True:
            try:
                found = agent_sentences(ctx)
                sentences, prose = [s.clean for s in found], [s.prose for s in found]
                break
            except NeedParse as need:
                linter._parse(list(need.segments))
                ctx = ReplyContext(document, reply.segments)
        kind = analyze_sentences(sentences, options, document.text, prose)
        out.append(ReplyAnalysis(kind.kind, kind.problem, kind.state, acknowledgment(" ".join(prose), options),
                                 sentences, kind.evidence))
    return out


__all__ = ["KindFamilies", "ReplyAnalysis", "analyze"]
