"""Named Python checks a YAML rule can call, registered by name (spaCy's registry habit).

Two shapes:
- a *filter* keeps or drops one candidate span found by a phrase, token or dependency pattern:
  `filter(span, ctx, options) -> bool`
- a *document check* finds spans itself: `check(ctx, options) -> iterable of Span`

Each declares the analysis it needs ("tokens", "tags", "parse", "entities") so the engine can run
only the spaCy components the active rules use.
"""
from __future__ import annotations

from ..registry import Registered, register


FILTERS: dict[str, Registered] = {}
DOCUMENT_CHECKS: dict[str, Registered] = {}


def register_filter(name: str, needs: str = "parse", options: tuple[str, ...] = ()):
    """Register a span filter under `name`; `options` lists the YAML keys it accepts."""
    return register(FILTERS, name, needs, options)


def register_check(name: str, needs: str = "parse", options: tuple[str, ...] = (), gate=None,
                   scope: str = "sentence"):
    """Register a document-level check under `name`; `options` lists the YAML keys it accepts.

    `gate(options, forms)` is called once per compiled rule (`forms(lemma)`: the surface forms
    the pipeline could give that lemma) and returns a predicate `(words, text, document) -> bool`
    that tells from the words alone (lowercase and NORM forms as string ids, see staging.py),
    the text and the Document whether the check could find anything; when it says no, the
    engine may skip the tagger and parser. It must never say no when the check could fire.
    Without a gate a check that needs more than tokens always gets the full analysis.

    A check of `scope` "sentence" finds what it finds within one sentence: it is called with a
    CheckContext per stretch of sentences the engine parsed, and gated on that stretch's words.
    A check of `scope` "reply" judges the whole reply: it is gated on the reply's words and
    called once with a ReplyContext, where it asks for the parse of the sentences it needs
    (`ReplyContext.require`)."""
    return register(DOCUMENT_CHECKS, name, needs, options, gate, scope)


def load_builtin_checks() -> None:
    """Import the modules whose decorators fill the registries."""
    from . import filters, shouting, accusation, promises, reply_shape  # noqa: F401
