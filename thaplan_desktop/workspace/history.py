"""Undo and redo: every operation is one transaction, recorded row by row through SQLAlchemy's flush events.

While an operation's session flushes, :class:`Recorder` notes each row's column values before and after
(from the public inspection API: an attribute's history holds its value as loaded). The rows that really
changed make one :class:`Step`; undo writes the "before" values back with Core statements, redo the
"after" values, so the database returns exactly to what it was. "Import 120 rows" is one step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, event, insert, inspect, update
from sqlalchemy.orm import Session, sessionmaker

from thaplan_desktop.db.models import Base
from thaplan_desktop.workspace.changes import Changes

__all__ = ["TRACKING_TABLES", "History", "changes_of"]

_TREE_TABLES = {"strategy", "program"}
_REFERENCE_TABLES = {"unit", "equipment_type", "funding_source"}
_META_TABLES = {"organisation", "edition", "setting"}
# Tables of the plan in use whose rows belong to one project (their ``project_id``).
TRACKING_TABLES = frozenset({"tracking_status", "project_tracking", "disbursement", "spending_schedule"})

Key = tuple[Any, ...]


@dataclass(slots=True)
class RowChange:
    """One row's column values before and after a step (None: the row did not exist)."""

    table: str
    key: Key
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(slots=True)
class Step:
    """One undoable operation: its Thai label and the rows it changed, in the order they changed."""

    label: str
    rows: list[RowChange] = field(default_factory=list)


def _snapshot(obj: Any, committed: bool) -> dict[str, Any]:
    """Column values of an ORM object: as loaded from the database (``committed``) or as they are now."""
    state = inspect(obj)
    values = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        value = getattr(obj, key)
        if committed:
            deleted = state.attrs[key].history.deleted
            if deleted:  # changed since loaded: the value it was loaded with
                value = deleted[0]
        values[key] = value
    return values


def _ident(obj: Any) -> tuple[str, Key]:
    return str(obj.__tablename__), tuple(inspect(obj).mapper.primary_key_from_instance(obj))


class Recorder:
    """Collects the before/after values of every row an operation's session flushes."""

    def __init__(self, session: Session) -> None:
        self.rows: dict[tuple[str, Key], RowChange] = {}
        self.order: list[tuple[str, Key]] = []
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "after_flush", self._after_flush)

    def _note(self, ident: tuple[str, Key], before: dict[str, Any] | None) -> RowChange:
        if ident not in self.rows:
            self.rows[ident] = RowChange(ident[0], ident[1], before, None)
            self.order.append(ident)
        return self.rows[ident]

    def _before_flush(self, session: Session, _ctx: object, _instances: object) -> None:
        for obj in list(session.dirty) + list(session.deleted):
            if obj in session.deleted or session.is_modified(obj, include_collections=False):
                self._note(_ident(obj), _snapshot(obj, committed=True))

    def _after_flush(self, session: Session, _ctx: object) -> None:
        for obj in session.new:
            self._note(_ident(obj), None).after = _snapshot(obj, committed=False)
        for obj in session.dirty:
            ident = _ident(obj)
            if ident in self.rows:
                self.rows[ident].after = _snapshot(obj, committed=False)
        for obj in session.deleted:
            self.rows[_ident(obj)].after = None

    def step(self, label: str) -> Step:
        """The rows that really changed, as one step."""
        changes = [self.rows[i] for i in self.order]
        return Step(label, [c for c in changes if c.before != c.after])


def changes_of(step: Step) -> Changes:
    """What a step touched, as views need to know it."""
    tables = {row.table for row in step.rows}
    projects = frozenset(row.key[0] for row in step.rows if row.table == "project")
    created = tuple(row.key[0] for row in step.rows if row.table == "project" and row.before is None)
    inserted = tuple((row.table, row.key[0]) for row in step.rows
                     if row.before is None and len(row.key) == 1 and isinstance(row.key[0], int))
    tracking = frozenset(values["project_id"] for row in step.rows if row.table in TRACKING_TABLES
                         for values in (row.before, row.after) if values is not None)
    return Changes(
        label=step.label,
        projects=projects,
        tree=bool(tables & _TREE_TABLES),
        reference=bool(tables & _REFERENCE_TABLES),
        meta=bool(tables & _META_TABLES),
        other_tables=frozenset(tables - _TREE_TABLES - _REFERENCE_TABLES - _META_TABLES - {"project"}),
        created=created,
        inserted=inserted,
        tracking=tracking,
    )


class History:
    """Runs operations (one committed transaction each) and keeps their steps for undo and redo."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def run(self, label: str, body: Callable[[Session], object]) -> tuple[Changes, bool]:
        """Run ``body(session)`` in one transaction, committed at once; (its changes, whether recorded).

        An exception in ``body`` rolls everything back and records nothing. An operation that changed
        nothing leaves no step.
        """
        session = self.sessions()
        recorder = Recorder(session)
        try:
            with session.begin():
                body(session)
                session.flush()
        finally:
            session.close()
        step = recorder.step(label)
        if step.rows:
            self._undo.append(step)
            self._redo.clear()
        return changes_of(step), bool(step.rows)

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
        return changes_of(step)

    def redo(self) -> Changes | None:
        """Re-apply the last undone operation; None when there is nothing to redo."""
        if not self._redo:
            return None
        step = self._redo.pop()
        self._apply(step.rows, use_before=False)
        self._undo.append(step)
        return changes_of(step)

    def clear(self) -> None:
        """Forget every step."""
        self._undo.clear()
        self._redo.clear()

    def _apply(self, rows: Iterable[RowChange], *, use_before: bool) -> None:
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
