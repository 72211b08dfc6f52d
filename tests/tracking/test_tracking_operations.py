"""Tracking operations on the workspace: each one undoable step, refusals change nothing, history kept."""

from __future__ import annotations

import datetime as dt
import getpass
from decimal import Decimal

import pytest
from dbsnapshot import dump
from small_plan import TODAY

from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.workspace import (
    DisbursementUpdate,
    NewDisbursement,
    NewStatus,
    ProgressBatch,
    ProgressUpdate,
    TrackingFields,
    Workspace,
    WorkspaceError,
)

D = dt.date
S = TrackingStatus


def test_a_status_for_the_same_date_replaces_the_one_there_and_undo_brings_it_back(small):
    road = small.ids["ถนน 2"]
    with Workspace.open(small.path) as ws:
        ws.record_status(road, NewStatus(S.IN_PROGRESS, D(2020, 4, 5), 10), today=TODAY)
        before = dump(small.path)
        changes = ws.record_status(road, NewStatus(S.IN_PROGRESS, D(2020, 4, 5), 30), today=TODAY)
        assert changes.tracking == {road}
        assert changes.other_tables == {"tracking_status"}
        entries = [e for e in ws.tracking_records(small.edition_id).statuses if e.project_id == road]
        assert [(e.effective_on, e.progress) for e in entries] == [(D(2020, 4, 5), 30)]
        assert entries[0].entered_by == getpass.getuser()  # who: the operating-system login
        assert ws.undo_label() == "บันทึกสถานะโครงการ"
        ws.undo()
        assert dump(small.path) == before


def test_a_status_the_history_already_says_is_not_written_again(small):
    with Workspace.open(small.path) as ws:
        before = dump(small.path)
        # ถนน 1 is in progress at 40 % since 10 ม.ค.: saying so again on 1 ก.พ. adds nothing.
        assert ws.record_status(small.ids["ถนน 1"], NewStatus(S.IN_PROGRESS, D(2020, 2, 1), 40), today=TODAY).empty
        # ถนน 2 has no entry: not started is what it already is.
        assert ws.record_status(small.ids["ถนน 2"], NewStatus(S.NOT_STARTED, D(2020, 2, 1)), today=TODAY).empty
        assert not ws.can_undo()
    assert dump(small.path) == before


def test_an_entry_breaking_a_rule_is_refused_and_changes_nothing(small):
    before = dump(small.path)
    with Workspace.open(small.path) as ws:
        with pytest.raises(WorkspaceError, match="เหตุผลที่ยกเลิก"):
            ws.record_status(small.ids["ถนน 2"], NewStatus(S.CANCELLED, D(2020, 4, 1)), today=TODAY)
        with pytest.raises(WorkspaceError, match="หน่วยงานอื่นเท่านั้น"):
            ws.record_status(small.ids["ถนน 2"], NewStatus(S.UNKNOWN, D(2020, 4, 1)), today=TODAY)
        with pytest.raises(WorkspaceError, match="ต้องไม่เลยวันนี้"):
            ws.add_disbursement(small.ids["ถนน 2"], NewDisbursement(D(2021, 1, 1), Decimal(5)), today=TODAY)
        with pytest.raises(WorkspaceError, match="มีรายการเบิกจ่ายนี้อยู่แล้ว"):
            ws.add_disbursement(small.ids["ถนน 1"], NewDisbursement(D(2020, 2, 1), Decimal(30000), "งวดที่ 1"),
                                today=TODAY)
        assert not ws.can_undo()
    assert dump(small.path) == before


