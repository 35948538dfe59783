"""Fixes that must not destroy or corrupt the reply (issue 13): hard-wrapped text, cuts that
would empty a reply or a sentence, doubled marks, runs of blank lines, half-lowered shouting,
and the same seams in Markdown, YAML and JSON sources."""
from __future__ import annotations

import pytest

from replylint.rewrites.seams import Kept, settle

# (input, unsafe, output): the reproducers, then the same class in other rewriters.
REPRODUCERS = [
    pytest.param("Done. Just\nclick it to finish.", False, "Done.\nClick it to finish.", id="cut-before-a-wrap"),
    pytest.param("Technically, you agreed to the terms.", True, "You agreed to the terms.", id="two-defensive-cuts"),
    pytest.param("Hello,\n\nOh no!\n\nWe are fixing it.", True, "Hello,\n\nWe are fixing it.", id="paragraph-cut"),
    pytest.param("Calm down!!", True, "I understand how frustrating this is.", id="doubled-mark"),
]
SAME_CLASS = [
    pytest.param("You can simply\ndrag the file.", False, "You can\ndrag the file.", id="cut-at-a-line-end"),
    pytest.param("Hi Sam,\n\nYikes!\n\nThanks,\nAna", False, "Hi Sam,\n\nThanks,\nAna", id="reaction-paragraph"),
    pytest.param("I'm sorry you feel\nthat way about the update.", True, "I'm sorry for the\ntrouble this has caused.",
                 id="apology-across-a-wrap"),
]


@pytest.mark.parametrize("text,unsafe,expected", REPRODUCERS + SAME_CLASS)
def test_fix_repairs_what_it_changes(linter, text, unsafe, expected):
    result = linter.fix(text, unsafe=unsafe)
    assert result.text == expected
    assert linter.fix(result.text, unsafe=unsafe).text == result.text


def test_words_that_make_the_whole_sentence_are_not_cut(linter):
    """'You agreed to the terms' is a sentence's whole content: the defensive rule still flags
    it, but offers no cut."""
    [finding] = [f for f in linter.lint("You agreed to the terms.") if f.rule_id == "defensive"]
    assert finding.edits == ()


@pytest.mark.parametrize("source,fmt,expected", [
    pytest.param("Done. Just\\\nclick it to finish.\n", "markdown", "Done.\\\nClick it to finish.\n",
                 id="markdown-backslash-break"),
    pytest.param("Done. Just  \nclick it to finish.\n", "markdown", "Done.  \nClick it to finish.\n",
                 id="markdown-two-space-break"),
    pytest.param("reply: |\n  Hello,\n\n  Oh no!\n\n  We are fixing it.\n", "yaml",
                 "reply: |\n  Hello,\n\n  We are fixing it.\n", id="yaml-block-paragraph"),
    pytest.param('{"reply": "Hello,\\n\\nOh no!\\n\\nWe are fixing it."}', "json",
                 '{"reply": "Hello,\\n\\nWe are fixing it."}', id="json-escaped-paragraph"),
])
def test_seams_are_repaired_as_the_source_spells_them(linter, source, fmt, expected):
    assert linter.fix(source, format=fmt).text == expected


# seams.py, on clean text alone.

@pytest.mark.parametrize("text,start,end,replacement,capitalize,expected", [
    pytest.param("Done. Just\nclick it.", 6, 10, "", True, "Done.\nClick it.", id="cut-keeps-the-break"),
    pytest.param("Hello,\n\nOh no!\n\nWe", 8, 14, "", False, "Hello,\n\nWe", id="one-blank-line"),
    pytest.param("It is clearly stated.", 6, 13, "", False, "It is stated.", id="one-space"),
    pytest.param("Restart it. Yikes!", 12, 18, "", False, "Restart it.", id="no-trailing-space"),
    pytest.param("Yikes! That is odd.", 0, 6, "", False, "That is odd.", id="no-leading-space"),
    pytest.param("Calm down!! Thanks.", 0, 9, "I understand.", False, "I understand. Thanks.", id="marks-absorbed"),
    pytest.param("you're freaking\nout.", 7, 19, "upset", False, "you're\nupset.", id="break-carried-left"),
    pytest.param("You missed\nthe train.", 0, 20, "The train was missed", False, "The train\nwas missed.",
                 id="break-carried-inside"),
])
def test_settle(text, start, end, replacement, capitalize, expected):
    settled = settle(text, start, end, replacement, capitalize)
    assert text[:settled.start] + settled.replacement(text) + text[settled.end:] == expected


def test_settle_keeps_whitespace_as_a_reference_to_the_text():
    """The kept line break is a Kept stretch, so the source's own spelling of it is carried."""
    settled = settle("Done. Just\nclick it.", 6, 10, "", True)
    assert (settled.start, settled.end) == (5, 12)
    assert settled.pieces == (Kept(10, 11), "C")


def test_settle_leaves_a_clean_draft_as_drafted():
    settled = settle("Obviously the export works.", 0, 9, "", True)
    assert (settled.start, settled.end, settled.replacement("Obviously the export works.")) == (0, 11, "T")
    settled = settle("Your order has SHIPPED.", 15, 22, "shipped")
    assert (settled.start, settled.end, settled.pieces) == (15, 22, ("shipped",))

