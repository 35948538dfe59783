"""lemminflect's tables read a word at a time must answer every word as lemminflect's own
loaders do, and be read only when something asks."""
from __future__ import annotations

import gzip

import pytest

from replylint import lexicon
from replylint.speed import lemma_tables


@pytest.fixture
def fresh_lemminflect(monkeypatch):
    """lemminflect as in a new process: no table read, none installed; as it was afterwards."""
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer, inflections = Lemmatizer(), Inflections()
    saved = [(owner, name, vars(owner).pop(name, None))
             for owner, name in ((lemmatizer, "lemma_dict"), (inflections, "infl_dict"))]
    monkeypatch.setattr(lemma_tables, "_installed", {})
    yield lemmatizer, inflections
    for owner, name, table in saved:
        vars(owner).pop(name, None)
        if table is not None:
            setattr(owner, name, table)
    lexicon.dictionary_lemmas.cache_clear()
    lexicon.inflection.cache_clear()


def test_lazy_tables_answer_every_word_as_lemminflect_reads_them():
    """Every word must get exactly the entry lemminflect's own loaders give it (the aux and modal
    entries it hard-codes included)."""
    from lemminflect import config
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

    for lazy, whole in ((lemma_tables.lemma_table(config.lemma_lu_fn), LemmaLUCodec.load(config.lemma_lu_fn)),
                        (lemma_tables.inflection_table(config.inflection_lu_fn),
                         InflectionLUCodec.load(config.inflection_lu_fn))):
        assert lazy.words() == sorted(whole)
        assert all(lazy.get(word, {}) == whole[word] for word in whole)
        assert lazy.get("qzxv-not-a-word", {}) == {}


def test_a_table_out_of_order_is_read_in_order_with_each_words_lines_in_file_order(tmp_path):
    path = tmp_path / "table.csv.gz"
    path.write_bytes(gzip.compress(b"pear,a=1\napple,a=1\npear,b=2\napple,a=3\n\nfig,c=4\n"))

    def parse(line: str) -> tuple[str, dict]:
        word, pair = line.strip().split(",")
        key, value = pair.split("=")
        return word, {key: value}

    table = lemma_tables.LazyTable(path, parse)
    assert table.words() == ["apple", "fig", "pear"]
    assert table.get("apple") == {"a": "3"}
    assert table.get("pear") == {"a": "1", "b": "2"}
    assert table.get("plum", {}) == {}


def test_install_reads_nothing_and_a_lookup_reads_only_its_table(fresh_lemminflect):
    lemmatizer, inflections = fresh_lemminflect
    assert lemma_tables.install() is True
    lemmas, forms = lemmatizer.lemma_dict, inflections.infl_dict
    assert isinstance(lemmas, lemma_tables.LazyTable) and isinstance(forms, lemma_tables.LazyTable)
    assert not lemmas._read and not forms._read
    assert lemmatizer.getAllLemmas("forgot") == {"VERB": ("forget",)}
    assert lemmas._read and not forms._read
    assert inflections.getInflection("get", tag="VBD") == ("got",)
    assert forms._read


def test_a_table_lemminflect_read_itself_is_left_alone(fresh_lemminflect):
    lemmatizer, _ = fresh_lemminflect
    own = lemmatizer._getLemmaDict()  # lemminflect reads its whole table
    assert lemma_tables.install() is False
    assert lemmatizer.lemma_dict is own
    assert isinstance(fresh_lemminflect[1].infl_dict, lemma_tables.LazyTable)


def test_read_now_reads_an_installed_table_before_anything_asks(fresh_lemminflect):
    lemmatizer, _ = fresh_lemminflect
    lemma_tables.install()
    lemma_tables.read_now("lemmas")
    assert lemmatizer.lemma_dict._read


def test_speed_install_puts_them_in_place(fresh_lemminflect):
    import spacy

    from replylint import speed

    lemmatizer, inflections = fresh_lemminflect
    assert speed.install(spacy.blank("en"))["lemma_tables"] is True
    assert isinstance(lemmatizer.lemma_dict, lemma_tables.LazyTable)
    assert isinstance(inflections.infl_dict, lemma_tables.LazyTable)
    lexicon.dictionary_lemmas.cache_clear()
    lexicon.inflection.cache_clear()
    assert lexicon.dictionary_lemmas("forgot") == {"VERB": ("forget",)}
    assert lexicon.inflection("get", "VBD") == "got" and lexicon.inflection("be", "VBZ") == "is"
