"""YAML, JSON and HTML containers under `fix`, and hostile collections: every edit is written in
the syntax of the scalar (or HTML text) it lands in, or not offered; a fixed collection parses to
the structure it had; template fields stay byte for byte; deep nesting is a one-line error; an
alias bomb is read once; a surrogate never crashes; a directive inside a body is not prose."""
from __future__ import annotations

import json

import pytest
import yaml

from replylint import Linter
from replylint.document import PLACEHOLDER


def load(text: str, fmt: str):
    return yaml.safe_load(text) if fmt == "yaml" else json.loads(text)


def fields(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


# A team rule whose rewrite puts in every character some container must escape.
ACKNOWLEDGMENT = 'It\'s "a pain" & <sighs>: sorry #1 \\o/'
BODY = "Please relax, the refund left today."


@pytest.fixture(scope="module")
def team_linter(tmp_path_factory):
    directory = tmp_path_factory.mktemp("rules")
    rule = {"id": "team-relax", "category": "tone", "severity": "error", "message": "Do not tell the reader to relax.",
            "rationale": {"what": "Telling the reader to relax.", "why": "It escalates.", "instead": "Acknowledge."},
            "suggestions": [{"replacement": None, "description": "Acknowledge the feeling."}],
            "match": [{"kind": "tokens", "rewrite": {"acknowledge_instead": {"acknowledgment": ACKNOWLEDGMENT}},
                       "patterns": [[{"LEMMA": "relax"}]]}],
            "examples": {"bad": [BODY], "good": ["We relaxed the limit."]}}
    (directory / "team-relax.yaml").write_text(yaml.safe_dump(rule), encoding="utf-8")
    return Linter(rule_dirs=[directory], select=["team-relax"])


def test_html_edits_are_written_as_html_and_keep_template_fields(team_linter, linter):
    text = f"<p>{BODY}</p>"
    assert team_linter.fix(text, unsafe=True, format="html").text == (
        "<p>It's \"a pain\" &amp; &lt;sighs&gt;: sorry #1 \\o/; the refund left today.</p>")
    # a field holding what HTML reads as markup is still one field, which no edit touches
    text = "<p>Calm down {{ a < b }}, the refund left today. Check {% if x<3 %}now{% endif %}!!</p>"
    result = linter.fix(text, unsafe=True, format="html")
    assert fields(result.text) == fields(text) and result.applied
    spans = [m.span() for m in PLACEHOLDER.finditer(text)]
    for finding in linter.lint(text, "html"):  # a finding may hold a whole field, never part of one
        assert not any(a < finding.end and finding.start < b and not (finding.start <= a and b <= finding.end)
                       for a, b in spans)
        assert not any(a < e.end and e.start < b for e in finding.edits for a, b in spans)


