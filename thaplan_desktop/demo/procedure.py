"""The demo plan's procedures: an announced main edition, and an additional edition in progress.

Called by ``thaplan_desktop.demo.build_demo``; each records the steps as they stand in one operation,
without the order checks of ``operations.set_step`` (``build_demo`` then clears the undo history: setting up
the demo is not a user's edit). Only what has happened by the demo's "today" is recorded.

- **Main edition** (``seed_announced_procedure``): the budget ordinance announced on 20 สิงหาคม before the
  fiscal year, the seven steps done through August and September, announced on 13 กันยายน (a few weeks
  before the year begins), posted on 16 กันยายน and taken down on 20 ตุลาคม — every deadline met.
- **Additional edition** (``seed_procedure_in_progress``): steps 1–4 done, step 5 in progress, counted from a
  trigger ``TRIGGER_DAYS_AGO`` (25) days before today, so that on today its completion deadline is five
  days away: the demo shows a deadline near.
"""

from __future__ import annotations

import datetime as dt

from thaplan_desktop.domain.fiscal import ce_year
from thaplan_desktop.domain.model import EditionStatus, TriggerKind
from thaplan_desktop.domain.procedure import Posting, StepRecord
from thaplan_desktop.workflow.steps import (
    ANNOUNCE,
    APPROVE,
    COLLECT,
    DRAFT,
    REVIEW,
    STEP_IDS,
    SUBMIT_TO_COMMITTEE,
    SUBMIT_TO_EXECUTIVE,
)
from thaplan_desktop.workspace import EditionFields, Workspace

__all__ = ["TRIGGER_DAYS_AGO", "main_edition_dates", "seed_announced_procedure", "seed_procedure_in_progress"]

TRIGGER_DAYS_AGO = 25  # the additional edition's trigger: its 30-day deadline is five days after today

_NOTES = {
    COLLECT: "บันทึกข้อความ สำนักปลัด ที่ สฎ 76401/ว 112",
    DRAFT: "ร่างแผนการดำเนินงาน",
    SUBMIT_TO_COMMITTEE: "หนังสือ ที่ สฎ 76401/215",
    REVIEW: "การประชุมคณะกรรมการพัฒนาท้องถิ่น ครั้งที่ 3",
    SUBMIT_TO_EXECUTIVE: "หนังสือ ที่ สฎ 76401/230",
    APPROVE: "ผู้บริหารท้องถิ่นให้ความเห็นชอบ",
    ANNOUNCE: "ประกาศ อบต.ท่าสะท้อน",
}
# Days after the trigger on which the steps of the additional edition were done (step 5 is in progress).
_IN_PROGRESS = ((COLLECT, 5), (DRAFT, 12), (SUBMIT_TO_COMMITTEE, 14), (REVIEW, 20))


def main_edition_dates(fiscal_year: int) -> dict[str, dt.date]:
    """The main edition's dates: its trigger, each step done, the posting and its removal."""
    year = ce_year(fiscal_year) - 1  # the calendar year before the fiscal year begins (1 ตุลาคม)
    return {
        "trigger": dt.date(year, 8, 20),
        COLLECT: dt.date(year, 8, 27),
        DRAFT: dt.date(year, 9, 2),
        SUBMIT_TO_COMMITTEE: dt.date(year, 9, 4),
        REVIEW: dt.date(year, 9, 9),
        SUBMIT_TO_EXECUTIVE: dt.date(year, 9, 10),
        APPROVE: dt.date(year, 9, 12),
        ANNOUNCE: dt.date(year, 9, 13),
        "posted": dt.date(year, 9, 16),
        "removed": dt.date(year, 10, 20),
    }


def seed_announced_procedure(workspace: Workspace, edition_id: int, fiscal_year: int, today: dt.date) -> None:
    """The main edition's procedure as it stands on ``today`` (all done and posted once that day is past)."""
    dates = main_edition_dates(fiscal_year)
    records = []
    for step in STEP_IDS:
        done = dates[step] <= today
        records.append(StepRecord(step=step, status="done" if done else "not_started",
                                  done_on=dates[step] if done else None, note=_NOTES[step] if done else ""))
    announced = dates[ANNOUNCE] <= today
    fields = EditionFields(
        trigger_kind=TriggerKind.BUDGET_ORDINANCE, trigger_date=dates["trigger"],
        committee_meeting_date=dates[REVIEW] if dates[REVIEW] <= today else None,
        status=EditionStatus.ANNOUNCED if announced else EditionStatus.DRAFT,
        announcement_date=dates[ANNOUNCE] if announced else None,
    )
    workspace.record_steps(edition_id, records, fields, label="ขั้นตอนของแผนตัวอย่าง")
    if dates["posted"] <= today:
        removed = dates["removed"] if dates["removed"] <= today else None
        workspace.set_posting(edition_id, Posting(dates["posted"], removed, "ป้ายประกาศ ที่ทำการ อบต. และเว็บไซต์"))


def seed_procedure_in_progress(workspace: Workspace, edition_id: int, trigger_date: dt.date,
                               today: dt.date) -> None:
    """An edition's procedure counted from ``trigger_date``: steps 1–4 done, step 5 in progress (by ``today``)."""
    records = []
    for step, days in _IN_PROGRESS:
        done_on = trigger_date + dt.timedelta(days=days)
        if done_on <= today:
            records.append(StepRecord(step=step, status="done", done_on=done_on, note=_NOTES[step]))
    if len(records) == len(_IN_PROGRESS):
        records.append(StepRecord(step=SUBMIT_TO_EXECUTIVE, status="in_progress"))
    fields = EditionFields(trigger_date=trigger_date,
                           committee_meeting_date=next((r.done_on for r in records if r.step == REVIEW), None))
    workspace.record_steps(edition_id, records, fields, label="ขั้นตอนของแผนตัวอย่าง")
