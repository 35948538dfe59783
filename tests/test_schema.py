"""Rule files are validated strictly: every mistake is one line naming the file and line."""
from __future__ import annotations

import re
import textwrap

import pytest

from replylint import Linter, ReplylintError
from replylint.rules.loader import load_rule_file

VALID = textwrap.dedent("""\
    id: retired-name
    category: product
    severity: warning
    message: Use the product's current name.
    rationale:
      what: The retired product name "OldDesk" in a reply.
      why: Customers search for the current name; see 004_af06c04df57c404d.txt on clear plans.
      instead: Write "NewDesk".
    suggestions:
      - replacement: NewDesk
        description: The current name.
    match:
      - kind: phrases
        phrases: [OldDesk]
    examples:
      bad: [OldDesk is down.]
      good: [NewDesk is up.]
    """)


def write(tmp_path, text, name="retired-name.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_team_rule_loads_and_fires(tmp_path):
    write(tmp_path, VALID)
    linter = Linter(select="retired-name", rule_dirs=[tmp_path])
    assert [f.text for f in linter.lint("Open OldDesk, then log in.")] == ["OldDesk"]


@pytest.mark.parametrize("mutation,message,line", [
    (("severity: warning", "severity: loud"), "severity must be one of", 3),
    (("category: product", "category: product\ncolour: red"), "unknown key 'colour'", 3),
    (("kind: phrases", "kind: regex"), "unknown kind 'regex'", 13),
    (("phrases: [OldDesk]", "phrases: [OldDesk]\n    weight: 3"), "unknown key 'weight'", 15),
    (("id: retired-name", "id: other-name"), "must match the file name", None),
    (("  bad: [OldDesk is down.]", "  bad: []"), "'examples.bad' must be a non-empty list", 16),
])
def test_mistakes_are_one_line_errors_with_file_and_line(tmp_path, mutation, message, line):
    path = write(tmp_path, VALID.replace(*mutation))
    with pytest.raises(ReplylintError) as info:
        load_rule_file(path)
    text = str(info.value)
    assert message in text and "\n" not in text
    assert text.startswith(str(path))
    if line is not None:
        assert info.value.line == line


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, VALID.replace("message: Use", "message: [Use"))
    with pytest.raises(ReplylintError) as info:
        load_rule_file(path)
    assert "invalid YAML" in str(info.value) and info.value.line is not None


def test_malformed_token_pattern_is_reported_at_compile(tmp_path):
    bad = VALID.replace("  - kind: phrases\n    phrases: [OldDesk]",
                        "  - kind: tokens\n    patterns: [[{LOWR: olddesk}]]")
    write(tmp_path, bad)
    with pytest.raises(ReplylintError, match="malformed tokens pattern") as info:
        Linter(select="retired-name", rule_dirs=[tmp_path])
    assert info.value.line == 13


def test_unknown_filter_and_check_names_are_errors(tmp_path):
    write(tmp_path, VALID.replace("phrases: [OldDesk]", "phrases: [OldDesk]\n    filters: [is_rude]"))
    with pytest.raises(ReplylintError, match="unknown filter 'is_rude'"):
        Linter(select="retired-name", rule_dirs=[tmp_path])


def test_words_like_on_and_no_stay_words(tmp_path):
    rule = VALID.replace("  - kind: phrases\n    phrases: [OldDesk]",
                         "  - kind: tokens\n    patterns: [[{LOWER: olddesk}, {LOWER: on}]]")
    rule = rule.replace("bad: [OldDesk is down.]", "bad: [Click OldDesk on the left.]")
    write(tmp_path, rule)
    linter = Linter(select="retired-name", rule_dirs=[tmp_path])
    assert [f.text for f in linter.lint("Click OldDesk on the left.")] == ["OldDesk on"]


def test_duplicate_rule_id_is_an_error(tmp_path):
    write(tmp_path, VALID.replace("retired-name", "calm-down"), name="calm-down.yaml")
    with pytest.raises(ReplylintError, match="already defined"):
        Linter(rule_dirs=[tmp_path])


def test_a_team_rule_can_rewrite_and_be_fixed(tmp_path):
    rule = VALID.replace("    phrases: [OldDesk]", "    phrases: [OldDesk]\n    rewrite: {replace_with: {text: NewDesk}}")
    rule += '  fix:\n    - {input: "OldDesk is down.", output: "NewDesk is down.", safety: safe}\n'
    write(tmp_path, rule)
    linter = Linter(select="retired-name", rule_dirs=[tmp_path])
    [finding] = linter.lint("Open OldDesk, then log in.")
    [edit] = finding.edits
    assert (edit.replacement, edit.safety, edit.needs_input) == ("NewDesk", "safe", False)
    assert linter.fix("Open OldDesk, then log in.").text == "Open NewDesk, then log in."


@pytest.mark.parametrize("rewrite,message,line", [
    ("rewrite: shout_louder", "unknown rewriter 'shout_louder'", 13),
    ("rewrite: {replace_with: {txt: NewDesk}}", "rewriter 'replace_with' does not take option(s) ['txt']", 15),
    ("rewrite: [{a: 1, b: 2}]", "a rewrite is a name or a one-key mapping", 13),
])
def test_rewriter_mistakes_are_errors_with_the_line(tmp_path, rewrite, message, line):
    """The line is the matcher's, or the offending option's when the option is the mistake."""
    write(tmp_path, VALID.replace("    phrases: [OldDesk]", f"    phrases: [OldDesk]\n    {rewrite}"))
    with pytest.raises(ReplylintError) as info:
        Linter(select="retired-name", rule_dirs=[tmp_path])
    assert message in str(info.value) and info.value.line == line


@pytest.mark.parametrize("fix,message", [
    ('[{input: "OldDesk is down."}]', "needs 'input' and 'output'"),
    ('[{input: "a", output: "b", safety: maybe}]', "'safety' must be one of safe, suggest"),
    ('{input: "a", output: "b"}', "'examples.fix' must be a list"),
])
def test_fix_example_mistakes_are_errors(tmp_path, fix, message):
    path = write(tmp_path, VALID + f"  fix: {fix}\n")
    with pytest.raises(ReplylintError, match=re.escape(message)):
        load_rule_file(path)


def test_a_matcher_message_overrides_the_rule_message_for_its_findings(tmp_path):
    """One sub-pattern can have its own wrong: a matcher's `message:` is what its findings say;
    the rule's other matchers keep the rule's message."""
    rule = VALID.replace("  - kind: phrases\n    phrases: [OldDesk]",
                         "  - kind: phrases\n    phrases: [OldDesk]\n"
                         "  - kind: phrases\n    phrases: [Old Desk]\n"
                         "    message: 'Write the current name, and in one word: \"NewDesk\".'")
    write(tmp_path, rule)
    linter = Linter(select="retired-name", rule_dirs=[tmp_path])
    found = {f.text: f.message for f in linter.lint("OldDesk is retired. Old Desk is too.")}
    assert found == {"OldDesk": "Use the product's current name.",
                     "Old Desk": 'Write the current name, and in one word: "NewDesk".'}


@pytest.mark.parametrize("value", ["[a, b]", "''", "3"])
def test_a_matcher_message_must_be_text(tmp_path, value):
    path = write(tmp_path, VALID.replace("    phrases: [OldDesk]", f"    phrases: [OldDesk]\n    message: {value}"))
    with pytest.raises(ReplylintError, match="'message' must be text") as info:
        load_rule_file(path)
    assert info.value.line == 15
