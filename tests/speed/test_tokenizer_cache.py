"""The primed tokenizer must split every text exactly as spaCy's tokenizer does on its own."""
from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokenizer import Tokenizer

from replylint.speed import tokenizer_cache

from ..conftest import DEV_CASES, dev_texts
from ..test_staging import EXAMPLES

# Pieces glued into words: contractions and other special cases, affixes, URLs, numbers.
PIECES = ["I", "'m", "’m", "don", "'t", "n't", "can", "ca", "we", "'ll", "'re", "'s", "Sam", "gonna", "U.S.",
          "(", ")", "\"", "“", "”", ",", ".", "...", "!", "?", ":", ";", "-", "—", "e", "mail", "3", "pm", "$",
          "10", "%", "@support", "#42", "https://example.com/a?b=1", "o'clock", "'", "😊", "don't", "y'all"]
SPACES = [" ", "  ", "\n", "\n\n", "\t", "\u00a0"]


def _plain_copy(nlp) -> Tokenizer:
    """A tokenizer with the same rules and an empty cache, never primed."""
    return Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())


def _tokens(doc) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.orth) for t in doc]


@pytest.fixture(scope="module")
def compare(linter):
    nlp = linter.nlp
    plain = _plain_copy(nlp)

    def check(texts):
        for text in list(texts) * 2:  # the second time round, every word comes from the cache
            assert _tokens(nlp.make_doc(text)) == _tokens(plain(text)), text
    return check


def test_the_loaded_pipeline_primes(linter):
    assert linter.nlp.make_doc.__name__ == "primed_make_doc"


def test_same_tokens_on_the_rule_examples(compare):
    compare(EXAMPLES)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join),
                          st.sampled_from(SPACES)), min_size=1, max_size=25)
       .map(lambda pairs: "".join(word + space for word, space in pairs)))
def test_same_tokens_on_generated_text(compare, text):
    compare([text])


def test_same_tokens_when_the_remembered_words_are_forgotten(compare, monkeypatch):
    monkeypatch.setattr(tokenizer_cache, "SEEN_LIMIT", 3)
    compare(["I'm sorry, but I can't open the (attached) file.", "We'll fix it: don't worry, Sam."])


@pytest.mark.skipif(not DEV_CASES.exists(), reason="../shared is not beside the checkout")
def test_same_tokens_on_the_dev_set(compare):
    compare(dev_texts())


def test_an_over_long_text_still_gets_spacys_error(linter):
    with pytest.raises(ValueError, match="E088"):
        linter.nlp.make_doc("x " * (linter.nlp.max_length // 2 + 1))


def test_a_custom_tokenizer_is_left_alone():
    nlp = spacy.blank("en")
    nlp.tokenizer = lambda text: spacy.tokens.Doc(nlp.vocab, words=text.split())
    assert tokenizer_cache.install(nlp) is False
    assert "primed" not in getattr(nlp.make_doc, "__name__", "")
