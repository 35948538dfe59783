"""`speed.install(nlp)` applies every acceleration that fits the pipeline, and says which."""
from __future__ import annotations

import spacy

from replylint import speed


def test_install_applies_each_acceleration_that_fits():
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger").add_label("NN")
    ruler = nlp.add_pipe("attribute_ruler")
    nlp.initialize()  # (clears the ruler's patterns)
    ruler.add([[{"LOWER": "hi"}]], {"LEMMA": "hello"})
    applied = speed.install(nlp)
    assert {name for name, done in applied.items() if not done} <= {"lemma_memo", "lemma_tables"}
    assert applied["lemma_memo"] is False  # no rule lemmatizer in this pipeline
    assert [token.lemma_ for token in nlp("hi there")] == ["hello", ""]
    assert nlp.make_doc.__name__ == "primed_make_doc"


def test_every_module_of_the_package_is_installed_by_it():
    import pkgutil

    modules = {info.name for info in pkgutil.iter_modules(speed.__path__)}
    # the process's threads; the Linter's memo; the rule files' cache, read before any pipeline
    not_on_a_pipeline = {"blas_threads", "parse_memo", "yaml_cache"}
    nlp = spacy.blank("en")
    assert set(speed.install(nlp)) == modules - not_on_a_pipeline
