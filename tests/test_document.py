"""Source text → Document: what is prose, what is quoted, and offsets that point back at the source."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.document import _CODE, _INLINE_QUOTES, _URL, Document, Region, RegionIndex, from_plain_text


def test_quote_lines_are_removed_and_offsets_map_back():
    source = "Thanks, Ana.\n> You must CALM DOWN!!\nI've reset it."
    doc = from_plain_text(source)
    assert "CALM" not in doc.text
    i = doc.text.index("I've")
    assert source[doc.to_source(i):].startswith("I've reset it.")


def test_a_markdown_backslash_hard_break_is_markup_not_prose():
    """A line ending in a backslash (Markdown's hard break) ends its line's sentence; an escaped
    backslash and a shell continuation (a space before it) stay as written."""
    source = "Thanks for the patch!\\\nWe need one more test.\\\nrun make \\\nC:\\\\\nCheers"
    doc = from_plain_text(source)
    assert doc.text == "Thanks for the patch!\nWe need one more test.\nrun make \\\nC:\\\\\nCheers"
    i = doc.text.index("We need")
    assert source[doc.to_source(i):].startswith("We need")


def test_a_finding_stops_at_a_backslash_hard_break(linter):
    text = "We are stuck here because you didn't attach the crash log.\\\nPlease add it so we can dig in.\\\nCheers!"
    spans = [f.text for f in linter.lint(text) if f.rule_id == "blaming-you"]
    assert spans and all("\\" not in t and "Please" not in t for t in spans)


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


# -- large inputs: linear building, regions found by bisection ---------------------------------


KINDS = ("quote", "placeholder", "code", "url")
regions = st.lists(st.builds(lambda a, n, k: Region(a, a + n, k), st.integers(0, 60), st.integers(0, 12),
                             st.sampled_from(KINDS)), max_size=25)


@settings(max_examples=200, deadline=None)
@given(regions, st.integers(-2, 80), st.integers(0, 15), st.sets(st.sampled_from(KINDS), min_size=1))
def test_region_questions_answer_as_a_scan_of_every_region_would(found, start, length, kinds):
    """Overlapping regions, empty spans and empty regions included."""
    kinds, end = tuple(sorted(kinds)), start + length
    doc = Document("x" * 100, regions=found)
    scan = [r for r in sorted(found, key=lambda r: r.start) if r.kind in kinds and r.start < end and start < r.end]
    assert doc.in_region(start, end, kinds) == bool(scan)
    assert doc.regions_overlapping(start, end, kinds) == scan
    assert RegionIndex([r for r in found if r.kind in kinds]).overlaps(start, end) == bool(scan)


def test_the_region_index_follows_changes_to_the_regions():
    doc = Document("x" * 50)
    assert not doc.in_region(10, 12)
    doc.regions.append(Region(11, 20, "quote"))
    assert doc.in_region(10, 12) and not doc.in_region(10, 12, ("url",))
    doc.regions = [Region(30, 40, "url")]
    assert not doc.in_region(10, 12) and doc.in_region(35, 36, ("url",))


def _mark_regions_by_scanning(doc: Document) -> list[Region]:
    """mark_regions as it was: each match tested against every region taken before it (a
    quotation may hold template fields)."""
    taken = list(doc.regions)
    for pattern, kind in ((_CODE, "code"), (_URL, "url"), *((p, "quote") for p in _INLINE_QUOTES)):
        for m in pattern.finditer(doc.text):
            overlapping = [r for r in taken if r.start < m.end() and m.start() < r.end]
            if not overlapping or (kind == "quote" and all(
                    r.kind == "placeholder" and m.start() <= r.start and r.end <= m.end() for r in overlapping)):
                taken.append(Region(m.start(), m.end(), kind))
    return sorted(taken, key=lambda r: r.start)


PIECES = ('"', "'", "`", "```", "~~~", "\n", " ", "word", "it's", "“", "”", "‘", "’", "{{name}}", "[First Name]",
          "https://x.example/a", "www.y.example", ")", ".", "> ", "wrote:")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_mark_regions_finds_what_testing_every_region_found(pieces):
    source = "".join(pieces)
    doc = from_plain_text(source)
    unmarked = Document(source, regions=[r for r in doc.regions if r.kind == "placeholder"])
    unmarked.replace(0, len(source), doc.text)
    assert doc.regions == _mark_regions_by_scanning(unmarked)


def test_the_clean_text_is_built_from_pieces_and_read_at_any_time():
    source = "Hi {{name}}, thanks for waiting. " * 5
    doc = Document(source)
    for start in range(0, len(source), 7):
        end = min(len(source), start + 7)
        doc.copy(start, end)
        assert doc.length == end
        if start % 3 == 0:
            assert doc.text == source[:end]
    doc.copy_prose(0, len(source))
    assert doc.text == source + "Hi Sam, thanks for waiting. " * 5
    assert [doc.text[r.start:r.end] for r in doc.regions] == ["Sam"] * 5
