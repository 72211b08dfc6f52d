"""Status rules: what a status means, which entries are allowed, and the status true on a given day.

A project's status is kept as a history of entries by effective date (``domain.tracking.StatusEntry``);
the status true on a day is the entry with the latest effective date on or before it, whatever order the
entries were typed in. Before its first entry a project is ยังไม่ได้ดำเนินการ, or ไม่ได้รับรายงาน when
another agency runs it (its unit is external).

The rules an entry must keep (``check_status``), each with a Thai message:

- its effective date is not after today, nor before the fiscal year begins;
- progress is a whole percent from 0 to 100; ดำเนินการแล้วเสร็จ is 100 %, ยังไม่ได้ดำเนินการ is 0 %
  (left empty they become so: ``normalised_progress``);
- ยกเลิก needs a reason;
- ไม่ได้รับรายงาน is for other agencies' projects only.

Disbursements (``check_disbursement``) are positive amounts, paid on a day not after today and not before
the fiscal year begins (money kept for the next year, กันเงิน, is disbursed after the year ends: allowed).
A total above the budget or the contract is allowed; ``tracking.views`` flags it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from thaplan_desktop.domain.fiscal import fiscal_year_bounds, format_thai_date
from thaplan_desktop.domain.money import MAX_BUDGET
from thaplan_desktop.domain.tracking import StatusEntry, TrackingStatus

__all__ = [
    "STATUS_LABELS",
    "STATUS_ORDER",
    "TrackingError",
    "check_disbursement",
    "check_status",
    "check_tracking_dates",
    "default_status",
    "entry_on",
    "normalised_progress",
    "progress_on",
    "status_from_label",
]


class TrackingError(ValueError):
    """An entry that breaks a rule; the message is Thai, one problem per line."""


STATUS_LABELS: dict[TrackingStatus, str] = {
    TrackingStatus.NOT_STARTED: "ยังไม่ได้ดำเนินการ",
    TrackingStatus.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    TrackingStatus.DONE: "ดำเนินการแล้วเสร็จ",
    TrackingStatus.CANCELLED: "ยกเลิก",
    TrackingStatus.CARRIED_OVER: "กันเงินไว้เบิกจ่ายปีถัดไป",
    TrackingStatus.UNKNOWN: "ไม่ได้รับรายงาน",
}
# The order statuses are counted and listed in (the report's columns).
STATUS_ORDER = (TrackingStatus.DONE, TrackingStatus.IN_PROGRESS, TrackingStatus.NOT_STARTED,
                TrackingStatus.CANCELLED, TrackingStatus.CARRIED_OVER, TrackingStatus.UNKNOWN)

TEXTS = {
    "future": "วันที่มีผล ({day}) ต้องไม่เลยวันนี้ ({today})",
    "before_year": "วันที่มีผล ({day}) อยู่ก่อนเริ่มปีงบประมาณ {year} ({start})",
    "progress_range": "ความคืบหน้าต้องเป็นร้อยละ 0 ถึง 100 (ได้รับ {progress})",
    "done_progress": "สถานะ “ดำเนินการแล้วเสร็จ” ความคืบหน้าต้องเป็นร้อยละ 100 (ได้รับ {progress})",
    "not_started_progress": "สถานะ “ยังไม่ได้ดำเนินการ” ความคืบหน้าต้องเป็นร้อยละ 0 (ได้รับ {progress})",
    "reason": "กรุณาระบุเหตุผลที่ยกเลิกโครงการ",
    "unknown_own": "สถานะ “ไม่ได้รับรายงาน” ใช้กับโครงการของหน่วยงานอื่นเท่านั้น",
    "amount": "จำนวนเงินที่เบิกจ่ายต้องมากกว่า 0 บาท",
    "paid_future": "วันที่เบิกจ่าย ({day}) ต้องไม่เลยวันนี้ ({today})",
    "paid_before_year": "วันที่เบิกจ่าย ({day}) อยู่ก่อนเริ่มปีงบประมาณ {year} ({start})",
    "finish_before_start": "วันที่แล้วเสร็จจริง ({finish}) อยู่ก่อนวันที่เริ่มจริง ({start})",
    "actual_future": "วันที่{what}จริง ({day}) ต้องไม่เลยวันนี้ ({today})",
    "contract": "วงเงินตามสัญญาต้องไม่ติดลบ",
    "too_large": "{what}ต้องไม่เกิน {limit} บาท และมีทศนิยมไม่เกินสองตำแหน่ง (ได้รับ {amount})",
    "unknown_label": "ไม่รู้จักสถานะ “{text}” (ใช้ได้: {known})",
}

_ALIASES = {
    "ยังไม่ดำเนินการ": TrackingStatus.NOT_STARTED,
    "ยังไม่ได้เริ่ม": TrackingStatus.NOT_STARTED,
    "ระหว่างดำเนินการ": TrackingStatus.IN_PROGRESS,
    "กำลังดำเนินการ": TrackingStatus.IN_PROGRESS,
    "แล้วเสร็จ": TrackingStatus.DONE,
    "ดำเนินการแล้ว": TrackingStatus.DONE,
    "เสร็จแล้ว": TrackingStatus.DONE,
    "กันเงิน": TrackingStatus.CARRIED_OVER,
    "กันเงินไว้เบิกเหลื่อมปี": TrackingStatus.CARRIED_OVER,
    "ไม่ทราบ": TrackingStatus.UNKNOWN,
}


def status_from_label(text: str) -> TrackingStatus:
    """A status from what a person or a file wrote: its Thai label, a common variant, or its code."""
    key = "".join(str(text).split())
    for status, label in STATUS_LABELS.items():
        if key in ("".join(label.split()), status.value):
            return status
    if key in _ALIASES:
        return _ALIASES[key]
    if key.startswith("ยกเลิก"):
        return TrackingStatus.CANCELLED
    known = ", ".join(STATUS_LABELS.values())
    raise TrackingError(TEXTS["unknown_label"].format(text=text, known=known))


def default_status(external: bool) -> TrackingStatus:
    """The status of a project before any entry: not started, or not reported for another agency's."""
    return TrackingStatus.UNKNOWN if external else TrackingStatus.NOT_STARTED


