"""A finding's explanation on hover: its message, why it hurts and what to write instead, from
the rule's rationale, as `replylint explain RULE` prints them. Rules have no web pages, so this is
where an editor user learns why a phrasing was flagged."""
from __future__ import annotations

from lsprotocol import types

from ..findings import Finding


def _para(text: str) -> str:
    return " ".join(str(text).split())


def explanation(finding: Finding, spec) -> str:
    """Markdown for one finding; `spec` is its rule's RuleSpec (None for a finding with no rule
    file, such as an unused directive)."""
    lines = [f"**{finding.rule_id}** ({finding.severity}): {finding.message}"]
    if finding.note:
        lines += ["", _para(finding.note)]
    if spec is not None:
        lines += ["", "**Why it hurts**", "", _para(spec.rationale["why"]),
                  "", "**Write instead**", "", _para(spec.rationale["instead"])]
    return "\n".join(lines)


def hover(findings: list[Finding], specs: dict, rng: types.Range) -> types.Hover | None:
    """The explanations of the findings at the cursor, or None when there are none."""
    if not findings:
        return None
    text = "\n\n---\n\n".join(explanation(f, specs.get(f.rule_id)) for f in findings)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=rng)
