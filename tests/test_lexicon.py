"""Inflections: the shipped table answers for the bundled rules' words (that it is exactly what
lemminflect says for them is tests/test_generated.py), lemminflect for any other word."""
from __future__ import annotations

from replylint import lexicon


def test_words_outside_the_table_go_to_lemminflect():
    assert "zigzagged" not in lexicon._table()
    assert {"zigzag", "zigzags", "zigzagging"} <= lexicon.inflections("zigzagged")
