""".eml files (RFC 5322, read with the standard library's `email` package): the reply is the
text/plain part (or text/html), findings point at the file's line and column, directory scans,
the server and the hooks pick the format up, and `fix` edits only a body that is in the file
verbatim, leaving every header and every other part byte for byte as it was."""
from __future__ import annotations

import base64
from email import policy
from email.message import EmailMessage
from email.parser import Parser

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.cli import main
from replylint.findings import Edit
from replylint.formats import documents_for, sniff

from .served import plain, service_client

MULTIPART = (
    "From: Support <help@shop.example>\r\n"
    "To: sam@example.com\r\n"
    "Subject: Re: please calm down about the refund\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/mixed; boundary="outer"\r\n'
    "\r\n"
    "This is a multi-part message in MIME format. Obviously.\r\n"
    "--outer\r\n"
    'Content-Type: multipart/alternative; boundary="inner"\r\n'
    "\r\n"
    "--inner\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Hi Sam,\r\n"
    "\r\n"
    "Obviously the café export failed. Please do NOT restart it.\r\n"
    "\r\n"
    "On Mon, 3 May 2024 at 09:00, Sam <sam@example.com> wrote:\r\n"
    "> Calm down? Obviously I am calm.\r\n"
    "--inner\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "<p>Hi Sam,</p><p>Obviously the caf&eacute; export failed. Please do NOT restart it.</p>\r\n"
    "--inner--\r\n"
    "\r\n"
    "--outer\r\n"
    "Content-Type: text/plain; name=notes.txt\r\n"
    "Content-Disposition: attachment; filename=notes.txt\r\n"
    "\r\n"
    "Obviously, calm down. This attachment is not the reply.\r\n"
    "--outer--\r\n"
)


def located(findings, rule_id):
    return [(f.line, f.column, f.text) for f in findings if f.rule_id == rule_id]


def test_the_plain_part_is_the_reply_and_findings_point_into_the_file(linter):
    findings = linter.lint(MULTIPART, "auto", "reply.eml")
    assert located(findings, "condescending") == [(17, 1, "Obviously")]
    assert located(findings, "shouting") == [(17, 45, "NOT")]
    assert not located(findings, "calm-down")  # the subject, the quoted history and the attachment are not prose
    for f in findings:
        assert MULTIPART[f.start:f.end] == f.text


def test_a_message_with_only_html_is_read_as_html(linter):
    text = ("Subject: refund\nContent-Type: text/html; charset=us-ascii\n\n"
            "<div class=\"x\">Obviously the <b>export</b> failed.</div>\n"
            "<blockquote>Obviously you are wrong</blockquote>\n")
    assert located(linter.lint(text, "eml"), "condescending") == [(4, 16, "Obviously")]


def test_a_message_without_a_text_body_has_no_reply(linter):
    text = "Subject: calm down\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n"
    assert documents_for("invoice.eml", text) == []
    assert linter.lint(text, "auto", "invoice.eml") == []


def test_a_directory_scan_checks_eml_files(tmp_path):
    """Reproducer (issue 14): the scan checked 0 files and exited 0."""
    (tmp_path / "reply.eml").write_text("Subject: x\n\nPlease calm down, we are on it.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{tmp_path / 'reply.eml'}:3:8: error calm-down" in result.output
    assert "in 1 file checked" in result.output


def test_the_server_takes_the_eml_format(linter):
    """Reproducer (issue 14): the server answered 400, '"format" must be one of ...'."""
    with service_client(linter) as client:
        response = client.post("/v1/lint", json={"text": MULTIPART, "format": "eml"})
    assert response.status_code == 200
    assert plain(response.json()["findings"]) == [f.to_dict() for f in linter.lint(MULTIPART, "eml")]


def test_fix_edits_the_plain_part_and_nothing_else(linter):
    fixed = linter.fix(MULTIPART, format="auto", name="reply.eml").text
    assert fixed == MULTIPART.replace("Obviously the café export failed. Please do NOT restart it.\r\n",
                                      "The café export failed. Please do not restart it.\r\n", 1)


def _message(body: str, cte: str, html: str | None = None, attachment: bool = False, linesep: str = "\n") -> str:
    message = EmailMessage(policy=policy.default.clone(linesep=linesep))
    message["From"] = "help@shop.example"
    message["Subject"] = "Re: calm down"
    message.set_content(body, cte=cte)
    if html is not None:
        message.add_alternative(html, subtype="html")
    if attachment:
        message.add_attachment("Obviously, calm down.\n", filename="notes.txt")
    return message.as_string()


def _parts(text: str) -> list[tuple[list, object]]:
    """Every part of a message: its headers and its raw payload (None for a multipart)."""
    message = Parser(policy=policy.default).parsestr(text)
    return [(p.items(), None if p.is_multipart() else p.get_payload()) for p in message.walk()]


SENTENCES = ("Obviously the export failed.", "Please do NOT restart it.", "Check your inbox!!", "Thanks for waiting.",
             "Please calm down.", "> Obviously quoted.", "We have rerun the export for you.")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), st.sampled_from(["7bit", "8bit"]),
       st.booleans(), st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_a_verbatim_body_lints_and_fixes_as_the_same_text_would_alone(linter, sentences, cte, html, attachment,
                                                                        linesep):
    body = linesep.join(sentences) + linesep
    text = _message(body, cte, "<p>Obviously.</p>" if html else None, attachment, linesep)
    start = text.index(body)
    alone = linter.lint(body)
    assert [(f.rule_id, f.start + start, f.end + start) for f in alone] == \
        [(f.rule_id, f.start, f.end) for f in linter.lint(text, "eml")]
    fixed_body = linter.fix(body).text
    fixed = linter.fix(text, format="eml").text
    assert fixed == text[:start] + fixed_body + text[start + len(body):]
    before, after = _parts(text), _parts(fixed)  # and it still reads as the same message, but for the reply
    reply = next(i for i, (_, payload) in enumerate(before) if payload == body)
    assert after[reply] == (before[reply][0], fixed_body)
    assert after[:reply] + after[reply + 1:] == before[:reply] + before[reply + 1:]


