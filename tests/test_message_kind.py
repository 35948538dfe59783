"""The message-kind analysis both whole-reply rules start from (checks/message_kind.py)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint import Linter
from replylint.checks import reply_shape
from replylint.checks.message_kind import KindFamilies
from replylint.checks.reply_shape import cue_pattern
from replylint.rules import load_rules
from replylint.rules.loader import builtin_rules_dir
from replylint.rules.schema import read_yaml


@pytest.fixture(scope="module")
def linter():
    return Linter(select=["no-acknowledgment", "no-next-step"])


def test_both_rules_carry_the_same_families():
    """The kind families are data in one file (rules/shared/message-kind.yaml) that the loader
    gives both rules' checks: the rules see the same families, and neither file keeps a copy."""
    options = {s.id: s.matchers[0].data["options"] for s in load_rules() if s.id in ("no-acknowledgment", "no-next-step")}
    for option in KindFamilies.declared():
        assert options["no-acknowledgment"].get(option.name), option.name
        assert options["no-acknowledgment"].get(option.name) == options["no-next-step"].get(option.name), option.name
    for rule_id in options:
        own = read_yaml(builtin_rules_dir() / f"{rule_id}.yaml")["match"][0]["options"]
        assert not set(own) & KindFamilies.names(), rule_id


def test_shared_options_extend_and_a_project_extends_them():
    """A rule folder's shared/ file gives its checks the options; a rule's own list extends it,
    and a project's setting extends the result, as for any option."""
    from replylint.rules.loader import SharedOptions, with_shared_options
    from replylint.rules.settings import configure_rules

    spec = next(s for s in load_rules() if s.id == "no-next-step")
    shared = [SharedOptions(("no_next_step",), {"problem_cues": ["zorp"], "min_sentences": 5}, "x.yaml")]
    merged = with_shared_options(spec, shared).matchers[0].data["options"]
    assert merged["problem_cues"][0] == "zorp" and len(merged["problem_cues"]) > 1 and merged["min_sentences"] == 2
    configured = configure_rules([spec], {"no-next-step": {"options": {"problem_cues": ["blorf"]}}})
    cues = configured[0].matchers[0].data["options"]["problem_cues"]
    assert cues[-1] == "blorf" and "crash*" in cues  # extended, not replaced
    linter = Linter(select=["no-acknowledgment"])
    assert linter.analyze("The blorf is back. It was the cable.").kind == "how-to"


def test_a_project_setting_reaches_the_analysis():
    """`rules: {no-acknowledgment: {options: {problem_cues: [...]}}}` in .replylint.yaml changes
    what the analysis reads, so a team can teach it its own product's troubles."""
    linter = Linter(select=["no-acknowledgment"], rule_settings={"no-acknowledgment": {"options": {"problem_cues": ["blorfed"]}}})
    assert linter.analyze("The sync blorfed overnight. The token was old.").kind == "problem"


@pytest.mark.parametrize("text,kind", [
    ("This issue has been automatically marked as stale because it has had no recent activity. "
     "It will be closed soon.", "notice"),
    ("Your review was removed because it conflicts with our content policies. You may appeal this decision.",
     "enforcement"),
    ("We use this tracker for bug reports only. Please ask setup questions in our forum.", "process"),
    ("Thanks so much for the kind words! The whole team loved reading them.", "thanks"),
    ("Sorry the upload failed. The file is over the 2 GB limit.", "problem"),
    ("To add a teammate, open Settings and choose Invite. They get an email with a link.", "how-to"),
    ("@someone 2/2 and the update is on the downloads page. It takes a minute.", "continuation"),
])
def test_kinds(linter, text, kind):
    assert linter.analyze(text).kind == kind


@pytest.mark.parametrize("text,state", [
    ("Sorry the invoice was wrong. I've corrected it and sent the new copy.", "resolved"),
    ("Sorry the parcel was lost. A replacement ships tomorrow by express.", "scheduled"),
    ("We reviewed the refund request. This decision is final.", "decided"),
    ("Sorry the sync stopped. The token expired overnight.", "open"),
])
def test_states(linter, text, state):
    assert linter.analyze(text).state == state


def test_explain_names_the_words(linter):
    found = linter.analyze("I'm sorry the export crashed. It was a memory limit.")
    text = found.explain()
    assert "kind: problem" in text and "crash" in text and 'acknowledgment: yes ("sorry")' in text


def test_stock_phrases_acknowledge_nothing(linter):
    found = linter.analyze("Thank you for your email. We are sorry for any inconvenience. The charge is valid.")
    assert found.acknowledgment is None and found.problem


def test_a_quoted_complaint_changes_nothing(linter):
    reply = "To add a teammate, open Settings and choose Invite. They get an email with a link."
    quoted = "> The app keeps crashing and I lost my work!\n\n" + reply
    assert linter.analyze(quoted).kind == linter.analyze(reply).kind == "how-to"


