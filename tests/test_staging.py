"""Staged analysis: only the sentences a syntax rule could match in are tagged and parsed, each
stretch on its own, and the whole-reply checks ask for the parse of the sentences they need.

Parsing a stretch on its own can move a sentence boundary, so the contract checked here is the
one the dev-set evaluation measures: the same rules fire on every reply, staged or parsing
everything at once (`Linter.full_analysis`), on the rule pack's own examples, on generated
replies and (when beside the checkout) on the labeled dev set."""
from __future__ import annotations

import collections

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint import Linter, staging
from replylint.document import from_plain_text
from replylint.rules import load_rules

from .conftest import DEV_CASES, dev_texts
from .test_properties import replies

EXAMPLES = sorted({text for spec in load_rules() for kind in ("bad", "good") for text in spec.examples[kind]} |
                  {case["input"] for spec in load_rules() for case in spec.examples["fix"]})


@pytest.fixture(scope="module")
def full(linter) -> Linter:
    """A second Linter sharing nothing mutable with `linter`, with staging switched off."""
    other = Linter()
    other.full_analysis = True
    return other


def _rules(linter, text, fmt="text", name=""):
    return collections.Counter(f.rule_id for f in linter.lint(text, fmt, name))


def _same_rules(staged, full, text, fmt="text", name=""):
    assert _rules(staged, text, fmt, name) == _rules(full, text, fmt, name), text


@pytest.mark.parametrize("text", EXAMPLES)
def test_rule_examples_fire_the_same_rules_staged_or_not(linter, full, text):
    _same_rules(linter, full, text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=replies)
def test_generated_sentences_fire_the_same_rules_staged_or_not(linter, full, text):
    """Each stretch the segmenter cuts, linted alone, parses the same either way: what can differ
    is only whether the words let it skip the parse, and they must never skip a finding."""
    doc = linter.nlp.make_doc(from_plain_text(text).text)  # cut as the engine cuts: template fields filled in
    for start, end in staging.segments(doc):
        _same_rules(linter, full, doc[start:end].text)


@pytest.mark.skipif(not DEV_CASES.exists(), reason="../shared is not beside this checkout")
def test_the_dev_set_fires_the_same_rules_staged_or_not(linter, full):
    for text in dev_texts():
        _same_rules(linter, full, text)


def test_sentence_scope_findings_are_the_same_where_the_parser_agrees(linter, full):
    text = "Hi Sam,\n\nPlease calm down. You didn't back up the file. I'll get back to you soon.\n\nBest,\nAna"
    assert [f.to_dict() for f in linter.lint(text)] == [f.to_dict() for f in full.lint(text)]


def _parsed_tokens(linter: Linter, text: str) -> list[str]:
    """The text of every segment `linter` tags and parses while linting `text`."""
    seen = []
    original = linter._parse

    def spy(segments):
        seen.extend(s.span.text for s in segments if not s.parsed)
        original(segments)
    linter._parse = spy
    try:
        linter.lint(text)
    finally:
        del linter._parse
    return seen


def _parsed(linter: Linter, text: str) -> bool:
    return bool(_parsed_tokens(linter, text))


def test_a_reply_no_syntax_rule_can_match_is_only_tokenized():
    linter = Linter(select=["shouting", "calm-down", "cant-help"])
    assert not _parsed(linter, "THE PACKAGE SHIPS TODAY. Tracking comes by e-mail.")
    assert _parsed(linter, "Please calm down. The package ships today.")
    assert _parsed(linter, "Sadly we can't help with that.")
    # the lexical rule still runs on the unparsed reply
    assert [f.rule_id for f in linter.lint("THE PACKAGE SHIPS TODAY.")] == ["shouting"]


def test_only_the_sentences_a_rule_could_match_in_are_parsed():
    linter = Linter(select=["calm-down", "blaming-you"])
    parsed = _parsed_tokens(linter, "The package ships today. Please calm down. Tracking comes by e-mail. "
                                    "You can track it online.")
    assert [p.strip() for p in parsed] == ["Please calm down."]
    assert [f.rule_id for f in linter.lint("The package ships today. Please calm down.")] == ["calm-down"]


def test_blame_needs_more_than_the_word_you():
    linter = Linter(select=["blaming-you"])
    assert not _parsed(linter, "You can download the invoice from the Billing page.")
    assert _parsed(linter, "You didn't back up the file.")
    assert [f.rule_id for f in linter.lint("You didn't back up the file.")] == ["blaming-you"]
    # "should" blames only with "have", "but" only right before the reader
    assert not _parsed(linter, "You should receive the code shortly, but the link works too.")
    assert _parsed(linter, "You should have saved it.")
    assert [f.rule_id for f in linter.lint("I know it's annoying, but you archived the folder.")] == ["blaming-you"]


