"""Options are declared, typed and checked: a rule's value of the wrong type is one line naming
the rule file and the option's line (exit status 2), never a traceback or a silent misreading."""
from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import Linter, ReplylintError
from replylint.cli import main
from replylint.extend import CHECKS, FILTERS, REWRITERS, Kind, Option, OptionError, check_value, load_builtins

RULE = textwrap.dedent("""\
    id: wow-terrible
    category: tone
    severity: warning
    message: Do not react with alarm.
    rationale:
      what: '"Wow" before bad news.'
      why: Alarm shakes the customer's confidence; see 002_3f1e0a58e1f06c95.txt.
      instead: State the situation calmly.
    match:
      - kind: phrases
        phrases: [wow]
        filters:
          - followed_by:
              words: WORDS
              window: WINDOW
    examples:
      bad: ["Wow, that is terrible."]
      good: ["Wow, ten years with us!"]
    """)


def _team_rule(tmp_path, words="[terrible]", window="8"):
    rules = tmp_path / "team-rules"
    rules.mkdir(exist_ok=True)
    (rules / "wow-terrible.yaml").write_text(RULE.replace("WORDS", words).replace("WINDOW", window), encoding="utf-8")
    return rules


def test_a_window_that_is_not_a_number_is_one_line_naming_the_file_and_line(tmp_path, monkeypatch):
    """`window: eight` raised a ValueError traceback from int()."""
    rules = _team_rule(tmp_path, window="eight")
    (tmp_path / ".replylint.yaml").write_text("rule_dirs: [team-rules]\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Wow, that is terrible.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "draft.txt"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"replylint: {rules / 'wow-terrible.yaml'}:15: filter 'followed_by' option 'window' must be a whole number,"
        " not the text 'eight'"]


def test_a_word_list_given_as_one_word_is_an_error_not_a_set_of_letters(tmp_path):
    """`words: terrible` became {'t', 'e', 'r', ...}: the filter then kept any match followed by an 'e'."""
    rules = _team_rule(tmp_path, words="terrible")
    with pytest.raises(ReplylintError) as info:
        Linter(select=["wow-terrible"], rule_dirs=[rules])
    assert (info.value.line, info.value.message) == (
        14, "filter 'followed_by' option 'words' must be a list of words, not the text 'terrible'")


def test_a_phrase_where_a_word_is_expected_is_an_error(tmp_path):
    rules = _team_rule(tmp_path, words="[really bad]")
    with pytest.raises(ReplylintError, match="'words' must be a list of words, not a list"):
        Linter(select=["wow-terrible"], rule_dirs=[rules])


def test_a_valid_rule_takes_its_values_and_the_declared_defaults(tmp_path):
    linter = Linter(select=["wow-terrible"], rule_dirs=[_team_rule(tmp_path, window="2")])
    [matcher] = linter.rules[0].matchers
    [followed_by] = matcher.filters
    assert (followed_by.options.words, followed_by.options.window) == (("terrible",), 2)
    assert FILTERS["clause_initial"].options.read({}).allow_before == ("oh", "well", "and", "but", "so", "okay", "ok")


def test_a_rewriter_choice_is_checked(tmp_path):
    rule = RULE.replace("    filters:\n      - followed_by:\n          words: WORDS\n          window: WINDOW\n",
                        "    rewrite: {drop: {safety: maybe}}\n")
    rules = tmp_path / "team-rules"
    rules.mkdir()
    (rules / "wow-terrible.yaml").write_text(rule, encoding="utf-8")
    with pytest.raises(ReplylintError, match="rewriter 'drop' option 'safety' must be one of safe, suggest, not 'maybe'"):
        Linter(select=["wow-terrible"], rule_dirs=[rules])


def test_a_project_setting_of_the_wrong_type_names_the_configuration(tmp_path):
    with pytest.raises(ReplylintError) as info:
        Linter(rule_settings={"vague-promise": {"options": {"vague_words": "in a jiffy"}}},
               config_source=str(tmp_path / ".replylint.yaml"))
    assert str(info.value) == (f"{tmp_path / '.replylint.yaml'}: rules.vague-promise.options: option 'vague_words' "
                               "must be a list of words or phrases, not the text 'in a jiffy'")


WORD = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(value=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), WORD,
                       st.dictionaries(WORD, WORD, max_size=2), st.lists(WORD, max_size=3)))
def test_each_kind_takes_only_values_of_its_type(value):
    """Whatever a YAML value is, an option either gets it converted to its declared type or says
    which type it wanted; a bool is never taken for a number, nor a string for a list."""
    expected = {
        Kind.WHOLE_NUMBER: lambda v: type(v) is int,
        Kind.NUMBER: lambda v: type(v) in (int, float),
        Kind.FLAG: lambda v: type(v) is bool,
        Kind.TEXT: lambda v: type(v) is str,
        Kind.WORDS: lambda v: type(v) is list,
        Kind.PHRASES: lambda v: type(v) is list,
        Kind.WORD_MAP: lambda v: type(v) is dict,
    }
    for kind, accepts in expected.items():
        declared = Option("x", kind, None, "")
        try:
            converted = check_value(declared, value)
        except OptionError as exc:
            assert not accepts(value) and f"must be a {kind.value}" in exc.message
        else:
            assert accepts(value)
            assert converted == (tuple(value) if kind in (Kind.WORDS, Kind.PHRASES) else value)


def _as_yaml(value):
    """A declared default as a rule file would write it."""
    if isinstance(value, tuple):
        return list(value)
    return dict(value) if isinstance(value, Mapping) else value


def test_every_declared_option_says_what_it_does_and_its_default_is_of_its_type():
    load_builtins()
    for table in (FILTERS, CHECKS, REWRITERS):
        for declaration in table.values():
            assert declaration.help, f"{declaration.name} has no docstring"
            for declared in declaration.options.declared():
                assert declared.help.strip(), f"{declaration.name}.{declared.name} has no help"
                if declared.default is not None:  # None: "not given", for text a rewriter words itself
                    assert check_value(declared, _as_yaml(declared.default)) == declared.default
