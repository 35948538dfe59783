"""formats.FORMATS is the only list of input formats: everything that names formats or suffixes
(directory scans, the server, directive syntax, the command's help, the pre-commit hooks) is
derived from it or checked against it here."""
from __future__ import annotations

import re

import pytest
import yaml
from click.testing import CliRunner

from replylint import sources, suppression
from replylint.cli import main
from replylint.formats import FORMATS, REPLY_SUFFIXES, precommit_files_pattern, precommit_types, sniff

from .conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h["id"])
def test_both_precommit_hooks_take_exactly_the_registered_formats(hook):
    assert hook["types_or"] == precommit_types()
    assert hook["files"] == precommit_files_pattern()
    files = re.compile(hook["files"])
    for suffix in REPLY_SUFFIXES:
        assert files.search("macros/refund" + suffix)
    for other in (".py", ".csv", ".txt.bak", ".yaml~", ".mdx", ".htmlx"):
        assert not files.search("macros/refund" + other)


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=lambda f: f.name)
def test_pre_commit_tags_each_suffix_as_its_format_says(fmt, tmp_path):
    """The tag a record names is the one pre-commit's `identify` gives its files, so `types_or`
    lets them through (an .eml has no tag of its own: a text file is "text")."""
    identify = pytest.importorskip("identify.identify")
    for suffix in fmt.suffixes:
        path = tmp_path / ("reply" + suffix)
        path.write_text("Hello,\n\nThe refund went out today.\n", encoding="utf-8")
        assert fmt.precommit_type in identify.tags_from_path(str(path))


def test_a_directory_scan_checks_every_registered_suffix_and_nothing_else(tmp_path):
    assert sources.REPLY_SUFFIXES == REPLY_SUFFIXES
    for suffix in REPLY_SUFFIXES + (".csv", ".py"):
        (tmp_path / ("reply" + suffix)).write_text("Thanks.\n", encoding="utf-8")
    found = [path for path, _ in sources.expand_paths([str(tmp_path)])]
    assert sorted(found) == sorted(str(tmp_path / ("reply" + s)) for s in REPLY_SUFFIXES)


def test_each_suffix_is_sniffed_as_its_format():
    for fmt in FORMATS.values():
        for suffix in fmt.suffixes:
            assert sniff("reply" + suffix.upper(), "Thanks.") == fmt.name


def test_the_server_takes_the_served_formats_and_auto():
    models = pytest.importorskip("replylint.service.models")
    assert models.FORMAT_NAMES == tuple(f.name for f in FORMATS.values() if f.served) + ("auto",)


def test_every_directive_syntax_a_format_names_has_a_pattern():
    for fmt in FORMATS.values():
        assert fmt.directives and set(fmt.directives) <= set(suppression.SYNTAXES)


def test_the_check_help_names_every_format_and_suffix():
    help_text = " ".join(CliRunner().invoke(main, ["check", "--help"]).output.split())
    for fmt in FORMATS.values():
        assert fmt.description in help_text
        for suffix in fmt.suffixes:
            assert suffix in help_text
