"""Transformations of a rule example that must keep its verdict, and two that must silence it.

A rule that fires on "Please calm down." and not on "PLEASE CALM DOWN." or on "Hi Sam, please
calm down." has learnt the example, not the anti-pattern. Each transformation below rewrites one
example into the form agents (or their tools) really produce: another apostrophe, capitals, a
greeting, a wrap, a container. tests/test_metamorphic.py applies every one of them to every
`bad` and `good` example of every rule; a transformation a rule cannot pass is a bug in the rule.

A transformation returns the new source and the format it is linted as, or None where it does
not apply to that example (no apostrophe to switch, no cue word to capitalize).
"""
from __future__ import annotations

import html
import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import yaml

Variant = tuple[str, str] | None  # (source, format) or None: does not apply


@dataclass(frozen=True)
class Transformation:
    """One way of writing the same sentence. `keeps` is True for transformations that must not
    change the verdict, False for the ones that must silence a bad example (the sentence is
    the customer's, quoted). `sentence_only`: meaningless for reply-level rules, whose
    examples are whole replies (quoting all of a reply leaves nothing to judge)."""

    name: str
    apply: Callable[[str, frozenset], Variant]
    keeps: bool = True
    sentence_only: bool = False
    skip_rules: frozenset = frozenset()
    reply_only: bool = False  # only for the reply-level rules (a whole reply's verdict)


_STRAIGHT_TO_CURLY = str.maketrans({"'": "\u2019"})
_CURLY_TO_STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def switch_apostrophes(text: str, cues: frozenset) -> Variant:
    """Curly apostrophes and quotes become straight ones, or straight ones curly."""
    if any(c in text for c in "\u2019\u2018\u201c\u201d"):
        return text.translate(_CURLY_TO_STRAIGHT), "text"
    if "'" in text or '"' in text:
        curly = text.translate(_STRAIGHT_TO_CURLY)
        curly = re.sub(r'"(?=\w)', "\u201c", curly).replace('"', "\u201d")
        return curly, "text"
    return None


# Contractions whose apostrophe-less spelling is another common word are left alone: "well",
# "were", "ill", "hell", "shell", "wed", "id", "its", "shed" would test word sense, not typing.
_AMBIGUOUS = {"we'll", "we're", "i'll", "he'll", "she'll", "we'd", "i'd", "it's", "she'd",
              "he'd", "who're", "let's"}
_CONTRACTION = re.compile(r"\b(\w+)['\u2019](\w+)\b")


def _each_match(pattern: re.Pattern, text: str, rewrite) -> Variant:
    """`text` with each match of `pattern` passed through `rewrite` (which returns the word
    itself to leave it), or None when nothing changed: the transformation does not apply."""
    new = pattern.sub(rewrite, text)
    return (new, "text") if new != text else None


def drop_apostrophes(text: str, cues: frozenset) -> Variant:
    """Contractions typed without their apostrophe: "dont", "cant", "youre", "shouldve"."""
    return _each_match(_CONTRACTION, text, lambda m: m.group(0)
                       if m.group(0).lower().replace("\u2019", "'") in _AMBIGUOUS else m.group(1) + m.group(2))


_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")


def capitalize_cues(text: str, cues: frozenset) -> Variant:
    """Every word the rule's patterns name, in capitals: "PLEASE CALM DOWN", "I CANNOT help"."""
    return _each_match(_WORD, text, lambda m: m.group(0).upper() if m.group(0).lower() in cues else m.group(0))


def _lower_first(text: str) -> str:
    """The example's first word as it reads after a greeting: "Relax" -> "relax", not "I"."""
    first = re.match(r"[A-Za-z]+", text)
    if not first or first.group(0) == "I" or first.group(0).isupper():
        return text
    return text[0].lower() + text[1:]


def greeting_inline(text: str, cues: frozenset) -> Variant:
    """'Hi Sam, ' right before the example's first word."""
    return f"Hi Sam, {_lower_first(text)}", "text"


def greeting_line(text: str, cues: frozenset) -> Variant:
    """A greeting on its own line above the example."""
    return f"Hi Sam,\n\n{text}", "text"


def handle_prefix(text: str, cues: frozenset) -> Variant:
    """A chat mention before the example: "@sam please calm down"."""
    return f"@sam_k {_lower_first(text)}", "text"


def field_greeting(text: str, cues: frozenset) -> Variant:
    """A greeting with a template field, as macros are written: "Hi {{first_name}}, ..."."""
    return f"Hi {{{{ticket.requester.first_name}}}}, {_lower_first(text)}", "text"


def emoji_around(text: str, cues: frozenset) -> Variant:
    """A wave before the example and folded hands before its first sentence's final mark."""
    end = re.search(r"[.!?]+(?=\s|$)", text)
    smiled = f"{text[:end.start()]} 🙏{text[end.start():]}" if end else f"{text} 🙏"
    return f"👋 {smiled}", "text"


def sign_off(text: str, cues: frozenset) -> Variant:
    """A sign-off after the example."""
    return f"{text}\n\nBest,\nAlex\nSupport team", "text"


def _wrap_points(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r" ", text)]


