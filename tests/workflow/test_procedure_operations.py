"""Procedure operations: steps, trigger, extensions, posting, amendments, additional editions — all undoable."""

import datetime as dt

import pytest
from dbsnapshot import dump
from demo_state import ADDITIONAL_TRIGGER, DEMO_TODAY, DEMO_YEAR

from thaplan_desktop.demo.procedure import seed_procedure_in_progress
from thaplan_desktop.domain.model import EditionKind, EditionStatus, TriggerKind
from thaplan_desktop.workflow import operations as ops
from thaplan_desktop.workflow.deadlines import DeadlineKind, DeadlineState
from thaplan_desktop.workflow.procedure import (
    amendment_history,
    concerns_procedure,
    is_announced,
    load_procedure,
)
from thaplan_desktop.workflow.status import StepStatus
from thaplan_desktop.workflow.steps import STEP_IDS
from thaplan_desktop.workspace import AmendmentUpdate, WorkspaceError

D = dt.date
TODAY = D(2019, 11, 30)


def edition_id(ws):
    return ws.find_edition().id


START = D(2019, 10, 1)


def do_steps(ws, upto, start=START):
    """Mark the first ``upto`` steps done, one day apart."""
    for i, step in enumerate(STEP_IDS[:upto]):
        ops.set_step(ws, edition_id(ws), step, status="done", done_on=start + dt.timedelta(days=i), today=TODAY)


def test_a_new_edition_has_seven_steps_not_started(ws):
    state = load_procedure(ws, edition_id(ws), today=TODAY)
    assert [s.status for s in state.steps] == [StepStatus.NOT_STARTED] * 7
    assert state.current_step.id == "collect"
    assert not state.announced
    assert state.deadline(DeadlineKind.COMPLETE).state is DeadlineState.UNKNOWN


def test_setting_a_step_keeps_status_date_and_note(ws):
    changes = ops.set_step(ws, edition_id(ws), "collect", status="done", done_on=D(2019, 10, 1),
                           note="บันทึกข้อความ ที่ สฎ 76401/ว 112", today=TODAY)
    assert changes.other_tables == {"procedure_step"}
    assert concerns_procedure(changes)
    assert ws.undo_label() == "บันทึกขั้นตอนที่ 1 (เสร็จแล้ว)"
    step = load_procedure(ws, edition_id(ws), today=TODAY).step("collect")
    assert (step.status, step.done_on, step.note) == (StepStatus.DONE, D(2019, 10, 1), "บันทึกข้อความ ที่ สฎ 76401/ว 112")
    ops.set_step(ws, edition_id(ws), "collect", status="in_progress", today=TODAY)
    step = load_procedure(ws, edition_id(ws), today=TODAY).step("collect")
    assert (step.status, step.done_on, step.note) == (StepStatus.IN_PROGRESS, None, "บันทึกข้อความ ที่ สฎ 76401/ว 112")


def test_out_of_order_is_refused_unless_forced_and_the_reason_is_kept(ws, tmp_path):
    before = dump(tmp_path / "plan.sqlite")
    with pytest.raises(ops.StepOrderError, match="ขั้นตอนที่ 2 ทำเสร็จก่อนขั้นตอนที่ 1"):
        ops.set_step(ws, edition_id(ws), "draft", status="done", done_on=D(2019, 10, 1), today=TODAY)
    assert dump(tmp_path / "plan.sqlite") == before
    assert not ws.can_undo()
    ops.set_step(ws, edition_id(ws), "draft", status="done", done_on=D(2019, 10, 1), today=TODAY,
                 force_reason="ใช้ข้อมูลโครงการจากปีก่อน")
    assert load_procedure(ws, edition_id(ws), today=TODAY).step("draft").forced_reason == "ใช้ข้อมูลโครงการจากปีก่อน"
    # changing only the note of a forced step does not ask again
    ops.set_step(ws, edition_id(ws), "draft", status="done", done_on=D(2019, 10, 1), note="ร่าง", today=TODAY)
    assert load_procedure(ws, edition_id(ws), today=TODAY).step("draft").forced_reason == "ใช้ข้อมูลโครงการจากปีก่อน"