def test_a_link_spares_the_next_step_check_the_parse():
    linter = Linter(select=["no-next-step"])
    assert not _parsed(linter, "Sorry about the crash. The fix is described at https://example.com/fix.")
    assert _parsed(linter, "Sorry about the crash. The fix is in the next release.")


def test_a_question_answers_the_next_step_check_without_a_parse():
    linter = Linter(select=["no-next-step"])
    assert not _parsed(linter, "Sorry about the crash. It happens on older phones. Which model do you have?")


def test_the_next_step_check_parses_the_likeliest_step_first_and_stops_there():
    linter = Linter(select=["no-next-step"])
    text = "Sorry about the crash. It happens on older phones. Restart the phone and try again."
    assert [p.strip() for p in _parsed_tokens(linter, text)] == ["Restart the phone and try again."]
    assert linter.lint(text) == []
    flagged = "Sorry about the crash. It happens on older phones. Newer ones are fine."
    assert len(_parsed_tokens(linter, flagged)) == 3  # no step anywhere: every sentence is read
    assert [f.rule_id for f in linter.lint(flagged)] == ["no-next-step"]


def test_a_greeting_or_sign_off_no_word_of_which_can_be_a_verb_is_not_parsed():
    linter = Linter(select=["no-next-step"])
    body = "Sorry about the crash. It happens on older phones. Restart the phone and try again."
    parsed = [p.strip() for p in _parsed_tokens(linter, f"Hi Jordan,\n\n{body}\n\nBest regards,\nAna\n")]
    assert parsed == ["Restart the phone and try again."]
    # a word that may be a verb leaves it to the tagger: "Thank you, Karl" says something
    parsed = [p.strip() for p in _parsed_tokens(linter, f"{body}\n\nThank you,\nKarl\n")]
    assert "Thank you,\nKarl" in parsed


@pytest.mark.parametrize("line,verbless", [
    ("Hi Jordan,", True), ("Best regards, Ana", True), ("Dear Mr Okafor,", True), ("Cheers, Mira", True),
    ("Call me.", False), ("Thank you, Karl", False), ("Hi Mark,", False), ("hi sammy", False), ("Best, Will", False),
])
def test_which_short_lines_are_surely_verbless(linter, line, verbless):
    from replylint.checks.reply_shape import _surely_verbless

    assert _surely_verbless([t for t in linter.nlp.make_doc(line) if t.is_alpha]) is verbless


@pytest.mark.parametrize("text,cuts", [
    ("Hi Jordan,\n\nThanks for this. I will look.", ["Hi Jordan,", "Thanks for this.", "I will look."]),
    ("It is e.g. fine? yes it is.", ["It is e.g. fine? yes it is."]),       # lower case goes on
    ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),  # a closing quote stays
    ("(See the docs.) Then go.", ["(See the docs.)", "Then go."]),
    ("v1.2.3 is out. ok", ["v1.2.3 is out. ok"]),
    ("Line one\nline two", ["Line one\nline two"]),                           # a line break alone is no cut
    ("", []),
])
def test_segments_cut_only_where_a_sentence_surely_ends(linter, text, cuts):
    doc = linter.nlp.make_doc(text)
    assert [doc[a:b].text.strip() for a, b in staging.segments(doc)] == cuts


@pytest.mark.parametrize("text", ["Hi Sam,\n\nYou can't do that. Y'all ain't gonna  wait!\n\nBest, Ana\n",
                                  "I'm sure it'll work.  Let's see: it won't.", "\n  Lead space. Done."])
def test_a_segment_on_its_own_keeps_the_tokenizers_words_spaces_and_norms(linter, text):
    """The tagger reads NORM, which a tokenizer special case sets ("n't" -> "not"): a segment
    copied into its own Doc must carry it, as Span.as_doc does."""
    from spacy.attrs import LOWER, NORM, ORTH, SPACY

    doc = linter.nlp.make_doc(text)
    tokens = doc.to_array(staging.TOKENIZER_ATTRS)
    for start, end in staging.segments(doc) + [(0, len(doc)), (1, len(doc) - 1)]:
        mine, theirs = staging.standalone(doc[start:end], tokens), doc[start:end].as_doc()
        assert mine.text == theirs.text
        attrs = [ORTH, SPACY, NORM, LOWER]
        assert mine.to_array(attrs).tolist() == theirs.to_array(attrs).tolist()


