"""The shipped inflection table is exactly what lemminflect says for every word the bundled
rules inflect, so using it instead of lemminflect at start-up changes nothing."""
from __future__ import annotations

from replylint import lexicon


def test_the_shipped_table_matches_lemminflect_for_the_bundled_rules():
    assert lexicon._table() == lexicon.build_table(), \
        "rules changed: regenerate with python -c 'from replylint import lexicon; lexicon.write_table()'"


def test_words_outside_the_table_go_to_lemminflect():
    assert "zigzagged" not in lexicon._table()
    assert {"zigzag", "zigzags", "zigzagging"} <= lexicon.inflections("zigzagged")


def test_lazy_tables_answer_every_word_as_lemminflect_reads_them():
    """lemma_tables reads lemminflect's files a word at a time; every word must get exactly the
    entry lemminflect's own loaders give it (the aux and modal entries it hard-codes included)."""
    from lemminflect import config
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

    from replylint.speed import lemma_tables

    for lazy, whole in ((lemma_tables.lemma_table(config.lemma_lu_fn), LemmaLUCodec.load(config.lemma_lu_fn)),
                        (lemma_tables.inflection_table(config.inflection_lu_fn),
                         InflectionLUCodec.load(config.inflection_lu_fn))):
        assert lazy.words() == sorted(whole)
        assert all(lazy.get(word, {}) == whole[word] for word in whole)
        assert lazy.get("qzxv-not-a-word", {}) == {}


def test_lookups_go_through_the_lazy_tables():
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    from replylint.speed import lemma_tables

    assert lexicon.dictionary_lemmas("forgot") == {"VERB": ("forget",)}
    assert lexicon.inflection("get", "VBD") == "got" and lexicon.inflection("be", "VBZ") == "is"
    assert isinstance(Lemmatizer().lemma_dict, lemma_tables.LazyTable)
    assert isinstance(Inflections().infl_dict, lemma_tables.LazyTable)
