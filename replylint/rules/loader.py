"""Finding and reading the rule pack: the built-in `rules/` folder (inside the wheel it is
`replylint/_rulepack`) plus any extra folders a team names."""
from __future__ import annotations

from pathlib import Path

from ..errors import ReplylintError
from .schema import RuleSpec, read_yaml, validate_rule


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
    return [specs[k] for k in sorted(specs)]
