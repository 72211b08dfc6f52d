"""Operations on the reference lists, the organisation, the editions of the plan and the file's settings.

Units (หน่วยงาน), the organisation's details and logo, the printed document's texts, opening and removing
an edition, and settings kept in the file. Each is one undoable operation returning its own ``Changes``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thaplan_desktop.db.models import (
    AmendmentRow,
    DeadlineExtensionRow,
    EditionRow,
    PostingRow,
    ProcedureStepRow,
    ProjectRow,
    SettingRow,
    UnitRow,
)
from thaplan_desktop.domain.model import EditionKind, EditionStatus, TriggerKind, default_title_suffix
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.core import WorkspaceCore
from thaplan_desktop.workspace.fields import EditionFields, OrganisationFields, given
from thaplan_desktop.workspace.tracking import delete_tracking_rows
from thaplan_desktop.workspace.tree import organisation_row

__all__ = ["ListOperations", "edition_row", "set_edition"]

# Rows that belong to an edition, deleted through the ORM before it so that undo brings them back (the
# database's ON DELETE CASCADE would remove them unseen by the recorder).
_EDITION_ROWS = (ProjectRow, ProcedureStepRow, DeadlineExtensionRow, AmendmentRow)


def edition_row(s: Session, edition_id: int) -> EditionRow:
    """An edition's row, or the Thai refusal."""
    row = s.get(EditionRow, edition_id)
    if row is None:
        raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
    return row


def set_edition(s: Session, edition_id: int, fields: EditionFields) -> None:
    """Write the edition fields given."""
    row = edition_row(s, edition_id)
    for key, value in given(fields).items():
        setattr(row, key, str(value) if key in ("trigger_kind", "status") else value)


def _set_organisation(s: Session, fields: OrganisationFields) -> None:
    row = organisation_row(s)
    for key, value in given(fields).items():
        setattr(row, key, str(value) if key == "kind" else value)


class ListOperations(WorkspaceCore):
    """Operations on units, the organisation, editions and settings."""

    def add_unit(self, name: str, *, is_external: bool = False) -> Changes:
        """Add a unit (หน่วยงาน) to the list."""
        name = normalise_space(name)
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อหน่วยงาน")

        def body(s: Session) -> None:
            if s.scalar(select(UnitRow).where(UnitRow.name == name)) is not None:
                raise WorkspaceError(f"มีหน่วยงาน “{name}” อยู่แล้ว")
            last = max((u.position for u in s.scalars(select(UnitRow))), default=0)
            s.add(UnitRow(name=name, is_external=is_external, position=last + 1))
        return self._run("เพิ่มหน่วยงาน", body)

    def update_organisation(self, fields: OrganisationFields) -> Changes:
        """Change the organisation's details (name, district, executive_name, logo …)."""
        return self._run("แก้ไขข้อมูลองค์กร", lambda s: _set_organisation(s, fields))

    def update_document(self, edition_id: int, organisation: OrganisationFields, edition: EditionFields) -> Changes:
        """Change the organisation's details and an edition's texts together, as one undo step."""
        def body(s: Session) -> None:
            _set_organisation(s, organisation)
            set_edition(s, edition_id, edition)
        return self._run("แก้ไขข้อมูลองค์กรและเอกสาร", body)

    def add_edition(self, fiscal_year: int, kind: EditionKind, *, number: int | None = None,
                    trigger_kind: TriggerKind = TriggerKind.BUDGET_ORDINANCE,
                    trigger_date: dt.date | None = None, title_suffix: str | None = None,
                    label: str = "เพิ่มฉบับของแผน") -> Changes:
        """Open a new edition, a draft (an additional edition gets the next number of its year).

        Its id is ``changes.inserted_into("edition")[0]``.
        """
        def body(s: Session) -> None:
            org = organisation_row(s)
            same = s.scalars(select(EditionRow).where(
                EditionRow.fiscal_year == fiscal_year, EditionRow.kind == str(kind))).all()
            if kind is EditionKind.MAIN:
                if same:
                    raise WorkspaceError(f"ปีงบประมาณ {fiscal_year} มีแผนฉบับหลักอยู่แล้ว")
                new_number = 0
            else:
                new_number = number if number is not None else max((e.number for e in same), default=0) + 1
            s.add(EditionRow(
                organisation_id=org.id, fiscal_year=fiscal_year, kind=str(kind), number=new_number,
                title_suffix=title_suffix if title_suffix is not None
                else default_title_suffix(kind, new_number, fiscal_year),
                trigger_kind=str(trigger_kind), trigger_date=trigger_date, status=str(EditionStatus.DRAFT),
            ))
        return self._run(label, body)

    def update_edition(self, edition_id: int, fields: EditionFields, *,
                       label: str = "แก้ไขข้อมูลฉบับของแผน") -> Changes:
        """Change an edition's details (trigger_date, status, announcement_date, preface_text …)."""
        return self._run(label, lambda s: set_edition(s, edition_id, fields))

    def delete_edition(self, edition_id: int) -> Changes:
        """Remove an edition with its projects and its procedure; undo brings all of it back."""
        def body(s: Session) -> None:
            edition = edition_row(s, edition_id)
            delete_tracking_rows(s, s.scalars(select(ProjectRow.id).where(ProjectRow.edition_id == edition_id)))
            for model in _EDITION_ROWS:
                rows: Any = s.scalars(select(model).where(model.edition_id == edition_id))
                for row in rows:
                    s.delete(row)
            posting = s.get(PostingRow, edition_id)
            if posting is not None:
                s.delete(posting)
            s.flush()
            s.delete(edition)
        return self._run("ลบฉบับของแผน", body)

    def set_setting(self, key: str, value: str) -> Changes:
        """Store a setting in the file."""
        return self._run("เปลี่ยนการตั้งค่า", lambda s: write_setting(s, key, value))


def write_setting(s: Session, key: str, value: str) -> None:
    """Store a setting inside an operation's session (``set_setting``, or with an import's rows)."""
    row = s.get(SettingRow, key)
    if row is None:
        s.add(SettingRow(key=key, value=value))
    else:
        row.value = value
