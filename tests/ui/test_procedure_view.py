"""The procedure screen: the boxes follow the model, and edits made in the view reach the model (undoably)."""

import datetime as dt
import os

import pytest
import shiboken6

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dbsnapshot import dump
from demo_state import DEMO_TODAY, DEMO_YEAR
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel  # noqa: E402

from thaplan_desktop.ui.procedure.amendment_dialog import AmendmentDialog  # noqa: E402
from thaplan_desktop.ui.procedure.chart import STATUS_COLOURS  # noqa: E402
from thaplan_desktop.ui.procedure.dialogs import StepDialog  # noqa: E402
from thaplan_desktop.ui.procedure.view import ProcedureView  # noqa: E402
from thaplan_desktop.workflow import operations as ops  # noqa: E402
from thaplan_desktop.workflow.operations import EditChoice, carry_out  # noqa: E402
from thaplan_desktop.workflow.procedure import edit_context, load_procedure  # noqa: E402
from thaplan_desktop.workflow.status import StepStatus  # noqa: E402
from thaplan_desktop.workflow.steps import STEP_IDS  # noqa: E402

D = dt.date


@pytest.fixture
def seeded(demo_workspace):
    """The demo's additional edition, its procedure in progress: steps 1–4 done, 5 in progress, due 20 พ.ค. 2563."""
    return demo_workspace, demo_workspace.find_edition(DEMO_YEAR, "1").id


