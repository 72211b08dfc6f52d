"""The PDF, Excel and import screens driven from the main window on the demo plan (offscreen, no real dialogs).

QFileDialog's static methods return paths in tmp_path; handing a file to another program only records;
waiting is done with qtbot.waitUntil / waitSignal on the window's worker, never with sleeps. A PDF opens in
ThaPlan's own viewer; a workbook is announced with buttons to open it or its folder.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from guihelp import import_preview, settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from sample_files import expected as expected_preview
from sample_files import sample, sample_workbooks

from thaplan_desktop.workspace import ProjectFields

SAMPLE = sample("tapan_samnakpalad_pd02.xlsx")


@pytest.fixture
def opened(monkeypatch):
    """Record the files handed to another program (none is ever opened unasked)."""
    from thaplan_desktop.ui import prompts
    from thaplan_desktop.ui.viewer import window as viewer

    paths = []

    def hand(path):
        paths.append(Path(path))
        return True
    monkeypatch.setattr(prompts, "open_with_system", hand)
    monkeypatch.setattr(viewer, "open_with_system", hand)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: paths.append(url) or True))
    return paths


def viewer_of(path):
    """The PDF viewer window showing ``path``, or None."""
    from thaplan_desktop.ui.viewer.window import PdfWindow

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfWindow) and w.isVisible()
             and w.path == Path(path)]
    return shown[0] if shown else None


def written_box():
    """The message that says a file was written, or None."""
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
             and any(b.text() == "เปิดโฟลเดอร์" for b in w.buttons())]
    return shown[0] if shown else None


@pytest.fixture
def no_message_boxes(monkeypatch):
    """Fail on a blocking message box instead of hanging, and on any message box left showing."""
    def boom(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[2] if len(args) > 2 else args}")
    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(boom))
    yield
    shown = [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert not shown, f"message boxes left: {shown}"


def save_to(monkeypatch, path: Path) -> list:
    asked = []

    def fake(parent, caption, directory, file_filter, *args, **kwargs):
        asked.append(directory)
        return str(path), file_filter
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_pdf_menu_entry_writes_pdf_and_shows_it_inside_the_app(window, qtbot, tmp_path, monkeypatch, opened,
                                                                no_message_boxes):
    target = tmp_path / "out" / "plan.pdf"
    asked = save_to(monkeypatch, target)
    window.action_by_id["export_pdf"].trigger()  # the menu entry
    qtbot.waitUntil(lambda: viewer_of(target) is not None, timeout=60000)
    settle(qtbot, window)
    assert asked
    assert asked[0].endswith("แผนการดำเนินงาน 2563.pdf")
    assert target.read_bytes()[:4] == b"%PDF"
    viewer = viewer_of(target)
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert viewer.page_count() == pages > 10
    assert opened == []  # no outside program unless asked
    viewer.next_button.click()
    assert viewer.current_page() == 1
    assert viewer.page_spin.value() == 2
    viewer.other_button.click()  # "open in another program"
    assert opened == [target]
    assert str(target) in viewer.note.text()
    qtbot.waitUntil(lambda: "plan.pdf" in window.statusBar().currentMessage(), timeout=5000)
    assert not list(target.parent.glob(".thaplan-*"))
    viewer.close()


def test_without_a_pdf_program_the_viewer_says_so(window, qtbot, tmp_path, monkeypatch, no_message_boxes):
    from thaplan_desktop.ui.viewer import window as viewer_module

    monkeypatch.setattr(viewer_module, "open_with_system", lambda path: False)
    target = tmp_path / "plan.pdf"
    save_to(monkeypatch, target)
    window.action_by_id["export_pdf"].trigger()
    qtbot.waitUntil(lambda: viewer_of(target) is not None, timeout=60000)
    settle(qtbot, window)
    viewer = viewer_of(target)
    assert not viewer.open_elsewhere()
    assert viewer.note.text().startswith("เครื่องนี้ไม่มีโปรแกรมสำหรับเปิดไฟล์ PDF")
    viewer.close()


def test_the_plan_is_previewed_before_it_is_saved(window, qtbot, tmp_path, monkeypatch, opened, no_message_boxes):
    from thaplan_desktop.ui.viewer.window import PdfWindow

    window.action_by_id["preview_pdf"].trigger()

    def preview():
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfWindow) and w.isVisible()]
        return shown[0] if shown else None
    qtbot.waitUntil(lambda: preview() is not None, timeout=60000)
    settle(qtbot, window)
    shown = preview()
    assert shown.windowTitle().startswith("ตัวอย่างเอกสาร")
    assert shown.page_count() > 10
    assert shown.save_button.isVisible()
    temporary = shown.path
    assert temporary.exists()
    target = tmp_path / "kept.pdf"
    asked = save_to(monkeypatch, target)
    assert shown.save_copy() == target
    assert asked[0].endswith("แผนการดำเนินงาน 2563.pdf")
    assert target.read_bytes() == temporary.read_bytes()
    shown.close()
    assert not temporary.exists()  # the preview's temporary folder goes with its window
    assert target.exists()


@pytest.mark.parametrize("when", ["before", "during"])
def test_pdf_cancel_leaves_no_file(window, qtbot, tmp_path, monkeypatch, opened, no_message_boxes, when):
    from thaplan_desktop.ui.exporting import pdf

    target = tmp_path / "cancelled.pdf"
    save_to(monkeypatch, target)
    reached = []
    if when == "during":
        # Cancelled from the worker itself at 2 % (a direct connection): the export is far along, not finished.
        def at_two_percent(job, value, _maximum, _text):
            if value >= 20:
                reached.append(value)
                job.cancel()
        window.runner.job_progress.connect(at_two_percent, Qt.ConnectionType.DirectConnection)
    task = pdf.run(window.context)
    if when == "before":
        task.dialog.canceled.emit()  # the progress dialog's ยกเลิก button
    qtbot.waitUntil(lambda: "ยกเลิก" in window.statusBar().currentMessage(), timeout=60000)
    settle(qtbot, window)
    assert (when == "during") == bool(reached)
    assert not target.exists()
    assert not list(tmp_path.glob(".thaplan-*"))
    assert opened == []
    if when == "during":
        window.runner.job_progress.disconnect(at_two_percent)


def test_excel_menu_entry_writes_workbook(window, qtbot, tmp_path, monkeypatch, opened, no_message_boxes):
    import openpyxl

    target = tmp_path / "forms.xlsx"
    save_to(monkeypatch, target)
    window.action_by_id["export_excel"].trigger()
    qtbot.waitUntil(lambda: written_box() is not None, timeout=60000)
    settle(qtbot, window)
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[:2] == ["ผด.01", "ผด.02"]
    assert opened == []  # said, not opened unasked
    box = written_box()
    assert str(target) in box.text()
    next(b for b in box.buttons() if b.text() == "เปิดไฟล์").click()
    assert opened == [target]


def test_template_for_a_unit(window, qtbot, tmp_path, monkeypatch, opened, no_message_boxes):
    import openpyxl

    from thaplan_desktop.ui.exporting import excel

    target = tmp_path / "template.xlsx"
    save_to(monkeypatch, target)
    excel.run_template(window.context, unit="กองช่าง")
    qtbot.waitUntil(lambda: written_box() is not None, timeout=60000)
    settle(qtbot, window)
    next(b for b in written_box().buttons() if b.text() == "เปิดโฟลเดอร์").click()
    assert opened == [target.parent]
    workbook = openpyxl.load_workbook(target)
    assert "ผด.02" in workbook.sheetnames


def create_undecided(dialog, qtbot):
    """The officer's "สร้างใหม่" for every near-miss name still waiting (the samples come from other offices,
    whose strategies only resemble the demo's): the rows go in as the files write them."""
    while dialog.names.undecided():
        with qtbot.waitSignal(dialog.filing_changed, timeout=30000):
            dialog.names.choose(dialog.names.undecided()[0].key, None)