def test_hard_errors_are_refused_even_when_forced(ws):
    with pytest.raises(WorkspaceError, match="ต้องไม่เลยวันนี้"):
        ops.set_step(ws, edition_id(ws), "collect", status="done", done_on=D(2020, 1, 1), today=TODAY,
                     force_reason="x")
    with pytest.raises(WorkspaceError, match="กรุณาระบุวันที่"):
        ops.set_step(ws, edition_id(ws), "collect", status="done", today=TODAY)
    with pytest.raises(WorkspaceError, match="ไม่รู้จักขั้นตอน"):
        ops.set_step(ws, edition_id(ws), "lunch", status="done", done_on=TODAY, today=TODAY)


def test_announcing_marks_the_edition_announced_and_undo_reverts_it(ws, tmp_path):
    do_steps(ws, 6)
    before = dump(tmp_path / "plan.sqlite")
    changes = ops.set_step(ws, edition_id(ws), "announce", status="done", done_on=D(2019, 10, 20), today=TODAY)
    edition = ws.find_edition()
    assert edition.status is EditionStatus.ANNOUNCED
    assert edition.announcement_date == D(2019, 10, 20)
    assert edition.committee_meeting_date == D(2019, 10, 4)  # step 4 done on 4 ต.ค.
    assert is_announced(ws, edition.id)
    assert changes.meta
    ws.undo()
    assert dump(tmp_path / "plan.sqlite") == before
    assert not is_announced(ws, edition.id)
    ws.redo()
    assert is_announced(ws, edition.id)
    ops.set_step(ws, edition.id, "announce", status="in_progress", today=TODAY)
    assert ws.find_edition().status is EditionStatus.DRAFT
    assert ws.find_edition().announcement_date is None


def test_every_operation_undoes_exactly(ws, tmp_path):
    path = tmp_path / "plan.sqlite"
    eid = edition_id(ws)
    ops.set_trigger(ws, eid, TriggerKind.BUDGET_ORDINANCE, D(2019, 9, 25))
    do_steps(ws, 7, start=D(2019, 10, 1))
    actions = [
        lambda: ops.set_step(ws, eid, "announce", status="done", done_on=D(2019, 10, 9), note="ประกาศ", today=TODAY),
        lambda: ops.set_trigger(ws, eid, "additional_budget", D(2019, 9, 26)),
        lambda: ops.add_extension(ws, eid, new_due=D(2019, 11, 15), reason="รอข้อมูล", granted_on=D(2019, 10, 20)),
        lambda: ops.set_posting(ws, eid, posted_on=D(2019, 10, 10), note="บอร์ดหน้าที่ทำการ"),
        lambda: ops.record_amendment(ws, eid, amended_on=D(2019, 12, 1), reason="โอนงบประมาณ", changes="โครงการ ก"),
        lambda: ops.start_additional_edition(ws, 2563, trigger_kind="additional_budget", trigger_date=D(2020, 2, 29)),
    ]
    for action in actions:
        before = dump(path)
        action()
        after = dump(path)
        assert after != before
        ws.undo()
        assert dump(path) == before
        ws.redo()
        assert dump(path) == after


def test_extensions_move_the_completion_deadline_and_must_be_later(ws):
    eid = edition_id(ws)
    with pytest.raises(WorkspaceError, match="วันเริ่มนับ"):
        ops.add_extension(ws, eid, new_due=D(2019, 11, 15), reason="รอข้อมูล")
    ops.set_trigger(ws, eid, "budget_ordinance", D(2019, 9, 25))
    with pytest.raises(WorkspaceError, match="เหตุผล"):
        ops.add_extension(ws, eid, new_due=D(2019, 11, 15), reason="  ")
    with pytest.raises(WorkspaceError, match="ต้องหลังกำหนดเดิม"):
        ops.add_extension(ws, eid, new_due=D(2019, 10, 25), reason="รอข้อมูล")
    first = ops.add_extension(ws, eid, new_due=D(2019, 11, 15), reason="รอข้อมูลจาก อบจ.", note="คำสั่ง ที่ 45/2562")
    ops.add_extension(ws, eid, new_due=D(2019, 11, 30), reason="รอประชุม")
    state = load_procedure(ws, eid, today=D(2019, 11, 25))
    complete = state.deadline(DeadlineKind.COMPLETE)
    assert (complete.original_due, complete.due, complete.days_left) == (D(2019, 10, 25), D(2019, 11, 30), 5)
    assert complete.state is DeadlineState.DUE_SOON
    assert [e.reason for e in state.extensions] == ["รอข้อมูลจาก อบจ.", "รอประชุม"]
    assert state.extensions[0].id == first
    assert state.extensions[0].note == "คำสั่ง ที่ 45/2562"
    ops.delete_extension(ws, state.extensions[1].id)
    assert load_procedure(ws, eid, today=TODAY).deadline(DeadlineKind.COMPLETE).due == D(2019, 11, 15)


