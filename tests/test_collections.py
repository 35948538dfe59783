"""YAML, JSON and HTML containers under `fix`, and hostile collections: every edit is written in
the syntax of the scalar (or HTML text) it lands in, or not offered; a fixed collection parses to
the structure it had; template fields stay byte for byte; deep nesting is a one-line error; an
alias bomb is read once; a surrogate never crashes; a directive inside a body is not prose."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from replylint import Linter, ReplylintError, engine
from replylint.cli import main
from replylint.document import PLACEHOLDER
from replylint.findings import Edit, Finding
from replylint.formats import documents_for
from replylint.formats.collections import parse_collection
from replylint.formats.verify import unproven

from .served import service_client


@pytest.fixture
def run():
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)
    return invoke


def load(text: str, fmt: str):
    return yaml.safe_load(text) if fmt == "yaml" else json.loads(text)


def fields(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


# -- edits are written for the scalar they land in, or not offered ----------------------------
@pytest.mark.parametrize("text", [
    "- reply: Just &anchor it.\n",             # would become an anchor: the value "it."
    'reply: Obviously "Reset" is the button.\n',  # would start a quoted scalar: invalid YAML
    "reply: Obviously #1 is the fix.\n",        # would become a comment: the value null
], ids=["anchor", "quote", "comment"])
def test_a_plain_yaml_edit_that_would_change_the_value_is_not_offered(linter, text):
    [finding] = [f for f in linter.lint(text, "yaml", "a.yaml") if f.rule_id == "condescending"]
    assert finding.edits == ()
    result = linter.fix(text, unsafe=True, format="yaml")
    assert result.text == text and [f.rule_id for f in result.remaining] == ["condescending"]


def test_fixing_a_valid_yaml_file_never_calls_it_invalid(run, tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text('reply: Obviously "Reset" is the button.\n', encoding="utf-8")
    result = run("fix", str(path))
    assert result.exit_code == 1, result.stderr  # findings remain; not 2, an input error
    assert "invalid YAML" not in result.stderr
    assert path.read_text(encoding="utf-8") == 'reply: Obviously "Reset" is the button.\n'


@pytest.mark.parametrize("text,old,new,written", [
    ("reply: Obviously yes\n", "Obviously ", "", None),           # the value would be the boolean true
    ("reply: Obviously 42\n", "Obviously ", "", None),            # an int
    ("reply: wait - for it\n", "wait ", "", None),                # "- for it" starts a sequence entry
    ("reply: see it\n", "see", "see: it", None),                  # ": " would make a mapping
    ("reply: '#1 it'\n", "1", "one's", "one''s"),
    ('reply: "a b"\n', "b", 'say "hi" \\ \t\n', 'say \\"hi\\" \\\\ \\t\\n'),
    ('reply: "a\n  b"\n', "b", " b", "\\ b"),                     # a leading space after a fold is escaped
    ("reply: |\n  one\n  two\n", "two", " two", " two"),          # a more indented line is content
    ("reply: |\n  one\n  two\n", "one", " one", None),            # the first line sets the indentation
    ("reply: >\n  one\n  two\n", "two", " two", None),            # a more indented line would not fold
])
def test_a_scalar_writes_a_replacement_only_where_it_reads_back(text, old, new, written):
    [body] = parse_collection(text, "yaml").bodies
    start = text.index(old)
    assert body.scalar.encode(start, start + len(old), new) == written


def test_a_safe_plain_yaml_edit_is_still_made(linter):
    assert linter.fix("- reply: Just restart it.\n", format="yaml").text == "- reply: Restart it.\n"


# A team rule whose rewrite puts in every character some container must escape.
ACKNOWLEDGMENT = 'It\'s "a pain" & <sighs>: sorry #1 \\o/'
BODY = "Please relax, the refund left today."


@pytest.fixture(scope="module")
def team_linter(tmp_path_factory):
    directory = tmp_path_factory.mktemp("rules")
    rule = {"id": "team-relax", "category": "tone", "severity": "error", "message": "Do not tell the reader to relax.",
            "rationale": {"what": "Telling the reader to relax.", "why": "It escalates.", "instead": "Acknowledge."},
            "suggestions": [{"replacement": None, "description": "Acknowledge the feeling."}],
            "match": [{"kind": "tokens", "rewrite": {"acknowledge_instead": {"acknowledgment": ACKNOWLEDGMENT}},
                       "patterns": [[{"LEMMA": "relax"}]]}],
            "examples": {"bad": [BODY], "good": ["We relaxed the limit."]}}
    (directory / "team-relax.yaml").write_text(yaml.safe_dump(rule), encoding="utf-8")
    return Linter(rule_dirs=[directory], select=["team-relax"])


@pytest.mark.parametrize("name,text,path,html", [
    ("json", json.dumps({"macros": [{"body": BODY}]}), ("macros", 0, "body"), False),
    ("json-ascii", json.dumps({"macros": [{"body": "Thanks, André. " + BODY}]}), ("macros", 0, "body"), False),
    ("json-html", json.dumps({"body_html": f"<p>{BODY}</p>"}), ("body_html",), True),
    ("double", f'macros:\n  - body: "{BODY}"\n', ("macros", 0, "body"), False),
    ("single", f"macros:\n  - body: '{BODY}'\n", ("macros", 0, "body"), False),
    ("literal", f"macros:\n  - body: |\n      {BODY}\n      Thanks!\n", ("macros", 0, "body"), False),
    ("folded", f"macros:\n  - body: >-\n      {BODY}\n      Thanks.\n", ("macros", 0, "body"), False),
    ("yaml-html", f"body_html: '<p>{BODY}</p>'\n", ("body_html",), True),
])
def test_a_replacement_is_escaped_for_the_scalar_it_lands_in(team_linter, name, text, path, html):
    fmt = "json" if name.startswith("json") else "yaml"
    original = load(text, fmt)
    value = original
    for key in path:
        value = value[key]
    expected = team_linter.fix(value, unsafe=True, format="html" if html else "text").text
    assert expected != value and (("&amp;" in expected) == html)
    fixed = load(team_linter.fix(text, unsafe=True, format=fmt).text, fmt)
    got = fixed
    for key in path:
        got = got[key]
    assert got == expected
    for key in path[:-1]:
        fixed, original = fixed[key], original[key]
    fixed.pop(path[-1]), original.pop(path[-1])
    assert fixed == original  # nothing else moved


def test_a_plain_yaml_edit_is_not_offered_when_its_text_cannot_be_plain(team_linter):
    text = f"body: {BODY}\n"
    [finding] = team_linter.lint(text, "yaml")
    assert finding.edits == ()  # ": " and " #" would end the scalar
    assert team_linter.fix(text, unsafe=True, format="yaml").text == text


def test_html_edits_are_written_as_html_and_keep_template_fields(team_linter, linter):
    text = f"<p>{BODY}</p>"
    assert team_linter.fix(text, unsafe=True, format="html").text == (
        "<p>It's \"a pain\" &amp; &lt;sighs&gt;: sorry #1 \\o/; the refund left today.</p>")
    # a field holding what HTML reads as markup is still one field, which no edit touches
    text = "<p>Calm down {{ a < b }}, the refund left today. Check {% if x<3 %}now{% endif %}!!</p>"
    result = linter.fix(text, unsafe=True, format="html")
    assert fields(result.text) == fields(text) and result.applied
    spans = [m.span() for m in PLACEHOLDER.finditer(text)]
    for finding in linter.lint(text, "html"):  # a finding may hold a whole field, never part of one
        assert not any(a < finding.end and finding.start < b and not (finding.start <= a and b <= finding.end)
                       for a, b in spans)
        assert not any(a < e.end and e.start < b for e in finding.edits for a, b in spans)


def test_an_anchored_body_is_read_and_fixed_where_it_is_written(linter):
    text = 'shared: &intro "Obviously the export skips archived rows."\nmacros:\n  - body: *intro\n'
    [finding] = linter.lint(text, "yaml")
    assert (finding.rule_id, finding.line, finding.text) == ("condescending", 1, "Obviously")
    assert load(linter.fix(text, format="yaml").text, "yaml") == {
        "shared": "The export skips archived rows.", "macros": [{"body": "The export skips archived rows."}]}


# -- the fixed file is proven to parse as intended --------------------------------------------
def _finding(start, end, replacement):
    return Finding("shouting", "warning", "m", start, end, 1, start + 1, 1, end + 1, "x",
                   edits=(Edit(start, end, replacement, "safe", False, "d"),))


def test_edits_that_would_not_read_back_as_intended_are_dropped():
    text = '{"title": "Hi!!", "body": "Check your inbox!!", "text": "Open it!!"}'
    breaking = _finding(text.index('inbox!!') + 5, text.index('inbox!!') + 7, '"')   # unescaped quote
    fine = _finding(text.index('it!!') + 2, text.index('it!!') + 4, ".")
    in_a_title = _finding(text.index('Hi!!') + 2, text.index('Hi!!') + 4, ".")        # not a body
    refused = unproven(text, "json", "r.json", None, [f.edits[0] for f in (breaking, fine, in_a_title)])
    assert refused == {breaking.edits[0], in_a_title.edits[0]}


def test_fix_never_returns_a_file_that_parses_differently(linter, team_linter, monkeypatch):
    monkeypatch.setattr(engine, "encode_edits", lambda document, edits: edits)  # edits written raw, as before
    for fixer, text, fmt in ((linter, 'reply: Obviously "Reset" is the button.\n', "yaml"),
                             (linter, "- reply: Just &anchor it.\n", "yaml"),
                             (team_linter, json.dumps({"body": BODY}), "json")):
        result = fixer.fix(text, unsafe=True, format=fmt)
        assert result.text == text and not result.applied


# -- hostile collections ----------------------------------------------------------------------
def _nested_block(depth):
    return "\n".join(" " * i + "k:" for i in range(depth)) + " v\n"


@pytest.mark.parametrize("name,text", [
    ("deep.json", "[" * 1500 + "]" * 1500),
    ("deep.yaml", "a: " + "[" * 1500 + "]" * 1500 + "\n"),
    ("block.yaml", _nested_block(1500)),
    ("seq.yaml", "- " * 1500 + "x\n"),
])
def test_deep_nesting_is_a_one_line_error(linter, name, text):
    with pytest.raises(ReplylintError) as info:
        linter.lint(text, "auto", name)
    assert "nested deeper than" in str(info.value) and "\n" not in str(info.value) and info.value.path == name


def test_deep_nesting_exits_two_with_one_line(run, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 1500 + "]" * 1500, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if "deep.json" in line] == [
        f"replylint: {path}:1: nested deeper than 100 levels"]


def test_deep_html_is_read_without_recursion(linter):
    text = "<div>" * 1500 + "Please calm down." + "</div>" * 1500
    assert "calm-down" in {f.rule_id for f in linter.lint(text, "html")}


# The classic "billion laughs", 351 bytes with CRLF line ends: nine lists of nine aliases of the
# list before, 9**9 strings for a reader that walks every alias.
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\r\n' + "".join(
    f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]\r\n" for p, c in zip("abcdefgh", "bcdefghi"))


def test_a_node_reached_again_through_an_alias_is_read_once(linter):
    text = ('a: &a [{body: "Please calm down!!"}, {body: "Check your inbox!!"}]\n'
            "b: &b [*a, *a, *a]\nc: [*b, *b, *b]\n")
    assert sorted(f.rule_id for f in linter.lint(text, "yaml")) == ["calm-down", "shouting", "shouting"]
    assert len(BOMB) == 351
    assert linter.lint(BOMB, "yaml", "bomb.yaml") == []
    assert linter.fix(BOMB, format="yaml").text == BOMB


def test_an_alias_bomb_is_answered_over_http(linter):
    with service_client(linter) as client:
        for text, fmt in ((BOMB, "yaml"), ("Thanks \ud83d, please calm down!!", "text")):
            body = json.dumps({"text": text, "format": fmt}).encode("ascii")
            response = client.post("/v1/lint", content=body, headers={"Content-Type": "application/json"})
            answer = response.json()
            assert response.status_code == 200, answer
            assert all(text[f["start"]:f["end"]] == f["text"] for f in answer["findings"])


@pytest.mark.parametrize("name,text,line", [
    ("e.yaml", 'reply: "\\UFFFFFFFF"\n', 1),
    ("e.yaml", 'title: x\nreply: "a\x01b"\n', 2),
    ("e.yaml", "a: 1\n---\nb: 2\n", 2),
    ("e.yaml", "reply: *nowhere\n", 1),
    ("e.json", '{"reply": "ok",\n "n": 01}', 2),
])
def test_more_broken_collections_are_one_line_errors(linter, name, text, line):
    with pytest.raises(ReplylintError) as info:
        linter.lint(text, "auto", name)
    assert "\n" not in str(info.value) and (info.value.path, info.value.line) == (name, line)


# -- surrogates ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ('reply: "Thanks \\ud83d\\ude00 for waiting."\n', "r.yaml"),
    ('{"reply": "Thanks \\ud83d\\ude00 for waiting."}', "r.json"),
])
def test_an_escaped_surrogate_pair_is_one_character(text, name):
    [document] = documents_for(name, text)
    assert document.text == "Thanks \U0001F600 for waiting."


@pytest.mark.parametrize("text,fmt", [
    ("Thanks \ud83d, check your inbox!!", "text"),
    ("<p>Thanks \ud83d, check your inbox!!</p>", "html"),
    ("Thanks \udc00, **check** your inbox!!", "markdown"),
    ('reply: "Thanks \\ud83d, check your inbox!!"\n', "yaml"),
    ('{"reply": "Thanks \\udc00\\ud83d, check your inbox!!"}', "json"),
])
def test_a_lone_surrogate_never_crashes(linter, text, fmt):
    findings = linter.lint(text, fmt)
    assert "shouting" in {f.rule_id for f in findings}
    json.dumps([f.to_dict() for f in findings])
    result = linter.fix(text, format=fmt)
    assert result.applied and "!!" not in result.text
    json.dumps({"text": result.text, "applied": [a.to_dict() for a in result.applied]})


# -- directives inside bodies -------------------------------------------------------------------
def test_a_directive_line_in_a_block_scalar_is_a_directive_not_prose(linter):
    text = ("macros:\n"
            "  - body: |\n"
            "      Thanks for waiting!!\n"
            "      # replylint: disable-next-line=calm-down\n"
            "      Please calm down.\n")
    [document] = documents_for("m.yaml", text)
    assert document.text == "Thanks for waiting!!\nPlease calm down.\n"
    findings = linter.lint(text, "yaml", "m.yaml")
    assert [(f.rule_id, f.line) for f in findings if f.severity != "info"] == [("shouting", 3)]
    assert all(text[f.start:f.end] == f.text for f in findings)
    assert linter.fix(text, format="yaml").text == text.replace("!!", "!")  # an exclamation keeps one mark


def test_an_html_comment_directive_in_a_json_body_is_honoured(linter):
    text = '{"body": "<!-- replylint: disable-line=calm-down -->Please calm down!!"}'
    assert {f.rule_id for f in linter.lint(text, "json")} == {"shouting"}
