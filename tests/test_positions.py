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
