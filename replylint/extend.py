"""The extension API: how the Python pieces a YAML rule names declare themselves.

A rule's matcher may name three kinds of Python piece, each declared once, here, by decorator:

- a **filter** keeps or drops one candidate span that a phrase, token or dependency pattern
  found: `FilterFunc(span, ctx, options) -> bool` (`register_filter`);
- a **check** finds spans itself: `CheckFunc(ctx, options) -> Iterable[Span]`, within one
  stretch of sentences (scope "sentence", ctx a CheckContext) or over the whole reply (scope
  "reply", ctx a ReplyContext) (`register_check`);
- a **rewriter** turns one flagged span into rewrites built from the agent's own sentence:
  `RewriterFunc(span, ctx, options) -> Iterable[Draft]` (`register_rewriter`).

Every declaration says what it reads and what it takes:

- `needs`: the deepest analysis it reads ("tokens": only the tokenizer's words; "tags": also
  tags, parts of speech and lemmas; "parse": also dependencies and sentence boundaries;
  "entities": also named entities). The engine runs only what the active rules need, and a
  test runs every piece on Docs annotated only that far (tests/test_needs.py), so a wrong
  declaration fails a test instead of a user.
- `options`: a frozen dataclass deriving from `Options`, one field per YAML key, each with a
  type from a small closed set (`Kind`), a default and a sentence of help (`option`). Values
  are checked when a rule is compiled: a wrong type is one line naming the rule file and line.
  The function receives an instance, so it reads `options.window`, never a default of its own.
- a check's `cues`: the words (or text) without which it cannot find anything, as data
  (`words`, `all_of`, `any_of`, `phrases_of`, `text_matches`, `option_pattern`, `no_region`).
  staging.py compiles them to decide, from the words alone, which sentences need the tagger
  and parser. A check without cues that needs more than tokens always gets the full analysis.

`Draft` (a rewrite in the Doc's offsets) and `Match` (what a compiled rule found) are the
records these pieces and the engine pass along. The input and output format records are
declared beside their readers and formatters (formats/, formatters/).
"""
from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Literal,
    Protocol,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from .findings import SAFETY_LEVELS

if TYPE_CHECKING:
    from spacy.tokens import Span
    from typing_extensions import Self

    from .checks.context import CheckContext
    from .rules.compiler import CompiledRule

Needs = Literal["tokens", "tags", "parse", "entities"]
NEEDS: tuple[Needs, ...] = get_args(Needs)  # cheapest first
Scope = Literal["sentence", "reply"]


# ---------------------------------------------------------------------------------------------
# Options: typed, described, checked when a rule is compiled

class Kind(Enum):
    """The closed set of option types; the value is how `explain` and errors name the type."""

    WHOLE_NUMBER = "whole number"
    NUMBER = "number"
    FLAG = "true or false"
    TEXT = "text"
    WORDS = "list of words"
    PHRASES = "list of words or phrases"
    WORD_MAP = "mapping of words to words"


# Annotations an options field may carry; WordList and PhraseList are both tuples of strings to a
# type checker, told apart for validation and `explain` by their Annotated marker.
WordList = Annotated[tuple[str, ...], Kind.WORDS]
PhraseList = Annotated[tuple[str, ...], Kind.PHRASES]
WordMap = Mapping[str, str]

_KIND_OF_TYPE: dict[Any, Kind] = {int: Kind.WHOLE_NUMBER, float: Kind.NUMBER, bool: Kind.FLAG, str: Kind.TEXT}


