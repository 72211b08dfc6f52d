"""Changing an edition's procedure: undoable workspace operations (one transaction, one undo step each).

Each function takes the open ``Workspace`` first and runs inside ``workspace.operation(label)``, so undo
restores the database exactly and ``workspace.last_changes`` says what changed (``edition`` shows as
``meta``, this package's tables in ``other_tables``). Refusals raise ``WorkspaceError`` with a Thai
message; a refused operation changes nothing and leaves no undo step.

Side effects kept in step with the steps: ประกาศใช้ done marks the edition announced with the date done
as its announcement date (reopening it returns the edition to draft); พิจารณาร่าง done records the date
as the committee's meeting date, which the printed ประกาศ cites.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thaplan_desktop.db.models import (
    AmendmentRow,
    DeadlineExtensionRow,
    EditionRow,
    OrganisationRow,
    PostingRow,
    ProcedureStepRow,
)
from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.model import EditionKind, EditionStatus, TriggerKind, default_title_suffix
from thaplan_desktop.workflow.deadlines import completion_due
from thaplan_desktop.workflow.procedure import step_states
from thaplan_desktop.workflow.status import STATUS_LABELS, StepStatus, check_transition
from thaplan_desktop.workflow.steps import ANNOUNCE, REVIEW, STEP_IDS, procedure, step_def
from thaplan_desktop.workspace import Changes, Workspace, WorkspaceError

__all__ = [
    "EditChoice",
    "EditRequest",
    "StepOrderError",
    "add_extension",
    "carry_out",
    "delete_amendment",
    "delete_extension",
    "forget_edition",
    "record_amendment",
    "set_posting",
    "set_step",
    "set_trigger",
    "start_additional_edition",
    "update_amendment",
]

FORCE_HINT = "หากจำเป็นต้องบันทึกข้ามลำดับ กรุณาระบุเหตุผล"


class StepOrderError(WorkspaceError):
    """A change of step status against the procedure's order; allowed when forced with a reason."""


def _edition_row(s: Session, edition_id: int) -> EditionRow:
    row = s.get(EditionRow, edition_id)
    if row is None:
        raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
    return row


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


# --- steps -------------------------------------------------------------------------------------------------

def set_step(workspace: Workspace, edition_id: int, step_id: str, *, status: StepStatus | str,
             done_on: dt.date | None = None, note: str | None = None, force_reason: str = "",
             today: dt.date | None = None) -> Changes:
    """Set a step's status, date done and note (``note`` None: keep it).

    Against the order of steps (see ``workflow.status``) it raises ``StepOrderError`` unless
    ``force_reason`` says why; the reason is kept with the step. A date is only kept for a done step.
    """
    if step_id not in STEP_IDS:
        raise WorkspaceError(f"ไม่รู้จักขั้นตอน “{step_id}”")
    status = StepStatus(status)
    force_reason = (force_reason or "").strip()
    label = f"บันทึกขั้นตอนที่ {step_def(step_id).number} ({STATUS_LABELS[status]})"
    with workspace.operation(label) as s:
        edition = _edition_row(s, edition_id)
        proc = procedure(s.scalars(select(OrganisationRow.kind)).first())
        states = step_states(s, proc, edition_id)
        current = states[step_id]
        if not force_reason and current.done and status is StepStatus.DONE and current.forced_reason:
            force_reason = current.forced_reason  # stays done: the reason given before still holds
        check = check_transition(proc, states, step_id, status, done_on, _today(today))
        if check.errors:
            raise WorkspaceError(check.message)
        if check.order_problems and not force_reason:
            raise StepOrderError(f"{check.message}\n{FORCE_HINT}")
        row = s.scalar(select(ProcedureStepRow).where(ProcedureStepRow.edition_id == edition_id,
                                                      ProcedureStepRow.step == step_id))
        if row is None:
            row = ProcedureStepRow(edition_id=edition_id, step=step_id, note="", forced_reason="")
            s.add(row)
        row.status = str(status)
        row.done_on = done_on if status is StepStatus.DONE else None
        if note is not None:
            row.note = note.strip()
        row.forced_reason = force_reason if check.order_problems else ""
        if step_id == ANNOUNCE:
            if status is StepStatus.DONE:
                edition.status = str(EditionStatus.ANNOUNCED)
                edition.announcement_date = done_on
            else:
                edition.status = str(EditionStatus.DRAFT)
                edition.announcement_date = None
        elif step_id == REVIEW and status is StepStatus.DONE:
            edition.committee_meeting_date = done_on
    return workspace.last_changes


# --- trigger, extensions, posting ---------------------------------------------------------------------------

def set_trigger(workspace: Workspace, edition_id: int, trigger_kind: TriggerKind | str,
                trigger_date: dt.date | None) -> Changes:
    """What opened the 30-day window and when."""
    kind = TriggerKind(trigger_kind)
    with workspace.operation("แก้ไขวันเริ่มนับกำหนดเวลา") as s:
        edition = _edition_row(s, edition_id)
        edition.trigger_kind = str(kind)
        edition.trigger_date = trigger_date
    return workspace.last_changes


