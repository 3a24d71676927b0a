from answerlint.engine.positions import LineIndex, Position


def test_utf16_columns_count_surrogate_pairs_and_cjk():
    text = "a😀b 顧客\nnext"
    lines = LineIndex(text)
    # 😀 is two UTF-16 units, so "b" is at column 3
    assert lines.position(text.index("b")) == Position(0, 3)
    assert lines.position(text.index("顧")) == Position(0, 5)
    assert lines.position(text.index("next")) == Position(1, 0)
    assert lines.offset(Position(0, 3)) == text.index("b")


def test_utf8_and_utf32_columns():
    text = "é😀x"
    lines = LineIndex(text)
    assert lines.position(text.index("x"), "utf-8") == Position(0, 6)
    assert lines.position(text.index("x"), "utf-32") == Position(0, 2)
    assert lines.offset(Position(0, 6), "utf-8") == 2


def test_crlf_and_lone_cr_are_line_breaks():
    text = "one\r\ntwo\rthree"
    lines = LineIndex(text)
    assert lines.position(text.index("two")) == Position(1, 0)
    assert lines.position(text.index("three")) == Position(2, 0)
    assert lines.line_end(0) == 3


def test_columns_past_the_line_end_clamp():
    lines = LineIndex("ab\ncd")
    assert lines.offset(Position(0, 99)) == 2
    assert lines.offset(Position(9, 0)) == 5