def test_import_adds_projects_and_one_undo_removes_them(window, qtbot, monkeypatch, no_message_boxes):
    expected = len(expected_preview(SAMPLE)["projects"])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(SAMPLE)], "")))
    before = len(window.state.projects)
    window.action_by_id["import_excel"].trigger()
    dialog = import_preview(window, qtbot)
    assert dialog.table.rowCount() == expected
    assert len(dialog.plan.to_write) == expected
    assert not dialog.import_button.isEnabled()  # a near-miss strategy waits for the officer
    create_undecided(dialog, qtbot)
    if dialog.needs_confirmation:
        assert not dialog.import_button.isEnabled()  # creation must be confirmed first
        dialog.confirm_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        dialog.import_button.click()
    settle(qtbot, window)
    assert len(window.state.projects) == before + expected
    summary = window.findChild(QMessageBox, "import_summary")
    assert summary is not None
    assert f"เพิ่ม {expected} รายการ" in summary.text()
    summary.close()

    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        window.session.undo()
    settle(qtbot, window)
    assert len(window.state.projects) == before


def test_import_twice_skips_duplicates_and_drop_handler(window, qtbot, monkeypatch, no_message_boxes):
    from thaplan_desktop.importing.apply import Duplicates
    from thaplan_desktop.ui.importing.controller import import_dropped, supported

    assert supported([SAMPLE, "notes.txt"]) == [SAMPLE]
    assert not supported(["notes.txt"])
    assert import_dropped(window.context, ["notes.txt"]) is None
    before = len(window.state.projects)
    import_dropped(window.context, [SAMPLE])
    dialog = import_preview(window, qtbot)
    create_undecided(dialog, qtbot)
    dialog.confirm_check.setChecked(True)
    count = len(dialog.plan.to_write)
    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        dialog.import_button.click()
    settle(qtbot, window)
    window.findChild(QMessageBox, "import_summary").close()
    assert len(window.state.projects) == before + count

    import_dropped(window.context, [SAMPLE])
    dialog = import_preview(window, qtbot)
    assert len(dialog.plan.duplicates) == count
    assert dialog.plan.to_write == []  # default: skip duplicates
    assert not dialog.import_button.isEnabled()
    dialog.set_duplicates(Duplicates.KEEP)
    assert len(dialog.plan.to_write) == count
    dialog.set_ticked(0, False)
    assert len(dialog.plan.to_write) == count - 1
    dialog.reject()
    settle(qtbot, window)
    assert len(window.state.projects) == before + count


