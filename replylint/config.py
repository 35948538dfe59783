"""Project configuration: `.replylint.yaml` (or `.replylint.yml`), or `[tool.replylint]` in
`pyproject.toml`, found by walking up from each checked file; the nearest one wins.

    select: [calm-down, blaming-you]      # default: every rule
    ignore: [no-next-step]
    min_severity: warning
    rule_dirs: [team-rules]               # a team's own YAML rules, relative to this file
    include: ["macros/*"]                 # fnmatch globs, relative to this file ('*' crosses '/')
    exclude: ["macros/archive/*"]
    body_keys: [body, "macros[].reply"]   # where YAML/JSON collections keep reply bodies
    rules:
      calm-down: {severity: warning, extra_phrases: [simmer down]}
      vague-promise: {options: {vague_words: [in a jiffy]}}
    overrides:
      - files: ["chat/*"]                 # later entries win
        ignore: [no-next-step]

Validation is strict: an unknown key or a wrong type is one line naming the file (and, for
YAML, the line).
"""
from __future__ import annotations

import fnmatch
import json
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import ReplylintError
from .rules.schema import SEVERITIES, LineMap, read_yaml

CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
SETTING_KEYS = {"select", "ignore", "min_severity", "rules", "body_keys"}
TOP_KEYS = SETTING_KEYS | {"rule_dirs", "include", "exclude", "overrides"}
OVERRIDE_KEYS = SETTING_KEYS | {"files"}
RULE_SETTING_KEYS = {"severity", "extra_phrases", "options"}


@dataclass(frozen=True)
class Settings:
    """What one file is checked with; hashable, so equal settings share one Linter."""

    select: tuple = ()
    ignore: tuple = ()
    min_severity: str = "info"
    rules: str = "{}"   # JSON of {rule id: {severity, extra_phrases, options}}
    body_keys: tuple = ()
    rule_dirs: tuple = ()
    source: str = ""    # the config file, for error messages

    def rule_settings(self) -> dict:
        return json.loads(self.rules)


@dataclass
class Config:
    path: Path | None
    root: Path
    base: dict = field(default_factory=dict)
    rule_dirs: tuple = ()
    include: tuple = ()
    exclude: tuple = ()
    overrides: list = field(default_factory=list)

    def _relative(self, file: Path) -> str | None:
        try:
            return file.resolve().relative_to(self.resolved_root).as_posix()
        except ValueError:
            return None

    @cached_property
    def resolved_root(self) -> Path:
        return self.root.resolve()

    def includes(self, file: Path) -> bool:
        if not self.include and not self.exclude:
            return True  # nothing to match: no path to resolve (a system call per file)
        rel = self._relative(file)
        if rel is None:
            return True
        if self.include and not any(fnmatch.fnmatch(rel, g) for g in self.include):
            return False
        return not any(fnmatch.fnmatch(rel, g) for g in self.exclude)

    def settings_for(self, file: Path | None) -> Settings:
        merged = dict(self.base)
        rules = {k: dict(v) for k, v in (self.base.get("rules") or {}).items()}
        rel = self._relative(file) if file is not None and self.overrides else None
        for override in self.overrides:
            if rel is not None and any(fnmatch.fnmatch(rel, g) for g in override["files"]):
                merged.update({k: v for k, v in override.items() if k not in ("files", "rules")})
                for rule_id, values in (override.get("rules") or {}).items():
                    rules.setdefault(rule_id, {}).update(values)
        return Settings(
            select=tuple(merged.get("select") or ()), ignore=tuple(merged.get("ignore") or ()),
            min_severity=merged.get("min_severity") or "info",
            rules=json.dumps(rules, sort_keys=True), body_keys=tuple(merged.get("body_keys") or ()),
            rule_dirs=self.rule_dirs, source=str(self.path or ""))


def _fail(path, message, node=None, key=None):
    line = None
    if isinstance(node, LineMap):
        line = node.key_lines.get(key, node.line) if key is not None else node.line
    raise ReplylintError(message, str(path), line)


def _strings(path, node, key, parent):
    value = node.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        _fail(path, f"'{key}' must be a list of strings", parent, key)
    return value


def _validate_settings(path, data, allowed, where=""):
    if not isinstance(data, dict):
        _fail(path, f"{where or 'the configuration'} must be a mapping", data)
    unknown = set(data) - allowed
    if unknown:
        key = sorted(unknown)[0]
        _fail(path, f"{where}unknown key '{key}' (allowed: {', '.join(sorted(allowed))})", data, key)
    for key in ("select", "ignore", "body_keys"):
        if key in data:
            _strings(path, data, key, data)
    if "min_severity" in data and data["min_severity"] not in SEVERITIES:
        _fail(path, f"min_severity must be one of {', '.join(SEVERITIES)}", data, "min_severity")
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        _fail(path, "'rules' must map rule ids to settings", data, "rules")
    for rule_id, values in rules.items():
        if not isinstance(values, dict) or set(values) - RULE_SETTING_KEYS:
            bad = sorted(set(values) - RULE_SETTING_KEYS)[0] if isinstance(values, dict) else None
            _fail(path, f"rules.{rule_id}: unknown key '{bad}' (allowed: {', '.join(sorted(RULE_SETTING_KEYS))})"
                  if bad else f"rules.{rule_id} must be a mapping", rules, rule_id)
        if "severity" in values and values["severity"] not in SEVERITIES:
            _fail(path, f"rules.{rule_id}.severity must be one of {', '.join(SEVERITIES)}", values, "severity")
        if "extra_phrases" in values:
            _strings(path, values, "extra_phrases", values)
        if "options" in values and not isinstance(values["options"], dict):
            _fail(path, f"rules.{rule_id}.options must be a mapping", values, "options")


def _read_pyproject(path: Path):
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReplylintError(f"cannot read: {exc}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ReplylintError(f"invalid TOML: {exc}", str(path)) from None
    return data.get("tool", {}).get("replylint")


def load_config(path: Path) -> Config:
    """Read and strictly validate one configuration file."""
    data = _read_pyproject(path) if path.name == "pyproject.toml" else read_yaml(path)
    if data is None:
        data = {}
    _validate_settings(path, data, TOP_KEYS)
    root = path.parent
    for key in ("rule_dirs", "include", "exclude"):
        if key in data:
            _strings(path, data, key, data)
    overrides = data.get("overrides") or []
    if not isinstance(overrides, list):
        _fail(path, "'overrides' must be a list", data, "overrides")
    for i, override in enumerate(overrides):
        _validate_settings(path, override, OVERRIDE_KEYS, f"overrides[{i}]: ")
        if "files" not in override:
            _fail(path, f"overrides[{i}]: needs 'files' (a list of globs)", override)
        _strings(path, override, "files", override)
    rule_dirs = tuple(str((root / d).resolve()) for d in data.get("rule_dirs") or ())
    for d in rule_dirs:
        if not Path(d).is_dir():
            _fail(path, f"rule_dirs: no such directory '{d}'", data, "rule_dirs")
    base = {k: v for k, v in data.items() if k in SETTING_KEYS}
    return Config(path, root, base, rule_dirs, tuple(data.get("include") or ()), tuple(data.get("exclude") or ()),
                  [dict(o) for o in overrides])


@lru_cache(maxsize=256)
def find_config(directory: Path) -> Config:
    """The nearest configuration at or above `directory`; an empty one rooted there if none."""
    for folder in [directory, *directory.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return load_config(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _read_pyproject(pyproject) is not None:
            return load_config(pyproject)
    return Config(None, directory)