def entry_on(entries: Sequence[StatusEntry], day: dt.date) -> StatusEntry | None:
    """The entry in force on ``day``: the latest effective date on or before it (entries in any order)."""
    best: StatusEntry | None = None
    for entry in entries:
        if entry.effective_on <= day and (best is None or entry.effective_on > best.effective_on):
            best = entry
    return best


def normalised_progress(status: TrackingStatus, progress: int | None) -> int | None:
    """The progress an entry stores: 100 for done and 0 for not started when none is given."""
    if progress is None:
        if status is TrackingStatus.DONE:
            return 100
        if status is TrackingStatus.NOT_STARTED:
            return 0
    return progress


def progress_on(entry: StatusEntry | None) -> int | None:
    """The progress in force with an entry (none: 0, as the project has not started)."""
    if entry is None:
        return None
    return normalised_progress(entry.status, entry.progress)


def check_status(status: TrackingStatus, *, progress: int | None, reason: str, effective_on: dt.date,
                 today: dt.date, fiscal_year: int, external: bool) -> None:
    """Raise ``TrackingError`` when an entry breaks a rule (all its problems, one per line)."""
    problems: list[str] = []
    start, _end = fiscal_year_bounds(fiscal_year)
    if effective_on > today:
        problems.append(TEXTS["future"].format(day=format_thai_date(effective_on), today=format_thai_date(today)))
    if effective_on < start:
        problems.append(TEXTS["before_year"].format(day=format_thai_date(effective_on), year=fiscal_year,
                                                    start=format_thai_date(start)))
    if progress is not None and not 0 <= progress <= 100:
        problems.append(TEXTS["progress_range"].format(progress=progress))
    elif status is TrackingStatus.DONE and progress not in (None, 100):
        problems.append(TEXTS["done_progress"].format(progress=progress))
    elif status is TrackingStatus.NOT_STARTED and progress not in (None, 0):
        problems.append(TEXTS["not_started_progress"].format(progress=progress))
    if status is TrackingStatus.CANCELLED and not reason.strip():
        problems.append(TEXTS["reason"])
    if status is TrackingStatus.UNKNOWN and not external:
        problems.append(TEXTS["unknown_own"])
    if problems:
        raise TrackingError("\n".join(problems))


def too_large(amount: Decimal, what: str) -> str | None:
    """The Thai problem of an amount no plan can hold (above ``MAX_BUDGET``, not a number, finer than a
    satang), or None: the file stores satang in 64 bits, and no project of a local government comes near."""
    if amount.is_finite() and amount <= MAX_BUDGET and amount == amount.quantize(Decimal("0.01")):
        return None
    return TEXTS["too_large"].format(what=what, limit=f"{MAX_BUDGET:,.0f}", amount=amount)


def check_disbursement(amount: Decimal, paid_on: dt.date, *, today: dt.date, fiscal_year: int) -> None:
    """Raise ``TrackingError`` when a disbursement breaks a rule."""
    problems: list[str] = []
    start, _end = fiscal_year_bounds(fiscal_year)
    if amount <= 0:
        problems.append(TEXTS["amount"])
    elif (large := too_large(amount, "จำนวนเงินที่เบิกจ่าย")) is not None:
        problems.append(large)
    if paid_on > today:
        problems.append(TEXTS["paid_future"].format(day=format_thai_date(paid_on), today=format_thai_date(today)))
    if paid_on < start:
        problems.append(TEXTS["paid_before_year"].format(day=format_thai_date(paid_on), year=fiscal_year,
                                                         start=format_thai_date(start)))
    if problems:
        raise TrackingError("\n".join(problems))


def check_tracking_dates(*, actual_start: dt.date | None, actual_finish: dt.date | None,
                         contract: Decimal | None, today: dt.date) -> None:
    """Raise ``TrackingError`` when actual dates or the contract amount cannot be right."""
    problems: list[str] = []
    for what, day in (("เริ่ม", actual_start), ("แล้วเสร็จ", actual_finish)):
        if day is not None and day > today:
            problems.append(TEXTS["actual_future"].format(what=what, day=format_thai_date(day),
                                                          today=format_thai_date(today)))
    if actual_start is not None and actual_finish is not None and actual_finish < actual_start:
        problems.append(TEXTS["finish_before_start"].format(finish=format_thai_date(actual_finish),
                                                            start=format_thai_date(actual_start)))
    if contract is not None and contract < 0:
        problems.append(TEXTS["contract"])
    elif contract is not None and (large := too_large(contract, "วงเงินตามสัญญา")) is not None:
        problems.append(large)
    if problems:
        raise TrackingError("\n".join(problems))
