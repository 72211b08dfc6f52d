"""Operations on projects (ผด.02) and equipment items (ผด.02/1): add, edit, paste, delete, copy, reclassify.

Each is one undoable operation and returns its own ``Changes``. Fields travel as ``ProjectFields``; a
``unit_name`` among them names the unit, and a name not yet in the list is added in the same operation.
A bad row (a negative budget, a project that is not there) refuses the whole operation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from thaplan_desktop.db import repository as repo
from thaplan_desktop.db.models import ProjectRow, UnitRow
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import MoneyError, check_budget
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.core import WorkspaceCore
from thaplan_desktop.workspace.fields import UNSET, ProjectFields, given
from thaplan_desktop.workspace.tracking import delete_tracking_rows
from thaplan_desktop.workspace.versions import RowGone

__all__ = ["ProjectOperations", "UnitNames", "check_budgets", "project_columns"]

# A duplicate is a new row: its own identity, and no e-GP plan code (the e-GP system gives each item its own).
_NOT_COPIED = ("id", "uuid", "created_at", "updated_at", "position", "egp_plan_code")


class UnitNames:
    """Units named in an operation's rows, by name; a name not in the list is added (once)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._units: dict[str, UnitRow] | None = None

    def id_of(self, name: str) -> int | None:
        """The id of the unit ``name`` ("" for none), adding it to the list when it is new."""
        name = normalise_space(name)
        if not name:
            return None
        if self._units is None:
            self._units = {u.name: u for u in self.session.scalars(select(UnitRow))}
        if name not in self._units:
            last = max((u.position for u in self._units.values()), default=0)
            self._units[name] = UnitRow(name=name, is_external=False, position=last + 1)
            self.session.add(self._units[name])
            self.session.flush()
        return self._units[name].id


def project_columns(fields: ProjectFields, units: UnitNames) -> dict[str, Any]:
    """Column values for the fields given (budget → satang, months → mask, a unit name → its id)."""
    values = given(fields)
    if "unit_name" in values:
        values["unit_id"] = units.id_of(values.pop("unit_name"))
    return repo.project_columns(values)


def check_budgets(rows: Iterable[ProjectFields]) -> None:
    """Refuse (in Thai) a budget that is negative, not a number, above a million million baht or finer than a
    satang, before anything is written (the file stores satang in 64 bits)."""
    for f in rows:
        if f.budget is not UNSET:
            try:
                check_budget(Decimal(f.budget))
            except MoneyError as exc:
                raise WorkspaceError(str(exc)) from exc


class ProjectOperations(WorkspaceCore):
    """Operations on the projects of an edition."""

    def add_project(self, edition_id: int, fields: ProjectFields) -> Changes:
        """Add a project (or, with ``kind``, an equipment item) at the end of the edition."""
        return self.save_rows(edition_id, additions=[fields], label="เพิ่มโครงการ")

    def add_projects(self, edition_id: int, rows: Sequence[ProjectFields], *,
                     label: str = "เพิ่มโครงการ") -> Changes:
        """Add several projects in one operation, in order, after the last one."""
        return self.save_rows(edition_id, additions=rows, label=label)

    def update_project(self, project_id: int, fields: ProjectFields) -> Changes:
        """Change fields of one project."""
        return self.update_projects({project_id: fields}, label="แก้ไขโครงการ")

    def update_projects(self, changes: Mapping[int, ProjectFields], *, label: str = "แก้ไขโครงการ") -> Changes:
        """Change fields of several projects in one operation (a paste, a reclassification)."""
        check_budgets(changes.values())

        def body(s: Session) -> None:
            _update(s, changes, UnitNames(s))
        return self._run(label, body)

    def save_rows(self, edition_id: int, *, updates: Mapping[int, ProjectFields] | None = None,
                  additions: Sequence[ProjectFields] = (), label: str = "วางข้อมูล") -> Changes:
        """Change and add projects in one operation (a paste from a spreadsheet, a unit typed in a cell).

        Additions go after the last project, in order (a ``position`` given is kept); they are projects
        unless their ``kind`` says otherwise.
        """
        updates = updates or {}
        check_budgets([*updates.values(), *additions])

        def body(s: Session) -> None:
            units = UnitNames(s)
            _update(s, updates, units)
            position = repo.next_position(s, edition_id)
            for fields in additions:
                columns = project_columns(fields, units)
                columns.setdefault("kind", str(ProjectKind.PROJECT))
                columns.setdefault("position", position)
                position = max(position, columns["position"]) + 1
                s.add(ProjectRow(edition_id=edition_id, **columns))
        return self._run(label, body)

    def delete_projects(self, project_ids: Iterable[int]) -> Changes:
        """Remove projects (undo brings them back with the same ids)."""
        ids = list(project_ids)

        def body(s: Session) -> None:
            delete_tracking_rows(s, ids)  # first, so that undo puts each project back before its rows
            for project_id in ids:
                row = s.get(ProjectRow, project_id)
                if row is not None:
                    s.delete(row)
        return self._run("ลบโครงการ", body)

    def duplicate_projects(self, project_ids: Iterable[int]) -> Changes:
        """Copy projects; each copy goes right after the last selected project (none found: no change)."""
        ids = list(project_ids)

        def body(s: Session) -> None:
            originals = [r for r in (s.get(ProjectRow, i) for i in ids) if r is not None]
            if not originals:
                return
            last = max(r.position for r in originals)
            later = s.scalars(select(ProjectRow).where(
                ProjectRow.edition_id == originals[0].edition_id, ProjectRow.position > last)).all()
            for row in later:
                row.position += len(originals)
            columns = [a.key for a in inspect(ProjectRow).column_attrs if a.key not in _NOT_COPIED]
            for offset, original in enumerate(sorted(originals, key=lambda r: r.position), start=1):
                s.add(ProjectRow(**{key: getattr(original, key) for key in columns}, position=last + offset))
        return self._run("ทำสำเนาโครงการ", body)

    def move_projects(self, project_ids: Iterable[int], *, program_id: int | None = None,
                      equipment_type_id: int | None = None) -> Changes:
        """Reclassify projects under another program (and, for equipment, type)."""
        fields = ProjectFields(program_id=program_id,
                               equipment_type_id=UNSET if equipment_type_id is None else equipment_type_id)
        return self.update_projects({i: fields for i in project_ids}, label="ย้ายโครงการ")


def _update(s: Session, changes: Mapping[int, ProjectFields], units: UnitNames) -> None:
    for project_id, fields in changes.items():
        row = s.get(ProjectRow, project_id)
        if row is None:  # a conflict when the officer still sees it (someone else deleted it)
            raise RowGone(f"ไม่พบโครงการรหัส {project_id}", "project", (project_id,))
        for key, value in project_columns(fields, units).items():
            setattr(row, key, value)
