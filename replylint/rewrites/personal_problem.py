"""personal-problem: the device has the fault, not the customer ("You have a memory problem." →
"Your computer has a memory problem."), naming the device the reply mentions."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..checks.syntax import READER, verb_lemma
from ..extend import Draft, Options, WordList, WordMap, option, register_rewriter
from ..lexicon import inflection
from .grammar import capitalized, starts_sentence

THIRD_PERSON_AUX = {"have": "has", "'ve": "'s", "’ve": "’s", "are": "is", "'re": "'s", "’re": "’s",
                    "do": "does", "were": "was",
                    # the contraction with its apostrophe dropped ("youre", "youve") and text-speak "r"
                    "re": "is", "ve": "has", "r": "is"}


def _device_named(doc, before: int, devices: set[str]):
    """The device or account the reply named before the finding in the same Doc, the latest one."""
    named = [t for t in doc[:before] if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in devices]
    return named[-1] if named else None


# How far back before a finding a device is looked for: a whole reply (the longest of the shared
# corpora is 2,200 characters), but not the whole of a
# 20 MB file read again for every finding in it.
DEVICE_LOOKBACK = 20_000


def _device_named_earlier(ctx, devices: set[str]) -> str | None:
    """The device named in an earlier part of the reply, parsed apart from the finding's (or
    not parsed at all): read from the words, a noun after a determiner ('the laptop', 'your
    new iPhone'), within DEVICE_LOOKBACK characters. Returned as written when it has inner
    capitals, else in lower case."""
    if not devices or ctx.offset <= 0:
        return None
    pattern = _device_pattern(tuple(sorted(devices)))
    found = list(pattern.finditer(ctx.document.text, max(0, ctx.offset - DEVICE_LOOKBACK), ctx.offset))
    if not found:
        return None
    word = found[-1].group("device")
    return word if any(c.isupper() for c in word[1:]) else word.lower()


@lru_cache(maxsize=8)
def _device_pattern(devices: tuple) -> re.Pattern:
    words = "|".join(re.escape(d) for d in sorted(devices, key=len, reverse=True))
    return re.compile(r"\b(?:the|your|a|an|this|that|my|our)\s+(?:\w+\s+)?(?P<device>(?:" + words + r")(?:e?s)?)\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class NameTheDevice(Options):
    devices: WordList = option((), "nouns of devices and accounts the reply may have named ('laptop', 'router')")
    fallback: str = option("device", "the device named when the reply names none (a guess the agent checks)")
    fallback_for: WordMap = option({}, "a word of the finding and the thing to name instead of the fallback "
                                       "('hacked': 'account')")
    description: str = option("Name the thing that has the fault.", "what the rewrite says it does")


@register_rewriter("name_the_device", needs="parse", options=NameTheDevice)
def name_the_device(span, ctx, options: NameTheDevice):
    """'You have a memory problem.' → 'Your computer has a memory problem.', naming the device
    mentioned in the reply ('your device' when none is)."""
    doc = span.doc
    subject = next((t for t in span if t.lower_ in READER and t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return
    verb = subject.head
    if verb.i < subject.i:
        return
    devices = {d.lower() for d in options.devices}
    device = _device_named(doc, subject.i, devices)
    name = device.text if device is not None and device.pos_ == "PROPN" else \
        (device.text.lower() if device is not None else _device_named_earlier(ctx, devices))
    guessed = name is None  # no device named anywhere before: the fallback is a guess to check
    if guessed:
        name = next((options.fallback_for[t.lower_] for t in span if t.lower_ in options.fallback_for),
                    options.fallback)
    words = []
    for token in doc[subject.i + 1:verb.i + 1]:
        text = token.text
        if token.dep_ in ("aux", "auxpass") or (token.i == verb.i and token.lower_ in THIRD_PERSON_AUX):
            text = THIRD_PERSON_AUX.get(token.lower_, text)
        elif token.i == verb.i and token.tag_ in ("VB", "VBP"):
            text = inflection(verb_lemma(token), "VBZ")
        words.append(text + token.whitespace_)
    rest = "".join(words).rstrip()
    # "Youre" is one word on the page: the subject has no space before "re", which becomes " is"
    gap = subject.whitespace_ or ("" if rest.startswith(("'", "’")) else " ")
    phrase = f"your {name}" + gap + rest
    if phrase.startswith(f"your {name} '") or phrase.startswith(f"your {name} ’"):
        phrase = phrase.replace(f"your {name} ", f"your {name}", 1)
    if starts_sentence(subject):
        phrase = capitalized(phrase)
    yield Draft(subject.idx, verb.idx + len(verb.text), phrase, "suggest", guessed, options.description)
