"""The monitoring report's procedure on the procedure screen: each round's three steps with their deadlines,
and its dates recorded from the screen, one undo step each (both ways: data → screen, screen → data)."""

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dbsnapshot import dump  # noqa: E402
from demo_state import DEMO_TODAY, DEMO_YEAR  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QLabel  # noqa: E402

from thaplan_desktop.domain.model import EditionKind  # noqa: E402
from thaplan_desktop.domain.tracking import RoundKind  # noqa: E402
from thaplan_desktop.ui.procedure.round_dialog import RoundDialog  # noqa: E402
from thaplan_desktop.ui.procedure.view import ProcedureView  # noqa: E402
from thaplan_desktop.workflow.deadlines import DeadlineKind  # noqa: E402
from thaplan_desktop.workflow.monitoring import record_round  # noqa: E402
from thaplan_desktop.workspace import RoundFields, Workspace  # noqa: E402

D = dt.date
REPORT, ANNOUNCE, KEEP = DeadlineKind.REPORT_RESULTS, DeadlineKind.ANNOUNCE_RESULTS, DeadlineKind.KEEP_RESULTS_POSTED
AFTER_DECEMBER = D(2021, 1, 3)  # the annual report of 2563 was due on 31 ธันวาคม 2563


@pytest.fixture
def make_view(qtbot):
    """Procedure views shown on a day; each lives until the end of the test (its dialogs are deleted later)."""
    views = []

    def make(ws, today, edition_id=None):
        edition_id = edition_id if edition_id is not None else ws.find_edition(DEMO_YEAR, "main").id
        view = ProcedureView.for_workspace(ws, edition_id, today=today)
        qtbot.addWidget(view)
        view.resize(1400, 800)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        view.close()
    qtbot.wait(1)  # deferred deletions run while the views are still there


@pytest.fixture
def view(make_view, demo_workspace):
    return make_view(demo_workspace, DEMO_TODAY)


def row_text(row):
    return "\n".join(label.text() for label in row.findChildren(QLabel) if label.text())


def panel_text(view):
    return "\n".join(label.text() for label in view.panel.findChildren(QLabel)
                     if label.isVisibleTo(view.panel) and label.text())


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_each_round_shows_its_three_steps_with_due_dates_and_days_left(view):
    section = view.monitoring_section
    assert section.title.text() == "การรายงานผลการติดตามและประเมินผล ปีงบประมาณ 2563"
    assert list(section.rows) == [(2563, RoundKind.SIX_MONTHS), (2563, RoundKind.TWELVE_MONTHS)]
    six = section.row("6m")
    assert list(six.boxes) == [REPORT, ANNOUNCE, KEEP]
    assert "ตุลาคม 2562 – มีนาคม 2563" in row_text(six)
    assert "ข้อมูล ณ 31 มี.ค. 2563" in row_text(six)
    assert "กำหนด 30 เม.ย. 2563" in row_text(six)
    assert six.status_text(REPORT) == "ทันกำหนด (ดำเนินการแล้ว 24 เม.ย. 2563)"
    assert six.status_text(ANNOUNCE) == "ทันกำหนด (ดำเนินการแล้ว 30 เม.ย. 2563)"  # within 15 days of the report
    assert "ปิดประกาศถึง 30 พ.ค. 2563" in row_text(six)
    assert six.status_text(KEEP) == "ต้องปิดประกาศต่ออีก 16 วัน"
    annual = section.row("12m")  # shown before it is recorded: the regulation's once a year, within December
    assert "ยังไม่ได้บันทึก" in row_text(annual)
    assert "กำหนด 31 ธ.ค. 2563" in row_text(annual)
    assert annual.status_text(REPORT) == "เหลือ 230 วัน"
    assert annual.status_text(ANNOUNCE) == "นับเมื่อรายงานผลต่อสภาท้องถิ่นแล้ว"
    assert "ข้อควรระวัง" not in panel_text(view)  # nothing late on 15 พ.ค.


def test_a_late_annual_report_is_red_in_its_box_and_among_the_warnings(make_view, demo_workspace):
    view = make_view(demo_workspace, AFTER_DECEMBER)
    box = view.monitoring_section.row("12m").boxes[REPORT]
    assert box.status.text() == "เกินกำหนด 3 วัน"
    assert "#dc2626" in box.styleSheet()
    assert ("รอบ 12 เดือน: รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น: "
            "กำหนด 31 ธันวาคม 2563 — เกินกำหนด 3 วัน") in panel_text(view)
    assert view.panel.warnings_frame.isVisibleTo(view.panel)


