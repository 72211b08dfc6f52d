"""ช่วยเหลือ → คู่มือการใช้งาน: the Thai guide inside the app, printable, with pictures a script keeps current."""

import os
import subprocess
import sys

import pytest
from guihelp import settle
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from thaplan_desktop.ui.help import screenshots
from thaplan_desktop.ui.help.guide import GuideWindow, guide_folder, guide_text, pictures, sections
from thaplan_desktop.ui.viewer.window import PdfWindow

REQUIRED = {  # the parts an officer needs, the yearly cycle's five stages, then the year in use, in order
    2: ["1. เริ่มต้นใช้งาน", "2. วงรอบการจัดทำแผนประจำปี", "3. ติดตามผลการดำเนินงานระหว่างปี",
        "4. การนำเข้าไฟล์ Excel ของกอง", "5. การสำรองและกู้คืนข้อมูล",
        "6. ใช้แผนร่วมกันหลายคนผ่านเซิร์ฟเวอร์ของสำนักงาน"],
    3: ["รวบรวมโครงการ", "จัดทำร่างแผน", "เสนอคณะกรรมการ", "ประกาศใช้", "ติดตามระหว่างปี",
        "แท็บติดตามผล", "ส่งแบบรายงานผลให้หน่วยงานและนำเข้าผล", "รายงานผลการติดตามและประเมินผล",
        "ปฏิทินการทำงาน", "ภาพรวม", "แผนการจัดซื้อจัดจ้าง"],
}


def _letters(text):
    """Text without spaces and Thai marks above or below the line (Qt writes some as the font's own codes)."""
    text = text.replace("\u0e33", "\u0e32")  # sara am is written as nikhahit + sara aa
    marks = {"\u0e31", *map(chr, range(0x0E34, 0x0E3B)), *map(chr, range(0x0E47, 0x0E4F))}
    return "".join(c for c in text if not c.isspace() and c not in marks and not "\uf700" <= c <= "\uf71f")


def _guide(window, qtbot):
    window.action_by_id["guide"].trigger()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, GuideWindow) and w.isVisible()]
    assert shown, "the Help menu opens the guide"
    return shown[0]


def test_the_help_menu_shows_the_guide_with_its_parts_and_pictures(window, qtbot):
    guide = _guide(window, qtbot)
    headings = sections(guide_text())
    for level, wanted in REQUIRED.items():
        found = [title for lvl, title in headings if lvl == level]
        assert [t for t in found if t in wanted] == wanted
    listed = [guide.contents.item(i).text().strip() for i in range(guide.contents.count())]
    assert listed == [title for _level, title in headings]
    guide.resize(1100, 800)
    guide.contents.setCurrentRow(listed.index("5. การสำรองและกู้คืนข้อมูล"))
    assert guide.browser.verticalScrollBar().value() > 0
    assert guide.browser.textCursor().block().text() == "5. การสำรองและกู้คืนข้อมูล"
    document = guide.browser.document()
    for picture in pictures(guide_text()):
        loaded = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture))  # found by the text
        assert loaded is not None, picture
        assert not loaded.isNull(), picture
    assert "{" not in guide.browser.toPlainText()
    guide.close()


def test_the_guide_prints_on_a4_pages(window, qtbot):
    guide = _guide(window, qtbot)
    guide.print_button.click()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfWindow) and w.isVisible()]
    assert shown
    viewer = shown[0]
    assert viewer.page_count() >= 5
    assert viewer.save_button.isVisible()
    text = subprocess.run(["pdftotext", str(viewer.path), "-"], capture_output=True, text=True, check=True).stdout
    for title in REQUIRED[2] + REQUIRED[3]:
        assert _letters(title) in _letters(text), title
    info = subprocess.run(["pdfinfo", str(viewer.path)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89" in info or "595 x 842" in info  # A4
    viewer.close()
    guide.close()
    settle(qtbot, window)


def test_the_guide_shows_only_pictures_the_script_makes():
    shown = set(pictures(guide_text()))
    assert shown == {f"images/{name}" for name in screenshots.PICTURES}
    committed = {f"images/{p.name}" for p in (guide_folder() / "images").glob("*.png")}
    assert committed == shown


@pytest.mark.slow
def test_the_screenshot_script_makes_every_picture_from_the_demo(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    (tmp_path / "scratch").mkdir()  # its own: another suite running beside this one empties the default
    done = subprocess.run([sys.executable, "-m", "thaplan_desktop.ui.help.screenshots", "--out", str(tmp_path),
                           "--scratch", str(tmp_path / "scratch")],
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    window_pictures = {"window.png", "procedure.png", "tracking.png", "calendar.png", "dashboard.png",
                       "procurement.png", "empty-plan.png"}  # the main window; the others are dialogs
    for name in screenshots.PICTURES:
        image = QImage(str(tmp_path / name))
        assert not image.isNull(), name
        least = (1000, 600) if name in window_pictures else (400, 200)
        assert image.width() >= least[0], name
        assert image.height() >= least[1], name
