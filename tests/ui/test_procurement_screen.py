"""The procurement plan screen on the demo plan: the rows and the rule's reasons, edits reaching the file (one undo
step each), the file's changes reaching the screen, and the annex written from it.

What the rows should be is worked out apart from the screen, from the demo file itself
(``domain.procurement.procurement_rows``, tested by hand in tests/domain).
"""

import os
import shutil
import subprocess

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from guihelp import db_project, take_messages  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QTabWidget,
)
from screenhelp import screen_context, settle, show  # noqa: E402

from thaplan_desktop.domain.grouping import pd02_blocks, pd021_blocks  # noqa: E402
from thaplan_desktop.domain.procurement import procurement_rows  # noqa: E402
from thaplan_desktop.ui import procurement  # noqa: E402
from thaplan_desktop.ui.procurement.model import CODE, METHOD, MONTH, NAME, PROCURED, REASON  # noqa: E402
from thaplan_desktop.ui.procurement.view import ProcurementScreen  # noqa: E402
from thaplan_desktop.workspace import ProcurementFields, Workspace  # noqa: E402


@pytest.fixture(scope="module")
def demo_rows(demo_template):
    with Workspace.open(demo_template) as ws:
        edition = ws.find_edition().id
        plan = ws.plan_data(edition)
        rows = {r.project.id: r for r in procurement_rows(plan, ws.procurement_choices(edition))}
    order = [p.id for block in (*pd02_blocks(plan), *pd021_blocks(plan)) for p in block.projects]
    return [rows[i] for i in order]


@pytest.fixture
def context(qtbot, settings, demo_db):
    with screen_context(qtbot, settings, demo_db) as context:
        yield context


@pytest.fixture
def screen(qtbot, context):
    widget = ProcurementScreen(context)
    show(qtbot, context, widget, width=1600)
    qtbot.waitUntil(lambda: widget.data is not None, timeout=20000)
    return widget


def cell(screen, row, column, role=Qt.ItemDataRole.DisplayRole):
    return screen.model.index(row, column).data(role)


def stored(context, project_id):
    return db_project(context.session.path, project_id)


def first_row(screen, procured):
    return next(i for i, r in enumerate(screen.model.rows)
                if r.decision.procured is procured and not r.decision.by_officer and r.project.kind.value == "project")


def wait_stored(qtbot, context, project_id, column, value):
    qtbot.waitUntil(lambda: stored(context, project_id)[column] == value, timeout=20000)
    settle(qtbot, context)


def test_every_row_with_the_rules_decision_and_reason(screen, demo_rows, qtmodeltester):
    model = screen.model
    qtmodeltester.check(model)
    assert [r.project.id for r in model.rows] == [r.project.id for r in demo_rows]
    for row, expected in enumerate(demo_rows):
        checked = cell(screen, row, PROCURED, Qt.ItemDataRole.CheckStateRole)
        assert (checked == Qt.CheckState.Checked) is expected.decision.procured
        assert cell(screen, row, NAME) == expected.project.name
        assert cell(screen, row, REASON) == f"ตามเกณฑ์: {expected.decision.reason}"
    procured = [r for r in demo_rows if r.decision.procured]
    assert screen.summary.text().startswith(f"จัดซื้อจัดจ้าง {len(procured)} รายการ จากทั้งหมด {len(demo_rows)} รายการ")
    road = next(i for i, r in enumerate(demo_rows) if "ก่อสร้าง" in r.project.name and r.decision.procured)
    assert cell(screen, road, REASON).startswith("ตามเกณฑ์: ชื่อหรือรายละเอียดมีคำว่า “ก่อสร้าง”")
    assert cell(screen, road, MONTH).endswith("(ตามเกณฑ์)")
    assert screen.title.text() == "แผนการจัดซื้อจัดจ้าง ปีงบประมาณ 2563"


def test_ticking_a_row_off_and_on_again_reaches_the_file_and_hands_it_back_to_the_rule(qtbot, context, screen):
    row = first_row(screen, True)
    project_id = screen.model.project_id(row)
    assert stored(context, project_id)["procured"] is None
    index = screen.model.index(row, PROCURED)
    assert screen.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert cell(screen, row, REASON) == "เจ้าหน้าที่กำหนดเอง"  # shown at once
    wait_stored(qtbot, context, project_id, "procured", 0)
    assert context.session.undo_label == "กำหนดรายการจัดซื้อจัดจ้าง"
    screen.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    wait_stored(qtbot, context, project_id, "procured", None)  # the rule says so: back to the rule
    assert cell(screen, row, REASON).startswith("ตามเกณฑ์: ")


