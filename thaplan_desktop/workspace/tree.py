"""Operations on the tree of strategies (ยุทธศาสตร์) and their programs (แผนงาน).

Add, rename, renumber, reorder, move a program to another strategy, delete (the projects filed under a
deleted program move to another program or become unfiled). Each is one undoable operation returning its
own ``Changes``; a new strategy's or program's id is in ``changes.inserted_into("strategy"/"program")``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from thaplan_desktop.db.models import OrganisationRow, ProgramRow, ProjectRow, StrategyRow
from thaplan_desktop.domain.reference import canonical_program_name, dla_code_for
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.core import WorkspaceCore
from thaplan_desktop.workspace.fields import ProgramUpdate, StrategyUpdate, given

__all__ = ["TreeOperations", "organisation_row"]


def organisation_row(s: Session) -> OrganisationRow:
    """The file's one organisation."""
    org = s.scalars(select(OrganisationRow)).first()
    if org is None:
        raise WorkspaceError("ไฟล์ฐานข้อมูลไม่มีข้อมูลองค์กร")
    return org


class TreeOperations(WorkspaceCore):
    """Operations on strategies and programs."""

    def add_strategy(self, name: str, number: int | None = None) -> Changes:
        """Add a strategy at the end (number: the next one unless given)."""
        name = normalise_space(name)
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อยุทธศาสตร์")

        def body(s: Session) -> None:
            org = organisation_row(s)
            existing = s.scalars(select(StrategyRow)).all()
            given_number = number if number is not None else max((r.number for r in existing), default=0) + 1
            position = max((r.position for r in existing), default=0) + 1
            s.add(StrategyRow(organisation_id=org.id, number=given_number, name=name, position=position))
        return self._run("เพิ่มยุทธศาสตร์", body)

    def update_strategy(self, strategy_id: int, update: StrategyUpdate) -> Changes:
        """Rename, renumber or move a strategy."""
        def body(s: Session) -> None:
            row = s.get(StrategyRow, strategy_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบยุทธศาสตร์รหัส {strategy_id}")
            for key, value in given(update).items():
                setattr(row, key, normalise_space(value) if key == "name" else value)
        return self._run("แก้ไขยุทธศาสตร์", body)

    def delete_strategy(self, strategy_id: int, *, move_projects_to: int | None = None) -> Changes:
        """Delete a strategy and its programs; their projects move to ``move_projects_to`` (a program)."""
        def body(s: Session) -> None:
            for program in s.scalars(select(ProgramRow).where(ProgramRow.strategy_id == strategy_id)).all():
                _move_out_of_program(s, program.id, move_projects_to)
                s.delete(program)
            row = s.get(StrategyRow, strategy_id)
            if row is not None:
                s.delete(row)
        return self._run("ลบยุทธศาสตร์", body)

    def add_program(self, strategy_id: int, name: str, dla_code: str | None = None) -> Changes:
        """Add a program at the end of a strategy; a standard name gets its DLA code and spelling."""
        name = normalise_space(name)
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อแผนงาน")

        def body(s: Session) -> None:
            siblings = s.scalars(select(ProgramRow).where(ProgramRow.strategy_id == strategy_id)).all()
            s.add(ProgramRow(
                strategy_id=strategy_id,
                name=canonical_program_name(name) or name,
                dla_code=dla_code or dla_code_for(name),
                position=max((r.position for r in siblings), default=0) + 1,
            ))
        return self._run("เพิ่มแผนงาน", body)

    def update_program(self, program_id: int, update: ProgramUpdate) -> Changes:
        """Rename or move a program, or change its DLA code."""
        def body(s: Session) -> None:
            row = s.get(ProgramRow, program_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบแผนงานรหัส {program_id}")
            for key, value in given(update).items():
                setattr(row, key, normalise_space(value) if key == "name" else value)
        return self._run("แก้ไขแผนงาน", body)

    def delete_program(self, program_id: int, *, move_projects_to: int | None = None) -> Changes:
        """Delete a program; its projects move to ``move_projects_to`` (or become unfiled)."""
        def body(s: Session) -> None:
            _move_out_of_program(s, program_id, move_projects_to)
            row = s.get(ProgramRow, program_id)
            if row is not None:
                s.delete(row)
        return self._run("ลบแผนงาน", body)

    def reorder_strategies(self, strategy_ids: list[int]) -> Changes:
        """Put strategies in this print order (positions 1..n); strategies left out follow, in their order."""
        def body(s: Session) -> None:
            rows = {r.id: r for r in s.scalars(select(StrategyRow))}
            rest = sorted((r for r in rows.values() if r.id not in strategy_ids),
                          key=lambda r: (r.position, r.number))
            order = [rows[i] for i in strategy_ids if i in rows] + rest
            for position, row in enumerate(order, start=1):
                row.position = position
        return self._run("จัดลำดับยุทธศาสตร์", body)

    def reorder_programs(self, strategy_id: int, program_ids: list[int]) -> Changes:
        """Put programs in this order under a strategy; a program of another strategy moves into it."""
        def body(s: Session) -> None:
            if s.get(StrategyRow, strategy_id) is None:
                raise WorkspaceError(f"ไม่พบยุทธศาสตร์รหัส {strategy_id}")
            moved = [r for r in (s.get(ProgramRow, i) for i in program_ids) if r is not None]
            rest = sorted((r for r in s.scalars(select(ProgramRow).where(ProgramRow.strategy_id == strategy_id))
                           if r.id not in program_ids), key=lambda r: (r.position, r.id))
            for position, row in enumerate(moved + rest, start=1):
                row.strategy_id = strategy_id
                row.position = position
        return self._run("จัดลำดับแผนงาน", body)

    def renumber_strategies(self) -> Changes:
        """Number the strategies 1..n in their print order."""
        def body(s: Session) -> None:
            rows = sorted(s.scalars(select(StrategyRow)), key=lambda r: (r.position, r.number))
            for number, row in enumerate(rows, start=1):
                row.number = number
        return self._run("เรียงเลขยุทธศาสตร์ใหม่", body)


def _move_out_of_program(s: Session, program_id: int, target: int | None) -> None:
    for project in s.scalars(select(ProjectRow).where(ProjectRow.program_id == program_id)):
        project.program_id = target
