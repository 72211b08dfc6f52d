"""The monitoring report's procedure: report to the council and committee, announce within 15 days, keep
posted 30 days, at least once a year within December — deadlines from the plan's engine."""

from __future__ import annotations

import datetime as dt

import pytest

from thaplan_desktop.domain.tracking import ReportRound, RoundKind
from thaplan_desktop.workflow.deadlines import DeadlineKind, DeadlineState
from thaplan_desktop.workflow.monitoring import load_monitoring, monitoring_state, record_round, report_due
from thaplan_desktop.workspace import RoundFields, Workspace, WorkspaceError

D = dt.date
K = RoundKind


@pytest.mark.parametrize(("kind", "due"), [
    (K.TWELVE_MONTHS, D(2020, 12, 31)),  # within December after the fiscal year 2563 ends
    (K.SIX_MONTHS, D(2020, 4, 30)),
    (K.Q1, D(2020, 1, 31)),
    (K.Q2, D(2020, 4, 30)),
    (K.Q3, D(2020, 7, 31)),
    (K.Q4, D(2020, 10, 31)),
])
def test_each_round_is_due_on_its_day(kind, due):
    assert report_due(kind, 2563)[0] == due


def test_the_annual_round_is_shown_before_it_is_recorded_and_warns_late_in_december():
    state = monitoring_state([], 2563, D(2020, 12, 28))
    (annual,) = state.rounds
    assert annual.record is None
    assert annual.label == "รอบ 12 เดือน (ตุลาคม 2562 – กันยายน 2563)"
    report = annual.deadlines[0]
    assert (report.kind, report.due, report.days_left, report.state) == (
        DeadlineKind.REPORT_RESULTS, D(2020, 12, 31), 3, DeadlineState.DUE_SOON)
    assert [w.kind for w in state.warnings] == [DeadlineKind.REPORT_RESULTS]
    assert monitoring_state([], 2563, D(2021, 1, 2)).rounds[0].deadlines[0].state is DeadlineState.OVERDUE


def test_announce_within_fifteen_days_of_the_report_and_keep_posted_thirty():
    record = ReportRound(1, 2563, K.SIX_MONTHS, D(2020, 3, 31), reported_on=D(2020, 4, 24),
                         announced_on=D(2020, 5, 12), posted_on=D(2020, 5, 12))
    state = monitoring_state([record], 2563, D(2020, 5, 20))
    six, annual = state.rounds
    report, announce, posted = six.deadlines
    assert (report.state, report.done_on) == (DeadlineState.MET, D(2020, 4, 24))
    assert (announce.due, announce.state) == (D(2020, 5, 9), DeadlineState.LATE)  # 24 เม.ย. + 15 days
    assert "ช้ากว่ากำหนด 3 วัน" in announce.status_text
    assert (posted.due, posted.state) == (D(2020, 6, 11), DeadlineState.RUNNING)
    assert annual.record is None


def test_recording_a_round_checks_the_order_of_its_dates_and_is_undoable(tmp_path):
    with Workspace.create(tmp_path / "p.sqlite", name="องค์การบริหารส่วนตำบลทดสอบ", district="เมือง",
                          province="สุราษฎร์ธานี", fiscal_year=2563) as ws:
        today = D(2020, 6, 1)
        record_round(ws, 2563, "6m", RoundFields(reported_on=D(2020, 4, 24)), today=today)
        (saved,) = ws.report_rounds(2563)
        assert (saved.round, saved.as_of, saved.reported_on) == (K.SIX_MONTHS, D(2020, 3, 31), D(2020, 4, 24))
        with pytest.raises(WorkspaceError, match="วันที่ประกาศผล .* ต้องไม่ก่อนวันที่รายงานต่อสภาท้องถิ่น"):
            record_round(ws, 2563, "6m", RoundFields(announced_on=D(2020, 4, 20)), today=today)
        with pytest.raises(WorkspaceError, match="ต้องมีวันที่ประกาศผลก่อน"):
            record_round(ws, 2563, "6m", RoundFields(posted_on=D(2020, 5, 1)), today=today)
        with pytest.raises(WorkspaceError, match="ต้องไม่เลยวันนี้"):
            record_round(ws, 2563, "6m", RoundFields(announced_on=D(2020, 6, 2)), today=today)
        with pytest.raises(WorkspaceError, match="ต้องอยู่ในปีงบประมาณ 2563"):
            record_round(ws, 2563, "q1", RoundFields(as_of=D(2020, 12, 31)), today=today)
        record_round(ws, 2563, "6m", RoundFields(announced_on=D(2020, 4, 30), posted_on=D(2020, 4, 30)), today=today)
        states = [[d.state for d in load_monitoring(ws, 2563, today=day).rounds[0].deadlines]
                  for day in (D(2020, 5, 20), today)]
        assert states == [[DeadlineState.MET, DeadlineState.MET, DeadlineState.RUNNING],
                          [DeadlineState.MET, DeadlineState.MET, DeadlineState.MET]]  # free from 31 พ.ค.
        assert ws.undo_label() == "บันทึกรอบการรายงานผลการติดตาม"
        ws.undo()
        assert ws.report_rounds(2563)[0].announced_on is None
