"""The remembering lemmatizer must give every token the lemma spaCy's own rule lemmatizer gives."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.speed import lemma_memo

from ..conftest import DEV_CASES, dev_texts
from ..test_staging import EXAMPLES
from .test_attribute_index import WORDS


@pytest.fixture(scope="module")
def compare(linter):
    nlp = linter.nlp
    lemmatizer = nlp.get_pipe("lemmatizer")

    def lemmas(texts):
        return [[(t.text, t.lemma_) for t in doc] for doc in nlp.pipe(texts, disable=linter._disabled)]

    def check(texts):
        texts = list(texts) * 2  # the second time round, every answer comes from the memo
        remembered = lemmas(texts)
        mine = lemmatizer.lemmatize
        lemmatizer.lemmatize = lemmatizer.rule_lemmatize
        try:
            assert remembered == lemmas(texts)
        finally:
            lemmatizer.lemmatize = mine
    return check


def test_the_loaded_pipeline_remembers(linter):
    lemmatizer = linter.nlp.get_pipe("lemmatizer")
    assert lemmatizer.lemmatize.__name__ == "lemmatize" and lemmatizer.lemmatize != lemmatizer.rule_lemmatize


def test_same_lemmas_on_the_rule_examples(compare):
    compare(EXAMPLES)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join))
def test_same_lemmas_on_generated_text(compare, text):
    compare([text])


@pytest.mark.skipif(not DEV_CASES.exists(), reason="../shared is not beside the checkout")
def test_same_lemmas_on_the_dev_set(compare):
    compare(dev_texts())


def test_a_pipeline_without_a_rule_lemmatizer_is_left_alone():
    import spacy

    assert lemma_memo.install(spacy.blank("en")) is False


def test_the_lemma_index_answers_as_its_lists(linter):
    """The index's lists answer `in` from a set; they must hold and answer just what they held."""
    table = linter.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    for words in table.values():
        assert isinstance(words, lemma_memo.IndexedWords)
        plain = list(words)
        assert words == plain and len(set(plain)) <= len(words)
        for word in plain[:50] + ["notaword", "", plain[-1] + "x"]:
            assert (word in words) == (word in plain)
