"""The parse memo: on its own (least recently used out first, never more than its size, 0 turns
it off, a long stretch is never remembered), and in a Linter (no segment parsed twice, no
finding changed)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from replylint import Linter, ReplylintError
from replylint.speed.parse_memo import (
    DEFAULT_TOKENS,
    ParseMemo,
    tokens_from_environment,
)

from ..test_staging import EXAMPLES

VOCAB = Vocab()


def _doc(tokens: int) -> Doc:
    return Doc(VOCAB, words=["word"] * tokens)


def test_a_remembered_doc_comes_back_and_an_unknown_key_gives_none():
    memo, doc = ParseMemo(100), _doc(3)
    assert memo.put(b"a", doc) is True
    assert memo.get(b"a") is doc
    assert memo.get(b"b") is None
    assert (len(memo), memo.held) == (1, 3)


def test_the_least_recently_used_goes_first():
    memo = ParseMemo(30)  # ten Docs of 3 tokens
    for key in (b"a", b"b", b"c"):
        memo.put(key, _doc(3))
    memo.get(b"a")  # in use order now: b, c, a
    for key in (b"d", b"e", b"f", b"g", b"h", b"i", b"j", b"k"):
        memo.put(key, _doc(3))  # the eleventh Doc pushes out the least recently used
    assert b"b" not in memo and b"c" in memo and b"a" in memo and memo.held == 30
    memo.put(b"l", _doc(3))
    assert b"c" not in memo and b"a" in memo


def test_a_smaller_size_lets_the_least_recently_used_go_at_once():
    memo = ParseMemo(60)
    for key in (b"1", b"2", b"3"):
        memo.put(key, _doc(6))
    memo.get(b"1")  # in use order now: 2, 3, 1
    memo.tokens = 12
    assert b"2" not in memo and b"3" in memo and b"1" in memo
    assert memo.held == 12


def test_a_stretch_larger_than_a_tenth_is_never_remembered():
    memo = ParseMemo(100)
    memo.put(b"small", _doc(10))
    assert memo.put(b"long", _doc(11)) is False
    assert memo.get(b"long") is None
    assert memo.get(b"small") is not None and memo.held == 10  # nothing pushed out for it


def test_zero_turns_it_off_and_forgets_everything():
    memo = ParseMemo(100)
    memo.put(b"a", _doc(5))
    memo.tokens = 0
    assert not memo.enabled and len(memo) == 0 and memo.held == 0
    assert memo.put(b"b", _doc(0)) is False
    assert memo.get(b"a") is None and memo.get(b"b") is None


def test_the_same_key_again_replaces_its_doc_once():
    memo, newer = ParseMemo(100), _doc(4)
    memo.put(b"a", _doc(2))
    memo.put(b"a", newer)
    assert memo.get(b"a") is newer and (len(memo), memo.held) == (1, 4)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 60), st.lists(st.tuples(st.booleans(), st.integers(0, 7), st.integers(0, 8)), max_size=60))
def test_it_holds_what_a_plain_lru_list_holds_never_more_than_its_size(size, steps):
    """Against a model: a list of (key, tokens) in use order, trimmed from the front."""
    memo, model = ParseMemo(size), []
    for is_put, key_number, tokens in steps:
        key = bytes([key_number])
        if is_put:
            stored = memo.put(key, _doc(tokens))
            assert stored == (size > 0 and tokens * 10 <= size)
            if stored:
                model = [entry for entry in model if entry[0] != key] + [(key, tokens)]
                while sum(t for _, t in model) > size:
                    model.pop(0)
        else:
            found = memo.get(key)
            entry = next((e for e in model if e[0] == key), None)
            assert (found is None) == (entry is None)
            if entry is not None:
                assert len(found) == entry[1]
                model = [e for e in model if e[0] != key] + [entry]
        assert memo.held == sum(t for _, t in model) <= size
        assert len(memo) == len(model)


def test_its_size_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("REPLYLINT_PARSE_MEMO", raising=False)
    assert tokens_from_environment() == DEFAULT_TOKENS
    monkeypatch.setenv("REPLYLINT_PARSE_MEMO", " 80 ")
    assert tokens_from_environment() == 80
    monkeypatch.setenv("REPLYLINT_PARSE_MEMO", "0")
    assert tokens_from_environment() == 0


def test_a_broken_memo_setting_is_a_one_line_error(monkeypatch):
    monkeypatch.setenv("REPLYLINT_PARSE_MEMO", "lots")
    with pytest.raises(ReplylintError, match="REPLYLINT_PARSE_MEMO"):
        Linter()


def _pipeline_texts(linter: Linter, text: str) -> tuple[list[str], list]:
    """The text of every Doc the pipeline really tags and parses while linting `text`, and the
    findings."""
    seen = []
    nlp = linter.nlp
    original = nlp.pipe

    def spy(docs, **kwargs):
        docs = list(docs)
        seen.extend(d.text for d in docs)
        return original(docs, **kwargs)
    nlp.pipe = spy
    try:
        findings = linter.lint(text)
    finally:
        del nlp.pipe
    return seen, findings


def test_a_segment_seen_before_is_not_parsed_again():
    linter = Linter(select=["calm-down"])
    parsed, _ = _pipeline_texts(linter, "Please calm down. We are on it.")
    assert [p.strip() for p in parsed] == ["Please calm down."]
    text = "Thanks for writing. Please calm down. We are on it."
    again, findings = _pipeline_texts(linter, text)
    assert again == []  # the same tokens: the memo's Doc
    assert [(f.rule_id, f.start, f.text) for f in findings] == [("calm-down", text.index("calm down"), "calm down")]


def test_parse_memo_zero_on_a_linter_parses_every_segment_again(monkeypatch):
    monkeypatch.delenv("REPLYLINT_PARSE_MEMO", raising=False)
    linter = Linter(select=["calm-down"])
    assert linter.parse_memo == DEFAULT_TOKENS
    linter.parse_memo = 0
    _pipeline_texts(linter, "Please calm down. We are on it.")
    again, _ = _pipeline_texts(linter, "Thanks for writing. Please calm down. We are on it.")
    assert [p.strip() for p in again] == ["Please calm down."]
    assert linter.parse_memo == 0 and len(linter._memo) == 0


def test_the_environment_sets_a_linters_memo(monkeypatch):
    monkeypatch.setenv("REPLYLINT_PARSE_MEMO", "0")
    linter = Linter(select=["calm-down"])
    assert linter.parse_memo == 0
    linter.lint("Thanks for writing. Please calm down. We are on it.")
    assert len(linter._memo) == 0


def test_the_memo_changes_no_finding(linter):
    fresh = Linter()
    fresh.parse_memo = 0
    for text in EXAMPLES:
        assert [f.to_dict() for f in linter.lint(text)] == [f.to_dict() for f in fresh.lint(text)], text
    assert len(fresh._memo) == 0


def test_the_memo_keeps_only_the_latest_segments_up_to_its_size():
    linter = Linter(select=["calm-down"])
    linter.parse_memo = 80  # tokens; one stretch may take a tenth
    for n in range(15):
        linter.lint(f"Thanks for writing. Please calm down, customer {n}.")  # 7 tokens each
    assert 0 < linter._memo.held <= 80
    assert len(linter._memo) < 15
    linter.lint("Thanks. " + "Please calm down and wait " * 3 + "for us.")  # too big a share: not kept
    assert all(len(doc) <= 8 for doc in linter._memo._docs.values())
