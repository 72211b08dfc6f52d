"""Status rules: what an entry may say, the status true on a day, and reading statuses people typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thaplan_desktop.domain.tracking import StatusEntry, TrackingStatus
from thaplan_desktop.tracking.status import (
    TrackingError,
    check_disbursement,
    check_status,
    check_tracking_dates,
    default_status,
    entry_on,
    normalised_progress,
    status_from_label,
)

D = dt.date
S = TrackingStatus
TODAY = D(2020, 5, 15)
MARCH = D(2020, 3, 1)


def check(status, *, progress=None, reason="", day=MARCH, external=False):
    check_status(status, progress=progress, reason=reason, effective_on=day, today=TODAY, fiscal_year=2563,
                 external=external)


def test_a_sound_entry_of_every_kind_passes():
    check(S.NOT_STARTED)
    check(S.IN_PROGRESS, progress=40)
    check(S.DONE, progress=100)
    check(S.DONE)
    check(S.CANCELLED, reason="งดจัดงาน")
    check(S.CARRIED_OVER, progress=80)
    check(S.UNKNOWN, external=True)
    check(S.IN_PROGRESS, day=D(2019, 10, 1))  # the first day of the year
    check(S.IN_PROGRESS, day=TODAY)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"status": S.IN_PROGRESS, "day": D(2020, 5, 16)}, "ต้องไม่เลยวันนี้"),
    ({"status": S.IN_PROGRESS, "day": D(2019, 9, 30)}, "อยู่ก่อนเริ่มปีงบประมาณ 2563"),
    ({"status": S.IN_PROGRESS, "progress": 101}, "ร้อยละ 0 ถึง 100"),
    ({"status": S.IN_PROGRESS, "progress": -1}, "ร้อยละ 0 ถึง 100"),
    ({"status": S.DONE, "progress": 90}, "ต้องเป็นร้อยละ 100"),
    ({"status": S.NOT_STARTED, "progress": 10}, "ต้องเป็นร้อยละ 0"),
    ({"status": S.CANCELLED, "reason": "  "}, "เหตุผลที่ยกเลิก"),
    ({"status": S.UNKNOWN}, "หน่วยงานอื่นเท่านั้น"),
])
def test_each_rule_refuses_with_a_thai_message(kwargs, message):
    status = kwargs.pop("status")
    with pytest.raises(TrackingError, match=message):
        check(status, **kwargs)


def test_every_problem_of_an_entry_is_listed_one_per_line():
    with pytest.raises(TrackingError) as caught:
        check(S.CANCELLED, day=D(2021, 1, 1))
    assert len(str(caught.value).split("\n")) == 2


def test_done_is_a_hundred_percent_and_not_started_none_when_left_empty():
    assert normalised_progress(S.DONE, None) == 100
    assert normalised_progress(S.NOT_STARTED, None) == 0
    assert normalised_progress(S.IN_PROGRESS, None) is None
    assert normalised_progress(S.IN_PROGRESS, 35) == 35


def test_before_any_entry_the_office_project_is_not_started_and_another_agencys_not_reported():
    assert default_status(external=False) is S.NOT_STARTED
    assert default_status(external=True) is S.UNKNOWN


def test_the_status_on_a_day_follows_effective_dates_whatever_order_they_were_typed():
    typed = [  # the order the officer typed them in
        StatusEntry(3, 1, D(2020, 3, 20), S.DONE),
        StatusEntry(1, 1, D(2020, 1, 10), S.IN_PROGRESS, 40),
        StatusEntry(2, 1, D(2020, 2, 10), S.IN_PROGRESS, 70),
    ]
    assert entry_on(typed, D(2020, 1, 9)) is None
    assert entry_on(typed, D(2020, 1, 10)).progress == 40
    assert entry_on(typed, D(2020, 3, 19)).progress == 70
    assert entry_on(typed, D(2020, 3, 20)).status is S.DONE
    assert entry_on(list(reversed(typed)), D(2020, 2, 28)) == typed[2]


@pytest.mark.parametrize(("text", "status"), [
    ("ดำเนินการแล้วเสร็จ", S.DONE), ("done", S.DONE), ("แล้วเสร็จ", S.DONE),
    ("อยู่ระหว่าง ดำเนินการ", S.IN_PROGRESS), ("in_progress", S.IN_PROGRESS),
    ("ยังไม่ได้ดำเนินการ", S.NOT_STARTED), ("ยกเลิกโครงการ", S.CANCELLED),
    ("กันเงินไว้เบิกจ่ายปีถัดไป", S.CARRIED_OVER), ("carried_over", S.CARRIED_OVER),
    ("ไม่ได้รับรายงาน", S.UNKNOWN),
])
def test_statuses_are_read_from_their_thai_labels_variants_and_codes(text, status):
    assert status_from_label(text) is status


def test_an_unknown_status_names_the_known_ones():
    with pytest.raises(TrackingError, match="ไม่รู้จักสถานะ “เสร็จไปครึ่งหนึ่ง”.*ดำเนินการแล้วเสร็จ"):
        status_from_label("เสร็จไปครึ่งหนึ่ง")


def test_disbursement_and_detail_rules():
    check_disbursement(Decimal("1"), D(2020, 10, 15), today=D(2020, 11, 1), fiscal_year=2563)
    with pytest.raises(TrackingError, match="มากกว่า 0 บาท"):
        check_disbursement(Decimal("0"), D(2020, 1, 1), today=TODAY, fiscal_year=2563)
    with pytest.raises(TrackingError, match="อยู่ก่อนเริ่มปีงบประมาณ"):
        check_disbursement(Decimal("5"), D(2019, 9, 1), today=TODAY, fiscal_year=2563)
    with pytest.raises(TrackingError, match="ต้องไม่เลยวันนี้"):
        check_disbursement(Decimal("5"), D(2020, 6, 1), today=TODAY, fiscal_year=2563)
    with pytest.raises(TrackingError, match="อยู่ก่อนวันที่เริ่มจริง"):
        check_tracking_dates(actual_start=D(2020, 3, 1), actual_finish=D(2020, 2, 1), contract=None, today=TODAY)
