"""Changing an edition's procedure: the regulation's rules, then one undoable workspace operation each.

Each function takes the open ``Workspace`` first, reads what the rule needs, decides (order of steps,
deadlines, what announcing does to the edition; ``workflow.status`` and ``workflow.deadlines``) and hands
the workspace plain records; the workspace writes them in one transaction, one undo step, and returns
what changed (``edition`` shows as ``meta``, the procedure's tables in ``other_tables``). Refusals raise
``WorkspaceError`` with a Thai message; a refused operation changes nothing and leaves no undo step.

Side effects kept in step with the steps: ประกาศใช้ done marks the edition announced with the date done
as its announcement date (reopening it returns the edition to draft); พิจารณาร่าง done records the date
as the committee's meeting date, which the printed ประกาศ cites.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.model import EditionKind, EditionStatus, TriggerKind
from thaplan_desktop.domain.procedure import Posting, StepRecord
from thaplan_desktop.workflow.deadlines import completion_due
from thaplan_desktop.workflow.procedure import step_states
from thaplan_desktop.workflow.status import STATUS_LABELS, StepStatus, check_transition
from thaplan_desktop.workflow.steps import ANNOUNCE, REVIEW, STEP_IDS, procedure, step_def
from thaplan_desktop.workspace import (
    UNSET,
    AmendmentUpdate,
    Changes,
    EditionFields,
    NewAmendment,
    NewExtension,
    Workspace,
    WorkspaceError,
)

__all__ = [
    "EditChoice",
    "EditRequest",
    "StepOrderError",
    "add_extension",
    "carry_out",
    "delete_amendment",
    "delete_extension",
    "record_amendment",
    "set_posting",
    "set_step",
    "set_trigger",
    "start_additional_edition",
    "update_amendment",
]

FORCE_HINT = "หากจำเป็นต้องบันทึกข้ามลำดับ กรุณาระบุเหตุผล"
REASON_NEEDED = "กรุณาระบุเหตุผลของการแก้ไขแผน"


class StepOrderError(WorkspaceError):
    """A change of step status against the procedure's order; allowed when forced with a reason."""


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
    workspace.edition(edition_id)  # refuses an edition that is not there
    proc = procedure(workspace.organisation().kind)
    states = step_states(proc, workspace.procedure_records(edition_id).steps)
    current = states[step_id]
    if not force_reason and current.done and status is StepStatus.DONE and current.forced_reason:
        force_reason = current.forced_reason  # stays done: the reason given before still holds
    check = check_transition(proc, states, step_id, status, done_on, _today(today))
    if check.errors:
        raise WorkspaceError(check.message)
    if check.order_problems and not force_reason:
        raise StepOrderError(f"{check.message}\n{FORCE_HINT}")
    record = StepRecord(step=step_id, status=str(status), done_on=done_on if status is StepStatus.DONE else None,
                        note=current.note if note is None else note.strip(),
                        forced_reason=force_reason if check.order_problems else "")
    edition = EditionFields()
    if step_id == ANNOUNCE:
        announced = status is StepStatus.DONE
        edition = EditionFields(status=EditionStatus.ANNOUNCED if announced else EditionStatus.DRAFT,
                                announcement_date=done_on if announced else None)
    elif step_id == REVIEW and status is StepStatus.DONE:
        edition = EditionFields(committee_meeting_date=done_on)
    return workspace.record_steps(edition_id, [record], edition, label=label)


# --- trigger, extensions, posting ---------------------------------------------------------------------------

def set_trigger(workspace: Workspace, edition_id: int, trigger_kind: TriggerKind | str,
                trigger_date: dt.date | None) -> Changes:
    """What opened the 30-day window and when."""
    fields = EditionFields(trigger_kind=TriggerKind(trigger_kind), trigger_date=trigger_date)
    return workspace.update_edition(edition_id, fields, label="แก้ไขวันเริ่มนับกำหนดเวลา")


def add_extension(workspace: Workspace, edition_id: int, *, new_due: dt.date, reason: str,
                  granted_on: dt.date | None = None, note: str = "") -> int:
    """Record an extension of the completion deadline granted by the executive; returns its id.

    The new date must be later than the deadline in force (the original or the last extension).
    """
    reason = (reason or "").strip()
    if not reason:
        raise WorkspaceError("กรุณาระบุเหตุผลของการขยายเวลา")
    edition = workspace.edition(edition_id)
    if edition.trigger_date is None:
        raise WorkspaceError("ต้องระบุวันเริ่มนับกำหนดเวลาก่อนจึงจะขยายเวลาได้")
    extensions = workspace.procedure_records(edition_id).extensions
    in_force = extensions[-1].new_due if extensions else completion_due(edition.trigger_date)
    if new_due <= in_force:
        raise WorkspaceError(f"วันที่ขยายถึง ({format_thai_date(new_due)}) ต้องหลังกำหนดเดิม "
                             f"({format_thai_date(in_force)})")
    changes = workspace.add_extension(edition_id, NewExtension(new_due=new_due, reason=reason,
                                                               granted_on=granted_on, note=(note or "").strip()))
    return changes.inserted_into("deadline_extension")[0]


