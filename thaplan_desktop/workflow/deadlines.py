"""The regulation's deadlines as pure date arithmetic (ข้อ 26–27): no Qt, no database.

Three deadlines follow from an edition's dates:

1. **complete** — the plan is completed (announced, step ประกาศใช้) within 30 days of the trigger: the
   announcement of the annual or an additional budget, spending from accumulated funds, or the receipt of
   other agencies' projects. Extensions granted by the executive move it; the latest granted wins.
2. **post** — once announced it is posted (ปิดประกาศ) within 15 days of the announcement date.
3. **keep posted** — it stays posted at least 30 days; ``earliest_removal`` is the first day it may come down.

Counting convention (as the Civil and Commercial Code, มาตรา 193/3, counts periods in days): the day of
the event itself is not counted; the day after it is day 1. "Within N days of D" therefore ends at the
end of day D + N, which is the due date, and the step is in time when done on or before it. "Kept posted
at least 30 days" from a posting on P means days P+1 … P+30 must be covered, so it may come down from
P + 31. A due date falling on a weekend or public holiday is *not* moved (offices differ; the executive
can grant an extension instead).

Days left are ``due - today`` in calendar days: 0 is "due today", negative is overdue. A deadline not yet
met warns when overdue and when it is due within ``SOON_DAYS`` (7) days.

The monitoring report (ระเบียบ ฉบับที่ 3 พ.ศ. 2561) has three deadlines of its own, counted the same way
(``monitoring_deadlines``): it is **reported** to the council and the development committee by a due date
(the annual report at least once a year within December: by 31 ธันวาคม of the year the fiscal year ends;
a 6-month round, by practice, by 30 เมษายน; a quarter's, by the end of the month after it), its results are
**announced** within 15 days of that report, and the announcement is **kept posted** at least 30 days.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.domain.procedure import Extension

__all__ = [
    "COMPLETE_DAYS",
    "KEEP_POSTED_DAYS",
    "POST_DAYS",
    "SOON_DAYS",
    "TRIGGER_LABELS",
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "Extension",
    "DeadlineWarning",
    "completion_due",
    "days_left_text",
    "earliest_removal",
    "effective_due",
    "evaluate",
    "monitoring_deadlines",
    "posted_until",
    "posting_due",
    "procedure_deadlines",
    "warnings",
]

COMPLETE_DAYS = 30
POST_DAYS = 15
KEEP_POSTED_DAYS = 30
SOON_DAYS = 7


class DeadlineKind(enum.StrEnum):
    """Which deadline of the regulation."""

    COMPLETE = "complete"
    POST = "post"
    KEEP_POSTED = "keep_posted"
    REPORT_RESULTS = "report_results"  # the monitoring report to the council and committee
    ANNOUNCE_RESULTS = "announce_results"  # its results announced within 15 days
    KEEP_RESULTS_POSTED = "keep_results_posted"  # and kept posted at least 30 days


class DeadlineState(enum.StrEnum):
    """Where a deadline stands on a given day."""

    UNKNOWN = "unknown"  # its starting date is not known yet (no trigger, not announced, not posted)
    OPEN = "open"  # more than SOON_DAYS left
    DUE_SOON = "due_soon"  # 0..SOON_DAYS days left
    OVERDUE = "overdue"  # past due and not met
    MET = "met"  # met in time
    LATE = "late"  # met, but after the due date
    RUNNING = "running"  # keep posted: posted, the 30 days are still running
    BROKEN = "broken"  # keep posted: taken down before the 30 days were over

    @property
    def is_warning(self) -> bool:
        """True for the states a user must be warned about."""
        return self in (DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.BROKEN)


# --- the Thai wording, in one place ---------------------------------------------------------------------

TRIGGER_LABELS: dict[TriggerKind, str] = {
    TriggerKind.BUDGET_ORDINANCE: "ประกาศใช้งบประมาณรายจ่ายประจำปี",
    TriggerKind.ADDITIONAL_BUDGET: "ประกาศใช้งบประมาณรายจ่ายเพิ่มเติม",
    TriggerKind.ACCUMULATED_FUNDS: "อนุมัติงบประมาณจากเงินสะสม",
    TriggerKind.OTHER_AGENCIES: "ได้รับแจ้งแผนงาน/โครงการจากหน่วยงานอื่น",
}

_TITLES = {
    DeadlineKind.COMPLETE: "จัดทำแผนให้แล้วเสร็จ (ประกาศใช้)",
    DeadlineKind.POST: "ปิดประกาศแผนให้ประชาชนทราบ",
    DeadlineKind.KEEP_POSTED: "ปิดประกาศไว้อย่างน้อย 30 วัน",
    DeadlineKind.REPORT_RESULTS: "รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น",
    DeadlineKind.ANNOUNCE_RESULTS: "ประกาศผลการติดตามและประเมินผลให้ประชาชนทราบ",
    DeadlineKind.KEEP_RESULTS_POSTED: "ปิดประกาศผลการติดตามไว้อย่างน้อย 30 วัน",
}
_RULES = {
    DeadlineKind.COMPLETE: "ภายใน 30 วันนับแต่วันที่{trigger}",
    DeadlineKind.POST: "ภายใน 15 วันนับแต่วันที่ประกาศใช้แผน",
    DeadlineKind.KEEP_POSTED: "ปลดประกาศได้ตั้งแต่วันที่ 31 นับแต่วันปิดประกาศ",
    DeadlineKind.REPORT_RESULTS: "{rule}",
    DeadlineKind.ANNOUNCE_RESULTS: "ภายใน 15 วันนับแต่วันที่รายงานผลต่อสภาท้องถิ่น",
    DeadlineKind.KEEP_RESULTS_POSTED: "ปลดประกาศได้ตั้งแต่วันที่ 31 นับแต่วันปิดประกาศ",
}
_WAITING = {
    DeadlineKind.COMPLETE: "ยังไม่ได้ระบุวันเริ่มนับ (วันที่{trigger})",
    DeadlineKind.POST: "นับเมื่อประกาศใช้แผนแล้ว",
    DeadlineKind.KEEP_POSTED: "นับเมื่อปิดประกาศแล้ว",
    DeadlineKind.REPORT_RESULTS: "ไม่มีกำหนดตามระเบียบ",
    DeadlineKind.ANNOUNCE_RESULTS: "นับเมื่อรายงานผลต่อสภาท้องถิ่นแล้ว",
    DeadlineKind.KEEP_RESULTS_POSTED: "นับเมื่อปิดประกาศแล้ว",
}


def days_left_text(days: int) -> str:
    """``เหลือ 5 วัน`` / ``ครบกำหนดวันนี้`` / ``เกินกำหนด 3 วัน``."""
    if days > 0:
        return f"เหลือ {days:,} วัน"
    if days == 0:
        return "ครบกำหนดวันนี้"
    return f"เกินกำหนด {-days:,} วัน"


# --- arithmetic -------------------------------------------------------------------------------------------

def completion_due(trigger_date: dt.date) -> dt.date:
    """Last day to complete (announce) the plan: the 30th day after the trigger."""
    return trigger_date + dt.timedelta(days=COMPLETE_DAYS)


def posting_due(announced_on: dt.date) -> dt.date:
    """Last day to post the announced plan: the 15th day after the announcement."""
    return announced_on + dt.timedelta(days=POST_DAYS)


def posted_until(posted_on: dt.date) -> dt.date:
    """Last day the plan must still be up: the 30th day after it was posted."""
    return posted_on + dt.timedelta(days=KEEP_POSTED_DAYS)


def earliest_removal(posted_on: dt.date) -> dt.date:
    """First day the posted plan may be taken down."""
    return posted_until(posted_on) + dt.timedelta(days=1)


def effective_due(original: dt.date | None, extensions: Iterable[Extension]) -> dt.date | None:
    """The completion deadline after extensions: the last extension granted (by id order) wins."""
    granted = sorted(extensions, key=lambda e: e.id)
    return granted[-1].new_due if granted else original


def evaluate(due: dt.date, done_on: dt.date | None, today: dt.date) -> tuple[DeadlineState, int]:
    """State and days left (``due - today``) of a deadline met by something done on ``done_on``."""
    days = (due - today).days
    if done_on is not None:
        return (DeadlineState.MET if done_on <= due else DeadlineState.LATE), days
    if days < 0:
        return DeadlineState.OVERDUE, days
    if days <= SOON_DAYS:
        return DeadlineState.DUE_SOON, days
    return DeadlineState.OPEN, days


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline on a given day, ready to show."""

    kind: DeadlineKind
    title: str  # Thai
    rule: str  # Thai: how it is counted
    state: DeadlineState
    due: dt.date | None = None
    original_due: dt.date | None = None  # before extensions (complete only)
    done_on: dt.date | None = None
    days_left: int | None = None

    @property
    def extended(self) -> bool:
        """True when an extension moved the due date."""
        return self.original_due is not None and self.due != self.original_due

    @property
    def status_text(self) -> str:
        """One Thai phrase for the state: days left, met, overdue …"""
        if self.state is DeadlineState.UNKNOWN:
            return self.rule
        if self.state is DeadlineState.MET:
            assert self.done_on is not None
            return f"ทันกำหนด (ดำเนินการแล้ว {format_thai_date(self.done_on, short=True)})"
        if self.state is DeadlineState.LATE:
            assert self.done_on is not None
            assert self.due is not None
            late = (self.done_on - self.due).days
            return f"ช้ากว่ากำหนด {late:,} วัน (ดำเนินการ {format_thai_date(self.done_on, short=True)})"
        if self.state is DeadlineState.RUNNING:
            assert self.days_left is not None
            return f"ต้องปิดประกาศต่ออีก {self.days_left + 1:,} วัน"
        if self.state is DeadlineState.BROKEN:
            return "ปลดประกาศก่อนครบ 30 วัน"
        assert self.days_left is not None
        return days_left_text(self.days_left)


