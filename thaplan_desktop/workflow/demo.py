"""The demo plan's procedure: a trigger date and the first four steps done, the fifth in progress.

``seed_demo_procedure(workspace, edition_id)`` is called by ``thaplan_desktop.demo.build_demo``. It
records the steps as they stand, without the order checks of ``operations.set_step`` (one operation;
``build_demo`` then clears the undo history: setting up the demo is not a user's edit). With the
budget announced on 25 กันยายน 2562 the plan is due on 25 ตุลาคม 2562; on ``DEMO_TODAY`` (20 ตุลาคม
2562) that is five days away, so the demo shows a deadline near.
"""

from __future__ import annotations

import datetime as dt

from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.domain.procedure import StepRecord
from thaplan_desktop.workflow.steps import (
    COLLECT,
    DRAFT,
    REVIEW,
    SUBMIT_TO_COMMITTEE,
    SUBMIT_TO_EXECUTIVE,
)
from thaplan_desktop.workspace import UNSET, EditionFields, Workspace

__all__ = ["DEMO_TODAY", "DEMO_TRIGGER", "seed_demo_procedure"]

DEMO_TRIGGER = dt.date(2019, 9, 25)  # ประกาศใช้ข้อบัญญัติงบประมาณรายจ่ายประจำปี 2563
DEMO_TODAY = dt.date(2019, 10, 20)  # a day on which the demo's deadline is near

# (step, status, date done, note)
_DEMO_STEPS: tuple[tuple[str, str, dt.date | None, str], ...] = (
    (COLLECT, "done", dt.date(2019, 9, 30), "บันทึกข้อความ สำนักปลัด ที่ สฎ 76401/ว 112"),
    (DRAFT, "done", dt.date(2019, 10, 7), "ร่างแผนการดำเนินงาน ฉบับวันที่ 7 ต.ค. 2562"),
    (SUBMIT_TO_COMMITTEE, "done", dt.date(2019, 10, 9), "หนังสือ ที่ สฎ 76401/215"),
    (REVIEW, "done", dt.date(2019, 10, 15), "การประชุมคณะกรรมการพัฒนาท้องถิ่น ครั้งที่ 3/2562"),
    (SUBMIT_TO_EXECUTIVE, "in_progress", None, ""),
)


def seed_demo_procedure(workspace: Workspace, edition_id: int) -> None:
    """Give the demo edition its trigger date and the procedure's first steps (one operation)."""
    edition = workspace.edition(edition_id)
    review_done = next((done_on for step, _status, done_on, _note in _DEMO_STEPS if step == REVIEW), None)
    fields = EditionFields(
        trigger_kind=TriggerKind.BUDGET_ORDINANCE,
        trigger_date=DEMO_TRIGGER if edition.trigger_date is None else UNSET,
        committee_meeting_date=UNSET if review_done is None else review_done,
    )
    records = [StepRecord(step=step, status=status, done_on=done_on, note=note)
               for step, status, done_on, note in _DEMO_STEPS]
    workspace.record_steps(edition_id, records, fields, label="ขั้นตอนของแผนตัวอย่าง")