def test_posting_needs_the_announcement_first(ws):
    eid = edition_id(ws)
    with pytest.raises(WorkspaceError, match="ต้องประกาศใช้แผนก่อน"):
        ops.set_posting(ws, eid, posted_on=D(2019, 10, 10))
    do_steps(ws, 7)
    with pytest.raises(WorkspaceError, match="ไม่ก่อนวันประกาศใช้"):
        ops.set_posting(ws, eid, posted_on=D(2019, 10, 1))
    with pytest.raises(WorkspaceError, match="วันปลดประกาศ"):
        ops.set_posting(ws, eid, posted_on=D(2019, 10, 10), removed_on=D(2019, 10, 9))
    ops.set_posting(ws, eid, posted_on=D(2019, 10, 10), note="บอร์ดประชาสัมพันธ์")
    state = load_procedure(ws, eid, today=D(2019, 10, 20))
    assert state.posting.posted_on == D(2019, 10, 10)
    assert state.deadline(DeadlineKind.POST).state is DeadlineState.MET
    assert state.deadline(DeadlineKind.KEEP_POSTED).state is DeadlineState.RUNNING


def test_amendments_need_an_announced_edition_and_keep_their_history(ws):
    eid = edition_id(ws)
    with pytest.raises(WorkspaceError, match="ยังไม่ได้ประกาศใช้"):
        ops.record_amendment(ws, eid, amended_on=D(2019, 12, 1), reason="โอนงบ")
    do_steps(ws, 7)
    with pytest.raises(WorkspaceError, match="เหตุผล"):
        ops.record_amendment(ws, eid, amended_on=D(2019, 12, 1), reason="")
    with pytest.raises(WorkspaceError, match="ไม่ก่อนวันประกาศใช้"):
        ops.record_amendment(ws, eid, amended_on=D(2019, 10, 1), reason="โอนงบ")
    first = ops.record_amendment(ws, eid, amended_on=D(2019, 12, 1), reason="โอนงบประมาณไปตั้งจ่ายรายการใหม่",
                                 changes="โครงการก่อสร้างถนน หมู่ที่ 3: งบประมาณ 250,000 → 300,000",
                                 approved_by="นายวิรัตน์ ทองสุข")
    ops.record_amendment(ws, eid, amended_on=D(2020, 2, 29), reason="เปลี่ยนสถานที่ดำเนินการ")
    # another edition of the same year continues the numbering
    other = ops.start_additional_edition(ws, 2563, trigger_kind="additional_budget", trigger_date=D(2020, 1, 10))
    for step in STEP_IDS:
        ops.set_step(ws, other, step, status="done", done_on=D(2020, 2, 1), today=D(2020, 3, 1))
    ops.record_amendment(ws, other, amended_on=D(2020, 3, 1), reason="แก้ไขชื่อโครงการ")
    history = amendment_history(ws, edition_id=eid)
    assert [(a.label, a.amended_on) for a in history] == [("แก้ไขครั้งที่ 1/2563", D(2019, 12, 1)),
                                                          ("แก้ไขครั้งที่ 2/2563", D(2020, 2, 29))]
    assert history[0].id == first
    assert history[0].changes.startswith("โครงการก่อสร้างถนน")
    assert history[0].approved_by == "นายวิรัตน์ ทองสุข"
    assert [a.number for a in amendment_history(ws, fiscal_year=2563)] == [1, 2, 3]
    assert [a.label for a in load_procedure(ws, eid, today=TODAY).amendments] == [a.label for a in history]
    ops.update_amendment(ws, first, AmendmentUpdate(reason="โอนงบประมาณ"))
    assert amendment_history(ws, edition_id=eid)[0].reason == "โอนงบประมาณ"
    ops.delete_amendment(ws, first)
    assert [a.number for a in amendment_history(ws, edition_id=eid)] == [2]