def procedure_deadlines(
    *,
    trigger_kind: TriggerKind = TriggerKind.BUDGET_ORDINANCE,
    trigger_date: dt.date | None,
    announced_on: dt.date | None,
    posted_on: dt.date | None = None,
    removed_on: dt.date | None = None,
    extensions: Sequence[Extension] = (),
    today: dt.date,
) -> list[Deadline]:
    """The three deadlines of an edition on ``today``."""
    trigger = TRIGGER_LABELS.get(TriggerKind(trigger_kind), "")
    result = []

    kind = DeadlineKind.COMPLETE
    if trigger_date is None:
        result.append(Deadline(kind, _TITLES[kind], _WAITING[kind].format(trigger=trigger), DeadlineState.UNKNOWN))
    else:
        original = completion_due(trigger_date)
        due = effective_due(original, extensions)
        assert due is not None
        state, days = evaluate(due, announced_on, today)
        result.append(Deadline(kind, _TITLES[kind], _RULES[kind].format(trigger=trigger), state, due, original,
                               announced_on, days))

    kind = DeadlineKind.POST
    if announced_on is None:
        result.append(Deadline(kind, _TITLES[kind], _WAITING[kind], DeadlineState.UNKNOWN))
    else:
        due = posting_due(announced_on)
        state, days = evaluate(due, posted_on, today)
        result.append(Deadline(kind, _TITLES[kind], _RULES[kind], state, due, None, posted_on, days))

    result.append(_kept_posted(DeadlineKind.KEEP_POSTED, posted_on, removed_on, today))
    return result


