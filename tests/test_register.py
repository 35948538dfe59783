"""The reading the parser gets (replylint/reading.py): shouted words in ordinary case, chat
spellings and apostrophe-less contractions as the standard words, an opening address left out,
and the parse carried back onto the words as written."""
from __future__ import annotations

import pytest

from replylint import Linter, reading
from replylint.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def linter():
    return Linter()


def _reading(nlp, text, placeholders=frozenset()):
    doc = nlp.make_doc(text)
    reading.normalize(doc, text)
    return doc, reading.plan(doc, placeholders)


def _read_words(nlp, text, placeholders=frozenset()):
    doc, plan = _reading(nlp, text, placeholders)
    return None if plan is None else " ".join(plan.words)


@pytest.mark.parametrize("text,expected", [
    ("PLEASE CALM DOWN, WE ARE LOOKING INTO IT.", "Please calm down , we are looking into it ."),
    ("I CAN'T refund that order.", "I ca n't refund that order ."),
    ("You were TOLD to keep the receipt.", "You were told to keep the receipt ."),
    ("Looks like the laptop has a VIRUS.", "Looks like the laptop has a virus ."),
])
def test_shouted_words_read_in_ordinary_case(nlp, text, expected):
    assert _read_words(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Connect to the VPN before opening the SLA report.",
    "Please click SAVE and then press OK.",
    "Set LOG_LEVEL=DEBUG in the settings file.",
    "If the screen says NO SIGNAL, switch the input to HDMI 2.",
    "Type DELETE in the box to confirm.",
    "We need this ASAP, the PDF is attached.",
])
def test_labels_acronyms_and_codes_keep_their_capitals(nlp, text):
    doc, plan = _reading(nlp, text)
    kept = [t.text for t in doc if t.text.isupper() and len(t.text) > 1]
    read = set(plan.words) if plan else {t.text for t in doc}
    assert all(word in read for word in kept), (kept, plan and plan.words)


@pytest.mark.parametrize("text,expected", [
    ("u shouldve kept the box", "You should 've kept the box"),
    ("Im not sure ur order shipped", "I 'm not sure your order shipped"),
    ("sry, servers r back up now", "Sorry , servers are back up now"),
    ("thats odd, pls send a screenshot b4 noon", "That 's odd , please send a screenshot before noon"),
])
def test_chat_spellings_read_as_the_standard_words(nlp, text, expected):
    assert _read_words(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Press r to reload the page.",
    "The R language is supported.",
    "Scroll to option u in the list.",
    "We shipped it well before the deadline, and its box was sealed.",
])
def test_letters_and_real_words_are_not_chat(nlp, text):
    words = _read_words(nlp, text)
    assert words is None or not ({"are", "you", "it's", "we'll"} & set(words.lower().split()))


def test_norm_is_set_for_chat_spellings(nlp):
    doc, _ = _reading(nlp, "u r right, Im sorry")
    assert [t.norm_ for t in doc][:2] == ["you", "are"]
    assert [t.norm_ for t in doc if t.text == "m"] == ["am"]


@pytest.mark.parametrize("text,left_out", [
    ("@sam_k please calm down, the order is safe.", ["@sam_k"]),
    ("Hi Sam, relax, the order is safe.", ["Hi", "Sam", ","]),
    ("hey calm down, it is fine.", ["hey"]),
    ("Ma'am, please take a breath.", ["Ma'am", ","]),
])
def test_an_opening_address_is_left_out(nlp, text, left_out):
    doc, plan = _reading(nlp, text)
    assert plan is not None
    assert [doc[i].text for i in sorted(plan.dropped)] == left_out
    assert plan.words[0][0].isupper()


def test_a_name_that_is_the_subject_stays(nlp):
    doc, plan = _reading(nlp, "Sam will call you tomorrow.")
    assert plan is None or not plan.dropped


def test_a_template_field_as_vocative_is_left_out_but_not_as_argument(nlp):
    doc, plan = _reading(nlp, "Relax Sam, it is fine.", frozenset({1}))
    assert plan is not None and list(plan.dropped) == [1]
    doc, plan = _reading(nlp, "Please reply before Sam.", frozenset({3}))
    assert plan is None or not plan.dropped


def test_the_parse_is_carried_back_onto_the_words_as_written(nlp):
    text = "@sam_k PLEASE CALM DOWN."
    doc, plan = _reading(nlp, text)
    parsed = nlp(plan.doc(nlp.vocab))
    plan.transfer(parsed, doc)
    assert doc.text == text
    assert [t.lemma_ for t in doc][1:4] == ["please", "calm", "down"]
    calm = doc[2]
    assert calm.dep_ == "ROOT" and doc[0].head.i == calm.i and doc[0].dep_ == "npadvmod"
    assert not [c for c in calm.children if c.dep_ == "nsubj"]
    assert len(list(doc.sents)) == 1


def test_shouted_contractions_are_split_like_lower_case_ones(nlp):
    assert [t.text for t in nlp.make_doc("DON'T")] == ["DO", "N'T"]
    assert [t.norm_ for t in nlp.make_doc("YOU’RE")] == ["you", "are"]
    assert [t.text for t in nlp.make_doc("ID")] == ["ID"]


@pytest.mark.parametrize("text,rule", [
    ("PLEASE CALM DOWN, WE ARE LOOKING INTO IT.", "calm-down"),
    ("@mia_r take a deep breath, the refund is on its way.", "calm-down"),
    ("Hey there, simmer down, the parcel is at the depot.", "calm-down"),
    ("Relax {{customer.name}}, the parcel is at the depot.", "calm-down"),
    ("You failed to renew the plan before {{renewal_date}}.", "blaming-you"),
    ("u shouldve backed up the photos first", "blaming-you"),
    ("sry for any inconvenience, the app is back now", "non-apology"),
])
def test_rules_fire_through_register(linter, text, rule):
    assert rule in {f.rule_id for f in linter.lint(text)}


def test_findings_keep_the_agents_text_and_offsets(linter):
    text = "@mia_r PLEASE CALM DOWN, we are on it."
    found = [f for f in linter.lint(text) if f.rule_id == "calm-down"]
    assert found and found[0].text == "CALM DOWN" and text[found[0].start:found[0].end] == "CALM DOWN"
