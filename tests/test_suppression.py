"""Inline `replylint:` directives: line, next line, range and whole file, in HTML-comment syntax
(text, Markdown, HTML) and `#` syntax (YAML); unused and unknown directives are reported."""
from __future__ import annotations

import pytest

from replylint import ReplylintError


def rules_at(findings):
    return sorted((f.line, f.rule_id) for f in findings if f.severity != "info")


def test_line_next_line_range_and_enable(linter):
    text = ("Please calm down. <!-- replylint: disable-line=calm-down -->\n"
            "<!-- replylint: disable-next-line -->\n"
            "Yikes!! I'll look into it soon.\n"
            "<!-- replylint: disable=shouting -->\n"
            "Check your inbox!!\n"
            "<!-- replylint: enable=shouting -->\n"
            "Check your spam folder!!\n")
    assert rules_at(linter.lint(text)) == [(7, "shouting")]


def test_disable_file_and_all_rules(linter):
    text = "Oh no!! Please calm down.\n<!-- replylint: disable-file=shouting,alarm-reaction -->\n"
    assert rules_at(linter.lint(text)) == [(1, "calm-down")]
    assert linter.lint("Oh no!! Please calm down.\n<!-- replylint: disable-file -->\n") == []


def test_directives_are_not_prose(linter):
    assert linter.lint("<!-- replylint: disable=upset-slang -->\nThanks, the refund left on Monday.\n") == []


def test_markdown_and_yaml_syntaxes(linter):
    markdown = "<!-- replylint: disable-next-line=calm-down -->\nPlease **calm down**. I'll call you at 3 pm today.\n"
    assert rules_at(linter.lint(markdown, "auto", "macro.md")) == []
    yaml_text = ("macros:\n"
                 "  # replylint: disable-next-line=calm-down\n"
                 "  - body: Please calm down, I'll call at 3 pm today.\n"
                 "  - body: Please calm down, I'll call at 3 pm today.\n")
    assert rules_at(linter.lint(yaml_text, "auto", "macros.yaml")) == [(4, "calm-down")]


def test_unused_directives_are_reported_on_request(linter):
    text = "Thanks, the refund left on Monday.\n<!-- replylint: disable=calm-down -->\n"
    assert linter.lint(text) == []
    [finding] = linter.lint(text, report_unused_directives=True)
    assert (finding.rule_id, finding.line, finding.column) == ("unused-directive", 2, 1)
    assert text[finding.start:finding.end] == finding.text == "<!-- replylint: disable=calm-down -->"


def test_unknown_rule_in_a_directive_is_an_error_with_the_line(linter):
    with pytest.raises(ReplylintError) as info:
        linter.lint("Hello.\n<!-- replylint: disable=calm-dwn -->\n", "text", "reply.txt")
    assert info.value.line == 2 and "calm-dwn" in str(info.value)