def add_extension(workspace: Workspace, edition_id: int, *, new_due: dt.date, reason: str,
                  granted_on: dt.date | None = None, note: str = "") -> int:
    """Record an extension of the completion deadline granted by the executive; returns its id.

    The new date must be later than the deadline in force (the original or the last extension).
    """
    reason = (reason or "").strip()
    if not reason:
        raise WorkspaceError("กรุณาระบุเหตุผลของการขยายเวลา")
    with workspace.operation("ขยายเวลาจัดทำแผน") as s:
        edition = _edition_row(s, edition_id)
        if edition.trigger_date is None:
            raise WorkspaceError("ต้องระบุวันเริ่มนับกำหนดเวลาก่อนจึงจะขยายเวลาได้")
        current = s.scalars(select(DeadlineExtensionRow).where(DeadlineExtensionRow.edition_id == edition_id)
                            .order_by(DeadlineExtensionRow.id.desc())).first()
        in_force = current.new_due if current is not None else completion_due(edition.trigger_date)
        if new_due <= in_force:
            raise WorkspaceError(f"วันที่ขยายถึง ({format_thai_date(new_due)}) ต้องหลังกำหนดเดิม "
                                 f"({format_thai_date(in_force)})")
        row = DeadlineExtensionRow(edition_id=edition_id, new_due=new_due, reason=reason,
                                   granted_on=granted_on, note=(note or "").strip())
        s.add(row)
        s.flush()
        new_id = row.id
    return new_id


def delete_extension(workspace: Workspace, extension_id: int) -> Changes:
    """Remove an extension recorded by mistake (the deadline goes back to the one before)."""
    with workspace.operation("ลบการขยายเวลา") as s:
        row = s.get(DeadlineExtensionRow, extension_id)
        if row is None:
            raise WorkspaceError(f"ไม่พบการขยายเวลารหัส {extension_id}")
        s.delete(row)
    return workspace.last_changes


def set_posting(workspace: Workspace, edition_id: int, *, posted_on: dt.date | None,
                removed_on: dt.date | None = None, note: str = "") -> Changes:
    """When the announced plan was posted for the public (ปิดประกาศ) and taken down."""
    with workspace.operation("บันทึกการปิดประกาศ") as s:
        edition = _edition_row(s, edition_id)
        if posted_on is not None:
            if edition.announcement_date is None:
                raise WorkspaceError("ต้องประกาศใช้แผนก่อนจึงจะบันทึกวันปิดประกาศได้")
            if posted_on < edition.announcement_date:
                raise WorkspaceError(f"วันปิดประกาศต้องไม่ก่อนวันประกาศใช้แผน "
                                     f"({format_thai_date(edition.announcement_date)})")
        if removed_on is not None and (posted_on is None or removed_on < posted_on):
            raise WorkspaceError("วันปลดประกาศต้องไม่ก่อนวันปิดประกาศ")
        row = s.get(PostingRow, edition_id)
        if row is None:
            row = PostingRow(edition_id=edition_id)
            s.add(row)
        row.posted_on = posted_on
        row.removed_on = removed_on
        row.note = (note or "").strip()
    return workspace.last_changes


# --- amendments and additional editions ---------------------------------------------------------------------

def record_amendment(workspace: Workspace, edition_id: int, *, amended_on: dt.date, reason: str,
                     changes: str = "", approved_by: str = "") -> int:
    """Record an amendment (การแก้ไขแผนการดำเนินงาน) of an announced edition; returns its id.

    Amendments are numbered through the fiscal year (แก้ไขครั้งที่ n/ปี), across its editions.
    """
    reason = (reason or "").strip()
    if not reason:
        raise WorkspaceError("กรุณาระบุเหตุผลของการแก้ไขแผน")
    with workspace.operation("บันทึกการแก้ไขแผน") as s:
        edition = _edition_row(s, edition_id)
        if edition.status != str(EditionStatus.ANNOUNCED):
            raise WorkspaceError("แผนฉบับนี้ยังไม่ได้ประกาศใช้ แก้ไขได้โดยตรงโดยไม่ต้องบันทึกการแก้ไขแผน")
        if edition.announcement_date is not None and amended_on < edition.announcement_date:
            raise WorkspaceError(f"วันที่แก้ไขต้องไม่ก่อนวันประกาศใช้แผน "
                                 f"({format_thai_date(edition.announcement_date)})")
        last = s.scalar(select(func.max(AmendmentRow.number)).join(
            EditionRow, EditionRow.id == AmendmentRow.edition_id).where(
            EditionRow.fiscal_year == edition.fiscal_year, EditionRow.organisation_id == edition.organisation_id))
        row = AmendmentRow(edition_id=edition_id, number=(last or 0) + 1, amended_on=amended_on, reason=reason,
                           changes=(changes or "").strip(), approved_by=(approved_by or "").strip())
        s.add(row)
        s.flush()
        new_id = row.id
    return new_id


