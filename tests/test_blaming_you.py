"""blaming-you: what its new constructions flag, and which get no rewrite.

A passive of a reproach still reproaches ("The policy should have been read"), so those
sentences are flagged with the suggestion only."""
import pytest

from replylint import Linter


@pytest.fixture(scope="module")
def linter():
    return Linter(select=["blaming-you"])


@pytest.mark.parametrize("text", [
    "You should have called us before returning it.",
    "You must have typed the password wrong three times.",
    "Had you read the pricing page, you would have known.",
    "Didn't you read the pinned post?",
    "If you'd kept the laptop updated, this wouldn't have happened.",
    "You should have selected the EU region.",
])
def test_a_reproach_gets_no_passive_rewrite(linter, text):
    findings = linter.lint(text)
    assert [f.rule_id for f in findings] == ["blaming-you"]
    assert not any(f.edits for f in findings)


def test_a_template_field_after_the_cue_is_left_out_of_the_span(linter):
    findings = linter.lint("You failed to upgrade before {{deadline}}.")
    assert [f.rule_id for f in findings] == ["blaming-you"]
    assert "{{" not in findings[0].text


def test_two_subjects_from_a_handle_still_find_the_reader(linter):
    findings = linter.lint("@{{ submitter }} You have not responded to our questions, so this is closed.")
    assert [f.rule_id for f in findings] == ["blaming-you"]