def hard_wrap(text: str, cues: frozenset) -> Variant:
    """The sentence hard-wrapped at a narrow width, as e-mail clients and editors do."""
    if "\n" in text or len(_wrap_points(text)) < 2:
        return None
    return textwrap.fill(text, width=max(12, len(text) // 3), break_long_words=False,
                         break_on_hyphens=False), "text"


def wrap_in_cue(text: str, cues: frozenset) -> Variant:
    """One line break inside the cue phrase ("calm\ndown"), or beside its first word."""
    beside = []
    for i in _wrap_points(text):
        before = re.search(r"(\w+)\W*$", text[:i])
        after = re.match(r"\W*(\w+)", text[i + 1:])
        sides = [bool(m and m.group(1).lower() in cues) for m in (before, after)]
        if all(sides):
            return text[:i] + "\n" + text[i + 1:], "text"
        if any(sides):
            beside.append(i)
    if not beside:
        return None
    i = beside[0]
    return text[:i] + "\n" + text[i + 1:], "text"


def markdown_paragraph(text: str, cues: frozenset) -> Variant:
    """The example as a paragraph of a Markdown reply, after a heading and before a list."""
    escaped = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
    return f"# Re: your ticket\n\n{escaped}\n\n- Ticket: 4821\n", "markdown"


def markdown_hard_break(text: str, cues: frozenset) -> Variant:
    """A Markdown backslash line break in the middle of the sentence."""
    points = _wrap_points(text)
    if len(points) < 2 or "\n" in text:
        return None
    i = points[len(points) // 2]
    escaped_head = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text[:i])
    escaped_tail = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text[i + 1:])
    return f"{escaped_head}\\\n{escaped_tail}\n", "markdown"


def html_paragraph(text: str, cues: frozenset) -> Variant:
    """The example in an HTML <p>, as a helpdesk's rich-text editor saves it."""
    body = html.escape(text, quote=False).replace("\n", "<br>\n")
    return f"<div class=\"reply\">\n<p>Hello,</p>\n<p>{body}</p>\n</div>\n", "html"


def yaml_macro(text: str, cues: frozenset) -> Variant:
    """The example as the body of a YAML macro, written by a YAML library."""
    return yaml.safe_dump([{"title": "Macro 12", "body": text}], allow_unicode=True,
                          sort_keys=False), "yaml"


def json_macro(text: str, cues: frozenset) -> Variant:
    """The example as the body of a JSON macro export."""
    return json.dumps({"macros": [{"title": "Macro 12", "body": text}]}, indent=2,
                      ensure_ascii=False), "json"


def quoted_inline(text: str, cues: frozenset) -> Variant:
    """The customer's words, quoted: the agent repeats them, it does not say them."""
    inner = text.replace('"', "'")
    return f'You wrote: "{inner}" Thanks for telling us.', "text"


def quoted_line(text: str, cues: frozenset) -> Variant:
    """The customer's message quoted on `> ` lines above the agent's answer."""
    quoted = "\n".join("> " + line for line in text.splitlines())
    return f"On Monday you wrote:\n{quoted}\n\nThanks for the details.", "text"


def customer_quote(text: str, cues: frozenset) -> Variant:
    """The customer's complaint quoted on `> ` lines before the agent's reply: the reply's verdict
    is the agent's words', whatever the customer wrote."""
    return "> The app crashed again and I lost a whole morning of work.\n> Sort it out!\n\n" + text, "text"


TRANSFORMATIONS = (
    Transformation("apostrophes", switch_apostrophes),
    Transformation("no-apostrophes", drop_apostrophes),
    Transformation("caps", capitalize_cues, skip_rules=frozenset({"shouting"})),
    Transformation("greeting", greeting_inline),
    Transformation("greeting-line", greeting_line),
    Transformation("handle", handle_prefix),
    Transformation("field-greeting", field_greeting),
    Transformation("emoji", emoji_around),
    Transformation("sign-off", sign_off),
    Transformation("hard-wrap", hard_wrap),
    Transformation("wrap-in-cue", wrap_in_cue),
    Transformation("markdown", markdown_paragraph),
    Transformation("markdown-break", markdown_hard_break),
    Transformation("html", html_paragraph),
    Transformation("yaml", yaml_macro),
    Transformation("json", json_macro),
    Transformation("quoted", quoted_inline, keeps=False, sentence_only=True),
    Transformation("quoted-line", quoted_line, keeps=False, sentence_only=True),
    Transformation("customer-quote", customer_quote, reply_only=True),
)


def _words(node) -> set[str]:
    words: set[str] = set()
    if isinstance(node, str):
        words.update(w.lower() for w in _WORD.findall(node))
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("POS", "TAG", "DEP", "ENT_TYPE", "OP", "MORPH"):
                words |= _words(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            words |= _words(item)
    return words


def cue_words(matchers: list[dict]) -> frozenset:
    """Every word a rule's matchers name (token patterns, phrase lists, the options of its
    filters and checks), lower-cased: the words "the cue in capitals" capitalizes."""
    words: set[str] = set()
    for matcher in matchers:
        words |= _words(matcher.get("patterns", []))
        words |= _words(matcher.get("phrases", []))
        words |= _words(matcher.get("options", {}))
        for item in matcher.get("filters", []) or []:
            if isinstance(item, dict):
                words |= _words(list(item.values()))
    return frozenset(w for w in words if len(w) > 1 or w == "i")