def test_clicking_the_check_box_in_the_table(qtbot, context, screen):
    row = first_row(screen, False)
    project_id = screen.model.project_id(row)
    index = screen.proxy.mapFromSource(screen.model.index(row, PROCURED))
    screen.table.scrollTo(index)
    rect = screen.table.visualRect(index)
    box = rect.adjusted(0, 0, -(rect.width() - rect.height()), 0).center()  # the check box sits at the left
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=box)
    wait_stored(qtbot, context, project_id, "procured", 1)
    assert cell(screen, row, PROCURED, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def edit_with(screen, row, column, set_value):
    """Open the cell's editor in the table, change it, and commit it as the officer does."""
    index = screen.proxy.mapFromSource(screen.model.index(row, column))
    screen.table.setCurrentIndex(index)
    screen.table.edit(index)
    editor = screen.table.viewport().findChild(QComboBox) or screen.table.viewport().findChild(QLineEdit)
    set_value(editor)
    screen.table.commitData(editor)
    screen.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def test_method_code_and_month_are_edited_in_their_cells(qtbot, context, screen):
    row = first_row(screen, True)
    project_id = screen.model.project_id(row)
    edit_with(screen, row, METHOD, lambda combo: combo.setCurrentText("วิธีเฉพาะเจาะจง"))
    wait_stored(qtbot, context, project_id, "procurement_method", "วิธีเฉพาะเจาะจง")
    edit_with(screen, row, CODE, lambda line: line.setText("p6805 001234"))
    wait_stored(qtbot, context, project_id, "egp_plan_code", "P6805001234")
    qtbot.waitUntil(lambda: cell(screen, row, CODE) == "P6805001234", timeout=20000)  # read back as stored
    edit_with(screen, row, MONTH, lambda combo: combo.setCurrentIndex(combo.findData(6)))
    wait_stored(qtbot, context, project_id, "procurement_month", 6)
    assert cell(screen, row, MONTH) == "มีนาคม 2563"
    edit_with(screen, row, MONTH, lambda combo: combo.setCurrentIndex(0))  # back to the rule
    wait_stored(qtbot, context, project_id, "procurement_month", None)
    assert cell(screen, row, MONTH).endswith("(ตามเกณฑ์)")


def test_undo_and_changes_from_elsewhere_update_rows_in_place(qtbot, context, screen, qtmodeltester):
    qtmodeltester.check(screen.proxy)
    row = first_row(screen, True)
    project_id = screen.model.project_id(row)
    screen.model.setData(screen.model.index(row, METHOD), "วิธีคัดเลือก")
    wait_stored(qtbot, context, project_id, "procurement_method", "วิธีคัดเลือก")
    with qtbot.assertNotEmitted(screen.model.modelReset):
        context.session.undo()
        qtbot.waitUntil(lambda: cell(screen, row, METHOD) == "", timeout=20000)
        settle(qtbot, context)
        context.session.run_operation(
            lambda ws, job: ws.set_procurement({project_id: ProcurementFields(egp_code="P6805009999")}))
        qtbot.waitUntil(lambda: cell(screen, row, CODE) == "P6805009999", timeout=20000)
        settle(qtbot, context)
    qtmodeltester.check(screen.model)


def test_selected_rows_are_set_at_once_as_one_step(qtbot, context, screen):
    rows = [first_row(screen, True), first_row(screen, False)]
    ids = [screen.model.project_id(r) for r in rows]
    selection = screen.table.selectionModel()
    for row in rows:
        index = screen.proxy.mapFromSource(screen.model.index(row, NAME))
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    assert sorted(screen.selected_projects()) == sorted(ids)
    assert screen.set_selected("method", "วิธีประกาศเชิญชวนทั่วไป (e-bidding)")
    for project_id in ids:
        wait_stored(qtbot, context, project_id, "procurement_method", "วิธีประกาศเชิญชวนทั่วไป (e-bidding)")
    assert screen.set_selected("procured", True)
    wait_stored(qtbot, context, ids[1], "procured", 1)
    assert stored(context, ids[0])["procured"] is None  # the rule procures it already
    context.session.undo()  # one step undoes both rows
    wait_stored(qtbot, context, ids[1], "procured", None)
    assert [stored(context, i)["procurement_method"] for i in ids] == ["วิธีประกาศเชิญชวนทั่วไป (e-bidding)"] * 2
    assert not screen.set_selected("rule")  # nothing to hand back to the rule: no operation
    settle(qtbot, context)
    assert context.session.undo_label == "แก้ไขวิธีจัดซื้อจัดจ้าง"


def test_a_refused_value_is_told_and_the_file_shown_again(qtbot, context, screen):
    row = first_row(screen, True)
    project_id = screen.model.project_id(row)
    screen.model.setData(screen.model.index(row, CODE), "X" * 40)
    assert cell(screen, row, CODE) == "X" * 40  # shown at once, then refused by the workspace
    qtbot.waitUntil(lambda: cell(screen, row, CODE) == "", timeout=20000)  # the file's value, read again
    assert "รหัสแผนจัดซื้อจัดจ้างยาวเกิน 30 ตัวอักษร" in take_messages()
    assert stored(context, project_id)["egp_plan_code"] in ("", None)


def test_only_procured_rows_and_search(screen, demo_rows, qtmodeltester):
    screen.only_procured.setChecked(True)
    qtmodeltester.check(screen.proxy)
    assert screen.proxy.rowCount() == sum(1 for r in demo_rows if r.decision.procured)
    screen.search.setText("ประปา")
    shown = [screen.proxy.index(r, NAME).data() for r in range(screen.proxy.rowCount())]
    assert shown
    assert shown == [r.project.name for r in demo_rows if r.decision.procured and "ประปา" in r.project.name]
    screen.only_procured.setChecked(False)
    screen.search.clear()
    assert screen.proxy.rowCount() == len(demo_rows)


def test_the_annex_is_written_from_what_the_file_holds(qtbot, context, screen, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    target = tmp_path / "annex"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    row = first_row(screen, True)
    name = screen.model.rows[row].project.name
    screen.model.setData(screen.model.index(row, PROCURED), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    screen.export_button.click()  # queued after the edit: the file has it
    written = tmp_path / "annex.xlsx"
    qtbot.waitUntil(lambda: "annex.xlsx" in context.window.statusBar().currentMessage(), timeout=30000)
    note = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert str(written) in note.text()
    assert not opened  # never opened unasked
    note.close()
    sheet = load_workbook(written).active
    names = [c.value for c in sheet["C"] if c.value]
    assert name not in names
    procured = [r for r in screen.model.rows if r.decision.procured]
    assert set(names) >= {r.project.name for r in procured}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_name_ending_in_pdf_writes_the_annex_as_pdf(qtbot, context, screen, tmp_path, monkeypatch):
    target = tmp_path / "annex.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    screen.export_button.click()
    qtbot.waitUntil(lambda: "annex.pdf" in context.window.statusBar().currentMessage(), timeout=30000)
    note = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert str(target) in note.text()
    note.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "annex" in p.name) == ["annex.pdf"]
    text = "".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    procured = [r for r in screen.model.rows if r.decision.procured]
    assert procured
    assert all("".join(r.project.name.split()) in text for r in procured)
    assert "แผนการจัดซื้อจัดจ้างประจำปีงบประมาณพ.ศ.2563" in text


def test_installed_in_a_tab_it_reads_when_shown(qtbot, context):
    tabs = QTabWidget()
    tabs.addTab(QTabWidget(), "อื่น")
    widget = procurement.install(context)
    tabs.addTab(widget, procurement.TAB_TITLE)
    context.window.setCentralWidget(tabs)
    context.window.show()
    settle(qtbot, context)
    assert widget.model.rowCount() == 0
    procurement.show(context.window)
    assert tabs.currentWidget() is widget
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0, timeout=20000)
    with qtbot.waitSignal(context.session.closed, timeout=20000):
        context.session.close()
    assert widget.model.rowCount() == 0
    assert not widget.export_button.isEnabled()
