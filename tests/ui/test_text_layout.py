"""The one Thai line breaker of the GUI: lines fit their width, explicit breaks stay, chosen words stay whole."""

from PySide6.QtGui import QFont, QFontMetricsF

from thaplan_desktop.ui.text_layout import wrap_lines

TITLE = "เสนอร่างแผนดำเนินงานต่อคณะกรรมการพัฒนาท้องถิ่น"


def _font(qapp, pixels=17):
    font = QFont(qapp.font())
    font.setPixelSize(pixels)
    return font


def test_lines_fit_and_explicit_breaks_stay(qapp):
    font = _font(qapp)
    text = "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านนายสมปอง\n\nหมู่ที่ 2"
    lines = wrap_lines(text, font, 120)
    assert lines[-2:] == ("", "หมู่ที่ 2")  # the empty line and the last paragraph, as typed
    assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")
    metrics = QFontMetricsF(font)
    assert all(metrics.horizontalAdvance(line) <= 120 for line in lines)


def test_a_word_wider_than_the_line_is_broken_where_it_must(qapp):
    font = _font(qapp)
    lines = wrap_lines("ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 3, font, 60)
    assert len(lines) > 1
    assert "".join(lines) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 3


def test_words_kept_whole_stay_on_one_line_when_they_fit(qapp):
    font = _font(qapp)
    words = ("ดำเนินงาน", "คณะกรรมการ", "ท้องถิ่น")
    metrics = QFontMetricsF(font)
    for width in (90, 110, 132, 172):
        lines = wrap_lines(TITLE, font, width, words)
        assert "".join(lines) == TITLE
        assert all(metrics.horizontalAdvance(line) <= width for line in lines)  # a word too wide is broken
        for word in (w for w in words if metrics.horizontalAdvance(w) <= width):
            assert any(word in line for line in lines), (width, word, lines)