def test_disbursements_over_the_budget_are_allowed_and_corrected_undoably(small):
    road = small.ids["ถนน 2"]
    with Workspace.open(small.path) as ws:
        before = dump(small.path)
        changes = ws.add_disbursement(road, NewDisbursement(D(2020, 4, 30), Decimal("60000.50")), today=TODAY)
        paid_id = changes.inserted_into("disbursement")[0]
        ws.add_disbursement(road, NewDisbursement(D(2020, 4, 30), Decimal("60000.50"), "อีกงวด"), today=TODAY)
        ws.update_disbursement(paid_id, DisbursementUpdate(amount=Decimal("45000")), today=TODAY)
        ws.delete_disbursement(paid_id)
        amounts = [d.amount for d in ws.tracking_records(small.edition_id).disbursements if d.project_id == road]
        assert amounts == [Decimal("60000.50")]
        for _ in range(4):
            ws.undo()
        assert dump(small.path) == before


def test_details_and_the_spending_schedule_round_trip_and_undo(small):
    road = small.ids["ถนน 2"]
    with Workspace.open(small.path) as ws:
        before = dump(small.path)
        ws.update_tracking(road, TrackingFields(actual_start=D(2020, 4, 2), contract=Decimal("48000"),
                                                officer="  นาย  ก  "), today=TODAY)
        ws.set_schedule(road, {7: Decimal("50000")})
        records = ws.tracking_records(small.edition_id)
        details = records.details[road]
        assert (details.actual_start, details.contract, details.officer) == (D(2020, 4, 2), Decimal("48000"), "นาย ก")
        assert records.schedules[road].months == {7: Decimal("50000")}
        assert ws.update_tracking(road, TrackingFields(officer="นาย ก"), today=TODAY).empty  # the same: nothing
        with pytest.raises(WorkspaceError, match="อยู่ก่อนวันที่เริ่มจริง"):
            ws.update_tracking(road, TrackingFields(actual_finish=D(2020, 4, 1)), today=TODAY)
        ws.set_schedule(road, None)
        assert road not in ws.tracking_records(small.edition_id).schedules
        for _ in range(3):
            ws.undo()
        assert dump(small.path) == before


def test_deleting_a_project_or_an_edition_takes_its_tracking_and_undo_brings_all_back(small):
    before = dump(small.path)
    with Workspace.open(small.path) as ws:
        ws.delete_projects([small.ids["ถนน 1"]])
        assert len(dump(small.path)["disbursement"]) == len(before["disbursement"]) - 2  # its two payments
        ws.undo()
        assert dump(small.path) == before
        ws.delete_edition(small.edition_id)
        assert dump(small.path)["tracking_status"] == []
        ws.undo()
    assert dump(small.path) == before


def test_a_batch_is_all_or_nothing_and_twice_is_once(small):
    ids = small.ids
    batch = ProgressBatch("นำเข้าผลการดำเนินงาน", (
        ProgressUpdate(ids["ถนน 2"], NewStatus(S.IN_PROGRESS, D(2020, 4, 20), 50), TrackingFields(problems="รอวัสดุ"),
                       (NewDisbursement(D(2020, 4, 25), Decimal("10000")),)),
        ProgressUpdate(ids["อบรม"], NewStatus(S.CANCELLED, D(2020, 4, 20))),  # no reason: refused
    ))
    before = dump(small.path)
    with Workspace.open(small.path) as ws:
        with pytest.raises(WorkspaceError, match="“อบรม”: กรุณาระบุเหตุผลที่ยกเลิกโครงการ"):
            ws.apply_progress(batch, today=TODAY)
        assert dump(small.path) == before
        good = ProgressBatch(batch.label, (batch.updates[0],
                                           ProgressUpdate(ids["อบรม"], NewStatus(S.CANCELLED, D(2020, 4, 20),
                                                                                 reason="ไม่มีผู้สมัคร"))))
        changes = ws.apply_progress(good, today=TODAY)
        assert changes.tracking == {ids["ถนน 2"], ids["อบรม"]}
        after = dump(small.path)
        assert ws.apply_progress(good, today=TODAY).empty
        assert dump(small.path) == after
        assert ws.undo_label() == "นำเข้าผลการดำเนินงาน"  # one step for the whole batch
        ws.undo()
    assert dump(small.path) == before
