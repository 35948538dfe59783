"""The message-kind analysis both whole-reply rules start from (checks/message_kind.py)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint import Linter
from replylint.checks.message_kind import KindFamilies
from replylint.checks.reply_shape import cue_pattern
from replylint.rules import load_rules


@pytest.fixture(scope="module")
def linter():
    return Linter(select=["no-acknowledgment", "no-next-step"])


def test_both_rules_carry_the_same_families():
    """The kind families are data in both rules' options; they must not drift apart."""
    options = {s.id: s.matchers[0].data["options"] for s in load_rules() if s.id in ("no-acknowledgment", "no-next-step")}
    for option in KindFamilies.declared():
        assert options["no-acknowledgment"].get(option.name) == options["no-next-step"].get(option.name), option.name


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
        body = re.escape(cue.rstrip("*").lower()).replace(r"\ ", r"\s+").replace("'", "['’]")
        return body if cue.endswith("*") else body + r"(?!\w)"
    alternatives = sorted((one(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?<!non-)(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


_cue_words = st.sampled_from(["sorry", "so", "sorr", "about", "that", "don't", "do", "thanks", "thank", "you"])
_cues = st.lists(st.lists(_cue_words, min_size=1, max_size=3).map(" ".join)
                 .flatmap(lambda c: st.sampled_from([c, c + "*"])), min_size=1, max_size=6)
_texts = st.lists(st.sampled_from(["sorry", "So", "sorry.", "about", "THAT", "don’t", "dont", "do", "thanks",
                                   "thank", "you", "non-sorry", "\n", "  ", "x", "you'"]), max_size=12).map(" ".join)


@given(_cues, _texts)
def test_the_cue_trie_finds_what_the_phrases_tried_in_turn_find(cues, text):
    """cue_pattern shares the phrases' common beginnings instead of trying each in turn; the
    matches (where, and what they cover) must be the same."""
    expected = [(m.start(), m.end()) for m in _alternation_in_turn(cues).finditer(text)]
    assert [(m.start(), m.end()) for m in cue_pattern(cues).finditer(text)] == expected
