"""The printed plan's texts read into formatted text and written back in the exporter's markup, unchanged."""

import pytest
from PySide6.QtGui import QTextDocument

from thaplan_desktop.exporting.pdf.texts import default_text
from thaplan_desktop.ui.document.markup import Kind, block_kind, normalised, read_markup, write_markup


def _round(markup):
    document = QTextDocument()
    read_markup(document, markup)
    return document, write_markup(document)


@pytest.mark.parametrize("name", ["preface_default", "intro_template", "announcement_template"])
def test_every_default_text_comes_back_line_for_line(qapp, name):
    text = default_text(name)
    _document, written = _round(text)
    assert written == normalised(text)


def test_each_line_is_a_block_of_its_kind(qapp):
    document, _written = _round("# ชื่อ\n## หัวข้อ\n### ย่อย\n1. ข้อหนึ่ง\n2. ข้อสอง\n- เยื้อง\n> ลงนาม\n= วันที่\n---\n"
                                "[แผนภูมิ]\nย่อหน้า")
    kinds = []
    block = document.begin()
    while block.isValid():
        kinds.append(block_kind(block))
        block = block.next()
    assert kinds == [Kind.TITLE, Kind.HEADING, Kind.SUBHEADING, Kind.NUMBERED, Kind.NUMBERED, Kind.INDENTED,
                     Kind.SIGNATURE, Kind.SET_IN, Kind.RULE, Kind.BODY, Kind.BODY]
    assert document.toPlainText().split("\n")[3] == "ข้อหนึ่ง"  # the number is the list's, not typed text


def test_braces_the_officer_types_stay_braces_in_print(qapp):
    from thaplan_desktop.exporting.pdf.texts import fill

    _document, written = _round("ราคา {{ไม่ใช่ช่อง}} ของ{org} และ {ไม่รู้จัก}\n")
    assert written == "ราคา {{ไม่ใช่ช่อง}} ของ{org} และ {{ไม่รู้จัก}}\n"
    assert fill(written, {"org": "อบต.ท่าสะท้อน"}) == "ราคา {ไม่ใช่ช่อง} ของอบต.ท่าสะท้อน และ {ไม่รู้จัก}\n"


def test_numbering_follows_the_list(qapp):
    _document, written = _round("1. ก\n7. ข\n\n๑. ค\n")
    assert written == "1. ก\n2. ข\n\n1. ค\n"