def test_import_unreadable_file_says_so_in_thai(window, qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "note.xlsx"
    bad.write_text("ไม่ใช่ไฟล์ Excel", encoding="utf-8")
    from thaplan_desktop.ui.importing.controller import import_files

    import_files(window.context, [bad])

    def box():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return boxes[0] if boxes else None
    qtbot.waitUntil(lambda: box() is not None, timeout=30000)
    assert "note.xlsx" in box().text()
    box().close()
    settle(qtbot, window)


def test_cancelling_the_reading_of_workbooks_changes_nothing(window, qtbot, demo_db, no_message_boxes):
    import threading

    from dbsnapshot import dump

    from thaplan_desktop.ui.importing.controller import import_files
    from thaplan_desktop.ui.importing.preview_dialog import ImportPreviewDialog

    before = dump(demo_db)
    release = threading.Event()
    window.runner.submit(lambda job: release.wait(10))  # the worker is busy: the reading waits its turn
    reader = import_files(window.context, [SAMPLE, sample("tapan_equipment_pd021.xlsx")])
    reader.dialog.canceled.emit()  # the progress dialog's ยกเลิก
    release.set()
    qtbot.waitUntil(lambda: "ยกเลิกการนำเข้า" in window.statusBar().currentMessage(), timeout=30000)
    settle(qtbot, window)
    assert not [d for d in window.findChildren(ImportPreviewDialog) if d.isVisible()]
    assert dump(demo_db) == before


def test_import_preview_screenshot(window, qtbot, monkeypatch):
    """Not an assertion of looks: writes /tmp/shots/import_preview.png for a person to check."""
    from thaplan_desktop.ui.importing.controller import import_files

    samples = [SAMPLE, sample("ผด02 กองช่าง ท่าข้าม.xlsx"), sample("tapan_equipment_pd021.xlsx")]
    import_files(window.context, samples)
    dialog = import_preview(window, qtbot)
    qtbot.waitExposed(dialog)
    dialog.resize(1286, 680)  # a 1366×768 laptop screen, common in local offices
    qtbot.waitUntil(lambda: dialog.width() == 1286, timeout=5000)
    dialog.hide()
    dialog.show()  # lay the splitter out for this size, as when the dialog first appears
    qtbot.waitExposed(dialog)
    shots = Path("/tmp/shots")
    shots.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(shots / "import_preview.png"))
    dialog.reject()
    settle(qtbot, window)