class _FakeForms:
    def __call__(self, lemma):
        return frozenset({lemma, lemma + "s", lemma + "ed"})


def _words(*words):
    return staging.ids(words)


def test_a_token_pattern_needs_every_required_word_and_ignores_optional_ones():
    trigger = staging.token_patterns(
        [[{"LOWER": "calm"}, {"LOWER": {"IN": ["down", "yourself"]}}, {"IS_PUNCT": True, "OP": "?"}]], _FakeForms())
    assert trigger.hit(_words("calm", "down"))
    assert not trigger.hit(_words("calm"))
    assert not trigger.hit(_words("down", "yourself"))


def test_lemma_conditions_cover_inflected_forms_and_non_lexical_attributes_add_nothing():
    trigger = staging.token_patterns([[{"LEMMA": "panic", "POS": "VERB"}], [{"REGEX": "^x+$"}]], _FakeForms())
    assert trigger.hit(_words("panicked"))  # second pattern has no lexical condition: always possible
    only_lemma = staging.token_patterns([[{"LEMMA": "panic", "POS": "VERB"}]], _FakeForms())
    assert only_lemma.hit(_words("panics")) and not only_lemma.hit(_words("calm"))


def test_the_models_own_lemmatizer_tables_give_irregular_and_rule_forms(linter):
    forms = staging.LemmaForms(linter.nlp)
    assert {"took", "taken", "takes", "taking"} <= forms("take")
    assert {"'ll", "wo"} & forms("will")
    assert "panicked" in forms("panic")


def test_a_dependency_pattern_needs_every_node_with_a_lexical_condition():
    trigger = staging.dependency_patterns([[
        {"RIGHT_ID": "have", "RIGHT_ATTRS": {"LEMMA": "have"}},
        {"LEFT_ID": "have", "REL_OP": ">", "RIGHT_ID": "you", "RIGHT_ATTRS": {"DEP": "nsubj", "LOWER": "you"}},
        {"LEFT_ID": "have", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ]], _FakeForms())
    assert trigger.hit(_words("you", "haves"))
    assert not trigger.hit(_words("you"))


def test_trigger_words_ignore_case(linter):
    assert staging.words_of(linter.nlp.make_doc("Calm DOWN")) >= _words("calm", "down")


def test_option_phrases_need_every_word_the_first_in_any_form():
    trigger = staging.phrase_words(["get back to", "fix"], _FakeForms())
    assert trigger.hit(_words("geted", "back", "to")) and trigger.hit(_words("fixs"))
    assert not trigger.hit(_words("get", "back"))


def test_a_parsed_segment_knows_its_docs_text_without_joining_its_tokens(monkeypatch):
    """take_parse carries the chunk's text over to the parsed Doc; it must be that Doc's text,
    trailing space included, whether the Doc was parsed now, in place, or taken from the memo."""
    from replylint.checks.context import Segment

    original, checked = Segment.take_parse, []

    def take_parse(segment, doc):
        original(segment, doc)
        assert segment.doc_text == doc.text
        checked.append(segment)
    monkeypatch.setattr(Segment, "take_parse", take_parse)
    texts = EXAMPLES + ["Hi Sam,\n\nYou didn't save it.  \nI'll check.\t\n\nYou didn't save it.  \n"]
    linter = Linter()
    for text in texts * 2:  # the second time round, the memo supplies the Docs
        linter.lint(text)
    assert len(checked) > len(EXAMPLES)


_word_ids = st.sampled_from(range(12))
_alternative = st.lists(st.frozensets(_word_ids, min_size=1, max_size=4), max_size=3).map(tuple)


@given(st.lists(_alternative, max_size=8), st.frozensets(_word_ids))
def test_a_trigger_hits_exactly_when_some_alternative_has_all_its_sets_hit(alternatives, words):
    """The index `hit` uses (single sets merged, the rest filed under their smallest set) is only
    a faster way to ask the same question as trying every alternative in turn."""
    expected = any(all(not words.isdisjoint(needed) for needed in alternative) for alternative in alternatives)
    assert staging.Trigger(tuple(alternatives)).hit(words) is expected


def test_option_words_as_written_are_not_inflected():
    from replylint.extend import NoOptions, phrases_of

    class _Opts(NoOptions):
        nouns = ("doing", "fault")

    gate = staging.compile_cues(phrases_of("nouns", as_written=True), _Opts(), _FakeForms())
    assert gate(staging.ids({"doing"}), "", None) and gate(staging.ids({"fault"}), "", None)
    assert not gate(staging.ids({"do", "does", "faults"}), "", None)
