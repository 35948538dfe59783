"""Named rewriters a YAML rule can attach to its matchers, registered by name like the checks.

A rewriter turns one flagged span into concrete rewrites built from the agent's own sentence:
`rewriter(span, ctx, options) -> iterable of Draft`. Drafts are in the Doc's character offsets;
the engine maps them to source offsets and drops any that would touch text the agent did not
write verbatim there (markup, placeholders), so no rewriter has to think about the source.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..registry import Registered, register


@dataclass(frozen=True)
class Draft:
    """One rewrite of doc.text[start:end], preferred first when a rewriter offers several.
    `capitalize_next`: the word after it now starts a sentence (a cut sentence opener), which
    the seam repair capitalizes wherever that word is, even past a line break."""

    start: int
    end: int
    replacement: str
    safety: str = "suggest"
    needs_input: bool = False
    description: str = ""
    capitalize_next: bool = False


REWRITERS: dict[str, Registered] = {}


def register_rewriter(name: str, needs: str = "parse", options: tuple[str, ...] = ()):
    """Register a rewriter under `name`; `needs` is the analysis it reads ("tokens", "tags",
    "parse"), `options` the YAML keys it accepts."""
    return register(REWRITERS, name, needs, options)


def load_builtin_rewriters() -> None:
    """Import the modules whose decorators fill the registry."""
    from . import removal, blame, feelings, commitments, case, reply_shape  # noqa: F401