def test_a_request_is_no_problem(linter):
    """'Delete my account' is the customer's wish: the request's words and its consequences name
    no trouble; a failure in it does."""
    wish = linter.analyze("Deleting your account removes your saved designs. You will no longer be able to sign in. "
                          "Reply to confirm and we'll start.")
    assert wish.kind == "how-to" and any(e.family == "request_cues" for e in wish.evidence)
    failed = linter.analyze("We tried to delete your account, but the deletion failed. Send us your user ID.")
    assert failed.kind == "problem"


@pytest.mark.parametrize("text,named", [
    ("To clear the E-17 paper error, open the rear tray. The rollers jam when damp.", True),
    ("The alert you received is a test message. It was sent by mistake to all users.", True),
    ("Please ignore that email, it appears to be a fraud attempt. Forward it to our security team.", True),
    ("To fix the issue, clear the cache. The rollers jam when damp.", False),
    ("If you see the E-17 paper error, open the rear tray. The rollers jam when damp.", False),
    ("Version 5 fixes the session timeout bug. Update from the store.", False),
])
def test_naming_the_specific_trouble_acknowledges(linter, text, named):
    assert (linter.analyze(text).acknowledgment is not None) == named


def _alternation_in_turn(phrases):
    """The cue language as a plain longest-first alternation: the reference the trie must match."""
    def one(cue):
        body = r"\s+\[?".join(reply_shape._contraction(w) for w in cue.rstrip("*").lower().split())
        return body if cue.endswith("*") else body + r"(?!\w)"
    alternatives = sorted((one(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?<!non-)(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


_cue_words = st.sampled_from(["sorry", "so", "sorr", "about", "that", "don't", "dont", "do", "thanks", "thank", "you",
                              "we'll", "well"])
_cues = st.lists(st.lists(_cue_words, min_size=1, max_size=3).map(" ".join)
                 .flatmap(lambda c: st.sampled_from([c, c + "*"])), min_size=1, max_size=6)
_texts = st.lists(st.sampled_from(["sorry", "So", "sorry.", "about", "THAT", "don’t", "dont", "do", "thanks",
                                   "thank", "you", "non-sorry", "\n", "  ", "x", "you'", "[about", "we'll", "Well",
                                   "well"]), max_size=12).map(" ".join)


@given(_cues, _texts)
def test_the_cue_trie_finds_what_the_phrases_tried_in_turn_find(cues, text):
    """cue_pattern shares the phrases' common beginnings instead of trying each in turn; the
    matches (where, and what they cover) must be the same."""
    expected = [(m.start(), m.end()) for m in _alternation_in_turn(cues).finditer(text)]
    assert [(m.start(), m.end()) for m in cue_pattern(cues).finditer(text)] == expected
def test_a_reply_level_finding_carries_the_analysis_in_its_note(linter):
    """The finding says which kind it judged and on which words (issue 16): in `note`, in the
    JSON output, and under the finding with `check --verbose`."""
    findings = {f.rule_id: f for f in linter.lint("The export crashed because the sheet is too big. The limit is 5 MB.")}
    ack, step = findings["no-acknowledgment"], findings["no-next-step"]
    assert ack.note.startswith('kind: problem (problem_cues: "crashed"); state: open') and "acknowledgment: none" in ack.note
    assert "next step: none found" in step.note
    assert ack.to_dict()["note"] == ack.note
    assert set(ack.to_dict()) - {"note"} == set(ack.KEYS)  # the other keys as they were


def test_a_sentence_level_finding_has_no_note():
    found = Linter(select=["calm-down"]).lint("Please calm down. The export crashed.")
    assert found and all(f.note == "" and "note" not in f.to_dict() for f in found)


def test_check_verbose_shows_the_note(tmp_path):
    from click.testing import CliRunner

    from replylint.cli import main
    path = tmp_path / "reply.txt"
    path.write_text("The export crashed because the sheet is too big. The limit is 5 MB.\n", encoding="utf-8")
    args = ["check", "--select", "no-acknowledgment", str(path)]
    quiet = CliRunner().invoke(main, args)
    loud = CliRunner().invoke(main, [*args, "--verbose"])
    assert "why:" not in quiet.output
    assert 'why: kind: problem (problem_cues: "crashed")' in loud.output


def test_prefix_cues_show_the_whole_word(linter):
    """Evidence shows the word the reply has ('restored'), not the cue's prefix ('restor')."""
    found = linter.analyze("Your saved games were restored overnight. They are in the cloud folder.")
    assert any(e.words == "restored" for e in found.evidence)


def test_a_cue_may_start_a_link_text(linter):
    """'our [forum](https://...)': the link's text starts mid-phrase, and the process note is
    still one; the problem word of a help-centre address is no problem of the customer's."""
    assert linter.analyze("We keep GitHub for confirmed bugs. Setup questions go to our [forum](https://forum.example.org) "
                          "where people can help.").kind == "process"
    assert linter.analyze("Here is the guide: https://help.example.com/troubleshooting/crash-errors "
                          "It walks you through the settings.").kind == "how-to"
