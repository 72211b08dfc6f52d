"""The workspace: the one façade through which the GUI, the command line and importers change a plan.

Open a database file, read plain dataclasses, and change data only through typed operations. Every
operation runs in one transaction that is committed at once (there is no Save to forget), returns a
``Changes`` value saying what it touched, and is recorded for undo/redo: the workspace notes each row's
values before and after (through SQLAlchemy's flush events), so undo restores the database exactly and
redo re-applies it. "Import 120 rows" is one operation, hence one undo step.

Not thread-safe: the GUI runs all workspace calls on one worker thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.base import NO_VALUE

from thaplan_desktop.db import queries
from thaplan_desktop.db import repository as repo
from thaplan_desktop.db.engine import DatabaseError, create_database, open_database
from thaplan_desktop.db.models import (
    Base,
    EditionRow,
    EquipmentTypeRow,
    FundingSourceRow,
    OrganisationRow,
    ProgramRow,
    ProjectRow,
    SettingRow,
    StrategyRow,
    UnitRow,
)
from thaplan_desktop.domain.model import (
    Edition,
    EditionKind,
    EditionNotFound,
    NamedItem,
    Organisation,
    OrgKind,
    PlanData,
    Program,
    Project,
    ProjectKind,
    Strategy,
    TriggerKind,
    Unit,
    default_title_suffix,
    select_edition,
)
from thaplan_desktop.domain.reference import canonical_program_name, dla_code_for
from thaplan_desktop.domain.thai import normalise_space

__all__ = ["Changes", "DatabaseError", "Workspace", "WorkspaceError"]

_TREE_TABLES = {"strategy", "program"}
_REFERENCE_TABLES = {"unit", "equipment_type", "funding_source"}
_META_TABLES = {"organisation", "edition", "setting"}


class WorkspaceError(Exception):
    """An operation refused because of bad input; the message is Thai, fit for the user."""


@dataclass(frozen=True, slots=True)
class Changes:
    """What one operation (or its undo/redo) changed, for views to refresh only what concerns them."""

    label: str
    projects: frozenset[int] = frozenset()
    tree: bool = False
    reference: bool = False
    meta: bool = False
    other_tables: frozenset[str] = frozenset()
    created: tuple[int, ...] = ()  # ids of projects created, in order

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.projects or self.tree or self.reference or self.meta or self.other_tables)


@dataclass(slots=True)
class _RowChange:
    table: str
    key: tuple[Any, ...]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(slots=True)
class _Step:
    label: str
    rows: list[_RowChange] = field(default_factory=list)


def _snapshot(obj: Any, committed: bool) -> dict[str, Any]:
    state = inspect(obj)
    values = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        value = state.committed_state.get(key, NO_VALUE) if committed else NO_VALUE
        values[key] = getattr(obj, key) if value is NO_VALUE else value
    return values


def _key_of(obj: Any) -> tuple[Any, ...]:
    return tuple(inspect(obj).mapper.primary_key_from_instance(obj))


class _Recorder:
    """Collects the before/after values of every row an operation's session flushes."""

    def __init__(self, session: Session) -> None:
        self.rows: dict[tuple[str, tuple[Any, ...]], _RowChange] = {}
        self.order: list[tuple[str, tuple[Any, ...]]] = []
        from sqlalchemy import event

        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "after_flush", self._after_flush)

    def _note(self, table: str, key: tuple[Any, ...], before: dict[str, Any] | None) -> _RowChange:
        ident = (table, key)
        if ident not in self.rows:
            self.rows[ident] = _RowChange(table, key, before, None)
            self.order.append(ident)
        return self.rows[ident]

    def _before_flush(self, session: Session, _ctx: object, _instances: object) -> None:
        for obj in list(session.dirty) + list(session.deleted):
            if obj in session.deleted or session.is_modified(obj, include_collections=False):
                self._note(obj.__tablename__, _key_of(obj), _snapshot(obj, committed=True))

    def _after_flush(self, session: Session, _ctx: object) -> None:
        for obj in session.new:
            self._note(obj.__tablename__, _key_of(obj), None).after = _snapshot(obj, committed=False)
        for obj in session.dirty:
            ident = (obj.__tablename__, _key_of(obj))
            if ident in self.rows:
                self.rows[ident].after = _snapshot(obj, committed=False)
        for obj in session.deleted:
            self.rows[(obj.__tablename__, _key_of(obj))].after = None

    def step(self, label: str) -> _Step:
        changes = [self.rows[i] for i in self.order]
        return _Step(label, [c for c in changes if c.before != c.after])