def update_amendment(workspace: Workspace, amendment_id: int, **fields: object) -> Changes:
    """Change an amendment's ``amended_on``, ``reason``, ``changes`` or ``approved_by``."""
    with workspace.operation("แก้ไขบันทึกการแก้ไขแผน") as s:
        row = s.get(AmendmentRow, amendment_id)
        if row is None:
            raise WorkspaceError(f"ไม่พบบันทึกการแก้ไขแผนรหัส {amendment_id}")
        for key, value in fields.items():
            if key not in ("amended_on", "reason", "changes", "approved_by"):
                raise KeyError(key)
            if key == "reason" and not str(value).strip():
                raise WorkspaceError("กรุณาระบุเหตุผลของการแก้ไขแผน")
            setattr(row, key, value.strip() if isinstance(value, str) else value)
    return workspace.last_changes


def delete_amendment(workspace: Workspace, amendment_id: int) -> Changes:
    """Remove an amendment recorded by mistake."""
    with workspace.operation("ลบบันทึกการแก้ไขแผน") as s:
        row = s.get(AmendmentRow, amendment_id)
        if row is None:
            raise WorkspaceError(f"ไม่พบบันทึกการแก้ไขแผนรหัส {amendment_id}")
        s.delete(row)
    return workspace.last_changes


def start_additional_edition(workspace: Workspace, fiscal_year: int, *, trigger_kind: TriggerKind | str,
                             trigger_date: dt.date, title_suffix: str | None = None) -> int:
    """Open an additional edition (เพิ่มเติม ฉบับที่ n) from a new trigger; returns its id.

    It starts with no projects, its own seven steps not started and its own deadlines.
    """
    kind = TriggerKind(trigger_kind)
    if trigger_date is None:
        raise WorkspaceError("กรุณาระบุวันที่เริ่มนับกำหนดเวลาของฉบับเพิ่มเติม")
    with workspace.operation("เริ่มแผนฉบับเพิ่มเติม") as s:
        org = s.scalars(select(OrganisationRow)).first()
        if org is None:
            raise WorkspaceError("ไฟล์นี้ยังไม่มีข้อมูลองค์กร")
        last = s.scalar(select(func.max(EditionRow.number)).where(
            EditionRow.organisation_id == org.id, EditionRow.fiscal_year == fiscal_year,
            EditionRow.kind == str(EditionKind.ADDITIONAL)))
        number = (last or 0) + 1
        row = EditionRow(
            organisation_id=org.id, fiscal_year=fiscal_year, kind=str(EditionKind.ADDITIONAL), number=number,
            title_suffix=title_suffix if title_suffix is not None
            else default_title_suffix(EditionKind.ADDITIONAL, number, fiscal_year),
            trigger_kind=str(kind), trigger_date=trigger_date, status=str(EditionStatus.DRAFT),
        )
        s.add(row)
        s.flush()
        new_id = row.id
    return new_id


# --- the answer to "this edition is announced: amend it, or start an additional edition?" -------------------

class EditChoice(enum.StrEnum):
    """How to change the projects of an announced edition."""

    AMEND = "amend"  # record an amendment (การแก้ไขแผนการดำเนินงาน) and edit the edition in place
    ADDITIONAL = "additional"  # open an additional edition (เพิ่มเติม ฉบับที่ n) from a new trigger


@dataclass(frozen=True, slots=True)
class EditRequest:
    """What the user answered; ``carry_out`` turns it into an operation."""

    choice: EditChoice
    date: dt.date  # the amendment's date, or the new edition's trigger date
    reason: str = ""  # AMEND: why (required)
    changes: str = ""  # AMEND: what changes
    approved_by: str = ""  # AMEND: the executive who approved
    trigger_kind: TriggerKind = TriggerKind.ADDITIONAL_BUDGET  # ADDITIONAL: what opened the new window


def carry_out(workspace: Workspace, edition_id: int, request: EditRequest) -> int:
    """Record the amendment or open the additional edition; returns the amendment's or the edition's id."""
    if request.choice is EditChoice.AMEND:
        return record_amendment(workspace, edition_id, amended_on=request.date, reason=request.reason,
                                changes=request.changes, approved_by=request.approved_by)
    fiscal_year = workspace.edition(edition_id).fiscal_year
    return start_additional_edition(workspace, fiscal_year, trigger_kind=request.trigger_kind,
                                    trigger_date=request.date)


def forget_edition(session: Session, edition_id: int) -> None:
    """Delete an edition's procedure rows through the ORM, inside the caller's operation.

    Whoever deletes an edition calls this first in the same ``workspace.operation``: the database's
    ON DELETE CASCADE would remove these rows too, but unseen by the undo recorder, so undo could not
    bring them back.
    """
    for model in (ProcedureStepRow, DeadlineExtensionRow, AmendmentRow):
        for row in session.scalars(select(model).where(model.edition_id == edition_id)):
            session.delete(row)
    posting = session.get(PostingRow, edition_id)
    if posting is not None:
        session.delete(posting)
