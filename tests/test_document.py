"""Source text → Document: what is prose, what is quoted, and offsets that point back at the source."""
from __future__ import annotations

from replylint.document import from_plain_text


def test_quote_lines_are_removed_and_offsets_map_back():
    source = "Thanks, Ana.\n> You must CALM DOWN!!\nI've reset it."
    doc = from_plain_text(source)
    assert "CALM" not in doc.text
    i = doc.text.index("I've")
    assert source[doc.to_source(i):].startswith("I've reset it.")


def test_history_after_wrote_header_is_not_prose():
    source = "Fixed now.\n\nOn Mon, 3 May 2026, Sam wrote:\nthis is RIDICULOUS\n"
    doc = from_plain_text(source)
    assert "RIDICULOUS" not in doc.text


def test_inline_quotes_placeholders_code_and_urls_are_regions():
    source = ('You said the app "freaks out"; see `DO NOT TOUCH` at https://x.example/CAPS '
              'for {{ticket.id}} and [FIRST NAME] and <PROJECT NAME>.')
    doc = from_plain_text(source)
    kinds = {source[doc.to_source(r.start):doc.to_source(r.end, is_end=True)]: r.kind for r in doc.regions}
    assert kinds['"freaks out"'] == "quote"
    assert kinds["`DO NOT TOUCH`"] == "code"
    assert kinds["https://x.example/CAPS"] == "url"
    assert kinds["{{ticket.id}}"] == "placeholder"
    assert kinds["[FIRST NAME]"] == "placeholder"
    assert kinds["<PROJECT NAME>"] == "placeholder"
    assert doc.text.endswith("for Sam and Sam and Sam."), "a template field reads as a name to the parser"


def test_request_trackers_perl_template_fields_are_placeholders():
    source = "Someone at {$ENV{'REMOTE_ADDR'}} asked. Your new password is: {$NewPassword} or {$Ticket->id}."
    doc = from_plain_text(source)
    fields = [source[doc.to_source(r.start):doc.to_source(r.end, is_end=True)] for r in doc.regions
              if r.kind == "placeholder"]
    assert fields == ["{$ENV{'REMOTE_ADDR'}}", "{$NewPassword}", "{$Ticket->id}"]


def test_apostrophes_are_not_quotations():
    doc = from_plain_text("We didn't know the customers' invoices weren't sent.")
    assert doc.regions == []


def test_positions_are_one_based_and_count_crlf_as_one_line_break():
    source = "Hi,\r\nsecond line\r\nthird"
    doc = from_plain_text(source)
    assert doc.position(0) == (1, 1)
    assert doc.position(source.index("second")) == (2, 1)
    assert doc.position(source.index("third") + 2) == (3, 3)
