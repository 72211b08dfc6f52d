"""The plan-in-use screens from the window: send every unit its progress workbook, read them back with a
preview of every match, import all or nothing after a backup as one undo step, and save the report; and
the menu entries the window declares for them."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from dbsnapshot import dump
from demo_state import DEMO_TODAY
from guihelp import take_messages
from openpyxl import Workbook, load_workbook
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from trackhelp import payments_in_file, shown, statuses_in_file

from thaplan_desktop.db.backup import backup_infos
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.importing.progress import read_progress_file
from thaplan_desktop.paths import backups_dir
from thaplan_desktop.tracking import forms
from thaplan_desktop.ui.actions import ActionSpec, build_actions
from thaplan_desktop.ui.tracking import export_progress, import_progress, report_dialog
from thaplan_desktop.ui.tracking.import_preview import ProgressPreviewDialog
from thaplan_desktop.ui.tracking.install import MENU_ENTRIES
from thaplan_desktop.workspace import NewStatus

STATUS_COL = len(forms.PLAN_HEADERS) + 1
PROGRESS_COL = len(forms.PLAN_HEADERS) + 2


def month_col(month):
    return len(forms.PLAN_HEADERS) + 4 + month - 1


def key_col():
    return month_col(12) + 3


def preview_shown():
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressPreviewDialog) and w.isVisible()]
    return found[0] if found else None


def unit_workbook(harness, qtbot, folder, unit_name="กองช่าง"):
    unit = next(u for u in harness.state.units if u.name == unit_name)
    export_progress.export(harness.context, [unit], folder, harness.tab.backend)
    harness.settle(qtbot)
    take_messages()
    [path] = folder.glob(f"*{unit_name}*.xlsx")
    return path


def test_every_unit_gets_its_workbook_and_no_file_is_overwritten(harness, qtbot, tmp_path):
    folder = tmp_path / "ส่งหน่วยงาน"
    folder.mkdir()
    dialog = export_progress.run(harness.context, harness.tab.backend)
    dialog.folder_edit.setText(str(folder))
    dialog.accept()
    harness.settle(qtbot)
    message = take_messages()
    per_unit = {}
    for project in harness.state.projects.values():
        name = harness.state.unit_name(project.unit_id)
        per_unit[name] = per_unit.get(name, 0) + 1
    files = sorted(folder.glob("*.xlsx"))
    assert len(files) == len(per_unit)
    for path in files:
        read = read_progress_file(path)
        assert read.ours
        assert len(read.rows) == per_unit[read.unit]  # the unit's projects, every one
        assert path.name in message
    kongchang = next(p for p in files if "กองช่าง" in p.name)
    kept = kongchang.read_bytes()
    dialog = export_progress.run(harness.context, harness.tab.backend)
    dialog.one_radio.setChecked(True)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findText("กองช่าง"))
    dialog.folder_edit.setText(str(folder))
    dialog.accept()
    harness.settle(qtbot)
    assert "(2).xlsx" in take_messages()
    assert kongchang.read_bytes() == kept  # the first one is still there, untouched
    assert len(list(folder.glob("*.xlsx"))) == len(per_unit) + 1


def test_a_filled_workbook_is_previewed_imported_once_after_a_backup_and_undone_in_one_step(harness, qtbot, tmp_path):
    path = unit_workbook(harness, qtbot, tmp_path)
    book = load_workbook(path)
    sheet = book[forms.PROGRESS_SHEET]
    keyed = {sheet.cell(r, key_col()).value: r for r in range(1, sheet.max_row + 1) if sheet.cell(r, key_col()).value}
    by_uuid = {p.uuid: p.id for p in harness.state.projects.values()}
    waiting = [by_uuid[k] for k in keyed if k in by_uuid
               and harness.tab.store.row(by_uuid[k]).status is TrackingStatus.NOT_STARTED]
    project = waiting[0]
    row = keyed[harness.state.projects[project].uuid]
    sheet.cell(5, 3).value = "2563-05-15"
    sheet.cell(row, STATUS_COL).value = "อยู่ระหว่างดำเนินการ"
    sheet.cell(row, PROGRESS_COL).value = 30
    sheet.cell(row, month_col(8)).value = 12000  # พ.ค. 63
    book.save(path)
    before = dump(harness.path)
    import_progress.import_files(harness.context, [path], harness.tab.backend, as_of=DEMO_TODAY)
    harness.settle(qtbot)
    preview = preview_shown()
    assert preview.table.rowCount() == len(keyed) - 1  # every row of the unit, the header's key aside
    assert "มีข้อมูลใหม่ 1 แถว" in preview.summary.text()
    texts = [preview.table.item(r, 4).text() for r in range(preview.table.rowCount())]
    assert "สถานะ: อยู่ระหว่างดำเนินการ ร้อยละ 30 ตั้งแต่ 15 พ.ค. 2563" in "\n".join(texts)
    assert preview.import_button.isEnabled()
    preview.buttons.accepted.emit()
    harness.settle(qtbot)
    assert "นำเข้าแล้ว: 1 โครงการ (1 สถานะ, 1 รายการเบิกจ่าย)" in take_messages()
    assert statuses_in_file(harness, project)[-1] == ("2020-05-15", "in_progress", 30, "")
    assert payments_in_file(harness, project) == [("2020-05-15", 1_200_000, forms.IMPORTED_NOTE)]
    # A backup first: the newest holds the plan as it was (the import's own copy, or the day's copy the import
    # found unchanged and so did not make again).
    newest = backup_infos(harness.path, backups_dir())[0]
    assert dump(newest.path) == before
    assert shown(harness.tab, project, "status") == "อยู่ระหว่างดำเนินการ"  # the tab follows
    assert shown(harness.tab, project, "disbursed") == "12,000.00"
    after = dump(harness.path)
    import_progress.import_files(harness.context, [path], harness.tab.backend, as_of=DEMO_TODAY)  # again
    harness.settle(qtbot)
    again = preview_shown()
    assert not again.import_button.isEnabled()
    assert "ไม่มีข้อมูลใหม่" in again.note.text()
    again.reject()
    assert dump(harness.path) == after
    harness.session.undo()  # one step takes the whole import back
    harness.settle(qtbot)
    assert dump(harness.path) == before
    assert shown(harness.tab, project, "status") == "ยังไม่ได้ดำเนินการ"


def test_unmatched_rows_block_the_import_until_skipped_and_a_plan_changed_meanwhile_is_refused(
        harness, qtbot, tmp_path):
    project = next(p for p in harness.tab.model.rows if harness.tab.store.row(p.id).status is TrackingStatus.NOT_STARTED
                   and harness.state.unit_name(p.unit_id))
    path = tmp_path / "ของกอง.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["ข้อมูล ณ วันที่ 12 พฤษภาคม 2563"])
    sheet.append(["ที่", "โครงการ", "หน่วยงาน", "สถานะ", "ความคืบหน้า"])
    sheet.append([1, f"  {project.name}  ", harness.state.unit_name(project.unit_id), "ดำเนินการแล้วเสร็จ", 100])
    sheet.append([2, "โครงการที่ไม่มีในแผน", "กองช่าง", "อยู่ระหว่างดำเนินการ", 20])
    book.save(path)
    import_progress.import_files(harness.context, [path], harness.tab.backend)
    harness.settle(qtbot)
    preview = preview_shown()
    assert [preview.table.item(r, 2).text() for r in range(2)] == ["ตรงกัน (ชื่อ)", "ไม่พบในแผน"]
    assert not preview.import_button.isEnabled()
    assert "จับคู่กับโครงการในแผนไม่ได้" in preview.note.text()
    preview.skip_check.setChecked(True)
    assert preview.import_button.isEnabled()
    harness.session.run_operation(lambda ws, job: ws.record_status(  # someone records it meanwhile
        project.id, NewStatus(TrackingStatus.DONE, DEMO_TODAY.replace(day=12), 100), today=DEMO_TODAY))
    harness.settle(qtbot)
    changed = dump(harness.path)
    preview.buttons.accepted.emit()
    harness.settle(qtbot)
    assert "ข้อมูลในแผนเปลี่ยนไประหว่างที่ตรวจรายการ" in take_messages()
    assert dump(harness.path) == changed  # nothing written


def test_the_report_is_saved_for_a_round_as_excel(harness, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "รายงาน.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    with_rounds = []
    harness.tab.backend.report_rounds(2563, with_rounds.extend)
    harness.settle(qtbot)
    dialog = report_dialog.run(harness.context, harness.tab.backend)
    harness.settle(qtbot)
    assert dialog.format.key == "xlsx"  # the first format is chosen
    dialog.round_combo.setCurrentIndex(dialog.round_combo.findData("6m"))
    six = next((r.as_of for r in with_rounds if r.round == "6m"), None)
    assert dialog.as_of() == (six or DEMO_TODAY.replace(month=3, day=31))
    dialog.accept()
    harness.settle(qtbot)
    book = load_workbook(target)
    assert book.sheetnames == [forms.SUMMARY_SHEET, forms.PROJECTS_SHEET, forms.SPENDING_SHEET, forms.PROBLEMS_SHEET]
    note = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert str(target) in note.text()
    assert not opened  # never opened unasked: the note offers to open it or its folder
    note.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_report_is_saved_as_pdf_with_its_announcement_when_the_round_was_announced(harness, qtbot, tmp_path,
                                                                                        monkeypatch):
    target = tmp_path / "รายงาน.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    with_rounds = []
    harness.tab.backend.report_rounds(2563, with_rounds.extend)
    harness.settle(qtbot)
    six = next(r for r in with_rounds if r.round == "6m")  # the demo announced its 6-month round
    dialog = report_dialog.run(harness.context, harness.tab.backend)
    harness.settle(qtbot)
    pdf_button = dialog.findChild(type(dialog.format_group.button(0)), "format_pdf")
    assert pdf_button.isEnabled()
    pdf_button.setChecked(True)
    dialog.round_combo.setCurrentIndex(dialog.round_combo.findData("6m"))
    assert dialog.as_of() == six.as_of
    dialog.accept()
    harness.settle(qtbot)
    note = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert str(target) in note.text()
    note.close()
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert f"ประกาศ ณ วันที่ {six.announced_on.day} เมษายน พ.ศ. 2563" in " ".join(text.split())
    assert "รอบ 6 เดือน" in text


@pytest.mark.parametrize("entry_id", ["tracking", "export_progress", "import_progress", "report_progress"])
def test_the_menu_entries_become_the_windows_actions(harness, qtbot, monkeypatch, entry_id):
    window = harness.window
    window.context = harness.context
    window.tracking_tab = harness.tab
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
    harness.tabs.setCurrentIndex(0)
    specs = tuple(ActionSpec(**e.as_action_spec_fields()) for e in MENU_ENTRIES)
    actions = build_actions(window, specs)
    assert all(spec.enabled_when(window) for spec in specs)
    actions[entry_id].trigger()
    harness.settle(qtbot)
    if entry_id == "tracking":
        assert harness.tabs.currentWidget() is harness.tab
    elif entry_id != "import_progress":  # the others open their dialog (import asked for files: none chosen)
        assert any(w.isVisible() and w.objectName() in ("export_progress_dialog", "report_dialog")
                   for w in QApplication.topLevelWidgets())
