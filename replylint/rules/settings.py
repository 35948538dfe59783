"""A project's per-rule settings applied to the validated rule pack: severity, extra phrases
and extra check options (lists extend the rule's own, other values replace them)."""
from __future__ import annotations

import dataclasses

from ..errors import ReplylintError
from ..extend import CHECKS, OptionError, check_value, load_builtins
from .schema import SEVERITIES, MatcherSpec, RuleSpec


def _merged(options: dict, extra: dict) -> dict:
    out = dict(options)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = value
    return out


def _check_values(rule_id: str, checks: list, extra: dict, source: str) -> None:
    """Each extra option's value has the type its check declares (a team's typo is one line
    naming the configuration file, as a rule file's is)."""
    for check in checks:
        declared = {o.name: o for o in check.options.declared()}
        for name, value in extra.items():
            if name in declared:
                try:
                    check_value(declared[name], value)
                except OptionError as exc:
                    raise ReplylintError(f"rules.{rule_id}.options: {exc.message}", source) from None


def configure_rules(specs: list[RuleSpec], settings: dict, source: str = "") -> list[RuleSpec]:
    """`specs` with `settings` ({rule id: {severity, extra_phrases, options}}) applied."""
    if not settings:
        return specs
    load_builtins()
    by_id = {spec.id: spec for spec in specs}
    for rule_id, values in settings.items():
        spec = by_id.get(rule_id)
        if spec is None:
            raise ReplylintError(f"rules: unknown rule id '{rule_id}' (see `replylint rules`)", source)
        severity = values.get("severity", spec.severity)
        if severity not in SEVERITIES:
            raise ReplylintError(f"rules.{rule_id}.severity must be one of {', '.join(SEVERITIES)}", source)
        matchers = list(spec.matchers)
        extra_options = values.get("options") or {}
        if extra_options:
            checks = [CHECKS[m.data["check"]] for m in matchers if m.kind == "check" and m.data["check"] in CHECKS]
            accepted = set().union(*(check.options.names() for check in checks))
            unknown = sorted(set(extra_options) - accepted)
            if unknown:
                raise ReplylintError(f"rules.{rule_id}.options: '{unknown[0]}' is not an option of this rule"
                                     f" (options: {', '.join(sorted(accepted)) or 'none'})", source)
            _check_values(rule_id, checks, extra_options, source)
            matchers = [MatcherSpec(m.kind, {**m.data, "options": _merged(m.data.get("options") or {}, extra_options)},
                                    m.line) if m.kind == "check" else m for m in matchers]
        if values.get("extra_phrases"):
            data = {"kind": "phrases", "phrases": list(values["extra_phrases"])}
            rewrite = next((m.data["rewrite"] for m in matchers if m.data.get("rewrite")), None)
            if rewrite is not None:  # the team's phrases get the rule's own rewrite
                data["rewrite"] = rewrite
            matchers.append(MatcherSpec("phrases", data, 0))
        by_id[rule_id] = dataclasses.replace(spec, severity=severity, matchers=tuple(matchers))
    return [by_id[spec.id] for spec in specs]
