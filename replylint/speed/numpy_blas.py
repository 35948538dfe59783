"""The models' matrix products on numpy's BLAS instead of thinc's default, the `blis` package.

Measured here (bench/run.py, 2026-11-22): tok2vec ran 2-3 times faster, because the blis build
picks its generic kernel on this CPU (`BLIS_ARCH_DEBUG=1` says so) while the OpenBLAS numpy
ships picks an optimised one; the same annotation came out on every one of 45,559 corpus tokens
(tests/speed/test_numpy_blas.py compares tags, parse and lemmas with blis's on the rule examples
and the dev set).

Every thinc layer keeps the backend (`Ops`) current when it was built and computes with it
when it runs, spaCy's parser included. Moving the layers built with the backend of the load to
`NumpyOps(use_blis=False)` is therefore what building them inside `use_ops("numpy",
use_blis=False)` did: a layer built with a backend of its own (the parser keeps one such
`linear` layer) keeps it either way. A GPU or other backend the caller chose is left alone.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def install(nlp: Language) -> bool:
    """Move the layers `nlp` was built with onto numpy's BLAS. Call it right after loading, in
    the thread that loaded (the backend current then is the one to replace). False when that
    backend is not thinc's CPU one, or no layer uses it."""
    from thinc.api import Model, NumpyOps, get_current_ops

    loaded_with = get_current_ops()
    if type(loaded_with) is not NumpyOps:
        return False
    numpy_ops = NumpyOps(use_blis=False)
    moved = False
    for _, component in nlp.components:  # disabled ones too (the senter): they may be enabled later
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for layer in model.walk():
            if layer.ops is loaded_with:
                layer.ops = numpy_ops
                moved = True
    return moved