def test_rounds_follow_the_data_through_operations_undo_and_redo(view, demo_workspace):
    ws = demo_workspace
    record_round(ws, 2563, "q1", RoundFields(reported_on=D(2020, 1, 20)), today=DEMO_TODAY)
    section = view.monitoring_section
    assert list(section.rows) == [(2563, k) for k in (RoundKind.Q1, RoundKind.SIX_MONTHS, RoundKind.TWELVE_MONTHS)]
    q1 = section.row("q1")
    assert "ข้อมูล ณ 31 ธ.ค. 2562" in row_text(q1)  # a new round's usual as-of date
    assert "กำหนด 31 ม.ค. 2563" in row_text(q1)  # a quarter's report: by the end of the month after it
    assert q1.status_text(REPORT) == "ทันกำหนด (ดำเนินการแล้ว 20 ม.ค. 2563)"
    ws.undo()
    assert (2563, RoundKind.Q1) not in section.rows
    ws.redo()
    assert (2563, RoundKind.Q1) in section.rows


def test_the_rounds_dialog_records_its_dates_in_one_undoable_step(make_view, demo_workspace):
    ws = demo_workspace
    view = make_view(ws, AFTER_DECEMBER)
    before = dump(ws.location)
    row = view.monitoring_section.row("12m")
    row.edit_button.click()
    dialog = view.dialog
    assert isinstance(dialog, RoundDialog)
    assert dialog.kind is RoundKind.TWELVE_MONTHS
    assert dialog.as_of.text() == "30 กันยายน 2563"  # the round's usual as-of day is offered
    assert dialog.delete_button is None  # nothing recorded to remove yet
    dialog.dates["reported_on"].setText("28/12/2563")
    announced = dialog.dates["announced_on"]
    announced.setText("2 ม.ค. 2564")
    assert dialog.dates["posted_on"].text() == "2 มกราคม 2564"  # posted the day it is announced, unless typed
    dialog.note.setText("การประชุมสภา อบต. สมัยสามัญ สมัยที่ 4/2563")
    save(dialog)
    assert view.dialog is None
    [annual] = [r for r in ws.report_rounds(2563) if r.round is RoundKind.TWELVE_MONTHS]
    assert (annual.as_of, annual.reported_on, annual.announced_on, annual.posted_on, annual.removed_on) == (
        D(2020, 9, 30), D(2020, 12, 28), D(2021, 1, 2), D(2021, 1, 2), None)
    assert annual.note == "การประชุมสภา อบต. สมัยสามัญ สมัยที่ 4/2563"
    row = view.monitoring_section.row("12m")
    assert row.status_text(REPORT) == "ทันกำหนด (ดำเนินการแล้ว 28 ธ.ค. 2563)"
    assert row.status_text(ANNOUNCE) == "ทันกำหนด (ดำเนินการแล้ว 2 ม.ค. 2564)"
    assert row.status_text(KEEP) == "ต้องปิดประกาศต่ออีก 30 วัน"
    assert "ข้อควรระวัง" not in panel_text(view)
    assert ws.undo_label() == "บันทึกรอบการรายงานผลการติดตาม"
    ws.undo()
    assert dump(ws.location) == before
    assert "ยังไม่ได้บันทึก" in row_text(view.monitoring_section.row("12m"))


def test_dates_out_of_order_or_after_today_keep_the_dialog_open_in_thai(make_view, demo_workspace):
    ws = demo_workspace
    view = make_view(ws, DEMO_TODAY)
    before = dump(ws.location)
    dialog = view.edit_round(2563, "6m")
    dialog.dates["announced_on"].setText("20 เม.ย. 2563")  # before the report of 24 เม.ย.
    save(dialog)
    assert view.dialog is dialog
    assert "วันที่ประกาศผล (20 เมษายน 2563) ต้องไม่ก่อนวันที่รายงานต่อสภาท้องถิ่น (24 เมษายน 2563)" in dialog.error.text()
    dialog.dates["announced_on"].setText("30 เม.ย. 2563")
    dialog.dates["removed_on"].setText("2 มิ.ย. 2563")  # after today (15 พ.ค. 2563)
    save(dialog)
    assert "ต้องไม่เลยวันนี้" in dialog.error.text()
    dialog.dates["removed_on"].setText("31 ก.พ. 2563")
    save(dialog)
    assert "อ่านวันที่ “วันที่ปลดประกาศ” ไม่ได้" in dialog.error.text()
    dialog.reject()
    assert dump(ws.location) == before


