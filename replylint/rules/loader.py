"""Finding and reading the rule pack: the built-in `rules/` folder (inside the wheel it is
`replylint/_rulepack`) plus any extra folders a team names."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReplylintError
from .schema import MatcherSpec, RuleSpec, read_yaml, validate_rule


def builtin_rules_dir() -> Path:
    """The shipped rule pack: packaged data when installed, the checkout's `rules/` otherwise."""
    packaged = Path(__file__).resolve().parent.parent / "_rulepack"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise ReplylintError("the built-in rule pack is missing from this installation; reinstall replylint")


def load_rule_file(path: Path) -> RuleSpec:
    spec = validate_rule(path, read_yaml(path))
    if spec.id != path.stem:
        raise ReplylintError(f"rule id '{spec.id}' must match the file name '{path.stem}'", str(path))
    return spec


def load_rules(directories: list[Path] | None = None) -> list[RuleSpec]:
    """Every rule in the built-in pack and in `directories`, in id order; duplicate ids are an error."""
    specs: dict[str, RuleSpec] = {}
    for directory in [builtin_rules_dir(), *(directories or [])]:
        if not Path(directory).is_dir():
            raise ReplylintError("rule directory not found", str(directory))
        for path in sorted(Path(directory).glob("*.yaml")):
            spec = load_rule_file(path)
            if spec.id in specs:
                raise ReplylintError(f"rule id '{spec.id}' is already defined in {specs[spec.id].path}", str(path))
            specs[spec.id] = spec
    shared = [s for directory in [builtin_rules_dir(), *(directories or [])] for s in load_shared_options(Path(directory))]
    return [with_shared_options(specs[k], shared) for k in sorted(specs)]


SHARED_DIR = "shared"  # in a rule folder: option files several checks read (shared/message-kind.yaml)


@dataclass(frozen=True)
class SharedOptions:
    """One file of `shared/`: options given to every matcher of the checks it names, kept in one
    place so that the rules reading them cannot drift apart."""
    checks: tuple[str, ...]
    options: dict
    path: str


def load_shared_options(directory: Path) -> list[SharedOptions]:
    """The option files in `directory/shared/`, validated: `checks` (check names) and `options`."""
    out = []
    for path in sorted((directory / SHARED_DIR).glob("*.yaml")):
        data = read_yaml(path)
        if not isinstance(data, dict) or set(data) != {"checks", "options"}:
            raise ReplylintError("a shared options file has exactly the keys 'checks' and 'options'", str(path))
        checks, options = data["checks"], data["options"]
        if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks) or not checks:
            raise ReplylintError("'checks' must list the names of the checks that read these options", str(path))
        if not isinstance(options, dict):
            raise ReplylintError("'options' must be a mapping of option names to values", str(path))
        out.append(SharedOptions(tuple(checks), dict(options), str(path)))
    return out


def with_shared_options(spec: RuleSpec, shared: list[SharedOptions]) -> RuleSpec:
    """`spec` with the shared options of its checks: a list the rule gives itself extends the
    shared one, any other value of its own replaces it."""
    matchers = []
    for m in spec.matchers:
        given = [s.options for s in shared if m.kind == "check" and m.data.get("check") in s.checks]
        if given:
            options: dict = {}
            for values in [*given, m.data.get("options") or {}]:
                for key, value in values.items():
                    old = options.get(key)
                    options[key] = [*old, *value] if isinstance(old, list) and isinstance(value, list) else value
            m = MatcherSpec(m.kind, {**m.data, "options": options}, m.line)
        matchers.append(m)
    return dataclasses.replace(spec, matchers=tuple(matchers)) if matchers != list(spec.matchers) else spec
