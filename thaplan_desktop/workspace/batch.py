"""Writing an ``ImportBatch``: an import from department workbooks, or the demo plan, in one operation.

``importing`` reads the files and decides what each row becomes; it hands over an ``ImportBatch`` of plain
data. :meth:`BatchOperations.import_batch` backs the file up first (no backup, no import), then writes the
new strategies, programs, units and equipment types, the projects and the settings the batch carries (what
the import remembers) in one transaction: one undo step, all or nothing. :meth:`BatchOperations.add_batch` writes a batch without the backup (a plan the program
builds itself, such as the demo).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from thaplan_desktop.db import repository as repo
from thaplan_desktop.db.backup import backup_before_import
from thaplan_desktop.db.models import EquipmentTypeRow, ProgramRow, ProjectRow, StrategyRow, UnitRow
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.workspace.changes import Changes
from thaplan_desktop.workspace.core import WorkspaceCore
from thaplan_desktop.workspace.fields import BatchProject, ImportBatch, New
from thaplan_desktop.workspace.lists import write_setting
from thaplan_desktop.workspace.projects import UnitNames, check_budgets, project_columns
from thaplan_desktop.workspace.tree import organisation_row

__all__ = ["BatchOperations"]


class BatchOperations(WorkspaceCore):
    """Imports: many rows, one operation."""

    def import_batch(self, batch: ImportBatch) -> Changes:
        """Back the file up (reason ``import``), then write the batch as one undoable operation.

        Raises, and imports nothing, when no backup can be made. On a server there is no backup copy
        (the server's administrator keeps those): the import is one transaction, all or nothing.
        """
        self._check_writable()
        check_budgets(p.fields for p in batch.projects)
        if not self.on_server:  # a server's backups are its administrator's (pg_dump); the import is one transaction
            backup_before_import(self.path)
        return self.add_batch(batch)

    def add_batch(self, batch: ImportBatch) -> Changes:
        """Write the batch as one undoable operation, without a backup first."""
        check_budgets(p.fields for p in batch.projects)
        return self._run(batch.label, lambda s: _write(s, batch))


def _write(s: Session, batch: ImportBatch) -> None:
    org = organisation_row(s)
    strategy_rows = list(s.scalars(select(StrategyRow)))
    number = max((r.number for r in strategy_rows), default=0)
    position = max((r.position for r in strategy_rows), default=0)
    strategies: list[int] = []
    for strategy in batch.strategies:
        number = strategy.number if strategy.number is not None else number + 1
        position += 1
        strategy_row = StrategyRow(organisation_id=org.id, number=number, name=normalise_space(strategy.name),
                                   position=position)
        s.add(strategy_row)
        s.flush()
        strategies.append(strategy_row.id)
    programs: list[int] = []
    for program in batch.programs:
        strategy_id = _resolve(program.strategy, strategies)
        siblings = s.scalars(select(ProgramRow).where(ProgramRow.strategy_id == strategy_id)).all()
        program_row = ProgramRow(strategy_id=strategy_id, name=program.name, dla_code=program.dla_code,
                                 position=max((r.position for r in siblings), default=0) + 1)
        s.add(program_row)
        s.flush()
        programs.append(program_row.id)
    units: list[int] = []
    last_unit = max((u.position for u in s.scalars(select(UnitRow))), default=0)
    for unit in batch.units:
        last_unit += 1
        unit_row = UnitRow(name=normalise_space(unit.name), is_external=unit.is_external, position=last_unit)
        s.add(unit_row)
        s.flush()
        units.append(unit_row.id)
    types: list[int] = []
    last_type = max((t.position for t in s.scalars(select(EquipmentTypeRow))), default=0)
    for name in batch.equipment_types:
        last_type += 1
        type_row = EquipmentTypeRow(name=normalise_space(name), position=last_type)
        s.add(type_row)
        s.flush()
        types.append(type_row.id)
    _write_projects(s, batch, programs, units, types)
    for key, value in batch.settings:
        write_setting(s, key, value)


def _write_projects(s: Session, batch: ImportBatch, programs: list[int], units: list[int], types: list[int]) -> None:
    unit_names = UnitNames(s)
    next_position = repo.next_position(s, batch.edition_id)
    for project in batch.projects:
        columns = project_columns(project.fields, unit_names)
        columns.update(program_id=_resolve_optional(project.program, programs),
                       unit_id=_resolve_optional(project.unit, units),
                       equipment_type_id=_resolve_optional(project.equipment_type, types))
        if _replace(s, project, columns):
            continue
        columns.setdefault("position", next_position)
        next_position = max(next_position, columns["position"]) + 1
        s.add(ProjectRow(edition_id=batch.edition_id, **columns))


def _replace(s: Session, project: BatchProject, columns: dict[str, object]) -> bool:
    """Write over the project ``replaces`` names; False when there is none (the row is added instead)."""
    if project.replaces is None:
        return False
    target = s.get(ProjectRow, project.replaces)
    if target is None:
        return False
    for key, value in columns.items():
        setattr(target, key, value)
    return True


def _resolve(ref: int | New, created: list[int]) -> int:
    return created[ref.index] if isinstance(ref, New) else ref


def _resolve_optional(ref: int | New | None, created: list[int]) -> int | None:
    return None if ref is None else _resolve(ref, created)
