"""The regulation's deadlines: 30 days to complete, 15 to post, 30 kept posted; extensions; warnings."""

import datetime as dt

import pytest

from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.workflow.deadlines import (
    DeadlineKind,
    DeadlineState,
    Extension,
    completion_due,
    days_left_text,
    earliest_removal,
    effective_due,
    evaluate,
    posted_until,
    posting_due,
    procedure_deadlines,
    warnings,
)

D = dt.date


@pytest.mark.parametrize(
    ("trigger", "due"),
    [
        (D(2019, 9, 25), D(2019, 10, 25)),  # the demo: budget announced 25 ก.ย. 2562
        (D(2019, 12, 15), D(2020, 1, 14)),  # across the calendar year's end
        (D(2020, 1, 31), D(2020, 3, 1)),  # through 29 ก.พ. 2563 (leap year)
        (D(2019, 1, 31), D(2019, 3, 2)),  # the same in a common year
        (D(2020, 2, 10), D(2020, 3, 11)),
        (D(2020, 2, 29), D(2020, 3, 30)),  # from the leap day itself
        (D(2020, 1, 30), D(2020, 2, 29)),  # due on the leap day
        (D(2020, 9, 30), D(2020, 10, 30)),  # last day of fiscal 2563 → into fiscal 2564
    ],
)
def test_the_plan_is_due_on_the_30th_day_after_the_trigger(trigger, due):
    assert completion_due(trigger) == due


@pytest.mark.parametrize(
    ("announced", "due"),
    [
        (D(2019, 10, 25), D(2019, 11, 9)),
        (D(2019, 12, 20), D(2020, 1, 4)),  # year end
        (D(2020, 2, 20), D(2020, 3, 6)),  # 29 ก.พ. counted
        (D(2019, 2, 20), D(2019, 3, 7)),
        (D(2020, 2, 14), D(2020, 2, 29)),
    ],
)
def test_posting_is_due_within_15_days_of_the_announcement(announced, due):
    assert posting_due(announced) == due


def test_kept_posted_30_days_counts_from_the_day_after_posting():
    posted = D(2020, 2, 1)
    assert posted_until(posted) == D(2020, 3, 2)  # days 1..30 = 2 ก.พ. … 2 มี.ค. (29 ก.พ. among them)
    assert earliest_removal(posted) == D(2020, 3, 3)
    assert earliest_removal(D(2019, 12, 10)) == D(2020, 1, 10)


def test_days_left_and_states():
    due = D(2019, 10, 25)
    assert evaluate(due, None, D(2019, 10, 1)) == (DeadlineState.OPEN, 24)
    assert evaluate(due, None, D(2019, 10, 18)) == (DeadlineState.DUE_SOON, 7)
    assert evaluate(due, None, D(2019, 10, 25)) == (DeadlineState.DUE_SOON, 0)
    assert evaluate(due, None, D(2019, 10, 26)) == (DeadlineState.OVERDUE, -1)
    assert evaluate(due, D(2019, 10, 25), D(2019, 11, 1))[0] is DeadlineState.MET
    assert evaluate(due, D(2019, 10, 26), D(2019, 11, 1))[0] is DeadlineState.LATE
    assert days_left_text(5) == "เหลือ 5 วัน"
    assert days_left_text(0) == "ครบกำหนดวันนี้"
    assert days_left_text(-1200) == "เกินกำหนด 1,200 วัน"


def test_extensions_move_the_deadline_and_the_last_granted_wins():
    original = D(2019, 10, 25)
    first = Extension(1, D(2019, 11, 10), "รอหนังสือแจ้งโครงการจาก อบจ.")
    second = Extension(2, D(2019, 11, 30), "รอการประชุมคณะกรรมการ")
    assert effective_due(original, []) == original
    assert effective_due(original, [second, first]) == D(2019, 11, 30)
    [complete, *_] = procedure_deadlines(trigger_date=D(2019, 9, 25), announced_on=None, extensions=[first],
                                         today=D(2019, 10, 30))
    assert complete.due == D(2019, 11, 10)
    assert complete.original_due == original
    assert complete.extended
    assert complete.state is DeadlineState.OPEN
    assert complete.days_left == 11


def test_the_three_deadlines_of_an_edition_through_the_year():
    def at(today, announced=None, posted=None, removed=None):
        return {d.kind: d for d in procedure_deadlines(
            trigger_kind=TriggerKind.BUDGET_ORDINANCE, trigger_date=D(2019, 9, 25), announced_on=announced,
            posted_on=posted, removed_on=removed, today=today)}

    early = at(D(2019, 10, 20))
    assert early[DeadlineKind.COMPLETE].state is DeadlineState.DUE_SOON
    assert early[DeadlineKind.COMPLETE].status_text == "เหลือ 5 วัน"
    assert "งบประมาณรายจ่ายประจำปี" in early[DeadlineKind.COMPLETE].rule
    assert early[DeadlineKind.POST].state is DeadlineState.UNKNOWN
    assert early[DeadlineKind.KEEP_POSTED].state is DeadlineState.UNKNOWN

    announced = at(D(2019, 10, 28), announced=D(2019, 10, 24))
    assert announced[DeadlineKind.COMPLETE].state is DeadlineState.MET
    assert announced[DeadlineKind.POST].due == D(2019, 11, 8)
    assert announced[DeadlineKind.POST].days_left == 11

    posted = at(D(2019, 11, 20), announced=D(2019, 10, 24), posted=D(2019, 10, 28))
    assert posted[DeadlineKind.POST].state is DeadlineState.MET
    keep = posted[DeadlineKind.KEEP_POSTED]
    assert keep.state is DeadlineState.RUNNING
    assert keep.due == D(2019, 11, 27)
    assert "28 พฤศจิกายน 2562" in keep.rule  # may come down from the 31st day
    assert at(D(2019, 11, 28), announced=D(2019, 10, 24), posted=D(2019, 10, 28))[
        DeadlineKind.KEEP_POSTED].state is DeadlineState.MET
    broken = at(D(2019, 12, 1), announced=D(2019, 10, 24), posted=D(2019, 10, 28), removed=D(2019, 11, 20))
    assert broken[DeadlineKind.KEEP_POSTED].state is DeadlineState.BROKEN


def test_no_trigger_date_means_no_count_yet():
    [complete, *_] = procedure_deadlines(trigger_kind=TriggerKind.OTHER_AGENCIES, trigger_date=None,
                                         announced_on=None, today=D(2020, 1, 1))
    assert complete.state is DeadlineState.UNKNOWN
    assert complete.due is None
    assert "หน่วยงานอื่น" in complete.status_text


def test_warnings_for_overdue_and_due_within_seven_days_only():
    def warned(today):
        return warnings(procedure_deadlines(trigger_date=D(2019, 9, 25), announced_on=None, today=today))

    assert warned(D(2019, 10, 17)) == []  # 8 days left
    [soon] = warned(D(2019, 10, 18))
    assert soon.state is DeadlineState.DUE_SOON
    assert soon.message == "จัดทำแผนให้แล้วเสร็จ (ประกาศใช้): กำหนด 25 ตุลาคม 2562 — เหลือ 7 วัน"
    [late] = warned(D(2019, 10, 27))
    assert late.state is DeadlineState.OVERDUE
    assert late.message.endswith("เกินกำหนด 2 วัน")
    # done in time: no warning at all, whatever the day
    assert warnings(procedure_deadlines(trigger_date=D(2019, 9, 25), announced_on=D(2019, 10, 20),
                                        posted_on=D(2019, 10, 21), today=D(2020, 5, 1))) == []
