"""Markdown, HTML, YAML and JSON inputs: only the agent's prose is read, findings point at the
right line and column of the file, and template fields are opaque names."""
from __future__ import annotations

import pytest

from replylint import ReplylintError
from replylint.formats import documents_for, sniff

from .conftest import SHARED


def located(linter, name, text, rule_id):
    return [(f.line, f.column, f.text) for f in linter.lint(text, "auto", name) if f.rule_id == rule_id]


MARKDOWN = """---
title: CALM DOWN macro
---
# Refund status

Hi {{ticket.requester.first_name}}, please [see the FAQ](https://x.example/CALM-DOWN "calm down") and
run `calm down --now` first. Obviously the refund is on its way.

> You told me to calm down!!

```
DO NOT EDIT: calm down
```
<!-- Relax, this comment is not prose -->
"""


def test_markdown_reads_only_prose_and_keeps_positions(linter):
    findings = [f for f in linter.lint(MARKDOWN, "auto", "macro.md") if f.severity != "info"]
    assert [(f.rule_id, f.line, f.column, f.text) for f in findings] == [
        ("condescending", 7, 30, "Obviously")]


def test_markdown_link_text_and_emphasis_are_prose(linter):
    text = "Please **calm down** and read [the status page](https://status.example).\n"
    assert located(linter, "a.md", text, "calm-down") == [(1, 10, "calm down")]


@pytest.mark.parametrize("text", [
    "See [the docs](https://exämple.com/a%20b?x=ü) and <https://例え.jp/パス>. Obviously it works.\n",
    "[x](javascript:alert(1)) is no link, [y](<a b.png>) is. Obviously.\n",
    "<mailto:a@b.example> and [r][ref]. Obviously.\n\n[ref]: http://x.example/%zz\n",
])
def test_markdown_link_targets_are_read_as_commonmark_reads_them(text):
    """Link targets are not normalized (their href is never read), so the Document must be the
    one an unmodified CommonMark parser gives, valid and invalid links alike."""
    from markdown_it import MarkdownIt

    from replylint.formats import markdown

    def document(t):
        d = markdown.from_markdown(t)
        return d.text, [(r.kind, r.start, r.end) for r in d.regions], [d.to_source(i) for i in range(len(d.text) + 1)]

    ours = document(text)
    unmodified = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    original, markdown._parser = markdown._parser, lambda: unmodified
    try:
        assert ours == document(text)
    finally:
        markdown._parser = original


HTML = """<html><head><style>p { content: "CALM DOWN"; }</style><script>var x = "RELAX!!";</script></head>
<body><p>Hi {{name}},</p>
<p>We&rsquo;re on it &amp; <b>obviously</b> the export will include every row.</p>
<blockquote>You said: please calm down</blockquote>
<div class="gmail_quote">On Monday you wrote: I'm FURIOUS!!</div>
<p title="Relax">Thanks, <a href="https://x.example/RELAX">the team</a></p></body></html>
"""


def test_html_skips_markup_entities_scripts_and_quoted_history(linter):
    findings = linter.lint(HTML, "auto", "template.html")
    assert [(f.rule_id, f.line, f.column, f.text) for f in findings] == [
        ("condescending", 3, 31, "obviously")]


def test_html_in_a_txt_file_is_read_as_html():
    assert sniff("macro.txt", "<p>Hello</p><p>Thanks for writing.</p>") == "html"
    assert sniff("macro.txt", "Thanks for the report, we will <3 it") == "text"


YAML = """# saved replies
macros:
  - title: Late refund
    body: |
      Hi {{ticket.requester.first_name}},

      Please calm down. The refund left on Monday.
  - title: Escaped
    body: "Sorry for the wait.\\nYou didn't back up the file."
  - title: Zendesk macro
    actions:
      - field: status
        value: "Relax, this is a status value"
      - field: comment_value_html
        value: "<p>Obviously the export &amp; import failed.</p>"
"""


def test_yaml_collection_finds_bodies_and_points_inside_the_file(linter):
    found = [(f.rule_id, f.line, f.column, f.text) for f in linter.lint(YAML, "auto", "macros.yaml")]
    assert ("calm-down", 7, 14, "calm down") in found
    assert ("blaming-you", 9, 33, "You didn't back up the file") in found
    assert ("condescending", 15, 20, "Obviously") in found
    assert not [f for f in found if f[1] == 13], "a Zendesk action that is not a comment is not a reply"


JSON = """{"canned_responses": [
  {"title": "Router", "content_html": "<p>Hi {{name}},</p><p>Just restart the router!!</p>"},
  {"title": "Refusal", "content": "I can't help you with that.\\nI\\u2019ll get back to you soon."}
]}
"""


def test_json_collection_escapes_and_html_bodies(linter):
    found = [(f.rule_id, f.line, f.column, f.text) for f in linter.lint(JSON, "auto", "canned.json")]
    assert ("condescending", 2, 62, "Just") in found
    assert ("shouting", 2, 85, "!!") in found
    assert ("cant-help", 3, 38, "can't help") in found
    assert ("vague-promise", 3, 65, "I\\u2019ll get back to you soon") in found


def test_body_keys_are_configurable():
    text = '{"replies": {"refund": {"message_text": "Please calm down."}, "title": "Relax"}}'
    assert documents_for("r.json", text) == []
    [doc] = documents_for("r.json", text, body_keys=["replies.*.message_text"])
    assert doc.text == "Please calm down."


@pytest.mark.parametrize("name,text,line", [
    ("bad.yaml", "macros:\n  - body: [unclosed\n", 3),
    ("bad.json", '{"body": "ok",\n "content": oops}\n', 2),
])
def test_broken_collections_are_one_line_errors(name, text, line):
    with pytest.raises(ReplylintError) as info:
        documents_for(name, text)
    assert info.value.line == line and "\n" not in str(info.value)


def test_placeholders_read_as_names_and_are_never_flagged_or_edited(linter):
    text = "Hi {{ticket.requester.first_name}}, please CALM DOWN. {% if vip %}We'll call you soon.{% endif %}"
    findings = linter.lint(text)
    assert {f.rule_id for f in findings} >= {"calm-down", "shouting", "vague-promise"}
    for f in findings:
        assert "{" not in f.text and "}" not in f.text
    fixed = linter.fix(text, unsafe=True).text
    assert "{{ticket.requester.first_name}}" in fixed and "{% if vip %}" in fixed and "{% endif %}" in fixed


REAL = SHARED / "corpus" / "real"


@pytest.mark.skipif(not REAL.exists(), reason="../shared/corpus is not beside this checkout")
def test_real_templates_lint_and_fix_without_touching_a_placeholder(linter):
    from replylint.document import PLACEHOLDER
    from replylint.sources import expand_paths, read_source

    checked = 0
    for path, _ in expand_paths([str(REAL)]):
        text = read_source(path).text
        fields = sorted(m.group(0) for m in PLACEHOLDER.finditer(text))
        for f in linter.lint(text, "auto", path):
            assert text[f.start:f.end] == f.text
            assert not any(m.start() < f.end and f.start < m.end() and not (f.start <= m.start() and m.end() <= f.end)
                           for m in PLACEHOLDER.finditer(text)), (path, f.text)
        if fields:
            fixed = linter.fix(text, unsafe=True, format="auto", name=path).text
            assert sorted(m.group(0) for m in PLACEHOLDER.finditer(fixed)) == fields, path
        checked += 1
    assert checked > 500
