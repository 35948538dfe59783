"""The models on numpy's BLAS must annotate every token as they do on thinc's default, blis."""
from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from thinc.api import Model, NumpyOps, get_current_ops, set_current_ops

from replylint.speed import numpy_blas

from ..conftest import DEV_CASES, dev_texts
from ..test_staging import EXAMPLES

ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START]


def _layers(nlp) -> list[Model]:
    return [layer for _, component in nlp.components if isinstance(getattr(component, "model", None), Model)
            for layer in component.model.walk()]


def _tagger_pipeline():
    """A small pipeline with a model of its own, built in the blink of an eye."""
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger").add_label("NN")
    nlp.initialize()
    return nlp


@pytest.fixture(scope="module")
def compare(linter):
    """Annotate with the loaded pipeline as it is, then with its numpy-BLAS layers back on blis."""
    nlp = linter.nlp
    moved = [layer for layer in _layers(nlp) if type(layer.ops) is NumpyOps and not layer.ops.use_blis]

    def annotate(texts):
        return [doc.to_array(ANNOTATIONS).tolist() for doc in nlp.pipe(texts, disable=linter._disabled)]

    def check(texts):
        texts = list(texts)
        on_numpy = annotate(texts)
        numpy_ops, blis_ops = moved[0].ops, NumpyOps(use_blis=True)
        for layer in moved:
            layer.ops = blis_ops
        try:
            on_blis = annotate(texts)
        finally:
            for layer in moved:
                layer.ops = numpy_ops
        assert on_numpy == on_blis
    return check


def test_the_loaded_pipeline_computes_on_numpys_blas(linter):
    tok2vec = linter.nlp.get_pipe("tok2vec").model
    assert all(type(layer.ops) is NumpyOps and not layer.ops.use_blis for layer in tok2vec.walk())
    assert sum(not layer.ops.use_blis for layer in _layers(linter.nlp)) > 100


def test_same_annotations_as_on_blis_on_the_rule_examples(compare):
    compare(EXAMPLES)


@pytest.mark.skipif(not DEV_CASES.exists(), reason="../shared is not beside the checkout")
def test_same_annotations_as_on_blis_on_the_dev_set(compare):
    compare(dev_texts())


def test_every_layer_built_with_the_default_backend_moves():
    nlp = _tagger_pipeline()
    assert all(layer.ops.use_blis for layer in _layers(nlp))
    assert numpy_blas.install(nlp) is True
    assert {(type(layer.ops), layer.ops.use_blis) for layer in _layers(nlp)} == {(NumpyOps, False)}


def test_a_layer_with_a_backend_of_its_own_keeps_it():
    nlp = _tagger_pipeline()
    own = NumpyOps(use_blis=True)
    _layers(nlp)[-1].ops = own
    numpy_blas.install(nlp)
    assert _layers(nlp)[-1].ops is own
    assert not _layers(nlp)[0].ops.use_blis


def test_a_backend_the_caller_chose_is_left_alone():
    class ChosenOps(NumpyOps):
        name = "chosen-for-this-test"

    before, chosen = get_current_ops(), ChosenOps()
    set_current_ops(chosen)
    try:
        nlp = _tagger_pipeline()
        assert numpy_blas.install(nlp) is False
    finally:
        set_current_ops(before)
    assert all(layer.ops is chosen for layer in _layers(nlp))