def test_correct_columns_then_default_unit(window, qtbot, no_message_boxes):
    from thaplan_desktop.ui.importing.controller import import_files
    from thaplan_desktop.ui.importing.mapping_dialog import ColumnMappingDialog

    import_files(window.context, [SAMPLE])
    dialog = import_preview(window, qtbot)
    assert dialog.columns_button.isEnabled()
    assert all(row.unit_name for row in dialog.plan.rows)
    mapping = dialog.correct_columns()
    assert isinstance(mapping, ColumnMappingDialog)
    mapping.choose("ผด.02", "unit", None)  # "the file has no unit column"
    assert mapping.overrides() == {SAMPLE.name: {"ผด.02": {next(f for _n, _s, f, _c, _d in mapping.combos
                                                              if f.value == "unit"): None}}}
    mapping.accept()
    second = import_preview(window, qtbot)  # the first preview closed: the files are read again
    assert all(not row.unit_name for row in second.plan.rows)
    assert second.unit_combo.isEnabled()
    kongchang = second.unit_combo.findText("กองช่าง")
    second.unit_combo.setCurrentIndex(kongchang)
    assert {row.unit_name for row in second.plan.rows} == {"กองช่าง"}
    assert all(row.unit_id is not None for row in second.plan.rows)
    second.unit_combo.setCurrentIndex(0)
    assert all(not row.unit_name for row in second.plan.rows)
    second.reject()
    settle(qtbot, window)


def test_export_error_is_a_thai_message(window, qtbot, tmp_path, monkeypatch, opened):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    save_to(monkeypatch, blocker / "plan.xlsx")  # a "folder" that is a file: the write must fail
    window.action_by_id["export_excel"].trigger()

    def box():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return boxes[0] if boxes else None
    qtbot.waitUntil(lambda: box() is not None, timeout=30000)
    assert "ส่งออกไม่สำเร็จ" in box().text()
    assert box().button(QMessageBox.StandardButton.Ok).text() == "ตกลง"
    box().close()
    settle(qtbot, window)
    assert opened == []


def test_import_every_sample_at_once(window, qtbot, no_message_boxes):
    """Readable and broken files together: the broken ones are named, the rest go in as one undo step."""
    from thaplan_desktop.ui.importing.controller import SUPPORTED_SUFFIXES, import_files

    files = sample_workbooks()
    assert all(p.suffix.lower() in SUPPORTED_SUFFIXES for p in files)
    before = len(window.state.projects)
    import_files(window.context, files)
    dialog = import_preview(window, qtbot)
    notes = dialog.findChild(QLabel, "import_notes").text()
    unread = re.match(r"อ่านไม่ได้ (\d+) ไฟล์ \(ไม่นำเข้า\):\n", notes)  # the broken samples are named
    assert unread
    assert int(unread.group(1)) > 0
    create_undecided(dialog, qtbot)
    dialog.confirm_check.setChecked(True)
    count = len(dialog.plan.to_write)
    assert count > 0
    assert not [row for row in dialog.plan.to_write if row.problems]
    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        dialog.import_button.click()
    settle(qtbot, window)
    window.findChild(QMessageBox, "import_summary").close()
    assert len(window.state.projects) == before + count  # duplicates are skipped by default: all added
    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        window.session.undo()
    settle(qtbot, window)
    assert len(window.state.projects) == before


