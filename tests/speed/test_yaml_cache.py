"""A rule file read from the cache must be the tree its YAML gives, line numbers included;
a changed, damaged or unstorable file must cost the speed-up and nothing else."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.errors import ReplylintError
from replylint.rules.loader import builtin_rules_dir
from replylint.rules.schema import LineMap, read_yaml
from replylint.speed import yaml_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(folder))
    return folder


def same_tree(a, b) -> bool:
    """Equal values, and every mapping with the same line and key lines."""
    if isinstance(a, LineMap) or isinstance(b, LineMap):
        return (isinstance(a, LineMap) and isinstance(b, LineMap) and a.line == b.line
                and a.key_lines == b.key_lines and list(a) == list(b) and all(same_tree(a[k], b[k]) for k in a))
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(map(same_tree, a, b))
    return type(a) is type(b) and a == b


def entries(folder):
    return sorted(folder.glob("*.json")) if folder.exists() else []


def test_every_shipped_rule_file_reads_back_the_same(cache):
    for path in sorted(builtin_rules_dir().glob("*.yaml")):
        first = read_yaml(path)
        assert entries(cache), f"{path.name} was not stored"
        assert same_tree(read_yaml(path), first), path.name


def test_a_changed_file_is_read_again(cache, tmp_path):
    path = tmp_path / "rule.yaml"
    path.write_text("id: a\nwords: [x, y]\n", encoding="utf-8")
    assert read_yaml(path)["words"] == ["x", "y"]
    path.write_text("id: a\nwords: [x, z]\n", encoding="utf-8")
    assert read_yaml(path)["words"] == ["x", "z"]
    assert len(entries(cache)) == 2


def test_a_damaged_entry_is_replaced(cache, tmp_path):
    path = tmp_path / "rule.yaml"
    path.write_text("id: a\nn: 3\n", encoding="utf-8")
    read_yaml(path)
    (entry,) = entries(cache)
    for damage in ("{not json", '{"id": "a"}', "[1, 2]", '{"key": "other", "tree": 1}', "\x00"):
        entry.write_text(damage, encoding="utf-8")
        tree = read_yaml(path)
        assert tree == {"id": "a", "n": 3} and tree.key_lines == {"id": 1, "n": 2}


def test_a_broken_file_is_an_error_every_time_and_never_stored(cache, tmp_path):
    path = tmp_path / "rule.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ReplylintError, match="invalid YAML"):
            read_yaml(path)
    assert entries(cache) == []


def test_unstorable_trees_are_read_from_yaml(cache, tmp_path):
    """A date, a number as a key and an alias bomb: the YAML's answer, nothing stored."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)},"
        f" *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    for text in ("when: 2026-12-03\n", "1: one\n", bomb):
        path = tmp_path / "x.yaml"
        path.write_text(text, encoding="utf-8")
        read_yaml(path)
    assert entries(cache) == []


def test_an_unwritable_or_disabled_cache_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "rule.yaml"
    path.write_text("id: a\n", encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file
    assert read_yaml(path) == {"id": "a"}
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", "")
    assert yaml_cache.cache_dir() is None
    assert read_yaml(path) == {"id": "a"}
    monkeypatch.delenv("REPLYLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert yaml_cache.cache_dir() == tmp_path / "xdg" / "replylint"
    assert set(os.listdir(tmp_path)) == {"rule.yaml", "a-file"}  # no cache folder made anywhere here


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False, allow_infinity=False, width=32),
                    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12))
keys = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=8)
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(tree=trees)
def test_any_plain_tree_reads_back_the_same(tree, tmp_path_factory):
    import yaml

    folder = tmp_path_factory.mktemp("trees")
    path = folder / "tree.yaml"
    path.write_text(yaml.safe_dump({"tree": tree}, allow_unicode=True), encoding="utf-8")
    saved = os.environ.get("REPLYLINT_CACHE_DIR")  # Hypothesis reruns the body: no monkeypatch here
    os.environ["REPLYLINT_CACHE_DIR"] = str(folder / "cache")
    try:
        first = read_yaml(path)
        second = read_yaml(path)
    finally:
        if saved is None:
            os.environ.pop("REPLYLINT_CACHE_DIR", None)
        else:
            os.environ["REPLYLINT_CACHE_DIR"] = saved
    assert entries(folder / "cache") or not isinstance(first, LineMap)
    assert same_tree(first, second)
