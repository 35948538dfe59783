"""positions.Utf16Offsets against Python's own UTF-16 encoder, on text with astral characters."""
from hypothesis import assume, given
from hypothesis import strategies as st

from replylint.positions import Utf16Offsets, utf16_length

TEXT = st.text(alphabet=st.sampled_from(["a", "é", "😀", "𝔉", "\n", "\r", " ", "中"]), max_size=40)


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(TEXT, st.data())
def test_offset_counts_utf16_code_units(text, data):
    i = data.draw(st.integers(0, len(text)))
    offsets = Utf16Offsets(text)
    assert offsets.offset(i) == units(text[:i])
    assert offsets.index(offsets.offset(i)) == i
    assert utf16_length(text) == units(text)


@given(TEXT, st.data())
def test_position_is_line_and_utf16_character(text, data):
    i = data.draw(st.integers(0, len(text)))
    assume(not text[i - 1:i + 1] == "\r\n")  # the middle of one line break is no position
    line, character = Utf16Offsets(text).position(i)
    lines = text[:i].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert (line, character) == (len(lines) - 1, units(lines[-1]))


def test_an_emoji_before_a_span_shifts_it_by_one_unit():
    text = "👋 Please calm down."
    start = text.index("calm")
    offsets = Utf16Offsets(text)
    assert offsets.offset(start) == start + 1
    assert offsets.position(start) == (0, start + 1)


@given(TEXT, st.data())
def test_at_inverts_position(text, data):
    """An LSP position sent by an editor (a cursor, a code action's range) lands on the code
    point replylint's findings count."""
    i = data.draw(st.integers(0, len(text)))
    assume(not text[i - 1:i + 1] == "\r\n")
    offsets = Utf16Offsets(text)
    assert offsets.at(*offsets.position(i)) == i


def test_at_clamps_past_the_line_and_past_the_text():
    """LSP asks that a character past a line's end mean the line's end, and a line past the last
    the document's end."""
    offsets = Utf16Offsets("ab😀\r\ncd")
    assert offsets.at(0, 99) == 3        # before the "\r\n", not inside it
    assert offsets.at(0, 3) == 2         # the middle of the emoji's pair: the emoji
    assert offsets.at(1, 1) == 6
    assert offsets.at(7, 0) == 7
    assert offsets.line_span(1) == (5, 7)