def test_import_again_replacing_duplicates(window, qtbot, no_message_boxes):
    from thaplan_desktop.importing.apply import Duplicates
    from thaplan_desktop.ui.importing.controller import import_files

    def run_import(choice=None):
        import_files(window.context, [SAMPLE])
        dialog = import_preview(window, qtbot)
        if choice is not None:
            dialog.set_duplicates(choice)
        create_undecided(dialog, qtbot)
        if dialog.needs_confirmation:
            dialog.confirm_check.setChecked(True)
        with qtbot.waitSignal(window.session.refreshed, timeout=30000):
            dialog.import_button.click()
        settle(qtbot, window)
        box = window.findChild(QMessageBox, "import_summary")
        text = box.text()
        box.close()
        return text

    before = len(window.state.projects)
    run_import()
    after_first = len(window.state.projects)
    imported = [p for p in window.state.projects.values() if p.source_file == SAMPLE.name]
    assert len(imported) == after_first - before
    target = imported[0]
    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        window.session.update_projects({target.id: ProjectFields(details="แก้ไขในโปรแกรมแล้ว")})
    settle(qtbot, window)

    text = run_import(Duplicates.REPLACE)
    # only the project edited in the program differs from the file: one replaced, the others unchanged
    assert f"แทนที่ 1 รายการ, ข้าม {len(imported) - 1} รายการ" in text
    assert len(window.state.projects) == after_first
    assert window.state.projects[target.id].details == target.details  # the file's text again
    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        window.session.undo()  # undoes the replacing import only
    settle(qtbot, window)
    assert len(window.state.projects) == after_first
    assert window.state.projects[target.id].details == "แก้ไขในโปรแกรมแล้ว"


def test_a_workbook_dropped_on_the_window_opens_the_import(window, qtbot, monkeypatch):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from thaplan_desktop.ui.importing import drop

    dropped = []
    monkeypatch.setattr(drop, "import_dropped", lambda context, paths: dropped.append(list(paths)))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/กองช่าง.xlsx")])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert dropped == [["/tmp/กองช่าง.xlsx"]]

    text_only = QMimeData()
    text_only.setUrls([QUrl.fromLocalFile("/tmp/note.txt")])
    ignored = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, text_only, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    ignored.ignore()
    QApplication.sendEvent(window, ignored)
    assert not ignored.isAccepted()


def test_the_thai_digits_menu_option_reaches_the_pdf(window, qtbot, tmp_path, monkeypatch, opened, no_message_boxes):
    action = window.action_by_id["export_thai_digits"]
    assert not action.isChecked()
    action.trigger()  # checks it and stores it in the settings
    assert window.settings.value("export/thai_digits") in (True, "true")
    target = tmp_path / "thai.pdf"
    save_to(monkeypatch, target)
    window.action_by_id["export_pdf"].trigger()
    qtbot.waitUntil(lambda: viewer_of(target) is not None, timeout=60000)
    settle(qtbot, window)
    viewer_of(target).close()
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(target), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "๒๕๖๓" in text
    assert "2563" not in text


def test_the_summary_with_equipment_option_sits_by_thai_digits_and_reaches_the_pdf(window, qtbot, tmp_path,
                                                                                   monkeypatch, opened,
                                                                                   no_message_boxes):
    file_menu = window.menuBar().actions()[0].menu()
    ids = [a.objectName() for a in file_menu.actions()]
    assert ids.index("action_export_summary_equipment") == ids.index("action_export_thai_digits") + 1
    action = window.action_by_id["export_summary_equipment"]
    assert action.isCheckable()
    assert not action.isChecked()
    action.trigger()
    assert window.settings.value("export/summary_with_equipment") in (True, "true")
    target = tmp_path / "summary.pdf"
    save_to(monkeypatch, target)
    window.action_by_id["export_pdf"].trigger()
    qtbot.waitUntil(lambda: viewer_of(target) is not None, timeout=60000)
    settle(qtbot, window)
    viewer_of(target).close()
    layout = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                            check=True).stdout
    grand = next(ln for ln in layout.splitlines() if ln.strip().startswith("รวมทั้งสิ้น") and "100.00" in ln)
    assert grand.split()[1] == "111"  # the demo's 94 projects and 17 equipment items