class OptionError(ValueError):
    """An option a rule gives is unknown or has a value of the wrong type."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Option:
    """One declared option, as `explain` shows it and validation reads it."""

    name: str
    kind: Kind
    default: Any
    help: str
    choices: tuple[str, ...] = ()


def option(default: Any, help: str, *, choices: tuple[str, ...] = ()) -> Any:
    """A field of an Options class: its default when the rule does not give it, a sentence
    saying what it does, and (for text) the values it may take."""
    metadata = {"help": help, "choices": choices}
    if isinstance(default, Mapping):
        frozen = types.MappingProxyType(dict(default))
        return field(default_factory=lambda: frozen, metadata=metadata)
    return field(default=default, metadata=metadata)


def _kind_of(annotation: Any) -> Kind:
    """The Kind of a resolved field annotation; anything outside the closed set is a bug."""
    if get_origin(annotation) is Annotated:
        marker = annotation.__metadata__[0]
        if isinstance(marker, Kind):
            return marker
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (Union, types.UnionType) and len(args) == 1:
        return _kind_of(args[0])  # `str | None`: text, None when the rule does not give it
    if annotation in _KIND_OF_TYPE:
        return _KIND_OF_TYPE[annotation]
    if get_origin(annotation) is Mapping or annotation is WordMap:
        return Kind.WORD_MAP
    raise TypeError(f"option type {annotation!r} is not one of {', '.join(k.value for k in Kind)}")


def _shown(value: Any) -> str:
    """A wrong value as an error message shows it: the text itself, or what sort of thing it is."""
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _strings(value: Any, words_only: bool) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    if words_only and any(len(v.split()) != 1 for v in value):
        return None
    return tuple(value)


def _converted(kind: Kind, value: Any) -> Any:
    """`value` as the option's type, or None when it is not of that type."""
    if kind is Kind.WHOLE_NUMBER:
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind is Kind.NUMBER:
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if kind is Kind.FLAG:
        return value if isinstance(value, bool) else None
    if kind is Kind.TEXT:
        return value if isinstance(value, str) else None
    if kind in (Kind.WORDS, Kind.PHRASES):
        return _strings(value, kind is Kind.WORDS)
    if isinstance(value, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return types.MappingProxyType(dict(value))
    return None


def check_value(declared: Option, value: Any) -> Any:
    """The value converted to the declared type (lists become tuples, mappings read-only), or
    an OptionError saying what was expected and what was given."""
    converted = _converted(declared.kind, value)
    if converted is None:
        raise OptionError(declared.name, f"option '{declared.name}' must be a {declared.kind.value}, "
                                         f"not {_shown(value)}")
    if declared.choices and converted not in declared.choices:
        raise OptionError(declared.name, f"option '{declared.name}' must be one of "
                                         f"{', '.join(declared.choices)}, not {converted!r}")
    return converted


@dataclass(frozen=True)
class Options:
    """Base of every declaration's options: subclass it as a frozen dataclass whose fields are
    declared with `option(default, help)` and annotated int, float, bool, str (or `str | None`),
    WordList, PhraseList or WordMap."""

    @classmethod
    def declared(cls) -> tuple[Option, ...]:
        """The options this class declares, in field order."""
        return _declared(cls)

    @classmethod
    def names(cls) -> frozenset[str]:
        return frozenset(o.name for o in cls.declared())

    @classmethod
    def read(cls, values: Mapping[str, Any]) -> Self:
        """An instance from a rule's YAML options: unknown names and wrong types are OptionErrors,
        options not given take their declared defaults."""
        declared = {o.name: o for o in cls.declared()}
        unknown = sorted(str(k) for k in values if k not in declared)
        if unknown:
            raise OptionError(unknown[0], f"does not take option(s) {unknown}")
        return cls(**{name: check_value(declared[name], value) for name, value in values.items()})


_DECLARED: dict[type, tuple[Option, ...]] = {}


def _declared(cls: type[Options]) -> tuple[Option, ...]:
    if cls in _DECLARED:
        return _DECLARED[cls]
    hints = get_type_hints(cls, include_extras=True)
    out = []
    for f in dataclasses.fields(cls):
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        out.append(Option(f.name, _kind_of(hints[f.name]), default, f.metadata.get("help", ""),
                          f.metadata.get("choices", ())))
    _DECLARED[cls] = tuple(out)
    return _DECLARED[cls]


@dataclass(frozen=True)
class NoOptions(Options):
    """For a filter, check or rewriter that takes no options."""


# ---------------------------------------------------------------------------------------------
# Cues: what a check needs in a stretch's words to find anything (compiled by staging.py)

@dataclass(frozen=True)
class Words:
    """Any one of these words, in lower case or as its NORM ("n't" is also "not")."""

    words: frozenset[str]


@dataclass(frozen=True)
class PhrasesOf:
    """One of the phrases of option `option` (and `also`): all its words, the first (a verb) in
    any of its forms (with `as_written`, as the option writes it: a check that compares the
    word itself, not its lemma); phrases whose first word is in `unless_first` do not count."""

    option: str
    also: tuple[str, ...] = ()
    unless_first: tuple[str, ...] = ()
    as_written: bool = False


@dataclass(frozen=True)
class TextMatches:
    """The stretch's text matches this regular expression somewhere."""

    pattern: re.Pattern[str]


@dataclass(frozen=True)
class OptionPattern:
    """The text matches the expression `build` makes from option `option`'s values (None: never)."""

    option: str
    build: Callable[[tuple[str, ...]], re.Pattern[str] | None]


@dataclass(frozen=True)
class NoRegion:
    """The reply has no region of this kind ("url", "quote", ...)."""

    kind: str


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Cue, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Cue, ...]


