"""Every acceleration of spaCy's pipeline and of lemminflect, each in a module of its own, each
changing only how fast an answer comes and never the answer. `install(nlp)` applies them all to
a freshly loaded pipeline (nlp.py calls it once per loaded model); nothing outside this package
replaces a method or attribute of a spaCy or lemminflect object.

What each does, what it was measured to save, and why the output is the same (each module's
tests in tests/speed/ compare it against spaCy's own component on the rule examples, generated
text and the dev set):

- `numpy_blas`: the models' matrix products run on the OpenBLAS numpy ships instead of thinc's
  default, blis, which picks its generic kernel on this CPU: tok2vec 2-3 times faster. Every
  layer computes with the backend object it holds, so moving the layers built with the default
  backend onto numpy's is what building them under it does; the annotations are compared with
  blis's.
- `attribute_index`: the attribute ruler (POS, MORPH and LEMMA fixes after tagging) finds its
  matches by looking tokens up instead of trying its ~180 patterns at every token. Saved 16 µs a
  token, a quarter of the pipeline once the tagger ran on numpy's BLAS. Each distinct token
  signature is tested against the same patterns once and remembered, and the result is the
  list spaCy's Matcher gives, in its order; a ruler with a pattern it does not understand keeps
  the Matcher.
- `lemma_memo`: the rule lemmatizer remembers its answer for base forms too (spaCy's own cache
  skips them: 14,600 calls for 17,000 parsed tokens, a quarter of the pipeline's Python time).
  The answer depends only on (word, part of speech, morphology) and fixed tables.
- `tokenizer_cache`: the tokenizer's word cache is filled a word at a time, because spaCy stops
  caching for the rest of a text after a special case such as "I'm" (a 150-word reply: 0.49 ms
  to tokenize, 0.02 ms primed). A word's split depends only on the word.
- `lemma_tables`: lemminflect's lemma and inflection tables are read a word at a time, when
  first asked, instead of whole (0.19 s and 0.12 s, a fifth of a cold `replylint check`, and
  again in every `--jobs` worker). A word's entry is parsed from its own lines with
  lemminflect's codec and merged as lemminflect's loader merges them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def install(nlp: Language) -> dict[str, bool]:
    """Apply every acceleration to `nlp`, a pipeline just loaded in this thread; for each (by
    module name), whether it applied. One that does not fit the pipeline (a team's own
    components, another tokenizer) leaves it as it was and says False."""
    from . import attribute_index, lemma_memo, lemma_tables, numpy_blas, tokenizer_cache

    return {
        "numpy_blas": numpy_blas.install(nlp),
        "attribute_index": attribute_index.install(nlp),
        "lemma_memo": lemma_memo.install(nlp),
        "tokenizer_cache": tokenizer_cache.install(nlp),
        "lemma_tables": lemma_tables.install(),  # lemminflect's, for the checks and rewriters
    }