def test_a_round_is_added_from_the_section_and_removed_from_its_dialog(qtbot, view, demo_workspace):
    ws = demo_workspace
    section = view.monitoring_section
    assert section.add_button.isEnabled()
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, RoundDialog)
    kinds = [dialog.kind_box.itemData(i) for i in range(dialog.kind_box.count())]
    assert kinds == ["q1", "q2", "q3", "q4"]  # the 6-month and the annual round are shown already
    dialog.kind_box.setCurrentIndex(kinds.index("q2"))
    assert dialog.as_of.text() == "31 มีนาคม 2563"  # the as-of day follows the round chosen
    assert "30 เมษายน 2563" in dialog.rule.text()  # its report is due by the end of the month after it
    dialog.dates["reported_on"].setText("5 พ.ค. 2563")
    save(dialog)
    assert view.dialog is None
    assert [r.round for r in ws.report_rounds(2563)] == [RoundKind.SIX_MONTHS, RoundKind.Q2]
    assert section.row("q2").status_text(REPORT) == "ช้ากว่ากำหนด 5 วัน (ดำเนินการ 5 พ.ค. 2563)"
    assert section.row("q2").status_text(ANNOUNCE) == "เหลือ 5 วัน"  # 5 พ.ค. + 15 days

    qtbot.mouseClick(section.row("q2").boxes[ANNOUNCE], Qt.MouseButton.LeftButton)  # a click on a step opens it
    dialog = view.dialog
    assert isinstance(dialog, RoundDialog)
    assert dialog.kind is RoundKind.Q2
    assert dialog.dates["reported_on"].text() == "5 พฤษภาคม 2563"
    dialog.delete_button.click()
    assert view.dialog is None
    assert [r.round for r in ws.report_rounds(2563)] == [RoundKind.SIX_MONTHS]
    assert (2563, RoundKind.Q2) not in section.rows
    assert ws.undo_label() == "ลบรอบการรายงานผลการติดตาม"
    ws.undo()
    assert section.row("q2").status_text(REPORT) == "ช้ากว่ากำหนด 5 วัน (ดำเนินการ 5 พ.ค. 2563)"


def test_last_years_annual_report_shows_until_its_procedure_is_done(make_view, tmp_path):
    with Workspace.create(tmp_path / "p.sqlite", name="องค์การบริหารส่วนตำบลทดสอบ", district="เมือง",
                          province="สุราษฎร์ธานี", fiscal_year=2563) as ws:
        new = ws.add_edition(2564, EditionKind.MAIN).inserted_into("edition")[0]
        today = D(2020, 12, 10)  # fiscal year 2564; the annual report of 2563 is due on 31 ธันวาคม 2563
        view = make_view(ws, today, new)
        section = view.monitoring_section
        assert section.title.text() == "การรายงานผลการติดตามและประเมินผล ปีงบประมาณ 2564"
        assert list(section.rows) == [(2563, RoundKind.TWELVE_MONTHS), (2564, RoundKind.TWELVE_MONTHS)]
        last = section.row("12m", 2563)
        assert "ของปีงบประมาณ 2563" in row_text(last)
        assert last.status_text(REPORT) == "เหลือ 21 วัน"
        dialog = view.edit_round(2563, "12m")
        assert dialog.fiscal_year == 2563
        assert dialog.as_of.text() == "30 กันยายน 2563"
        dialog.dates["reported_on"].setText("8 ธ.ค. 2563")
        dialog.dates["announced_on"].setText("10 ธ.ค. 2563")
        dialog.dates["posted_on"].setText("10 ธ.ค. 2563")
        save(dialog)
        assert view.dialog is None
        assert [(r.fiscal_year, r.reported_on) for r in ws.report_rounds(2563)] == [(2563, D(2020, 12, 8))]
        assert section.row("12m", 2563).status_text(KEEP) == "ต้องปิดประกาศต่ออีก 31 วัน"
    with Workspace.open(tmp_path / "p.sqlite") as ws:  # posted 30 days and more: done, no longer shown
        later = make_view(ws, D(2021, 1, 20), new)
        assert list(later.monitoring_section.rows) == [(2564, RoundKind.TWELVE_MONTHS)]


def test_rounds_are_recorded_through_the_windows_session_and_undone(qtbot, demo_db):
    from thaplan_desktop.ui import runner as runner_module
    from thaplan_desktop.ui import session as session_module

    runner = runner_module.Runner()
    session = session_module.PlanSession(runner)
    try:
        with qtbot.waitSignal(session.loaded, timeout=10_000):
            session.open(demo_db)
        view = ProcedureView.for_session(session, session.edition_id, today=AFTER_DECEMBER)
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: view.monitoring is not None, timeout=10_000)
        dialog = view.edit_round(DEMO_YEAR, "12m")
        dialog.dates["reported_on"].setText("30 ธ.ค. 2563")
        save(dialog)
        qtbot.waitUntil(lambda: view.monitoring_section.row("12m").status_text(REPORT).startswith("ทันกำหนด"),
                        timeout=10_000)
        assert view.dialog is None
        assert session.undo_label == "บันทึกรอบการรายงานผลการติดตาม"
        session.undo()
        qtbot.waitUntil(lambda: view.monitoring_section.row("12m").status_text(REPORT) == "เกินกำหนด 3 วัน",
                        timeout=10_000)
        dialog = view.edit_round(DEMO_YEAR, "12m")  # refused on the worker: the dialog stays open and says why
        dialog.dates["announced_on"].setText("30 ธ.ค. 2563")
        save(dialog)
        qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=10_000)
        assert "ต้องมีวันที่รายงานต่อสภาท้องถิ่นก่อน" in dialog.error.text()
        dialog.reject()
        assert runner.wait_idle(10)
    finally:
        session.close()
        runner.shutdown()
