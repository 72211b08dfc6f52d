"""The ติดตามผล tab both ways: the plan's data shows in the grid, the panel and the totals; what is typed in
the grid or the panel is written to the file (effective on the tab's day); undo puts everything back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demo_state import DEMO_TODAY
from guihelp import take_messages, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from trackhelp import cell, first_row, payments_in_file, shown, statuses_in_file

from thaplan_desktop.demo.tracking import CANCEL_REASON, CANCELLED, OVER_CONTRACT
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.views import progress_rows
from thaplan_desktop.ui.tracking.dialogs import DisbursementDialog, ReasonDialog
from thaplan_desktop.workspace import NewDisbursement, ProjectFields, Workspace

TODAY_ISO = DEMO_TODAY.isoformat()


def visible_dialogs(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_tab_shows_every_project_as_of_its_day_with_the_plans_figures(harness):
    tab = harness.tab
    with Workspace.open(harness.path) as ws:
        plan, records = ws.progress_data(ws.find_edition().id)
    expected = {r.project.id: r for r in progress_rows(plan, records, DEMO_TODAY)}
    assert tab.proxy.rowCount() == len(expected) == 111
    cancelled = harness.project_id(CANCELLED)
    assert shown(tab, cancelled, "status") == "ยกเลิก"
    assert CANCEL_REASON in cell(tab, cancelled, "status").data(Qt.ItemDataRole.ToolTipRole)
    over = harness.project_id(OVER_CONTRACT)
    row = expected[over]
    assert shown(tab, over, "disbursed") == f"{row.disbursed:,.2f}"
    assert shown(tab, over, "remaining") == f"{row.remaining:,.2f}"
    assert cell(tab, over, "disbursed").data(Qt.ItemDataRole.ForegroundRole).color().red() > 150  # flagged
    late = [pid for pid, r in expected.items() if r.should_have_started]
    assert late
    assert cell(tab, late[0], "name").data(Qt.ItemDataRole.BackgroundRole) is not None
    done = sum(1 for r in expected.values() if r.status is TrackingStatus.DONE)
    assert f"เสร็จ {done}" in tab.strip.text()
    assert tab.late_check.text() == f"ควรเริ่มแล้ว ({len(late)})"


def test_statuses_typed_down_the_list_of_calls_are_saved_one_by_one_and_undone(harness, qtbot):
    tab = harness.tab
    tab.set_status_filter(frozenset({TrackingStatus.NOT_STARTED}))
    ids = [tab.proxy.project_id_at(i) for i in range(3)]
    first, start = ids[0], 0
    before = {pid: statuses_in_file(harness, pid) for pid in ids}
    grid = tab.grid
    grid.setFocus()
    grid.setCurrentIndex(cell(tab, first, "status"))
    for typed in ("2", "ด", "ยก"):  # 2 = in progress; ด… = done; ยก… = cancelled (asks for a reason)
        type_text(grid, typed[0])
        editor = QApplication.focusWidget()
        type_text(editor, typed[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert grid.currentIndex().row() == start + 3  # Enter moved down after each entry; the rows stayed
    assert shown(tab, ids[0], "status") == "อยู่ระหว่างดำเนินการ"  # at once, before the file answers
    [reason] = visible_dialogs(ReasonDialog)
    type_text(reason.reason_edit, "ย้ายไปดำเนินการปีหน้า")
    reason.accept()
    harness.settle(qtbot)
    assert statuses_in_file(harness, ids[0])[-1] == (TODAY_ISO, "in_progress", None, "")
    assert statuses_in_file(harness, ids[1])[-1] == (TODAY_ISO, "done", 100, "")
    assert statuses_in_file(harness, ids[2])[-1][1:] == ("cancelled", 0, "ย้ายไปดำเนินการปีหน้า")
    assert [shown(tab, pid, "status") for pid in ids] == ["อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ", "ยกเลิก"]
    assert shown(tab, ids[1], "progress") == "100"
    for _step in range(3):  # one undo step each
        harness.session.undo()
    harness.settle(qtbot)
    assert {pid: statuses_in_file(harness, pid) for pid in ids} == before
    assert all(shown(tab, pid, "status") == "ยังไม่ได้ดำเนินการ" for pid in ids)
    tab.set_status_filter(frozenset({TrackingStatus.DONE}))  # choosing again follows the data
    assert all(tab.proxy.proxy_row_of(pid) < 0 for pid in ids)


def test_a_progress_typed_moves_the_project_on_and_a_wrong_one_is_refused_in_thai(harness, qtbot):
    tab = harness.tab
    project = first_row(tab, lambda r: r.status is TrackingStatus.NOT_STARTED and not r.external)
    grid = tab.grid
    grid.setFocus()
    grid.setCurrentIndex(cell(tab, project, "progress"))
    type_text(grid, "4")
    editor = QApplication.focusWidget()
    type_text(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    harness.settle(qtbot)
    assert statuses_in_file(harness, project)[-1] == (TODAY_ISO, "in_progress", 45, "")
    assert shown(tab, project, "status") == "อยู่ระหว่างดำเนินการ"
    grid.setCurrentIndex(cell(tab, project, "progress"))
    type_text(grid, "1")
    editor = QApplication.focusWidget()
    type_text(editor, "50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    harness.settle(qtbot)
    assert "ความคืบหน้าต้องเป็นร้อยละ 0 ถึง 100" in take_messages()
    assert statuses_in_file(harness, project)[-1] == (TODAY_ISO, "in_progress", 45, "")
    assert shown(tab, project, "progress") == "45"


def test_the_office_cannot_mark_its_own_project_not_reported(harness, qtbot):
    tab = harness.tab
    project = first_row(tab, lambda r: not r.external)
    before = statuses_in_file(harness, project)
    assert not tab.proxy.setData(cell(tab, project, "status"), "6")
    assert "ใช้กับโครงการของหน่วยงานอื่นเท่านั้น" in take_messages()
    harness.settle(qtbot)
    assert statuses_in_file(harness, project) == before


def test_an_entry_refused_by_the_rules_goes_back_and_says_why(harness, qtbot):
    tab = harness.tab
    project = first_row(tab, lambda r: r.status is TrackingStatus.NOT_STARTED and not r.external)
    assert tab.set_as_of(dt.date(2019, 9, 1))  # before the fiscal year 2563 began
    tab.proxy.setData(cell(tab, project, "status"), "3")
    harness.settle(qtbot)
    assert "อยู่ก่อนเริ่มปีงบประมาณ 2563" in take_messages()
    assert shown(tab, project, "status") == "ยังไม่ได้ดำเนินการ"
    assert not tab.set_as_of(DEMO_TODAY + dt.timedelta(days=1))  # not after today
    assert "ต้องไม่เลยวันนี้" in take_messages()


def test_changes_made_elsewhere_and_their_undo_show_in_the_grid_panel_tree_and_totals(harness, qtbot):
    tab = harness.tab
    project = first_row(tab, lambda r: r.disbursed == 0 and r.budget > 10000 and r.project.program_id)
    strategy_key = next(k for k in harness.state.node_keys(harness.state.projects[project]) if k[0] == "strategy")
    tree_before = tab.tree_model.totals_of(strategy_key).disbursed
    strip_before = tab.strip.text()
    tab.grid.select_project(project)
    harness.session.run_operation(lambda ws, job: ws.add_disbursement(
        project, NewDisbursement(dt.date(2020, 5, 1), Decimal("10000"), "งวดที่ 1"), today=DEMO_TODAY))
    harness.settle(qtbot)
    assert shown(tab, project, "disbursed") == "10,000.00"
    budget = harness.state.projects[project].budget
    assert shown(tab, project, "remaining") == f"{budget - 10000:,.2f}"
    assert shown(tab, project, "last_update") == "1 พ.ค. 2563"
    assert tab.tree_model.totals_of(strategy_key).disbursed == tree_before + 10000
    assert tab.panel.disbursements.model.rowCount() == 1
    assert "10,000.00" in tab.panel.disbursements.total.text()
    harness.session.update_projects({project: ProjectFields(budget=budget + 5000)})  # edited in the plan's tab
    harness.settle(qtbot)
    assert shown(tab, project, "remaining") == f"{budget - 5000:,.2f}"
    harness.session.undo()
    harness.session.undo()
    harness.settle(qtbot)
    assert shown(tab, project, "disbursed") == "0.00"
    assert tab.tree_model.totals_of(strategy_key).disbursed == tree_before
    assert tab.strip.text() == strip_before
    assert tab.panel.disbursements.model.rowCount() == 0


def test_disbursements_are_added_corrected_and_removed_from_the_panel(harness, qtbot):
    tab = harness.tab
    project = first_row(tab, lambda r: r.disbursed == 0 and r.budget > 50000)
    before = payments_in_file(harness, project)
    grid = tab.grid
    grid.setFocus()
    grid.setCurrentIndex(cell(tab, project, "disbursed"))
    type_text(grid, "2")  # typing an amount on the disbursed cell starts a new disbursement
    [dialog] = visible_dialogs(DisbursementDialog)
    assert dialog.amount_edit.text() == "2"
    assert dialog.date_edit.date() == DEMO_TODAY
    type_text(dialog.amount_edit, "5,000")
    dialog.date_edit.setText("10/5/2563")
    dialog.note_edit.setText("งวดที่ 1")
    dialog.accept()
    harness.settle(qtbot)
    assert payments_in_file(harness, project) == [*before, ("2020-05-10", 2_500_000, "งวดที่ 1")]
    assert not visible_dialogs(DisbursementDialog)  # saved: the dialog closed
    box = tab.panel.disbursements
    assert box.project_id == project
    assert box.model.rowCount() == 1
    box.list.setCurrentIndex(box.model.index(0, 0))
    fix = box.edit_selected()
    fix.amount_edit.setText("๒๐,๐๐๐")
    fix.accept()
    harness.settle(qtbot)
    assert payments_in_file(harness, project) == [("2020-05-10", 2_000_000, "งวดที่ 1")]
    assert shown(tab, project, "disbursed") == "20,000.00"
    again = box.add()  # the same date, amount and note twice is refused, and the dialog says why
    again.amount_edit.setText("20000")
    again.date_edit.setText("10 พ.ค. 2563")
    again.note_edit.setText("งวดที่ 1")
    again.accept()
    harness.settle(qtbot)
    assert again.isVisible()
    assert "มีรายการเบิกจ่ายนี้อยู่แล้ว" in again.error.text()
    again.reject()
    box.list.setCurrentIndex(box.model.index(0, 0))
    box.remove_selected()
    harness.settle(qtbot)
    assert payments_in_file(harness, project) == before
    harness.session.undo()
    harness.settle(qtbot)
    assert payments_in_file(harness, project) == [("2020-05-10", 2_000_000, "งวดที่ 1")]
    assert box.model.rowCount() == 1


def test_details_are_saved_in_one_step_and_never_lost_when_moving_on(harness, qtbot):
    tab = harness.tab
    first = tab.proxy.project_id_at(0)
    second = tab.proxy.project_id_at(1)
    details = "SELECT officer, contract_satang FROM project_tracking WHERE project_id = ?"
    before = harness.db(details, first)
    tab.grid.select_project(first)
    form = tab.panel.details
    assert form.project_id == first
    form.officer.setText("นายทดสอบ ระบบดี")
    form.officer.textEdited.emit(form.officer.text())
    form.contract.setText("480,000")
    form.contract.textEdited.emit(form.contract.text())
    tab.grid.select_project(second)  # moving on saves what was typed
    harness.settle(qtbot)
    assert harness.db(details, first) == [("นายทดสอบ ระบบดี", 48_000_000)]
    tab.grid.select_project(first)
    assert form.officer.text() == "นายทดสอบ ระบบดี"
    form.actual_finish.setText("1/1/2563")
    form.actual_finish.textEdited.emit(form.actual_finish.text())
    form.actual_start.setText("1/2/2563")  # after the finish: refused, kept on screen to correct
    form.actual_start.textEdited.emit(form.actual_start.text())
    form.save()
    harness.settle(qtbot)
    assert "อยู่ก่อนวันที่เริ่มจริง" in tab.panel.error.text()
    assert form.dirty
    assert form.actual_start.text() == "1/2/2563"
    harness.session.undo()  # the officer and contract step
    harness.settle(qtbot)
    assert harness.db(details, first) == before


def test_a_status_being_chosen_in_the_panel_survives_a_change_made_elsewhere(harness, qtbot):
    tab = harness.tab
    project = first_row(tab, lambda r: r.status is TrackingStatus.NOT_STARTED and r.budget > 10000)
    tab.grid.select_project(project)
    harness.settle(qtbot)
    panel = tab.panel
    cancelled = panel.status_combo.findData(TrackingStatus.CANCELLED)
    panel.status_combo.setCurrentIndex(cancelled)
    panel.status_combo.activated.emit(cancelled)  # as a click on the list does
    type_text(panel.reason_edit, "รอผลการประชุม")
    harness.session.run_operation(lambda ws, job: ws.add_disbursement(  # another window's change to it
        project, NewDisbursement(dt.date(2020, 5, 1), Decimal("10000"), "งวดที่ 1"), today=DEMO_TODAY))
    harness.settle(qtbot)
    assert panel.disbursements.model.rowCount() == 1  # the panel follows the change…
    assert panel.status_combo.currentData() == TrackingStatus.CANCELLED  # …and keeps the officer's choice
    assert panel.reason_edit.text() == "รอผลการประชุม"
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    harness.settle(qtbot)
    recorded = statuses_in_file(harness, project)[-1]
    assert (recorded[0], recorded[1], recorded[3]) == (TODAY_ISO, "cancelled", "รอผลการประชุม")
    assert panel.status_combo.currentData() == TrackingStatus.CANCELLED  # the form shows what is now recorded
