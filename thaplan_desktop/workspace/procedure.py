"""Writing an edition's procedure: step records, extensions, the posting, amendments.

The regulation's rules (order of steps, deadlines, what announcing does to the edition) are
``workflow``'s; it decides and hands these operations plain records (``domain.procedure``, ``fields``).
Each is one undoable operation returning its own ``Changes``: the procedure's tables show in
``other_tables``, the edition in ``meta``; a new record's id is in ``changes.inserted_into(table)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from thaplan_desktop.db.models import AmendmentRow, DeadlineExtensionRow, PostingRow, ProcedureStepRow
from thaplan_desktop.domain.procedure import Posting, StepRecord
from thaplan_desktop.domain.thai import strip_controls
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.core import WorkspaceCore
from thaplan_desktop.workspace.fields import AmendmentUpdate, EditionFields, NewAmendment, NewExtension, given
from thaplan_desktop.workspace.lists import edition_row, set_edition

__all__ = ["ProcedureOperations"]


def _text(text: str) -> str:
    """A note as stored: no control characters (the procedure's records are plain domain values, not
    ``fields``, so they are cleaned here)."""
    return strip_controls(text)


class ProcedureOperations(WorkspaceCore):
    """Operations on the records of an edition's procedure."""

    def record_steps(self, edition_id: int, steps: Sequence[StepRecord],
                     edition: EditionFields | None = None, *, label: str) -> Changes:
        """Store where steps stand and, in the same operation, the edition fields they change."""
        def body(s: Session) -> None:
            edition_row(s, edition_id)
            rows = {r.step: r for r in s.scalars(
                select(ProcedureStepRow).where(ProcedureStepRow.edition_id == edition_id))}
            for step in steps:
                row = rows.get(step.step)
                if row is None:
                    row = ProcedureStepRow(edition_id=edition_id, step=step.step)
                    s.add(row)
                row.status, row.done_on = step.status, step.done_on
                row.note, row.forced_reason = _text(step.note), _text(step.forced_reason)
            if edition is not None:
                set_edition(s, edition_id, edition)
        return self._run(label, body)

    def add_extension(self, edition_id: int, extension: NewExtension) -> Changes:
        """Record an extension of the completion deadline."""
        def body(s: Session) -> None:
            edition_row(s, edition_id)
            s.add(DeadlineExtensionRow(edition_id=edition_id, new_due=extension.new_due, reason=extension.reason,
                                       granted_on=extension.granted_on, note=extension.note))
        return self._run("ขยายเวลาจัดทำแผน", body)

    def delete_extension(self, extension_id: int) -> Changes:
        """Remove an extension recorded by mistake."""
        def body(s: Session) -> None:
            row = s.get(DeadlineExtensionRow, extension_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบการขยายเวลารหัส {extension_id}")
            s.delete(row)
        return self._run("ลบการขยายเวลา", body)

    def set_posting(self, edition_id: int, posting: Posting) -> Changes:
        """When the announced plan was posted for the public (ปิดประกาศ) and taken down."""
        def body(s: Session) -> None:
            edition_row(s, edition_id)
            row = s.get(PostingRow, edition_id)
            if row is None:
                row = PostingRow(edition_id=edition_id)
                s.add(row)
            row.posted_on, row.removed_on, row.note = posting.posted_on, posting.removed_on, _text(posting.note)
        return self._run("บันทึกการปิดประกาศ", body)

    def add_amendment(self, edition_id: int, amendment: NewAmendment) -> Changes:
        """Record an amendment (การแก้ไขแผนการดำเนินงาน) of an edition."""
        def body(s: Session) -> None:
            edition_row(s, edition_id)
            s.add(AmendmentRow(edition_id=edition_id, number=amendment.number, amended_on=amendment.amended_on,
                               reason=amendment.reason, changes=amendment.changes,
                               approved_by=amendment.approved_by))
        return self._run("บันทึกการแก้ไขแผน", body)

    def update_amendment(self, amendment_id: int, update: AmendmentUpdate) -> Changes:
        """Correct an amendment's record."""
        def body(s: Session) -> None:
            row = s.get(AmendmentRow, amendment_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบบันทึกการแก้ไขแผนรหัส {amendment_id}")
            for key, value in given(update).items():
                setattr(row, key, value)
        return self._run("แก้ไขบันทึกการแก้ไขแผน", body)

    def delete_amendment(self, amendment_id: int) -> Changes:
        """Remove an amendment recorded by mistake."""
        def body(s: Session) -> None:
            row = s.get(AmendmentRow, amendment_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบบันทึกการแก้ไขแผนรหัส {amendment_id}")
            s.delete(row)
        return self._run("ลบบันทึกการแก้ไขแผน", body)