@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
def test_an_encoded_body_is_linted_on_its_line_and_never_edited(linter, cte):
    body = "Hi Sam,\n\n" + "Thank you for writing to us today about your order.\n" * 3 + \
        "Obviously the café export failed.\nPlease do NOT restart it.\n"
    text = _message(body, cte)
    findings = linter.lint(text, "eml")
    assert {"condescending", "shouting"} <= {f.rule_id for f in findings}
    lines = text.splitlines()
    flagged = {"condescending": "Obviously", "shouting": "NOT"}
    for f in findings:
        assert not f.edits
        if cte == "quoted-printable":  # the encoded text is the text itself, =C3=A9 and soft breaks aside
            assert text[f.start:f.end] == f.text
        elif f.rule_id in flagged:  # the encoded lines holding the bytes of its line (76 characters: whole quads)
            held = b"".join(base64.b64decode(line) for line in lines[f.line - 1:f.end_line])
            assert f.line > 5 and flagged[f.rule_id].encode("utf-8") in held
    assert linter.fix(text, format="eml").text == text


def test_edits_of_a_verbatim_body_stay_inside_it_and_as_its_encoding_allows():
    def encoder(cte, charset="utf-8"):
        text = f"Subject: x\nContent-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {cte}\n\n" \
               "Obviously the export failed.\n"
        doc, = documents_for("r.eml", text)
        return text.index("Obviously"), doc.encoder

    def edit(start, end, replacement):
        return Edit(start, end, replacement, "safe", False, "test")

    at, encode = encoder("8bit")
    assert encode(edit(at, at + 10, "")) == edit(at, at + 10, "")
    assert encode(edit(at, at + 9, "Clearly — ")) == edit(at, at + 9, "Clearly — ")  # 8bit UTF-8 holds any text
    assert encode(edit(at, at + 9, "Clearly\nX")) is None  # a line break could start a header or a boundary
    assert encode(edit(0, 3, "")) is None  # the headers are never edited
    for cte, charset in (("7bit", "utf-8"), ("8bit", "iso-8859-1")):
        at, encode = encoder(cte, charset)
        assert encode(edit(at, at + 9, "Clearly — ")) is None
        assert encode(edit(at, at + 9, "Clearly")) == edit(at, at + 9, "Clearly")


def test_eml_is_found_by_its_suffix_only():
    assert sniff("Reply.EML", "Subject: x\n\nHello") == "eml"
    assert sniff("reply.txt", "Subject: x\n\nHello") == "text"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "Content-Type: multipart/mixed; boundary=B\n", 'Content-Type: multipart/alternative; boundary="C"\n',
    "Content-Type: text/plain\n", "Content-Type: text/html; charset=x-unknown\n", "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: quoted-printable\n", "Content-Type: message/rfc822\n", "Content-Disposition: attachment\n",
    "\n", "\r\n", "\r", "--B\n", "--B--\n", "--C \r\n", "--C--\n", "Please calm down.\n", "=C3=A9=\n", "aGVsbG8=\n",
    "<p>Obviously</p>\n", " folded\n", ": x\n", "From x\n", "é", "\x00"]), max_size=30).map("".join))
def test_any_message_is_read_without_an_error_and_maps_inside_the_file(text):
    for doc in documents_for("reply.eml", text):
        assert all(0 <= doc.to_source(i) <= len(text) for i in range(len(doc.text) + 1))
