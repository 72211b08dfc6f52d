"""The demo plan's procedure: a trigger date and the first four steps done, the fifth in progress.

``seed_demo_procedure(workspace, edition_id)`` is called by ``thaplan_desktop.demo.build_demo``. It
writes directly (one transaction, no undo step): setting up the demo is not a user's edit. With the
budget announced on 25 กันยายน 2562 the plan is due on 25 ตุลาคม 2562; on ``DEMO_TODAY`` (20 ตุลาคม
2562) that is five days away, so the demo shows a deadline near.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from thaplan_desktop.db.models import EditionRow, ProcedureStepRow
from thaplan_desktop.workflow.steps import (
    COLLECT,
    DRAFT,
    REVIEW,
    SUBMIT_TO_COMMITTEE,
    SUBMIT_TO_EXECUTIVE,
)
from thaplan_desktop.workspace import Workspace, WorkspaceError

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
    """Give the demo edition its trigger date and the procedure's first steps (not an undo step)."""
    with Session(workspace.engine) as s, s.begin():
        edition = s.get(EditionRow, edition_id)
        if edition is None:
            raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
        edition.trigger_kind = "budget_ordinance"
        if edition.trigger_date is None:
            edition.trigger_date = DEMO_TRIGGER
        existing = {r.step: r for r in s.scalars(
            select(ProcedureStepRow).where(ProcedureStepRow.edition_id == edition_id))}
        for step, status, done_on, note in _DEMO_STEPS:
            row = existing.get(step) or ProcedureStepRow(edition_id=edition_id, step=step)
            row.status, row.done_on, row.note, row.forced_reason = status, done_on, note, ""
            s.add(row)
            if step == REVIEW and done_on is not None:
                edition.committee_meeting_date = done_on
