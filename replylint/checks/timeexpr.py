"""Is there a concrete date or time in this stretch of text? A follow-through promise needs one.

Lexical on purpose: it needs no model, and it recognises the forms agents write ("by 3 pm",
"within 24 hours", "tomorrow morning", "on Friday", "within the hour"), which the small NER
model tags inconsistently.
"""
from __future__ import annotations

import re
from functools import lru_cache

_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty-eight|a couple of|a few)"
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|(?:business|working|office) (?:days?|hours?)|weeks?)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")

CONCRETE_TIME = re.compile(
    "|".join([
        r"\b\d{1,2}(?::\d{2})?\s?(?:a\.?m\.?|p\.?m\.?)(?![a-z])",       # 3 pm, 9:30am
        r"\b\d{1,2}[:.]\d{2}\b(?!\.\d)",                                 # 11:00, 13.40
        r"\b(?:noon|midday|midnight|o'clock|eod|cob|end of (?:the )?(?:day|week|month|business))\b",
        r"\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend)|"
        r"next (?:week|month|" + _WEEKDAY + r"|business day|working day))\b",
        # "Tuesday's release", typed "Tuesdays release"; not "on weekends" or "on Mondays", which recur
        r"\b" + _WEEKDAY + r"(?:['’]s|s(?= (?:release|update|build|patch|deploy|deployment|rollout|meeting|call"
        r"|delivery|shipment|collection|run|batch|maintenance|cut-?off|deadline)\b))?\b",
        r"\b(?:within|in|after) (?:the )?(?:next )?" + _NUM + r" " + _UNIT + r"\b",
        r"\bwithin (?:the|an|one|a) (?:hour|day|minute)\b",
        r"\b(?:the )?next " + _NUM + r" " + _UNIT + r"\b",
        r"\bevery " + _NUM + r"? ?" + _UNIT + r"\b",
        r"\b" + _MONTH + r"\.? \d{1,2}(?:st|nd|rd|th)?\b",
        r"\b\d{1,2}(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"\b",
        r"\bthe \d{1,2}(?:st|nd|rd|th)\b",
        r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
        r"\b\d{4}-\d{2}-\d{2}\b",
        r"\bfirst thing\b",
        r"\b(?:right now|right away|straight away|immediately|now|while we (?:chat|talk|speak)|"
        r"while you wait|in a (?:moment|minute|sec|second)|in (?:a )?few minutes|this minute)\b",
    ]),
    re.IGNORECASE,
)

VAGUE_TIME = re.compile(
    r"\b(?:as\s+soon\s+as\s+(?:possible|we\s+can|i\s+can|we're\s+able|i'm\s+able|humanly\s+possible)|asap|"
    r"soon(?![-‑]\w)(?!\s+(?:after|before|as\s+you|as\s+it|as\s+the|as\s+they|as\s+this|as\s+that))|"
    r"shortly(?!\s+(?:after|before|afterwards))|later(?!\s+(?:today|tonight|this|on\s+today))|"
    r"in\s+the\s+(?:near|coming)\s+future|in\s+due\s+(?:course|time)|in\s+good\s+time|at\s+some\s+point|eventually|in\s+a\s+(?:bit|while|little\s+while)|"
    r"at\s+(?:our|my)\s+earliest\s+convenience|when(?:ever)?\s+(?:we|i)\s+(?:can|get\s+a\s+chance|have\s+time)|"
    r"once\s+(?!you\b)[a-z]+)\b",
    re.IGNORECASE,
)


def has_concrete_time(text: str) -> bool:
    """True when `text` names a day, a clock time or a bounded interval."""
    return CONCRETE_TIME.search(text) is not None


PRESENT_ONLY = re.compile(r"^(?:today|now|right now|this morning)$", re.IGNORECASE)


def forward_times(text: str) -> list:
    """Concrete times that can point ahead ('by Friday', 'at 3 pm', 'tomorrow'); 'today' and 'now'
    alone only date the present ('Gmail is slow today')."""
    return [m for m in CONCRETE_TIME.finditer(text) if not PRESENT_ONLY.match(m.group(0))]


@lru_cache(maxsize=32)
def extra_vague_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A team's own vague timings (the rule's `vague_words` option) as one expression."""
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\b",
                      re.IGNORECASE)


def vague_time_matches(text: str, extra_words: tuple[str, ...] = ()):
    """Vague timing words in `text`, as regex matches (offsets relative to `text`); a team can
    add its own ("in a jiffy") through the rule's `vague_words` option."""
    found = list(VAGUE_TIME.finditer(text))
    extra = extra_vague_pattern(tuple(extra_words))
    if extra is not None:
        found += extra.finditer(text)
    return sorted(found, key=lambda m: m.start())
