"""What a rule reports: plain frozen records with no project imports, so every stage can share them."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `--min-severity warning` keeps warnings and errors."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Suggestion:
    """Advice for a finding: `replacement` is drop-in text for the flagged span, or None when the
    fix needs the agent's own words; `description` always says what to do."""

    replacement: str | None
    description: str

    def to_dict(self) -> dict:
        return {"replacement": self.replacement, "description": self.description}


SAFETY_LEVELS = ("safe", "suggest")


@dataclass(frozen=True)
class Edit:
    """A rewrite in source offsets: put `replacement` in place of source[start:end].

    `safety` is "safe" when the meaning is kept (a dropped minimizer, a case repair) and
    "suggest" when the agent should read it first; `needs_input` marks a rewrite with a slot
    such as "[day, time]" that only the agent can fill, which `fix` never applies.
    `preview` is the flagged sentence as it reads with this edit, for people."""

    start: int
    end: int
    replacement: str
    safety: str
    needs_input: bool
    description: str
    preview: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement,
                "safety": self.safety, "needs_input": self.needs_input,
                "description": self.description, "preview": self.preview}

    def applicable(self, unsafe: bool = False) -> bool:
        """May `fix` apply this edit at the given level without asking the agent?"""
        return not self.needs_input and (self.safety == "safe" or unsafe)


@dataclass(frozen=True)
class Finding:
    """One flagged span. Offsets are into the original input, positions are 1-based."""

    rule_id: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestions: tuple[Suggestion, ...] = field(default_factory=tuple)
    edits: tuple[Edit, ...] = field(default_factory=tuple)  # alternatives, preferred first
    note: str = ""  # what a whole-reply rule judged, on which words ("kind: problem (...); state: open")

    KEYS = ("rule_id", "severity", "message", "start", "end", "line", "column",
            "end_line", "end_column", "text", "suggestions", "edits")

    def to_dict(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "edits": [e.to_dict() for e in self.edits],
            **({"note": self.note} if self.note else {}),  # only whole-reply rules give one
        }
