"""How a rule matches, in words, for `replylint explain`: each matcher's phrase families or
patterns, and every check, filter and rewriter it names with its declared options (type,
default, meaning) and the values the rule gives. Read from the declarations (replylint.extend),
so a new option is explained without anyone writing it down twice."""
from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from typing import Any

from ..extend import CHECKS, FILTERS, REWRITERS, Declaration, load_builtins
from .schema import MatcherSpec, RuleSpec

SHOWN_PHRASES = 12  # a family's phrases listed before "and N more"


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]" if value else "none"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}" if value else "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "none" if value is None else str(value)


def _shortened(text: str, width: int = 100) -> str:
    return textwrap.shorten(text, width=width, placeholder=" …")


def _entries(entries: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """A matcher's filters or rewriters as (name, options given), a name alone giving none."""
    for entry in entries if isinstance(entries, list) else [entries] if entries else []:
        if isinstance(entry, str):
            yield entry, {}
        elif isinstance(entry, Mapping) and len(entry) == 1:
            name, given = next(iter(entry.items()))
            yield str(name), given or {}


def _declaration(what: str, declaration: Declaration | None, name: str, given: Mapping[str, Any]) -> list[str]:
    if declaration is None:
        return [f"    {what} {name} (not declared)"]
    lines = [f"    {what} {name} (reads {declaration.needs}): {_shortened(declaration.help)}"]
    for option in declaration.options.declared():
        value = f"; here {_shortened(_value(given[option.name]), 60)}" if option.name in given else ""
        lines.append(f"      {option.name} ({option.kind.value}, default {_shortened(_value(option.default), 40)})"
                     f": {option.help}{value}")
    return lines


def _matcher(index: int, m: MatcherSpec) -> list[str]:
    lines = [f"  {index}. {m.kind} (line {m.line})"]
    if m.kind == "phrases":
        phrases = [str(p) for p in m.data.get("phrases") or []]
        shown = ", ".join(phrases[:SHOWN_PHRASES])
        more = f", and {len(phrases) - SHOWN_PHRASES} more" if len(phrases) > SHOWN_PHRASES else ""
        inflected = " (verbs in any form)" if m.data.get("inflect") else ""
        lines += textwrap.wrap(f"phrases{inflected}: {shown}{more}", width=96,
                               initial_indent="    ", subsequent_indent="      ")
    elif m.kind in ("tokens", "dependency"):
        lines.append(f"    {len(m.data.get('patterns') or [])} {m.kind} pattern(s)")
    if isinstance(m.data.get("message"), str):
        lines += textwrap.wrap(f"message of its findings: {' '.join(m.data['message'].split())}", width=96,
                               initial_indent="    ", subsequent_indent="      ")
    if m.kind == "check":
        name = str(m.data.get("check"))
        lines += _declaration("check", CHECKS.get(name), name, m.data.get("options") or {})
    for name, given in _entries(m.data.get("filters")):
        lines += _declaration("filter", FILTERS.get(name), name, given)
    shared = m.data.get("options") or {}
    for name, given in _entries(m.data.get("rewrite")):
        declaration = REWRITERS.get(name)
        names = declaration.options.names() if declaration else frozenset()
        lines += _declaration("rewriter", declaration, name,
                              {**{k: v for k, v in shared.items() if k in names}, **given})
    return lines


def how_it_matches(spec: RuleSpec) -> list[str]:
    """The lines `explain` prints under "How it matches"."""
    load_builtins()
    lines = ["How it matches (any one matcher)"]
    for index, m in enumerate(spec.matchers, 1):
        lines += _matcher(index, m)
    return lines