Cue = Words | PhrasesOf | TextMatches | OptionPattern | NoRegion | AllOf | AnyOf


def words(*given: str | Iterable[str]) -> Words:
    """words("why", "never") or words(READER, {"fault"}): any one of them."""
    found: set[str] = set()
    for item in given:
        found.update([item] if isinstance(item, str) else item)
    return Words(frozenset(found))


def all_of(*parts: Cue) -> AllOf:
    return AllOf(parts)


def any_of(*parts: Cue) -> AnyOf:
    return AnyOf(parts)


def phrases_of(option_name: str, also: tuple[str, ...] = (), unless_first: tuple[str, ...] = (),
               as_written: bool = False) -> PhrasesOf:
    return PhrasesOf(option_name, also, unless_first, as_written)


def text_matches(pattern: re.Pattern[str]) -> TextMatches:
    return TextMatches(pattern)


def option_pattern(option_name: str, build: Callable[[tuple[str, ...]], re.Pattern[str] | None]) -> OptionPattern:
    return OptionPattern(option_name, build)


def no_region(kind: str) -> NoRegion:
    return NoRegion(kind)


# ---------------------------------------------------------------------------------------------
# The three declarations and their registries

class FilterFunc(Protocol):
    def __call__(self, span: Span, ctx: CheckContext, options: Any, /) -> bool: ...


class CheckFunc(Protocol):
    def __call__(self, ctx: Any, options: Any, /) -> Iterable[Span]: ...  # CheckContext or ReplyContext


class RewriterFunc(Protocol):
    def __call__(self, span: Span, ctx: CheckContext, options: Any, /) -> Iterable[Draft]: ...


@dataclass(frozen=True)
class Declaration:
    """What filters, checks and rewriters declare alike."""

    what: ClassVar[str] = "extension"
    name: str
    func: Callable[..., Any]
    needs: Needs
    options: type[Options]

    @property
    def help(self) -> str:
        """The function's docstring, as one paragraph."""
        return " ".join((self.func.__doc__ or "").split())


@dataclass(frozen=True)
class Filter(Declaration):
    what: ClassVar[str] = "filter"


@dataclass(frozen=True)
class Check(Declaration):
    what: ClassVar[str] = "check"
    scope: Scope = "sentence"
    cues: Cue | None = None


@dataclass(frozen=True)
class Rewriter(Declaration):
    what: ClassVar[str] = "rewriter"


FILTERS: dict[str, Filter] = {}
CHECKS: dict[str, Check] = {}
REWRITERS: dict[str, Rewriter] = {}

F = TypeVar("F", bound=FilterFunc)
C = TypeVar("C", bound=CheckFunc)
R = TypeVar("R", bound=RewriterFunc)


def _enter(table: dict[str, Any], declaration: Declaration) -> None:
    if declaration.needs not in NEEDS:
        raise ValueError(f"{declaration.name!r}: needs must be one of {', '.join(NEEDS)}")
    if declaration.name in table:
        raise RuntimeError(f"{declaration.what} {declaration.name!r} registered twice")
    declaration.options.declared()  # an option of a type outside the closed set fails here, at import
    table[declaration.name] = declaration