@pytest.fixture
def view(qtbot, seeded):
    ws, edition_id = seeded
    widget = ProcedureView.for_workspace(ws, edition_id, today=DEMO_TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def fill(status):
    return QColor(STATUS_COLOURS[status][0])


def click(qtbot, view, step_id):
    box = view.box(step_id)
    point = view.chart.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert isinstance(view.dialog, StepDialog)
    return view.dialog


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def panel_text(view):
    """Everything the side panel shows, top to bottom."""
    def shown(widget):
        while widget is not None and widget is not view.panel:
            if widget.isHidden():
                return False
            widget = widget.parentWidget()
        return True

    return "\n".join(label.text() for label in view.panel.findChildren(QLabel) if shown(label) and label.text())


def test_the_chart_has_three_lanes_and_seven_boxes_coloured_by_status(view):
    assert list(view.boxes) == list(STEP_IDS)
    assert [view.box(s).fill_colour for s in STEP_IDS] == (
        [fill(StepStatus.DONE)] * 4 + [fill(StepStatus.IN_PROGRESS)] + [fill(StepStatus.NOT_STARTED)] * 2)
    assert view.box("review").status_text == "เสร็จ 10 พ.ค. 2563"
    assert view.box("submit_to_executive").status_text == "กำลังดำเนินการ"
    assert view.box("submit_to_executive").current
    assert "การประชุมคณะกรรมการพัฒนาท้องถิ่น ครั้งที่ 3" in view.box("review").toolTip()
    lanes = {view.box(s).state.step.lane for s in STEP_IDS}
    assert lanes == {0, 1, 2}
    # staircase: step 4 right under step 3, step 5 right of step 4
    r3, r4, r5 = (view.box(s).sceneBoundingRect() for s in ("submit_to_committee", "review", "submit_to_executive"))
    assert r4.center().x() == pytest.approx(r3.center().x())
    assert r4.top() > r3.bottom()
    assert r5.left() > r4.right()


def test_the_panel_lists_trigger_deadlines_with_days_left(view):
    text = panel_text(view)
    assert "ปีงบประมาณ 2563 เพิ่มเติม ฉบับที่ 1" in text
    assert "ประกาศใช้งบประมาณรายจ่ายเพิ่มเติม\nเมื่อ 20 เมษายน 2563" in text
    assert "กำหนด 20 พฤษภาคม 2563" in text
    assert "เหลือ 5 วัน" in text
    assert "จัดทำแผนให้แล้วเสร็จ (ประกาศใช้): กำหนด 20 พฤษภาคม 2563 — เหลือ 5 วัน" in text  # the warning
    assert "ยังไม่มีการขยายเวลา" in text


def test_boxes_follow_the_model_through_operations_undo_and_redo(view, seeded):
    ws, edition_id = seeded
    ops.set_step(ws, edition_id, "submit_to_executive", status="done", done_on=D(2020, 5, 13), today=DEMO_TODAY)
    assert view.box("submit_to_executive").fill_colour == fill(StepStatus.DONE)
    assert view.box("submit_to_executive").status_text == "เสร็จ 13 พ.ค. 2563"
    assert view.box("approve").current
    ws.undo()
    assert view.box("submit_to_executive").fill_colour == fill(StepStatus.IN_PROGRESS)
    ws.redo()
    assert view.box("submit_to_executive").fill_colour == fill(StepStatus.DONE)


def test_clicking_a_box_edits_status_date_and_note_undoably(qtbot, view, seeded):
    ws, edition_id = seeded
    before = dump(ws.location)
    dialog = click(qtbot, view, "submit_to_executive")
    assert dialog.status() is StepStatus.IN_PROGRESS
    dialog.set_status(StepStatus.DONE)
    assert dialog.date_edit.text() == "15 พฤษภาคม 2563"  # today (as the view counts it) is offered
    dialog.date_edit.setText("13/5/2563")
    dialog.note_edit.setText("หนังสือ ที่ สฎ 76401/230")
    save(dialog)
    assert view.dialog is None
    step = load_procedure(ws, edition_id, today=DEMO_TODAY).step("submit_to_executive")
    assert (step.status, step.done_on, step.note) == (StepStatus.DONE, D(2020, 5, 13), "หนังสือ ที่ สฎ 76401/230")
    assert view.box("submit_to_executive").status_text == "เสร็จ 13 พ.ค. 2563"
    assert ws.undo_label() == "บันทึกขั้นตอนที่ 5 (เสร็จแล้ว)"
    ws.undo()
    assert dump(ws.location) == before
    assert view.box("submit_to_executive").fill_colour == fill(StepStatus.IN_PROGRESS)


def test_out_of_order_in_the_view_asks_for_a_reason_then_forces(qtbot, view, seeded):
    ws, edition_id = seeded
    dialog = click(qtbot, view, "announce")
    dialog.set_status(StepStatus.DONE)
    dialog.date_edit.setText("15 พ.ค. 2563")
    save(dialog)
    assert view.dialog is dialog  # refused: still open
    assert "ขั้นตอนที่ 7 ทำเสร็จก่อนขั้นตอนที่ 6" in dialog.error.text()
    assert dialog.force_box.isVisibleTo(dialog)
    dialog.force_box.setChecked(True)
    save(dialog)
    assert "เหตุผล" in dialog.error.text()  # a reason is required
    dialog.force_reason.setText("ผู้บริหารเห็นชอบด้วยวาจา รอลงนาม")
    save(dialog)
    assert view.dialog is None
    state = load_procedure(ws, edition_id, today=DEMO_TODAY)
    assert state.step("announce").forced_reason == "ผู้บริหารเห็นชอบด้วยวาจา รอลงนาม"
    assert state.announced
    assert view.box("announce").state.forced_reason
    assert "ประกาศใช้แล้วเมื่อ 15 พฤษภาคม 2563" in panel_text(view)
    assert "ทันกำหนด" in panel_text(view)


def test_a_bad_date_keeps_the_dialog_open_with_a_thai_message(qtbot, view):
    dialog = click(qtbot, view, "submit_to_executive")
    dialog.set_status(StepStatus.DONE)
    dialog.date_edit.setText("31 ก.พ. 2563")
    save(dialog)
    assert view.dialog is dialog
    assert "อ่านวันที่" in dialog.error.text()


def test_extensions_and_the_trigger_are_edited_from_the_panel(qtbot, view, seeded):
    ws, edition_id = seeded
    dialog = view.add_extension()
    dialog.new_due.setText("5 มิ.ย. 2563")
    dialog.reason.setText("รอหนังสือแจ้งโครงการจาก อบจ.สุราษฎร์ธานี")
    dialog.granted_on.setText("16 พ.ค. 2563")
    save(dialog)
    assert view.dialog is None
    text = panel_text(view)
    assert "ขยายถึง 5 มิถุนายน 2563: รอหนังสือแจ้งโครงการจาก อบจ.สุราษฎร์ธานี" in text
    assert "กำหนด 5 มิถุนายน 2563 (ขยายจาก 20 พ.ค. 2563)" in text
    assert "เหลือ 21 วัน" in text
    assert not any(label for label in text.splitlines() if label.startswith("ข้อควรระวัง"))
    dialog = view.edit_trigger()
    dialog.date.setText("1 พ.ค. 2563")
    save(dialog)
    assert ws.edition(edition_id).trigger_date == D(2020, 5, 1)
    assert "เมื่อ 1 พฤษภาคม 2563" in panel_text(view)


def test_the_chart_scales_with_the_window_and_exports_to_png(qtbot, view, tmp_path):
    small = view.chart.transform().m11()
    view.resize(1800, 1000)
    qtbot.waitUntil(lambda: view.chart.transform().m11() > small * 1.2)
    path = view.export_png(tmp_path / "chart.png", scale=2.0)
    image = QImage(str(path))
    rect = view.scene.sceneRect()
    assert (image.width(), image.height()) == (int(rect.width() * 2), int(rect.height() * 2))


def test_the_amendment_dialog_records_an_amendment_or_opens_an_additional_edition(qtbot, seeded):
    ws, edition_id = seeded
    for step in STEP_IDS[4:]:
        ops.set_step(ws, edition_id, step, status="done", done_on=D(2020, 5, 15), today=DEMO_TODAY)
    context = edit_context(ws, edition_id)
    assert context.announced
    dialog = AmendmentDialog(context, what="งบประมาณโครงการก่อสร้างถนน หมู่ที่ 3", today=D(2020, 6, 2))
    qtbot.addWidget(dialog)
    assert "แก้ไขครั้งที่ 1/2563" in dialog.amend_button.text()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted  # the reason is missing
    assert "เหตุผล" in dialog.error.text()
    dialog.reason.setText("โอนงบประมาณ")
    dialog.accept()
    request = dialog.request()
    assert (request.choice, request.date, request.changes) == (
        EditChoice.AMEND, D(2020, 6, 2), "งบประมาณโครงการก่อสร้างถนน หมู่ที่ 3")
    carry_out(ws, edition_id, request)
    context = edit_context(ws, edition_id)
    assert [a.label for a in context.history] == ["แก้ไขครั้งที่ 1/2563"]

    again = AmendmentDialog(context, today=D(2020, 7, 1))
    qtbot.addWidget(again)
    assert again.history.item(0).text() == "แก้ไขครั้งที่ 1/2563 (2 มิ.ย. 2563): โอนงบประมาณ"
    again.choose(EditChoice.ADDITIONAL)
    again.trigger_date.setText("1 ก.ค. 2563")
    again.accept()
    new_id = carry_out(ws, edition_id, again.request())
    assert ws.edition(new_id).label == "เพิ่มเติม ฉบับที่ 2"  # the demo has its ฉบับที่ 1 already
    assert ws.edition(new_id).trigger_date == D(2020, 7, 1)


def test_the_view_works_through_the_windows_session_on_its_worker(qtbot, demo_db):
    from thaplan_desktop.ui import runner as runner_module
    from thaplan_desktop.ui import session as session_module
    from thaplan_desktop.workspace import Workspace

    with Workspace.open(demo_db) as ws:
        edition_id = ws.find_edition(DEMO_YEAR, "1").id  # its procedure is in progress
    runner = runner_module.Runner()
    session = session_module.PlanSession(runner)
    try:
        with qtbot.waitSignal(session.loaded, timeout=10_000):
            session.open(demo_db)
        view = ProcedureView.for_session(session, edition_id, today=DEMO_TODAY)
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: view.state is not None, timeout=10_000)
        assert view.box("review").fill_colour == fill(StepStatus.DONE)
        dialog = view.edit_step("submit_to_executive")
        dialog.set_status(StepStatus.DONE)
        dialog.date_edit.setText("14 พ.ค. 2563")
        save(dialog)
        qtbot.waitUntil(lambda: view.box("submit_to_executive").fill_colour == fill(StepStatus.DONE), timeout=10_000)
        assert view.dialog is None
        session.undo()
        qtbot.waitUntil(lambda: view.box("submit_to_executive").fill_colour == fill(StepStatus.IN_PROGRESS),
                        timeout=10_000)
        # the window drops the view (another edition shown): later refreshes must not reach it
        view.close()
        view.deleteLater()
        qtbot.waitUntil(lambda: not shiboken6.isValid(view), timeout=5_000)
        session.redo()
        assert runner.wait_idle(10)
    finally:
        session.close()
        runner.shutdown()


@pytest.mark.parametrize("kind", ["อบต.", "เทศบาลเมือง"])
def test_box_titles_wrap_at_words_and_fit_their_boxes(qtbot, kind):
    from PySide6.QtGui import QFont, QFontMetricsF
    from PySide6.QtWidgets import QWidget

    from thaplan_desktop.ui.procedure import chart
    from thaplan_desktop.workflow.steps import procedure_steps

    widget = QWidget()
    qtbot.addWidget(widget)
    font = QFont(widget.font())
    font.setPixelSize(chart._TITLE_PX)
    width = chart._BOX_W - 2 * chart._PAD - 20
    for step in procedure_steps(kind):
        lines = chart.title_lines(step.title, font, width)
        assert "".join(lines) == step.title.replace(" ", "")
        assert all(QFontMetricsF(font).horizontalAdvance(line) <= width for line in lines)
        for word in ("คณะกรรมการ", "ผู้บริหาร", "นายกเทศมนตรี"):
            if word in step.title:
                assert any(word in line for line in lines), (word, lines)
