"""Every acceleration of spaCy and lemminflect, each in a module of its own, each changing how
fast an answer comes and never the answer.

`install(nlp)` applies the ones that act on a pipeline or on lemminflect to a pipeline just
loaded (nlp.py calls it once per loaded model). Nothing outside this package replaces a method
or an attribute of a spaCy, thinc or lemminflect object. Two more modules are used by the
engine and the command rather than installed: the parse memo a Linter holds, and the BLAS
thread count of the processes the command owns.

What each does, what it was measured to save (bench/run.py, 2 cores, 2026-11-22), and why the
output is the same; tests/speed/ has a test file per module that compares it with spaCy's or
lemminflect's own answer on the rule examples, generated text and, when ../shared is beside
the checkout, the dev set.

Installed by `install(nlp)`, in this order:

- `numpy_blas`: the models' matrix products run on the OpenBLAS numpy ships instead of thinc's
  default, blis, which picks its generic kernel on this CPU: tok2vec 2-3 times faster. Every
  thinc layer computes with the backend object it holds, so moving the layers built with the
  default backend onto numpy's is what building them under it does. Same: the tags, parse and
  lemmas are compared with those on blis.
- `attribute_index`: the attribute ruler (the POS, MORPH and LEMMA fixes after tagging) finds
  its matches by looking tokens up instead of trying its ~180 patterns at every token: 16 µs a
  token saved, a quarter of the pipeline once tok2vec ran on numpy's BLAS. Same: each distinct
  token signature is tested against the same patterns once and remembered, and the result is
  the list spaCy's Matcher gives, in its order; a ruler with a pattern it does not understand
  keeps the Matcher.
- `lemma_memo`: the rule lemmatizer remembers its answer for words already in their base form
  too, which spaCy's own cache skips (14,600 calls for 17,000 parsed tokens, a quarter of the
  pipeline's Python time). Same: the answer depends only on (word, part of speech, morphology)
  and fixed tables.
- `tokenizer_cache`: the tokenizer's word cache is filled a word at a time, because spaCy stops
  caching for the rest of a text after a special case such as "I'm": a 150-word reply took
  0.49 ms to tokenize, 0.02 ms primed. Same: a word's split depends only on the word.
- `lemma_tables`: lemminflect's lemma and inflection tables are put in place to be read a word
  at a time, when first asked, instead of whole: 0.19 s and 0.12 s, a fifth of a cold
  `replylint check`, and again in every `--jobs` worker. Same: a word's entry is parsed from its
  own lines with lemminflect's codec and merged as lemminflect's loader merges them.

Used where they belong:

- `parse_memo`: `ParseMemo`, the Docs of the sentence stretches a Linter parsed, by their
  tokens (50,000 tokens' worth, REPLYLINT_PARSE_MEMO; `linter.parse_memo = 0` turns it off).
  15% of the parsed tokens of the shared real corpus repeat (greetings, sign-offs, footers),
  and re-linting a draft as it is typed took p50 2.0 ms instead of 2.7 ms. Same: a stretch is
  parsed as a Doc of its own, so its parse depends on its tokens alone.
- `blas_threads`: one BLAS thread in the command (set by entry.py before numpy is imported) and
  in each `--jobs` worker (parallel.py): two commands side by side took 3.3-4.2 s instead of
  1.9-2.0 s with a thread per core each, and the workers' corpus run twice as long. A thread
  count changes no annotation. A library caller's process is left alone.

Start-up work that is not about spaCy's or lemminflect's objects stays with the command:
entry.py switches the garbage collector off before spaCy is imported, cli._settle_heap freezes
what start-up made and switches it back on, and cli.run leaves with os._exit.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def install(nlp: Language) -> dict[str, bool]:
    """Apply the accelerations listed above to `nlp`, a pipeline just loaded in this thread; for
    each (by module name), whether it applied. One that does not fit the pipeline (a team's own
    components, another tokenizer) leaves it as it was and says False. Call it once per
    pipeline: nlp.py does, on every model it loads."""
    # Imported here: entry.py imports this package (blas_threads) before numpy may be imported.
    from . import attribute_index, lemma_memo, lemma_tables, numpy_blas, tokenizer_cache

    return {
        "numpy_blas": numpy_blas.install(nlp),
        "attribute_index": attribute_index.install(nlp),
        "lemma_memo": lemma_memo.install(nlp),
        "tokenizer_cache": tokenizer_cache.install(nlp),
        "lemma_tables": lemma_tables.install(),  # lemminflect's, for the checks and rewriters
    }
