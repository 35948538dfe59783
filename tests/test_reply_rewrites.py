"""The whole-reply rules' inserted rewrites fit the message (issue 16, item 4): the
acknowledgment never lands before a leading @handle, greeting or emoji short code; it thanks the
customer for reporting only where they reported a trouble; the next-step slot is offered only
while the matter is open."""
from __future__ import annotations

import pytest

from replylint import Linter
from replylint.fixing import apply_edits

BODY = "the upload stopped at 80% because the file is over 2 GB. The limit comes with the plan."


@pytest.fixture(scope="module")
def linter():
    return Linter(select=["no-acknowledgment", "no-next-step"])


def _rewritten(linter, text: str, rule: str) -> str | None:
    found = [f for f in linter.lint(text) if f.rule_id == rule and f.edits]
    return apply_edits(text, [found[0].edits[0]]) if found else None


@pytest.mark.parametrize("opening", [
    "@sam_k ", ":wave: ", ":wave: @sam_k ", "@sam_k :tada: ", "Hi Dana, ", "Hey @dana :tada: ", "Hi Dana,\n\n",
    "Hello team! ", "Good morning Dana! ",
])
def test_the_acknowledgment_follows_the_opening(linter, opening):
    text = opening + (BODY[0].upper() + BODY[1:] if opening.endswith(("\n", "! ")) else BODY)
    out = _rewritten(linter, text, "no-acknowledgment")
    assert out is not None, text
    assert out.startswith(opening), out  # never before the handle, greeting or emoji
    rest = out[len(opening):]
    assert rest.lower().startswith("thanks for letting us know about [the problem]. the upload"), out
    if opening.rstrip(" ").endswith(","):
        assert rest.startswith("thanks"), out  # continues the greeting's line in lower case


@pytest.mark.parametrize("text", [
    "Relax, mate. Your coins will be back in your wallet after tonight's patch.",  # their mood only
    "Your replacement headset was approved this morning. It goes to the address on your account.",  # a remedy only
])
def test_no_thanks_for_reporting_where_nothing_was_reported(linter, text):
    out = _rewritten(linter, text, "no-acknowledgment")
    assert out is not None and "letting us know" not in out and out.startswith("I'm sorry about [")


def test_a_capital_i_stays_after_a_greeting(linter):
    out = _rewritten(linter, "Hi Dana, your replacement headset was approved this morning. It goes to your address.",
                     "no-acknowledgment")
    assert out is not None and out.startswith("Hi Dana, I'm sorry about [")


@pytest.mark.parametrize("text", [
    "Sorry the invoice was wrong. I've corrected it and sent the new copy.",             # resolved
    "Sorry your refund was late. Your refund was issued this morning to the same card.",  # resolved
    "Sorry the parcel was lost. A replacement ships tomorrow by express.",              # scheduled
    "Sorry, we reviewed the refund request again. This decision is final.",             # decided
])
def test_no_next_step_slot_when_the_matter_is_closed(linter, text):
    assert not [f for f in linter.lint(text) if f.rule_id == "no-next-step"]


def test_the_next_step_slot_ends_an_open_reply(linter):
    text = "Sorry the upload stopped. The file is over 2 GB.\n\nBest,\nAlex"
    out = _rewritten(linter, text, "no-next-step")
    assert out is not None
    assert "The file is over 2 GB. Next, I'll [next step] by [day, time].\n\nBest,\nAlex" in out


def test_an_emoji_or_a_handle_is_no_step(linter):
    """':wave:' and '@sam_k' read as verbs by the tagger are no instruction to the reader."""
    for opening in (":wave: ", ":wave: @sam_k ", "@sam_k "):
        assert "no-next-step" in {f.rule_id for f in linter.lint(opening + BODY)}, opening
