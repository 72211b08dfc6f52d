"""Choosing and registering the document's font: TH Sarabun when installed, else the bundled Laksaman."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from thaplan_desktop.exporting.pdf.fonts import (
    FontNotFoundError,
    bundled_laksaman,
    find_th_sarabun,
    register_fonts,
    resolve_font_choice,
)
from thaplan_desktop.exporting.pdf.layout import TextStyle, Typesetter

WAREE = Path("/usr/share/fonts/truetype/tlwg/Waree.ttf")


def test_bundled_laksaman_is_there_with_its_licence() -> None:
    files = bundled_laksaman()
    assert files.regular.is_file()
    assert files.bold.is_file()
    licence = files.regular.parent / "LICENSE-Laksaman.txt"
    assert "Font exception" in licence.read_text(encoding="utf-8")


def test_installed_th_sarabun_is_preferred(tmp_path: Path) -> None:
    source = bundled_laksaman()
    shutil.copy(source.regular, tmp_path / "THSarabunNew.ttf")
    shutil.copy(source.bold, tmp_path / "THSarabunNew Bold.ttf")
    found = find_th_sarabun([tmp_path])
    assert found is not None
    assert found.family == "TH Sarabun New"
    assert found.bold.name == "THSarabunNew Bold.ttf"
    assert find_th_sarabun([tmp_path / "empty"]) is None


def test_font_setting_values(tmp_path: Path) -> None:
    assert resolve_font_choice("laksaman").family == "Laksaman"
    path = tmp_path / "Custom.ttf"
    shutil.copy(bundled_laksaman().regular, path)
    assert resolve_font_choice(str(path)).regular == path
    with pytest.raises(FontNotFoundError, match="ไม่พบไฟล์แบบอักษร"):
        resolve_font_choice(str(tmp_path / "missing.ttf"))


def test_registering_twice_gives_the_same_faces() -> None:
    assert register_fonts("laksaman") is register_fonts("laksaman")


@pytest.mark.skipif(not WAREE.is_file() or shutil.which("pdftotext") is None,
                    reason="needs fonts-tlwg-waree and poppler-utils")
def test_a_font_that_moves_marks_vertically_still_reads_back(tmp_path: Path) -> None:
    """Waree places some marks with vertical offsets (text rise in the PDF): the text is unchanged."""
    fonts = register_fonts(str(WAREE))
    ts = Typesetter(fonts)
    text = "ป่ำ ที่ ญู ฐุ กิ้ ป้ ผู้ใหญ่ น้ำ"
    assert any(run.rise for run in ts.single_line(text, 16).runs)
    pdf = tmp_path / "waree.pdf"
    canvas = Canvas(str(pdf), initialFontName=fonts.regular.name)
    lines = ts.lines(text, TextStyle(size=16), 500)
    ts.draw_lines(canvas, lines, 40, 780, 500, TextStyle(size=16))
    canvas.save()
    for mode in ([], ["-raw"]):
        out = subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
        assert out.strip() == text