def register_filter(name: str, *, needs: Needs, options: type[Options] = NoOptions) -> Callable[[F], F]:
    """Declare a filter `name` that reads up to `needs` and takes `options`."""
    def decorate(func: F) -> F:
        _enter(FILTERS, Filter(name, func, needs, options))
        return func
    return decorate


def register_check(name: str, *, needs: Needs, options: type[Options] = NoOptions, scope: Scope = "sentence",
                   cues: Cue | None = None) -> Callable[[C], C]:
    """Declare a check `name`. A check of scope "sentence" finds what it finds within one
    sentence: it is called with a CheckContext per stretch of sentences the engine parsed, and
    its cues are tested on that stretch's words. One of scope "reply" judges the whole reply:
    its cues are tested on the reply's words and it is called once with a ReplyContext, where it
    asks for the parse of the sentences it needs (`ReplyContext.require`). The cues must hold
    wherever the check could find something; when they do not, the engine may skip the tagger
    and parser."""
    def decorate(func: C) -> C:
        _enter(CHECKS, Check(name, func, needs, options, scope, cues))
        return func
    return decorate


def register_rewriter(name: str, *, needs: Needs, options: type[Options] = NoOptions) -> Callable[[R], R]:
    """Declare a rewriter `name` that reads up to `needs` and takes `options`."""
    def decorate(func: R) -> R:
        _enter(REWRITERS, Rewriter(name, func, needs, options))
        return func
    return decorate


def load_builtins() -> None:
    """Import every module of replylint.checks and replylint.rewrites, whose decorators fill the
    registries: a new module there is found without being listed anywhere."""
    for package_name in ("replylint.checks", "replylint.rewrites"):
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package_name}.{info.name}")


# ---------------------------------------------------------------------------------------------
# What the pieces hand on

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


@dataclass(frozen=True)
class Configured:
    """A filter or rewriter with the options one matcher gives it."""

    name: str
    func: Callable[..., Any]
    options: Options


@dataclass(frozen=True, eq=False)
class Match:
    """A span a rule flagged, the rewriters of the matcher that found it, and the context of
    the Doc it is in (whose offset places it in the reply's clean text)."""

    rule: CompiledRule
    span: Span
    rewriters: tuple[Configured, ...]
    context: CheckContext
    message: str | None = None  # the matcher's own message (its `message:`), else the rule's

    @property
    def start(self) -> int:
        """Clean-text offset of the span's first character."""
        return self.context.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.context.offset + self.span.end_char


__all__ = [
    "CHECKS",
    "FILTERS",
    "NEEDS",
    "REWRITERS",
    "SAFETY_LEVELS",
    "AllOf",
    "AnyOf",
    "Check",
    "CheckFunc",
    "Configured",
    "Cue",
    "Declaration",
    "Draft",
    "Filter",
    "FilterFunc",
    "Kind",
    "Match",
    "Needs",
    "NoOptions",
    "NoRegion",
    "Option",
    "OptionError",
    "OptionPattern",
    "Options",
    "PhraseList",
    "PhrasesOf",
    "Rewriter",
    "RewriterFunc",
    "Scope",
    "TextMatches",
    "WordList",
    "WordMap",
    "Words",
    "all_of",
    "any_of",
    "check_value",
    "load_builtins",
    "no_region",
    "option",
    "option_pattern",
    "phrases_of",
    "register_check",
    "register_filter",
    "register_rewriter",
    "text_matches",
    "words",
]


# ---------------------------------------------------------------------------------------------
# Finding notes: what a check judged, carried to the finding it reported

_NOTE = "replylint.note"


def set_note(span: Span, check: str, note: str) -> None:
    """Attach `note` (one line: what the check judged, on which words) to the finding the check
    `check` reports for `span`; `replylint check --verbose` and the JSON output show it."""
    data: dict[Any, Any] = span.doc.user_data
    data[(_NOTE, check, span.start_char, span.end_char)] = note


def note_of(span: Span, checks: Iterable[str]) -> str:
    """The note one of `checks` attached to `span`, or ''."""
    data: dict[Any, Any] = span.doc.user_data
    return next((data[k] for k in ((_NOTE, c, span.start_char, span.end_char) for c in checks) if k in data), "")