def _kept_posted(kind: DeadlineKind, posted_on: dt.date | None, removed_on: dt.date | None,
                 today: dt.date) -> Deadline:
    """"Kept posted at least 30 days" for something posted on ``posted_on``."""
    if posted_on is None:
        return Deadline(kind, _TITLES[kind], _WAITING[kind], DeadlineState.UNKNOWN)
    last = posted_until(posted_on)
    first_free = earliest_removal(posted_on)
    days = (last - today).days
    if removed_on is not None and removed_on < first_free:
        state = DeadlineState.BROKEN
    elif removed_on is not None or today >= first_free:
        state = DeadlineState.MET
    else:
        state = DeadlineState.RUNNING
    done = removed_on if removed_on is not None else (first_free if state is DeadlineState.MET else None)
    rule = f"ปลดประกาศได้ตั้งแต่ {format_thai_date(first_free)}"
    return Deadline(kind, _TITLES[kind], rule, state, last, None, done, days)


def monitoring_deadlines(*, report_due: dt.date | None, report_rule: str, reported_on: dt.date | None,
                         announced_on: dt.date | None, posted_on: dt.date | None = None,
                         removed_on: dt.date | None = None, today: dt.date) -> list[Deadline]:
    """The three deadlines of a round of the monitoring report on ``today``.

    ``report_due`` is when it must reach the council and committee (None: no due date), ``report_rule`` how
    that date is set, in Thai; the announcement is due within ``POST_DAYS`` (15) days of ``reported_on``,
    and the posting kept at least ``KEEP_POSTED_DAYS`` (30) days.
    """
    result = []
    kind = DeadlineKind.REPORT_RESULTS
    if report_due is None:
        if reported_on is None:
            result.append(Deadline(kind, _TITLES[kind], _WAITING[kind], DeadlineState.UNKNOWN))
        else:
            result.append(Deadline(kind, _TITLES[kind], _WAITING[kind], DeadlineState.MET, done_on=reported_on))
    else:
        state, days = evaluate(report_due, reported_on, today)
        result.append(Deadline(kind, _TITLES[kind], _RULES[kind].format(rule=report_rule), state, report_due,
                               None, reported_on, days))
    kind = DeadlineKind.ANNOUNCE_RESULTS
    if reported_on is None:
        result.append(Deadline(kind, _TITLES[kind], _WAITING[kind], DeadlineState.UNKNOWN))
    else:
        due = posting_due(reported_on)
        state, days = evaluate(due, announced_on, today)
        result.append(Deadline(kind, _TITLES[kind], _RULES[kind], state, due, None, announced_on, days))
    result.append(_kept_posted(DeadlineKind.KEEP_RESULTS_POSTED, posted_on, removed_on, today))
    return result


@dataclass(frozen=True, slots=True)
class DeadlineWarning:
    """A deadline to worry about, with one Thai sentence."""

    kind: DeadlineKind
    state: DeadlineState
    message: str


def warnings(deadlines: Iterable[Deadline]) -> list[DeadlineWarning]:
    """Warnings for deadlines overdue, due within SOON_DAYS, or broken."""
    result = []
    for d in deadlines:
        if not d.state.is_warning:
            continue
        if d.state is DeadlineState.BROKEN:
            message = f"{d.title}: ปลดประกาศก่อนกำหนด (ต้องปิดประกาศถึง {format_thai_date(d.due)})" if d.due else d.title
        else:
            assert d.due is not None
            assert d.days_left is not None
            message = f"{d.title}: กำหนด {format_thai_date(d.due)} — {days_left_text(d.days_left)}"
        result.append(DeadlineWarning(d.kind, d.state, message))
    return result
