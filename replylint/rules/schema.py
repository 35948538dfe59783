"""The rule file format, validated strictly: an unknown key, kind or type is a one-line error
naming the file and the line (yamllint's habit), never a traceback."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml

from ..errors import ReplylintError
from ..findings import SAFETY_LEVELS
from ..speed import yaml_cache

SEVERITIES = ("error", "warning", "info")
KINDS = ("phrases", "tokens", "dependency", "check")
RULE_KEYS = {"id", "category", "severity", "message", "rationale", "suggestions", "match", "examples"}
REQUIRED_KEYS = ("id", "category", "severity", "message", "rationale", "match", "examples")
RATIONALE_KEYS = ("what", "why", "instead")
EXAMPLE_KEYS = {"bad", "good"}
FIX_EXAMPLE_KEYS = {"input", "output", "safety"}
MATCHER_KEYS = {
    "phrases": {"kind", "phrases", "inflect", "filters", "options", "rewrite", "message"},
    "tokens": {"kind", "patterns", "filters", "options", "rewrite", "message"},
    "dependency": {"kind", "patterns", "report", "filters", "options", "rewrite", "message"},
    "check": {"kind", "check", "options", "rewrite", "message"},
}


class LineMap(dict):
    """A YAML mapping that remembers the line of each key, for error messages."""

    line: int = 0
    key_lines: dict


_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: 10× faster


class _LineLoader(_SafeLoader):
    """Safe loading only; mappings keep their line numbers, and only true/false are booleans
    (YAML 1.2), so a pattern word such as `on`, `off`, `yes` or `no` stays a word."""


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise ReplylintError("mapping keys must be plain values", line=key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path):
    """Parse a YAML file safely; syntax errors become one line with the file and line."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ReplylintError("not valid UTF-8", str(path)) from None
    except OSError as exc:
        raise ReplylintError(f"cannot read: {exc.strerror}", str(path)) from None
    try:  # a file read before comes from the cache (speed/yaml_cache.py), keyed by its bytes
        return yaml_cache.read_tree(data, lambda: yaml.load(text, Loader=_LineLoader), LineMap)  # noqa: S506
    except ReplylintError as exc:
        raise ReplylintError(exc.message, str(path), exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ReplylintError(f"invalid YAML: {exc.problem or exc.context}", str(path), line) from None
    except yaml.YAMLError as exc:
        raise ReplylintError(f"invalid YAML: {exc}", str(path)) from None


@dataclass(frozen=True)
class MatcherSpec:
    kind: str
    data: dict
    line: int


@dataclass(frozen=True)
class RuleSpec:
    """One validated rule file."""

    id: str
    category: str
    severity: str
    message: str
    rationale: dict
    suggestions: tuple
    matchers: tuple
    examples: dict
    path: str


def _line(node, key=None) -> int | None:
    if isinstance(node, LineMap):
        return node.key_lines.get(key, node.line) if key is not None else node.line
    return None


def _fail(path, message: str, node=None, key=None) -> NoReturn:
    raise ReplylintError(message, str(path), _line(node, key))


def _expect(path, node, key, kind, parent):
    value = node.get(key)
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        _fail(path, f"'{key}' must be a {names}", parent, key)
    return value


def _validate_strings(path, values, what, parent, key):
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        _fail(path, f"'{what}' must be a non-empty list of strings", parent, key)


def _validate_matcher(path, entry, index):
    if not isinstance(entry, dict):
        raise ReplylintError(f"match[{index}] must be a mapping", str(path))
    kind = entry.get("kind")
    if kind not in KINDS:
        _fail(path, f"match[{index}]: unknown kind {kind!r} (expected one of {', '.join(KINDS)})", entry, "kind")
    unknown = set(entry) - MATCHER_KEYS[kind]
    if unknown:
        key = sorted(unknown)[0]
        _fail(path, f"match[{index}]: unknown key '{key}' for kind {kind}", entry, key)
    if kind == "phrases":
        _validate_strings(path, entry.get("phrases"), "phrases", entry, "phrases")
    if kind in ("tokens", "dependency") and (not isinstance(entry.get("patterns"), list) or not entry["patterns"]):
        _fail(path, f"match[{index}]: 'patterns' must be a non-empty list", entry, "patterns")
    if kind == "check" and not isinstance(entry.get("check"), str):
        _fail(path, f"match[{index}]: 'check' must name a registered check", entry, "check")
    if "options" in entry and not isinstance(entry["options"], dict):
        _fail(path, f"match[{index}]: 'options' must be a mapping", entry, "options")
    if "message" in entry and (not isinstance(entry["message"], str) or not entry["message"].strip()):
        # what this matcher's findings say instead of the rule's message (one sub-pattern's own wrong)
        _fail(path, f"match[{index}]: 'message' must be text", entry, "message")
    return MatcherSpec(kind, dict(entry), _line(entry) or 0)


def _validate_fix_example(path, entry, parent):
    if not isinstance(entry, dict) or set(entry) - FIX_EXAMPLE_KEYS or not {"input", "output"} <= set(entry):
        _fail(path, "each examples.fix entry needs 'input' and 'output' (and may give 'safety')",
              entry if isinstance(entry, dict) else parent, None if isinstance(entry, dict) else "fix")
    if not all(isinstance(entry[k], str) for k in ("input", "output")):
        _fail(path, "examples.fix 'input' and 'output' must be text", entry)
    if entry.get("safety", "safe") not in SAFETY_LEVELS:
        _fail(path, f"examples.fix 'safety' must be one of {', '.join(SAFETY_LEVELS)}", entry, "safety")


def _validate_top_level(path: Path, data: Any) -> None:
    """A mapping of the known keys, with every required one, and id, category, message as text."""
    if not isinstance(data, dict):
        raise ReplylintError("a rule file must be a YAML mapping", str(path))
    unknown = set(data) - RULE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        _fail(path, f"unknown key '{key}' (allowed: {', '.join(sorted(RULE_KEYS))})", data, key)
    for key in REQUIRED_KEYS:
        if key not in data:
            _fail(path, f"missing required key '{key}'", data)
    for key in ("id", "category", "message"):
        _expect(path, data, key, str, data)
    if data["severity"] not in SEVERITIES:
        _fail(path, f"severity must be one of {', '.join(SEVERITIES)}", data, "severity")


def _validate_rationale(path: Path, data: dict) -> dict:
    rationale = _expect(path, data, "rationale", dict, data)
    for key in RATIONALE_KEYS:
        if not isinstance(rationale.get(key), str) or not rationale[key].strip():
            _fail(path, f"rationale needs a '{key}' section", rationale)
    return {k: rationale[k].strip() for k in RATIONALE_KEYS}


def _validate_suggestions(path: Path, data: dict) -> tuple[tuple[str | None, str], ...]:
    suggestions = data.get("suggestions") or []
    if not isinstance(suggestions, list):
        _fail(path, "'suggestions' must be a list", data, "suggestions")
    for s in suggestions:
        if not isinstance(s, dict) or set(s) != {"replacement", "description"}:
            node = s if isinstance(s, dict) else data
            _fail(path, "each suggestion needs exactly 'replacement' and 'description'", node, "suggestions")
        if not (s["replacement"] is None or isinstance(s["replacement"], str)) or not isinstance(s["description"], str):
            _fail(path, "a suggestion's replacement is text (or null when there is no drop-in text) and its "
                  "description is text", s, "replacement")
    return tuple((s["replacement"], s["description"]) for s in suggestions)


def _validate_examples(path: Path, data: dict) -> dict:
    examples = _expect(path, data, "examples", dict, data)
    unknown = set(examples) - EXAMPLE_KEYS - {"fix"}
    if unknown:
        key = sorted(unknown)[0]
        _fail(path, f"examples: unknown key '{key}' (allowed: bad, good, fix)", examples, key)
    for key in EXAMPLE_KEYS:
        if key in examples:
            _validate_strings(path, examples[key], f"examples.{key}", examples, key)
    fixes = examples.get("fix") or []
    if not isinstance(fixes, list):
        _fail(path, "'examples.fix' must be a list of {input, output, safety}", examples, "fix")
    for entry in fixes:
        _validate_fix_example(path, entry, examples)
    return {**{k: list(examples.get(k, [])) for k in EXAMPLE_KEYS}, "fix": [dict(e) for e in fixes]}


def validate_rule(path: Path, data: Any) -> RuleSpec:
    """Check one parsed rule file against the format and return its spec. The parts are checked
    in a fixed order (keys, rationale, suggestions, match, examples, then each matcher), so a
    file with several errors always reports the same one first."""
    _validate_top_level(path, data)
    rationale = _validate_rationale(path, data)
    suggestions = _validate_suggestions(path, data)
    matchers = _expect(path, data, "match", list, data)
    if not matchers:
        _fail(path, "'match' must list at least one matcher", data, "match")
    examples = _validate_examples(path, data)
    return RuleSpec(
        id=data["id"], category=data["category"], severity=data["severity"], message=data["message"],
        rationale=rationale, suggestions=suggestions,
        matchers=tuple(_validate_matcher(path, m, i) for i, m in enumerate(matchers)),
        examples=examples, path=str(path),
    )
