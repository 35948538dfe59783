"""Fixes that must not destroy or corrupt the reply (issue 13): hard-wrapped text, cuts that
would empty a reply or a sentence, doubled marks, runs of blank lines, half-lowered shouting,
and the same seams in Markdown, YAML and JSON sources. The reproducers run through
`Linter.fix` and through `replylint fix`; fixing.py's own checks are tested with made-up edits,
so they hold whatever rewriter drafted the edit."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from replylint.cli import main
from replylint.findings import Edit, Finding
from replylint.fixing import damages_seams, fix_text
from replylint.rewrites.seams import Kept, settle
from replylint.rules import load_rules

# (input, unsafe, output): the reproducers, then the same class in other rewriters.
REPRODUCERS = [
    pytest.param("I know you're freaking\nout.", False, "I know you're\nupset.", id="slang-across-a-wrap"),
    pytest.param("Done. Just\nclick it to finish.", False, "Done.\nClick it to finish.", id="cut-before-a-wrap"),
    pytest.param("Technically, you agreed to the terms.", True, "You agreed to the terms.", id="two-defensive-cuts"),
    pytest.param("Yikes!!", False, "Yikes.", id="reply-of-one-reaction"),
    pytest.param("Hello,\n\nOh no!\n\nWe are fixing it.", True, "Hello,\n\nWe are fixing it.", id="paragraph-cut"),
    pytest.param("Calm down!!", True, "I understand how frustrating this is.", id="doubled-mark"),
    pytest.param("PLEASE DO NOT REPLY TO THIS EMAIL.", False, "Please do not reply to this email.",
                 id="shouting-over-two-findings"),
]
SAME_CLASS = [
    pytest.param("You didn't back up\nthe document.", True, "The document wasn't\nbacked up.", id="blame-across-a-wrap"),
    pytest.param("PLEASE DO NOT\nREPLY TO THIS EMAIL.", False, "Please do not\nreply to this email.",
                 id="shouting-across-a-wrap"),
    pytest.param("You can simply\ndrag the file.", False, "You can\ndrag the file.", id="cut-at-a-line-end"),
    pytest.param("Hi Sam,\n\nYikes!\n\nThanks,\nAna", False, "Hi Sam,\n\nThanks,\nAna", id="reaction-paragraph"),
    pytest.param("Please restart the VPN NOW.", False, "Please restart the VPN now.", id="acronym-kept"),
    pytest.param("DO IT NOW.", False, "Do it now.", id="acronym-that-is-a-word"),
    pytest.param("I'm sorry you feel\nthat way about the update.", True, "I'm sorry for the\ntrouble this has caused.",
                 id="apology-across-a-wrap"),
]


@pytest.mark.parametrize("text,unsafe,expected", REPRODUCERS + SAME_CLASS)
def test_fix_repairs_what_it_changes(linter, text, unsafe, expected):
    result = linter.fix(text, unsafe=unsafe)
    assert result.text == expected
    assert linter.fix(result.text, unsafe=unsafe).text == result.text


def test_a_fix_never_empties_a_reply_of_reactions(linter):
    """Each reaction may go alone, not both: one stays, still flagged."""
    result = linter.fix("Yikes! Oh no!")
    assert result.text in ("Oh no!", "Yikes!")
    assert [f.rule_id for f in result.remaining] == ["alarm-reaction"]


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


def test_replies_in_a_collection_are_never_emptied(linter):
    source = "- reply: Yikes!!\n- reply: Oh no! The export failed.\n"
    assert linter.fix(source, format="yaml").text == "- reply: Yikes.\n- reply: The export failed.\n"


@pytest.fixture
def run():
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "fix-unsafe"])
def test_the_reproducers_through_the_command(run, tmp_path, unsafe):
    cases = [p.values for p in REPRODUCERS if p.values[1] == unsafe]
    for i, (text, _, _) in enumerate(cases):
        (tmp_path / f"reply{i}.txt").write_text(text, encoding="utf-8")
    result = run("fix", *(["--unsafe"] if unsafe else []), str(tmp_path))
    assert result.exit_code in (0, 1), result.output
    for i, (_, _, expected) in enumerate(cases):
        assert (tmp_path / f"reply{i}.txt").read_text(encoding="utf-8") == expected


# fixing.py's checks, with edits no rewriter would draft.

def _finding(start, end, *edits):
    return Finding("made-up", "warning", "", start, end, 1, start + 1, 1, end + 1, "", (), tuple(edits))


def _edit(start, end, replacement):
    return Edit(start, end, replacement, "safe", False, "")


def _fixer(findings_for):
    """A lint that reports the made-up findings for each text it is given (none otherwise)."""
    return lambda text: list(findings_for.get(text, ()))


@pytest.mark.parametrize("text,edit", [
    pytest.param("Calm down!! Thanks.", _edit(0, 9, "I understand."), id="doubled-mark"),
    pytest.param("Done. Just\nclick it.", _edit(6, 10, ""), id="trailing-space"),
    pytest.param("Is it clearly stated?", _edit(14, 20, ""), id="space-before-mark"),
    pytest.param("A\n\nB\n\nC", _edit(3, 4, ""), id="blank-lines"),
    pytest.param("Well, yes it is.", _edit(0, 5, ""), id="leading-space"),
    pytest.param("It is so easy.", _edit(6, 8, ""), id="doubled-space"),
])
def test_an_edit_that_damages_its_seams_is_refused(text, edit):
    assert damages_seams(text, edit)
    result = fix_text(text, _fixer({text: [_finding(edit.start, edit.end, edit)]}))
    assert result.text == text and not result.applied


def test_a_refused_edit_makes_way_for_the_next_alternative():
    text = "Calm down!!"
    bad, good = _edit(0, 9, "Relax."), _edit(0, 11, "Relax.")
    result = fix_text(text, _fixer({text: [_finding(0, 9, bad, good)]}))
    assert result.text == "Relax." and [a.edit for a in result.applied] == [good]


def test_an_edit_that_empties_the_reply_is_refused_and_an_overlapped_one_applies():
    text = "Yikes!!"
    result = fix_text(text, _fixer({text: [_finding(0, 5, _edit(0, 7, "")), _finding(5, 7, _edit(5, 7, "."))]}))
    assert result.text == "Yikes."


def test_two_cuts_that_together_empty_a_reply_are_not_both_applied():
    text = "Yikes.\nOh no."
    findings = [_finding(0, 6, _edit(0, 7, "")), _finding(7, 13, _edit(7, 13, ""))]
    assert not any(damages_seams(text, f.edits[0]) for f in findings), "each cut alone is clean"
    result = fix_text(text, _fixer({text: findings}))
    assert result.text in ("Oh no.", "Yikes.\n")


def test_only_punctuation_left_counts_as_empty():
    text = "Oh no!"
    result = fix_text(text, _fixer({text: [_finding(0, 5, _edit(0, 5, ""))]}))
    assert result.text == text


def test_each_reply_of_a_text_keeps_words():
    """With `replies`, the check is per reply: emptying one of two replies is refused, though
    the text as a whole would keep words."""
    text = "A: Yikes!\nB: Fine."
    findings = {text: [_finding(3, 9, _edit(2, 9, ""))]}
    assert fix_text(text, _fixer(findings)).text == "A:\nB: Fine."
    replies = lambda t: [line.partition(":")[2] for line in t.splitlines()]  # noqa: E731
    assert fix_text(text, _fixer(findings), replies=replies).text == text


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


# Properties over replies built from the rule pack's own example sentences.

FIXED = sorted({text for spec in load_rules() for text in spec.examples["bad"]}
               | {case["input"] for spec in load_rules() for case in spec.examples["fix"]})
QUIET = sorted({text for spec in load_rules() for text in spec.examples["good"]})
GREETINGS = ["Hi Sam,", "Hello,", "Dear {{ticket.requester.first_name}},"]
SIGN_OFFS = ["Best,\nAna", "Thanks,\nRiley", "Kind regards,\r\nThe support team"]
BREAKS = [" ", "\n", "\n\n", "\r\n", "\r\n\r\n"]
DOUBLED_MARKS = re.compile(r"(?=[.!?,;:][ \t]*[.!?]|[.!?][ \t]*[,;:])")
TRAILING_SPACE = re.compile(r"[ \t]+(?=\r?\n|\Z)")
BLANK_RUN = re.compile(r"\n(?:[ \t\r]*\n)+")


@st.composite
def hard_wrapped(draw, sentence):
    """The sentence, with one of its spaces made a line break, as a hard-wrapping mail client does."""
    spaces = [i for i, c in enumerate(sentence) if c == " "]
    if not spaces or not draw(st.booleans()):
        return sentence
    at = draw(st.sampled_from(spaces))
    return sentence[:at] + "\n" + sentence[at + 1:]


sentences = st.one_of(st.sampled_from(FIXED), st.sampled_from(QUIET)).flatmap(hard_wrapped)
replies = st.builds(
    lambda greeting, body, sign_off: greeting + "".join(s + b for s, b in body) + sign_off,
    st.one_of(st.just(""), st.sampled_from(GREETINGS).flatmap(lambda g: st.sampled_from(BREAKS[1:]).map(g.__add__))),
    st.lists(st.tuples(sentences, st.sampled_from(BREAKS)), min_size=1, max_size=4),
    st.one_of(st.just(""), st.sampled_from(SIGN_OFFS)),
)


def _longest_blank_run(text):
    return max((m.group(0).count("\n") for m in BLANK_RUN.finditer(text)), default=0)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=replies, unsafe=st.booleans())
@example(text="Hello,\n\nOh no!\n\nWe are fixing it.", unsafe=False)
@example(text="Technically, you agreed to the terms.", unsafe=True)
@example(text="Relax,\nyour account is safe.\n", unsafe=True)
def test_fixing_never_destroys_or_corrupts_a_reply(linter, text, unsafe):
    result = linter.fix(text, unsafe=unsafe)
    fixed = result.text
    assert re.search(r"\w", fixed), "the fix emptied the reply"
    assert len(DOUBLED_MARKS.findall(fixed)) <= len(DOUBLED_MARKS.findall(text)), "a doubled mark"
    assert len(TRAILING_SPACE.findall(fixed)) <= len(TRAILING_SPACE.findall(text)), "a trailing space"
    assert _longest_blank_run(fixed) <= _longest_blank_run(text), "more blank lines in a row"
    again = linter.fix(fixed, unsafe=unsafe)
    assert again.text == fixed and not again.applied, "fixing twice changed the text again"


def test_seam_stops_are_the_protected_regions():
    """The seam repair asks, per character, whether it stands in a template field, quotation,
    code or link; it asks the document's region index (bisection), and must answer exactly what a
    scan of every protected region answers."""
    from replylint.document import from_plain_text
    from replylint.rewrites.mapping import PROTECTED, _stops

    document = from_plain_text('Hi {{name}}, see "the log" at https://x.example/a and `code` {% if x %}.\n' * 3)
    stops = _stops(document)
    protected = [r for r in document.regions if r.kind in PROTECTED]
    assert protected
    for i in range(len(document.text)):
        assert stops(i) == any(r.start <= i < r.end for r in protected), i
