"""The PDF text layer gives back exactly the Thai that was set, however HarfBuzz reshaped the glyphs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from thaplan_desktop.exporting.pdf.fonts import register_fonts
from thaplan_desktop.exporting.pdf.layout import TextStyle, Typesetter

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

# Words whose marks HarfBuzz moves, swaps for low/left variants, reorders or decomposes (น้ำ: sara am).
HARD_WORDS = ["ที่", "ป่า", "ญี่ปุ่น", "ผู้ใหญ่", "ปั้น", "น้ำ", "ฟ้อ", "ฐาน", "ฎีกา", "ปิ่น", "ฝั่ง", "ป่ำ",
              "กี่ปี", "ป้ำ", "ฟื้น", "ปู่", "ฤๅษี", "เกี้ยะ", "ท้องถิ่น", "สุราษฎร์ธานี", "บ่อน้ำพุร้อน"]
LINES = [
    " ".join(HARD_WORDS[:9]),
    " ".join(HARD_WORDS[9:]),
    "งบประมาณ 250,000 บาท (ABC-123) ร้อยละ 12.50",
    "ผู้ใหญ่บ้านหมู่ที่ 4 ไม่ได้ดำเนินการตามโครงการพัฒนาท้องถิ่น",
]


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module", params=[False, True], ids=["regular", "bold"])
def pdf(request, tmp_path_factory) -> Path:
    fonts = register_fonts("laksaman")
    ts = Typesetter(fonts)
    path = tmp_path_factory.mktemp("layer") / "words.pdf"
    canvas = Canvas(str(path), initialFontName=fonts.regular.name)
    style = TextStyle(size=16, bold=request.param)
    y = 780.0
    for text in LINES:
        lines = ts.lines(text, style, 520)
        assert len(lines) == 1
        y = ts.draw_lines(canvas, lines, 40, y, 520, style) - 10
    canvas.save()
    return path


@pytest.mark.parametrize("mode", [[], ["-raw"]], ids=["layout", "raw"])
def test_pdftotext_gives_back_the_same_thai(pdf: Path, mode: list[str]) -> None:
    got = [line for line in _pdftotext(pdf, *mode).splitlines() if line.strip()]
    assert got == LINES


def test_no_replacement_characters(pdf: Path) -> None:
    assert "\ufffd" not in _pdftotext(pdf)


def test_every_word_is_found_by_search(pdf: Path) -> None:
    text = _pdftotext(pdf, "-raw")
    for word in HARD_WORDS:
        assert word in text, word


def test_fonts_are_embedded_subsets(pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert " yes yes yes " in row, row  # embedded, subset, has a ToUnicode map


def test_justified_lines_read_back_without_extra_spaces(tmp_path: Path) -> None:
    """Distributed justification opens the gaps between clusters a little; no space may appear there."""
    from thaplan_desktop.exporting.pdf.layout import Align

    fonts = register_fonts("laksaman")
    ts = Typesetter(fonts)
    text = ("องค์การบริหารส่วนตำบลท่าสะท้อน ได้จัดทำแผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563 "
            "ขึ้นตามระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
            "โดยจัดทำเป็นเอกสารที่ระบุแผนงานโครงการกิจกรรมการพัฒนาทั้งหมดที่จะดำเนินการในพื้นที่")
    style = TextStyle(size=16, align=Align.JUSTIFY)
    lines = ts.lines(text, style, 400)
    assert len(lines) >= 3
    pdf = tmp_path / "justified.pdf"
    canvas = Canvas(str(pdf), initialFontName=fonts.regular.name)
    ts.draw_lines(canvas, lines, 60, 780, 400, style)
    canvas.save()
    expected = ["".join(run.text for run in line.runs) for line in lines]
    for mode in ([], ["-raw"]):
        got = [ln for ln in _pdftotext(pdf, *mode).splitlines() if ln.strip()]
        assert got == expected
