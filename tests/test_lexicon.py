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