def _changes_of(step: _Step) -> Changes:
    tables = {row.table for row in step.rows}
    projects = frozenset(row.key[0] for row in step.rows if row.table == "project")
    created = tuple(row.key[0] for row in step.rows if row.table == "project" and row.before is None)
    return Changes(
        label=step.label,
        projects=projects,
        tree=bool(tables & _TREE_TABLES),
        reference=bool(tables & _REFERENCE_TABLES),
        meta=bool(tables & _META_TABLES),
        other_tables=frozenset(tables - _TREE_TABLES - _REFERENCE_TABLES - _META_TABLES - {"project"}),
        created=created,
    )


class Workspace:
    """An open ThaPlan database with its undo history. Create with ``open`` or ``create``."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._listeners: list[Callable[[Changes], None]] = []

    # --- opening -------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, before_upgrade: Callable[[Path], object] | None = None) -> Workspace:
        """Open an existing database (upgrading an older schema after ``before_upgrade`` backs it up)."""
        path = Path(path)
        return cls(path, open_database(path, before_upgrade=before_upgrade))

    @classmethod
    def create(
        cls,
        path: Path | str,
        *,
        name: str,
        district: str,
        province: str,
        fiscal_year: int,
        kind: OrgKind | None = None,
        executive_name: str = "",
        executive_title: str = "",
        planning_unit: str = "",
    ) -> Workspace:
        """Create a new file with the organisation, its main edition for ``fiscal_year`` and reference data."""
        name = normalise_space(name)
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อองค์กรปกครองส่วนท้องถิ่น")
        if not 2400 <= fiscal_year <= 2700:
            raise WorkspaceError(f"ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น 2563 (ได้รับ {fiscal_year})")
        path = Path(path)
        workspace = cls(path, create_database(path))
        kind = kind or _guess_org_kind(name)
        with workspace._sessions.begin() as session:
            repo.seed_reference_data(session)
            org = OrganisationRow(
                kind=str(kind), name=name, district=normalise_space(district),
                province=normalise_space(province), executive_name=executive_name,
                executive_title=executive_title or _executive_title(kind, name), planning_unit=planning_unit,
            )
            session.add(org)
            session.flush()
            session.add(EditionRow(organisation_id=org.id, fiscal_year=fiscal_year, kind="main", number=0))
        return workspace

    def close(self) -> None:
        """Release the database file."""
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- listening ------------------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        """Call ``listener(changes)`` after every operation, undo and redo."""
        self._listeners.append(listener)

    def _emit(self, changes: Changes) -> Changes:
        for listener in self._listeners:
            listener(changes)
        return changes

    # --- reads ----------------------------------------------------------------------------------------

    def _read(self) -> Session:
        return self._sessions()

    def organisation(self) -> Organisation:
        """The file's organisation."""
        with self._read() as s:
            return repo.load_organisation(s)

    def editions(self) -> list[Edition]:
        """All editions, oldest fiscal year first, main before additional editions."""
        with self._read() as s:
            return repo.load_editions(s)

    def edition(self, edition_id: int) -> Edition:
        """One edition."""
        with self._read() as s:
            row = s.get(EditionRow, edition_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
            return queries.edition_of(row)

    def find_edition(self, fiscal_year: int | None = None, selector: str = "main") -> Edition:
        """The edition a command line names: ``main`` or an additional edition's number, in a fiscal year.

        Without a year: the latest fiscal year in the file.
        """
        try:
            return select_edition(self.editions(), fiscal_year, selector)
        except EditionNotFound as exc:
            raise WorkspaceError(str(exc)) from exc

    def strategies(self) -> list[Strategy]:
        """Strategies in print order."""
        with self._read() as s:
            return repo.load_strategies(s)

    def programs(self) -> list[Program]:
        """Programs in order within their strategy."""
        with self._read() as s:
            return repo.load_programs(s)

    def units(self) -> list[Unit]:
        """Units in list order."""
        with self._read() as s:
            return repo.load_units(s)

    def equipment_types(self) -> list[NamedItem]:
        """Equipment types (ประเภทครุภัณฑ์) in order."""
        with self._read() as s:
            return repo.load_named(s, EquipmentTypeRow)

    def funding_sources(self) -> list[NamedItem]:
        """Funding sources in order."""
        with self._read() as s:
            return repo.load_named(s, FundingSourceRow)

    def projects(self, edition_id: int) -> list[Project]:
        """Projects and equipment of an edition, in print order."""
        with self._read() as s:
            return repo.load_projects(s, edition_id)

    def project(self, project_id: int) -> Project:
        """One project."""
        with self._read() as s:
            row = s.get(ProjectRow, project_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบโครงการรหัส {project_id}")
            return queries.project_of(row)

    def projects_by_ids(self, project_ids: Iterable[int]) -> list[Project]:
        """The projects among ``project_ids`` that exist (any edition), in print order."""
        ids = sorted(set(project_ids))
        found: list[Project] = []
        with self._read() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                rows = s.execute(select(ProjectRow.__table__).where(ProjectRow.id.in_(chunk)))
                found += [queries.project_of(r) for r in rows]
        return sorted(found, key=lambda p: (p.position, p.id))

    def plan_data(self, edition_id: int) -> PlanData:
        """Everything an exporter needs about one edition, read in one transaction."""
        with self._read() as s:
            row = s.get(EditionRow, edition_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
            return queries.load_plan_data(repo.session_query(s), queries.edition_of(row))

    def setting(self, key: str, default: str = "") -> str:
        """A setting stored in the file."""
        with self._read() as s:
            row = s.get(SettingRow, key)
            return row.value if row is not None else default

    # --- the operation mechanism ----------------------------------------------------------------------

    @contextmanager
    def operation(self, label: str) -> Iterator[Session]:
        """Run the body as one undoable operation in one committed transaction.

        Extensions (importers, the workflow) use this with the ORM models to add operations of their
        own; the public methods below are built on it. The resulting ``Changes`` is ``last_changes``.
        """
        session = self._sessions()
        recorder = _Recorder(session)
        try:
            with session.begin():
                yield session
                session.flush()
        finally:
            session.close()
        step = recorder.step(label)
        self.last_changes = _changes_of(step)
        if step.rows:
            self._undo.append(step)
            self._redo.clear()
            self._emit(self.last_changes)

    last_changes: Changes = Changes("")

    def can_undo(self) -> bool:
        """True when there is an operation to undo."""
        return bool(self._undo)

    def can_redo(self) -> bool:
        """True when there is an undone operation to redo."""
        return bool(self._redo)

    def undo_label(self) -> str:
        """Thai label of the operation undo would reverse ("" if none)."""
        return self._undo[-1].label if self._undo else ""

    def redo_label(self) -> str:
        """Thai label of the operation redo would re-apply ("" if none)."""
        return self._redo[-1].label if self._redo else ""

    def undo(self) -> Changes | None:
        """Reverse the last operation exactly; None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        self._apply(reversed(step.rows), use_before=True)
        self._redo.append(step)
        return self._emit(_changes_of(step))

    def redo(self) -> Changes | None:
        """Re-apply the last undone operation; None when there is nothing to redo."""
        if not self._redo:
            return None
        step = self._redo.pop()
        self._apply(step.rows, use_before=False)
        self._undo.append(step)
        return self._emit(_changes_of(step))

    def _apply(self, rows: Iterable[_RowChange], *, use_before: bool) -> None:
        tables = Base.metadata.tables
        with self.engine.begin() as conn:
            for row in rows:
                table = tables[row.table]
                target = row.before if use_before else row.after
                source = row.after if use_before else row.before
                where = [col == value for col, value in zip(table.primary_key.columns, row.key, strict=True)]
                if target is None:
                    conn.execute(delete(table).where(*where))
                elif source is None:
                    conn.execute(insert(table).values(**target))
                else:
                    conn.execute(update(table).where(*where).values(**target))

    # --- projects --------------------------------------------------------------------------------------

    def add_project(self, edition_id: int, *, kind: ProjectKind = ProjectKind.PROJECT, **fields: Any) -> Changes:
        """Add a project (or equipment item) at the end of the edition; ``fields`` as in ``Project``."""
        return self.add_projects(edition_id, [{"kind": kind, **fields}], label="เพิ่มโครงการ")

    def add_projects(self, edition_id: int, rows: list[dict[str, Any]], *, label: str = "เพิ่มโครงการ") -> Changes:
        """Add several projects in one operation; each dict holds ``Project`` fields (kind included)."""
        with self.operation(label) as s:
            position = repo.next_position(s, edition_id)
            for fields in rows:
                fields = dict(fields)
                fields.setdefault("position", position)
                position = max(position, fields["position"]) + 1
                s.add(ProjectRow(edition_id=edition_id, **repo.project_columns(fields)))
        return self.last_changes

    def update_project(self, project_id: int, **fields: Any) -> Changes:
        """Change fields of one project (``name``, ``budget``, ``months``, ``program_id`` …)."""
        return self.update_projects({project_id: fields}, label="แก้ไขโครงการ")

    def update_projects(self, changes: dict[int, dict[str, Any]], *, label: str = "แก้ไขโครงการ") -> Changes:
        """Change fields of several projects in one operation (a paste, a reclassification)."""
        if any(Decimal(f["budget"]) < 0 for f in changes.values() if "budget" in f):
            raise WorkspaceError("งบประมาณต้องไม่ติดลบ")
        with self.operation(label) as s:
            for project_id, fields in changes.items():
                row = s.get(ProjectRow, project_id)
                if row is None:
                    raise WorkspaceError(f"ไม่พบโครงการรหัส {project_id}")
                for key, value in repo.project_columns(fields).items():
                    setattr(row, key, value)
        return self.last_changes

    def delete_projects(self, project_ids: Iterable[int]) -> Changes:
        """Remove projects (undo brings them back with the same ids)."""
        with self.operation("ลบโครงการ") as s:
            for project_id in project_ids:
                row = s.get(ProjectRow, project_id)
                if row is not None:
                    s.delete(row)
        return self.last_changes

    def duplicate_projects(self, project_ids: Iterable[int]) -> Changes:
        """Copy projects; each copy goes right after the last selected project."""
        with self.operation("ทำสำเนาโครงการ") as s:
            originals = [r for r in (s.get(ProjectRow, i) for i in project_ids) if r is not None]
            if not originals:
                return self.last_changes
            last = max(r.position for r in originals)
            later = s.scalars(
                select(ProjectRow).where(
                    ProjectRow.edition_id == originals[0].edition_id, ProjectRow.position > last
                )
            ).all()
            for row in later:
                row.position += len(originals)
            for offset, original in enumerate(sorted(originals, key=lambda r: r.position), start=1):
                values = {
                    a.key: getattr(original, a.key)
                    for a in inspect(ProjectRow).column_attrs
                    if a.key not in ("id", "created_at", "updated_at", "position")
                }
                s.add(ProjectRow(**values, position=last + offset))
        return self.last_changes

    def move_projects(self, project_ids: Iterable[int], *, program_id: int | None = None,
                      equipment_type_id: int | None = None) -> Changes:
        """Reclassify projects under another program (and, for equipment, type)."""
        fields: dict[str, Any] = {"program_id": program_id}
        if equipment_type_id is not None:
            fields["equipment_type_id"] = equipment_type_id
        return self.update_projects({i: dict(fields) for i in project_ids}, label="ย้ายโครงการ")

    def save_rows(self, edition_id: int, *, updates: dict[int, dict[str, Any]] | None = None,
                  additions: list[dict[str, Any]] | None = None, label: str = "วางข้อมูล") -> Changes:
        """Change and add projects in one operation (a paste from a spreadsheet, a unit typed in a cell).

        Fields are those of ``Project``; a ``unit_name`` field names the unit instead of ``unit_id``, and a
        name not yet in the list is added to it in the same operation. All or nothing: a bad row refuses
        the whole operation.
        """
        updates = updates or {}
        additions = additions or []
        rows = list(updates.values()) + additions
        if any(Decimal(f["budget"]) < 0 for f in rows if "budget" in f):
            raise WorkspaceError("งบประมาณต้องไม่ติดลบ")
        with self.operation(label) as s:
            units = {u.name: u for u in s.scalars(select(UnitRow))}
            last_unit = max((u.position for u in units.values()), default=0)

            def resolve(fields: dict[str, Any]) -> dict[str, Any]:
                nonlocal last_unit
                fields = dict(fields)
                if "unit_name" in fields:
                    name = normalise_space(fields.pop("unit_name") or "")
                    if name and name not in units:
                        last_unit += 1
                        units[name] = UnitRow(name=name, is_external=False, position=last_unit)
                        s.add(units[name])
                        s.flush()
                    fields["unit_id"] = units[name].id if name else None
                return fields

            for project_id, fields in updates.items():
                row = s.get(ProjectRow, project_id)
                if row is None:
                    raise WorkspaceError(f"ไม่พบโครงการรหัส {project_id}")
                for key, value in repo.project_columns(resolve(fields)).items():
                    setattr(row, key, value)
            position = repo.next_position(s, edition_id)
            for fields in additions:
                fields = resolve(fields)
                fields.setdefault("kind", ProjectKind.PROJECT)
                fields.setdefault("position", position)
                position = max(position, fields["position"]) + 1
                s.add(ProjectRow(edition_id=edition_id, **repo.project_columns(fields)))
        return self.last_changes

    # --- strategies and programs -----------------------------------------------------------------------

    def add_strategy(self, name: str, number: int | None = None) -> Changes:
        """Add a strategy at the end (number: the next one unless given)."""
        name = normalise_space(name)
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อยุทธศาสตร์")
        with self.operation("เพิ่มยุทธศาสตร์") as s:
            org = s.scalars(select(OrganisationRow)).first()
            assert org is not None
            existing = s.scalars(select(StrategyRow)).all()
            if number is None:
                number = max((r.number for r in existing), default=0) + 1
            position = max((r.position for r in existing), default=0) + 1
            s.add(StrategyRow(organisation_id=org.id, number=number, name=name, position=position))
        return self.last_changes

    def update_strategy(self, strategy_id: int, **fields: Any) -> Changes:
        """Rename, renumber or move a strategy (fields: name, number, position)."""
        with self.operation("แก้ไขยุทธศาสตร์") as s:
            row = s.get(StrategyRow, strategy_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบยุทธศาสตร์รหัส {strategy_id}")
            for key, value in fields.items():
                if key not in ("name", "number", "position"):
                    raise KeyError(key)
                setattr(row, key, normalise_space(value) if key == "name" else value)
        return self.last_changes

    def delete_strategy(self, strategy_id: int, *, move_projects_to: int | None = None) -> Changes:
        """Delete a strategy and its programs; their projects move to ``move_projects_to`` (a program)."""
        with self.operation("ลบยุทธศาสตร์") as s:
            programs = s.scalars(select(ProgramRow).where(ProgramRow.strategy_id == strategy_id)).all()
            for program in programs:
                self._move_out_of_program(s, program.id, move_projects_to)
                s.delete(program)
            row = s.get(StrategyRow, strategy_id)
            if row is not None:
                s.delete(row)
        return self.last_changes

    def add_program(self, strategy_id: int, name: str, dla_code: str | None = None) -> Changes:
        """Add a program at the end of a strategy; a standard name gets its DLA code and spelling."""
        name = normalise_space(name)
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อแผนงาน")
        with self.operation("เพิ่มแผนงาน") as s:
            siblings = s.scalars(select(ProgramRow).where(ProgramRow.strategy_id == strategy_id)).all()
            s.add(ProgramRow(
                strategy_id=strategy_id,
                name=canonical_program_name(name) or name,
                dla_code=dla_code or dla_code_for(name),
                position=max((r.position for r in siblings), default=0) + 1,
            ))
        return self.last_changes

    def update_program(self, program_id: int, **fields: Any) -> Changes:
        """Rename or move a program (fields: name, position, strategy_id, dla_code)."""
        with self.operation("แก้ไขแผนงาน") as s:
            row = s.get(ProgramRow, program_id)
            if row is None:
                raise WorkspaceError(f"ไม่พบแผนงานรหัส {program_id}")
            for key, value in fields.items():
                if key not in ("name", "position", "strategy_id", "dla_code"):
                    raise KeyError(key)
                setattr(row, key, normalise_space(value) if key == "name" else value)
        return self.last_changes

    def delete_program(self, program_id: int, *, move_projects_to: int | None = None) -> Changes:
        """Delete a program; its projects move to ``move_projects_to`` (or become unfiled)."""
        with self.operation("ลบแผนงาน") as s:
            self._move_out_of_program(s, program_id, move_projects_to)
            row = s.get(ProgramRow, program_id)
            if row is not None:
                s.delete(row)
        return self.last_changes

    def reorder_strategies(self, strategy_ids: list[int]) -> Changes:
        """Put strategies in this print order (positions 1..n); strategies left out follow, in their order."""
        with self.operation("จัดลำดับยุทธศาสตร์") as s:
            rows = {r.id: r for r in s.scalars(select(StrategyRow))}
            rest = sorted((r for r in rows.values() if r.id not in strategy_ids),
                          key=lambda r: (r.position, r.number))
            order = [rows[i] for i in strategy_ids if i in rows] + rest
            for position, row in enumerate(order, start=1):
                row.position = position
        return self.last_changes

    def reorder_programs(self, strategy_id: int, program_ids: list[int]) -> Changes:
        """Put programs in this order under a strategy; a program of another strategy moves into it."""
        with self.operation("จัดลำดับแผนงาน") as s:
            if s.get(StrategyRow, strategy_id) is None:
                raise WorkspaceError(f"ไม่พบยุทธศาสตร์รหัส {strategy_id}")
            moved = [r for r in (s.get(ProgramRow, i) for i in program_ids) if r is not None]
            rest = sorted((r for r in s.scalars(select(ProgramRow).where(ProgramRow.strategy_id == strategy_id))
                           if r.id not in program_ids), key=lambda r: (r.position, r.id))
            for position, row in enumerate(moved + rest, start=1):
                row.strategy_id = strategy_id
                row.position = position
        return self.last_changes

    def renumber_strategies(self) -> Changes:
        """Number the strategies 1..n in their print order."""
        with self.operation("เรียงเลขยุทธศาสตร์ใหม่") as s:
            rows = sorted(s.scalars(select(StrategyRow)), key=lambda r: (r.position, r.number))
            for number, row in enumerate(rows, start=1):
                row.number = number
        return self.last_changes

    @staticmethod
    def _move_out_of_program(s: Session, program_id: int, target: int | None) -> None:
        for project in s.scalars(select(ProjectRow).where(ProjectRow.program_id == program_id)):
            project.program_id = target

    # --- reference lists, organisation, editions, settings ----------------------------------------------

    def add_unit(self, name: str, *, is_external: bool = False) -> Changes:
        """Add a unit (หน่วยงาน) to the list."""
        name = normalise_space(name)
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อหน่วยงาน")
        with self.operation("เพิ่มหน่วยงาน") as s:
            if s.scalar(select(UnitRow).where(UnitRow.name == name)) is not None:
                raise WorkspaceError(f"มีหน่วยงาน “{name}” อยู่แล้ว")
            last = max((u.position for u in s.scalars(select(UnitRow))), default=0)
            s.add(UnitRow(name=name, is_external=is_external, position=last + 1))
        return self.last_changes

    def update_organisation(self, **fields: Any) -> Changes:
        """Change the organisation's details (name, district, executive_name, logo …)."""
        with self.operation("แก้ไขข้อมูลองค์กร") as s:
            _set_organisation(s, fields)
        return self.last_changes

    def update_document(self, edition_id: int, *, organisation: dict[str, Any],
                        edition: dict[str, Any]) -> Changes:
        """Change the organisation's details and an edition's texts together, as one undo step."""
        with self.operation("แก้ไขข้อมูลองค์กรและเอกสาร") as s:
            _set_organisation(s, organisation)
            _set_edition(s, edition_id, edition)
        return self.last_changes

    def add_edition(self, fiscal_year: int, kind: EditionKind, *, number: int | None = None,
                    trigger_kind: TriggerKind = TriggerKind.BUDGET_ORDINANCE,
                    trigger_date: dt.date | None = None, title_suffix: str | None = None) -> Changes:
        """Open a new edition (an additional edition gets the next number of its year)."""
        with self.operation("เพิ่มฉบับของแผน") as s:
            org = s.scalars(select(OrganisationRow)).first()
            assert org is not None
            same = s.scalars(select(EditionRow).where(
                EditionRow.fiscal_year == fiscal_year, EditionRow.kind == str(kind))).all()
            if kind is EditionKind.MAIN:
                if same:
                    raise WorkspaceError(f"ปีงบประมาณ {fiscal_year} มีแผนฉบับหลักอยู่แล้ว")
                number = 0
            elif number is None:
                number = max((e.number for e in same), default=0) + 1
            s.add(EditionRow(
                organisation_id=org.id, fiscal_year=fiscal_year, kind=str(kind), number=number,
                title_suffix=title_suffix if title_suffix is not None
                else default_title_suffix(kind, number, fiscal_year),
                trigger_kind=str(trigger_kind), trigger_date=trigger_date,
            ))
        return self.last_changes

    def update_edition(self, edition_id: int, **fields: Any) -> Changes:
        """Change an edition's details (trigger_date, status, announcement_date, preface_text …)."""
        with self.operation("แก้ไขข้อมูลฉบับของแผน") as s:
            _set_edition(s, edition_id, fields)
        return self.last_changes

    def set_setting(self, key: str, value: str) -> Changes:
        """Store a setting in the file."""
        with self.operation("เปลี่ยนการตั้งค่า") as s:
            row = s.get(SettingRow, key)
            if row is None:
                s.add(SettingRow(key=key, value=value))
            else:
                row.value = value
        return self.last_changes


def _set_organisation(s: Session, fields: dict[str, Any]) -> None:
    row = s.scalars(select(OrganisationRow)).first()
    assert row is not None
    for key, value in fields.items():
        if key == "id" or not hasattr(OrganisationRow, key):
            raise KeyError(key)
        setattr(row, key, str(value) if key == "kind" else value)


def _set_edition(s: Session, edition_id: int, fields: dict[str, Any]) -> None:
    row = s.get(EditionRow, edition_id)
    if row is None:
        raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
    for key, value in fields.items():
        if key in ("id", "organisation_id") or not hasattr(EditionRow, key):
            raise KeyError(key)
        setattr(row, key, str(value) if key in ("kind", "trigger_kind", "status") else value)


def _guess_org_kind(name: str) -> OrgKind:
    if name.startswith("องค์การบริหารส่วนจังหวัด"):
        return OrgKind.PAO
    for kind in (OrgKind.SUBDISTRICT_MUNICIPALITY, OrgKind.TOWN_MUNICIPALITY, OrgKind.CITY_MUNICIPALITY):
        if name.startswith(kind.value):
            return kind
    return OrgKind.SAO


def _executive_title(kind: OrgKind, name: str) -> str:
    if kind is OrgKind.SAO:
        return "นายก" + name
    if kind is OrgKind.PAO:
        return "นายก" + name
    return "นายกเทศมนตรี" + name.removeprefix(kind.value)