def delete_extension(workspace: Workspace, extension_id: int) -> Changes:
    """Remove an extension recorded by mistake (the deadline goes back to the one before)."""
    return workspace.delete_extension(extension_id)


def set_posting(workspace: Workspace, edition_id: int, *, posted_on: dt.date | None,
                removed_on: dt.date | None = None, note: str = "") -> Changes:
    """When the announced plan was posted for the public (ปิดประกาศ) and taken down."""
    edition = workspace.edition(edition_id)
    if posted_on is not None:
        if edition.announcement_date is None:
            raise WorkspaceError("ต้องประกาศใช้แผนก่อนจึงจะบันทึกวันปิดประกาศได้")
        if posted_on < edition.announcement_date:
            raise WorkspaceError(f"วันปิดประกาศต้องไม่ก่อนวันประกาศใช้แผน "
                                 f"({format_thai_date(edition.announcement_date)})")
    if removed_on is not None and (posted_on is None or removed_on < posted_on):
        raise WorkspaceError("วันปลดประกาศต้องไม่ก่อนวันปิดประกาศ")
    return workspace.set_posting(edition_id, Posting(posted_on, removed_on, (note or "").strip()))


# --- amendments and additional editions ---------------------------------------------------------------------

def record_amendment(workspace: Workspace, edition_id: int, *, amended_on: dt.date, reason: str,
                     changes: str = "", approved_by: str = "") -> int:
    """Record an amendment (การแก้ไขแผนการดำเนินงาน) of an announced edition; returns its id.

    Amendments are numbered through the fiscal year (แก้ไขครั้งที่ n/ปี), across its editions.
    """
    reason = (reason or "").strip()
    if not reason:
        raise WorkspaceError(REASON_NEEDED)
    edition = workspace.edition(edition_id)
    if edition.status is not EditionStatus.ANNOUNCED:
        raise WorkspaceError("แผนฉบับนี้ยังไม่ได้ประกาศใช้ แก้ไขได้โดยตรงโดยไม่ต้องบันทึกการแก้ไขแผน")
    if edition.announcement_date is not None and amended_on < edition.announcement_date:
        raise WorkspaceError(f"วันที่แก้ไขต้องไม่ก่อนวันประกาศใช้แผน "
                             f"({format_thai_date(edition.announcement_date)})")
    last = max((a.number for a in workspace.amendments(fiscal_year=edition.fiscal_year)), default=0)
    result = workspace.add_amendment(edition_id, NewAmendment(
        number=last + 1, amended_on=amended_on, reason=reason, changes=(changes or "").strip(),
        approved_by=(approved_by or "").strip()))
    return result.inserted_into("plan_amendment")[0]


def update_amendment(workspace: Workspace, amendment_id: int, update: AmendmentUpdate) -> Changes:
    """Correct an amendment's ``amended_on``, ``reason``, ``changes`` or ``approved_by``."""
    if update.reason is not UNSET and not update.reason.strip():
        raise WorkspaceError(REASON_NEEDED)
    return workspace.update_amendment(amendment_id, AmendmentUpdate(
        amended_on=update.amended_on, reason=update.reason if update.reason is UNSET else update.reason.strip(),
        changes=update.changes if update.changes is UNSET else update.changes.strip(),
        approved_by=update.approved_by if update.approved_by is UNSET else update.approved_by.strip()))


def delete_amendment(workspace: Workspace, amendment_id: int) -> Changes:
    """Remove an amendment recorded by mistake."""
    return workspace.delete_amendment(amendment_id)


def start_additional_edition(workspace: Workspace, fiscal_year: int, *, trigger_kind: TriggerKind | str,
                             trigger_date: dt.date, title_suffix: str | None = None) -> int:
    """Open an additional edition (เพิ่มเติม ฉบับที่ n) from a new trigger; returns its id.

    It starts with no projects, its own seven steps not started and its own deadlines.
    """
    kind = TriggerKind(trigger_kind)
    if trigger_date is None:
        raise WorkspaceError("กรุณาระบุวันที่เริ่มนับกำหนดเวลาของฉบับเพิ่มเติม")
    changes = workspace.add_edition(fiscal_year, EditionKind.ADDITIONAL, trigger_kind=kind,
                                    trigger_date=trigger_date, title_suffix=title_suffix,
                                    label="เริ่มแผนฉบับเพิ่มเติม")
    return changes.inserted_into("edition")[0]


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
