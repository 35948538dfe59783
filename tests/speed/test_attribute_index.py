"""The attribute ruler's indexed `match` must give exactly what spaCy's Matcher gives: the POS,
MORPH and LEMMA every rule reads come from it."""
from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.speed.attribute_index import AttributeIndex, install

from ..conftest import DEV_CASES, dev_texts
from ..test_staging import EXAMPLES

# Words the English ruler's patterns name (contractions, "gonna", "y'all", "there is", auxiliaries,
# pronouns by dependency), mixed with ordinary ones and odd whitespace.
WORDS = ["ai", "n't", "nt", "ain't", "gon", "na", "gonna", "got", "ta", "gotta", "let", "'s", "let's", "y'", "y",
         "all", "nothin'", "nuthin'", "there", "is", "are", "was", "'re", "it", "you", "I", "me", "do", "did", "have",
         "had", "gets", "got", "to", "the", "that", "which", "but", "sorry", "file", "Export", "FAILED", "Sam", "3",
         "pm", ",", ".", "?", "!", "'", "\"", "-", "\n", "\n\n", "  ", "\t", "well", "not", "be", "been", "that's"]


@pytest.fixture(scope="module")
def parsed(linter):
    """Annotate up to the ruler, then compare the ruler's own Matcher with the index."""
    nlp = linter.nlp
    ruler = nlp.get_pipe("attribute_ruler")
    disabled = [name for name in nlp.pipe_names if name in ("attribute_ruler", "lemmatizer", "ner")]
    index = AttributeIndex(ruler)

    def check(texts):
        for doc in nlp.pipe(texts, disable=disabled):
            expected = [tuple(m) for m in type(ruler).match(ruler, doc)]
            assert index.match(doc) == expected, doc.text
    return check


def test_the_loaded_pipeline_uses_the_index(linter):
    ruler = linter.nlp.get_pipe("attribute_ruler")
    assert getattr(ruler.match, "__self__", None).__class__ is AttributeIndex


def test_same_matches_on_the_rule_examples(parsed):
    parsed(EXAMPLES)


def test_same_matches_on_the_patterns_own_words(parsed):
    parsed(["Y'all ain't gonna get nothin' done, and it gets worse: there are two and there's one.",
            "You ain't seen it. Let's go. I gotta say it got fixed; do you have it? I did.",
            "  \n\n\t ", "", "I", "That which was there is what I had to do."])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join))
def test_same_matches_on_generated_text(parsed, text):
    parsed([text])


@pytest.mark.skipif(not DEV_CASES.exists(), reason="../shared is not beside the checkout")
def test_same_matches_on_the_dev_set(parsed):
    parsed(dev_texts())


def test_a_ruler_with_patterns_it_does_not_know_keeps_its_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert install(nlp) is False
    assert "match" not in vars(ruler)
    assert nlp("very very good")[1].lemma_ == "very"


def test_a_ruler_it_knows_sets_the_same_attributes():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["gon", "wan"]}}, {"LOWER": "na"}]], {"LEMMA": "going"})
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"})
    ruler.add([[{"IS_SPACE": True}]], {"LEMMA": "SPACE"})
    assert install(nlp) is True
    doc = nlp("gon na see y all  then")
    assert [t.lemma_ for t in doc] == ["going", "", "", "you", "", "SPACE", ""]


def test_a_ruler_without_patterns_matches_nothing():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler")
    assert install(nlp) is True
    assert [t.lemma_ for t in nlp("nothing to see")] == ["", "", ""]


def test_the_ruler_sets_the_same_attributes_as_spacys_own(linter):
    """Its set_annotations skips making a Span per match; every attribute must come out the same."""
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    nlp, ruler = linter.nlp, linter.nlp.get_pipe("attribute_ruler")
    texts = EXAMPLES + ["Y'all ain't gonna get nothin' done, and it gets worse: there are two and there's one."]
    lean = [doc.to_array([POS, TAG, MORPH, LEMMA, DEP, HEAD]).tolist() for doc in nlp.pipe(texts)]
    ruler.set_annotations = type(ruler).set_annotations.__get__(ruler)
    try:
        spacys = [doc.to_array([POS, TAG, MORPH, LEMMA, DEP, HEAD]).tolist() for doc in nlp.pipe(texts)]
    finally:
        install(nlp)
    assert lean == spacys