def test_an_additional_edition_opens_from_a_new_trigger_with_its_own_steps_and_deadlines(ws):
    do_steps(ws, 7)
    new_id = ops.start_additional_edition(ws, 2563, trigger_kind=TriggerKind.ADDITIONAL_BUDGET,
                                          trigger_date=D(2020, 2, 10))
    edition = ws.edition(new_id)
    assert (edition.kind, edition.number, edition.label) == (EditionKind.ADDITIONAL, 1, "เพิ่มเติม ฉบับที่ 1")
    assert ws.find_edition(2563, "1").id == new_id
    state = load_procedure(ws, new_id, today=D(2020, 3, 5))
    assert all(s.status is StepStatus.NOT_STARTED for s in state.steps)
    complete = state.deadline(DeadlineKind.COMPLETE)
    assert complete.due == D(2020, 3, 11)  # 30 days through 29 ก.พ. 2563
    assert complete.days_left == 6
    assert "งบประมาณรายจ่ายเพิ่มเติม" in complete.rule
    second = ops.start_additional_edition(ws, 2563, trigger_kind="accumulated_funds", trigger_date=D(2020, 5, 1))
    assert ws.edition(second).label == "เพิ่มเติม ฉบับที่ 2"
    assert load_procedure(ws, edition_id(ws), today=TODAY).announced  # the main edition is untouched


def test_a_municipality_sees_its_committees_in_the_loaded_procedure(tmp_path):
    from thaplan_desktop.workspace import Workspace

    with Workspace.create(tmp_path / "m.sqlite", name="เทศบาลตำบลท่าข้าม", district="พุนพิน",
                          province="สุราษฎร์ธานี", fiscal_year=2563) as ws:
        state = load_procedure(ws, ws.find_edition().id, today=TODAY)
        assert [a.name for a in state.procedure.actors][2] == "นายกเทศมนตรี"


def test_the_demo_main_edition_was_announced_before_the_year_with_every_deadline_met(demo_workspace):
    state = load_procedure(demo_workspace, demo_workspace.find_edition(DEMO_YEAR, "main").id, today=DEMO_TODAY)
    assert state.announced
    assert all(s.status is StepStatus.DONE for s in state.steps)
    assert state.edition.trigger_date == D(2019, 8, 20)
    assert state.edition.announcement_date == D(2019, 9, 13)  # a few weeks before 1 ตุลาคม 2562
    assert [d.state for d in state.deadlines] == [DeadlineState.MET] * 3
    assert state.warnings == ()


def test_the_demo_additional_edition_has_a_trigger_steps_done_and_a_deadline_near(demo_workspace):
    eid = demo_workspace.find_edition(DEMO_YEAR, "1").id
    assert not demo_workspace.can_undo()  # setting up the demo is not a user's edit
    state = load_procedure(demo_workspace, eid, today=DEMO_TODAY)
    assert not state.announced
    assert state.edition.trigger_date == ADDITIONAL_TRIGGER
    assert [s.status for s in state.steps] == [StepStatus.DONE] * 4 + [StepStatus.IN_PROGRESS] + [
        StepStatus.NOT_STARTED] * 2
    assert state.current_step.step.number == 5
    complete = state.deadline(DeadlineKind.COMPLETE)
    assert (complete.due, complete.days_left, complete.state) == (D(2020, 5, 20), 5, DeadlineState.DUE_SOON)
    assert len(state.warnings) == 1
    seed_procedure_in_progress(demo_workspace, eid, ADDITIONAL_TRIGGER, DEMO_TODAY)  # twice is harmless
    assert load_procedure(demo_workspace, eid, today=DEMO_TODAY).steps == state.steps


def test_deleting_an_edition_with_its_procedure_undoes_exactly(ws, tmp_path):
    path = tmp_path / "plan.sqlite"
    new_id = ops.start_additional_edition(ws, 2563, trigger_kind="additional_budget", trigger_date=D(2020, 1, 10))
    for step in STEP_IDS:
        ops.set_step(ws, new_id, step, status="done", done_on=D(2020, 2, 1), today=D(2020, 3, 1))
    ops.add_extension(ws, new_id, new_due=D(2020, 2, 20), reason="รอข้อมูล")
    ops.set_posting(ws, new_id, posted_on=D(2020, 2, 2))
    ops.record_amendment(ws, new_id, amended_on=D(2020, 2, 3), reason="แก้ไข")
    before = dump(path)
    ws.delete_edition(new_id)
    assert all(not rows for table, rows in dump(path).items()
               if table in ("procedure_step", "deadline_extension", "procedure_posting", "plan_amendment"))
    ws.undo()
    assert dump(path) == before
