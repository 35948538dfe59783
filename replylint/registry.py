"""Named Python pieces a YAML rule refers to (filters, checks, rewriters), registered by name
in spaCy's registry habit. Each declares the analysis it needs and the option keys it takes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Registered:
    name: str
    func: Callable
    needs: str
    option_keys: frozenset
    gate: Callable | None = None  # checks only: gate(options, forms) -> predicate(words, text, document)
    scope: str = "sentence"       # checks only: "reply" when it judges the reply as a whole


def register(table: dict, name: str, needs: str, options: tuple[str, ...], gate: Callable | None = None,
             scope: str = "sentence"):
    """Decorator that enters `func` in `table` under `name`; a name may be used once."""
    def decorate(func):
        if name in table:
            raise RuntimeError(f"{name!r} registered twice")
        table[name] = Registered(name, func, needs, frozenset(options), gate, scope)
        return func
    return decorate
