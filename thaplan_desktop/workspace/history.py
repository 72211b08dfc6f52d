"""Undo and redo: every operation is one transaction, recorded row by row through SQLAlchemy's flush events.

While an operation's session flushes, :class:`Recorder` notes each row's column values before and after
(from the public inspection API: an attribute's history holds its value as loaded), stamps who changes
each row, and refuses a row someone else changed since this workspace read it (``versions``). The rows
that really changed make one :class:`Step`; undo writes the "before" values back with Core statements,
redo the "after" values, so the plan returns exactly to what it was. "Import 120 rows" is one step.

History is per workspace, that is per officer. Undo and redo are new changes of their own: each row gets
a new version, and only from the version this workspace's step left in it — a row someone else changed
since refuses the whole undo (``ConflictError``) rather than overwrite their work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, event, insert, inspect, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from thaplan_desktop.db.models import Base, Versioned
from thaplan_desktop.db.office import begin_write
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.conflicts import conflict, permission_denied
from thaplan_desktop.workspace.versions import RowGone, SeenRows, StaleRow

__all__ = ["TRACKING_TABLES", "History", "changes_of", "changes_of_rows"]

TEXTS = {"new_row": "ใหม่"}  # names a refused new row that has neither a name nor a project
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
    """Collects the before/after values of every row an operation's session flushes.

    Before each flush it also refuses (``StaleRow``) a changed row that moved on since ``seen`` had it, and
    writes ``user`` into ``changed_by`` of every versioned row the flush inserts or changes.
    """

    def __init__(self, session: Session, user: str = "", seen: SeenRows | None = None) -> None:
        self.rows: dict[tuple[str, Key], RowChange] = {}
        self.order: list[tuple[str, Key]] = []
        self.new: list[tuple[str, dict[str, Any]]] = []  # rows about to be inserted (to name one the server refuses)
        self.user = user
        self.seen = seen
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "after_flush", self._after_flush)

    def _note(self, ident: tuple[str, Key], before: dict[str, Any] | None) -> RowChange:
        if ident not in self.rows:
            self.rows[ident] = RowChange(ident[0], ident[1], before, None)
            self.order.append(ident)
        return self.rows[ident]

    def _before_flush(self, session: Session, _ctx: object, _instances: object) -> None:
        for obj in list(session.dirty) + list(session.deleted):
            deleted = obj in session.deleted
            if deleted or session.is_modified(obj, include_collections=False):
                ident = _ident(obj)
                before = _snapshot(obj, committed=True)
                if isinstance(obj, Versioned) and self.seen is not None:
                    state = inspect(obj)
                    changed = {a.key for a in state.attrs if a.history.has_changes()}
                    self.seen.check(ident[0], ident[1], before["version"], changed, deleted)
                self._note(ident, before)
                if not deleted and isinstance(obj, Versioned) and obj.changed_by != self.user:
                    obj.changed_by = self.user
        for obj in session.new:
            if isinstance(obj, Versioned):
                obj.changed_by = self.user
            self.new.append((str(obj.__tablename__), _snapshot(obj, committed=False)))

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
    tracking = frozenset(values["project_id"] for row in step.rows if row.table in TRACKING_TABLES
                         for values in (row.before, row.after) if values is not None)
    return changes_of_rows(step.label, [(row.table, row.key) for row in step.rows],
                           created=[(row.table, row.key) for row in step.rows if row.before is None],
                           tracking=tracking)


def changes_of_rows(label: str, rows: Iterable[tuple[str, Key]], *,
                    created: Iterable[tuple[str, Key]] = (), tracking: Iterable[int] = ()) -> Changes:
    """The ``Changes`` of these rows (table, key), ``created`` among them newly inserted; ``tracking`` names
    the projects whose tracking rows are among them."""
    rows, created = list(rows), list(created)
    tables = {table for table, _key in rows}
    return Changes(
        label=label,
        projects=frozenset(key[0] for table, key in rows if table == "project"),
        tree=bool(tables & _TREE_TABLES),
        reference=bool(tables & _REFERENCE_TABLES),
        meta=bool(tables & _META_TABLES),
        other_tables=frozenset(tables - _TREE_TABLES - _REFERENCE_TABLES - _META_TABLES - {"project"}),
        created=tuple(key[0] for table, key in created if table == "project"),
        inserted=tuple((table, key[0]) for table, key in created if len(key) == 1 and isinstance(key[0], int)),
        tracking=frozenset(tracking),
    )


class History:
    """Runs operations (one committed transaction each) and keeps their steps for undo and redo.

    ``user`` is written as the changer of every row (PostgreSQL's trigger writes the database user over
    it); ``origin`` marks this workspace's changes in the change log; ``seen`` holds the versions its
    reads returned.
    """

    def __init__(self, engine: Engine, *, user: str = "", origin: str = "", seen: SeenRows | None = None) -> None:
        self.engine = engine
        self.writer = engine.execution_options(thaplan_write=True)
        self.sessions = sessionmaker(self.writer, expire_on_commit=False)
        self.user = user
        self.origin = origin
        self.seen = seen if seen is not None else SeenRows()
        self._written: dict[tuple[str, Key], int] = {}  # the version each row got from this workspace's last write
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def run(self, label: str, body: Callable[[Session], object]) -> tuple[Changes, bool]:
        """Run ``body(session)`` in one transaction, committed at once; (its changes, whether recorded).

        An exception in ``body`` rolls everything back and records nothing. An operation that changed
        nothing leaves no step. A row someone else changed since this workspace read it refuses the
        whole operation with a ConflictError; a change the database does not allow this user, with a
        PermissionDenied.
        """
        session = self.sessions()
        recorder = Recorder(session, self.user, self.seen)
        refused: Exception | None = None
        try:
            with session.begin():
                begin_write(session.connection(), self.origin)
                body(session)
                session.flush()
        except StaleRow as stale:
            refused = stale
        except RowGone as gone:
            if self.seen.get(gone.table, gone.key) is None:
                raise
            refused = StaleRow(gone.table, gone.key, self.seen.get(gone.table, gone.key))
        except StaleDataError as stale:
            refused = stale
        except DBAPIError as error:
            if not _denied(error):
                raise
            refused = error
        finally:
            session.close()
        if refused is not None:
            raise self._refusal(refused, recorder) from refused
        step = recorder.step(label)
        for row in step.rows:
            self.seen.wrote(row.table, row.key, row.after)
            self._wrote(row.table, row.key, row.after)
        if step.rows:
            self._undo.append(step)
            self._redo.clear()
        return changes_of(step), bool(step.rows)

    def _refusal(self, refused: Exception, recorder: Recorder) -> WorkspaceError:
        """The Thai refusal for a failed operation, read after its transaction rolled back."""
        with self.engine.connect() as connection:
            if isinstance(refused, StaleRow):
                return conflict(connection, refused.table, refused.key, refused.seen)
            # The UPDATE or DELETE found no row of the version it read: someone changed it in between,
            # or row-level security hid it from this user.
            for row in recorder.rows.values():
                if row.before is None or "version" not in row.before:
                    continue
                if _current_version(connection, row.table, row.key) != row.before["version"]:
                    return conflict(connection, row.table, row.key, self.seen.get(row.table, row.key) or row.before)
            denied = next((row for row in recorder.rows.values() if row.before is not None), None)
            if denied is not None:
                return permission_denied(self.user, denied.table, denied.key, denied.before, connection)
            if recorder.new:  # an INSERT the server refused (a disbursement for another unit's project …)
                table, values = recorder.new[0]
                return permission_denied(self.user, table, (TEXTS["new_row"],), values, connection)
            return permission_denied(self.user)

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
        """Reverse the last operation exactly; None when there is nothing to undo.

        Refused (ConflictError) when someone else changed one of its rows since: the step then leaves
        the history, as it can no longer be undone without overwriting their work.
        """
        if not self._undo:
            return None
        step = self._undo.pop()
        self._apply(step, reversed(step.rows), use_before=True)
        self._redo.append(step)
        return changes_of(step)

    def redo(self) -> Changes | None:
        """Re-apply the last undone operation; None when there is nothing to redo (refused as undo is)."""
        if not self._redo:
            return None
        step = self._redo.pop()
        self._apply(step, step.rows, use_before=False)
        self._undo.append(step)
        return changes_of(step)

    def clear(self) -> None:
        """Forget every step."""
        self._undo.clear()
        self._redo.clear()

    def _wrote(self, table: str, key: Key, values: dict[str, Any] | None) -> None:
        if values is None or "version" not in values:
            self._written.pop((table, key), None)
        else:
            self._written[(table, key)] = values["version"]

    def _apply(self, step: Step, rows: Iterable[RowChange], *, use_before: bool) -> None:
        """Write one side of a step as a new change, only over the version this workspace's last write left.

        (The undo stack's order makes the row's content then the other side of the step; any other version
        means someone else changed the row since.)
        """
        tables = Base.metadata.tables
        written: list[tuple[RowChange, dict[str, Any] | None]] = []
        stale: RowChange | None = None
        try:
            with self.writer.begin() as conn:
                begin_write(conn, self.origin)
                for row in rows:
                    table = tables[row.table]
                    target = row.before if use_before else row.after
                    source = row.after if use_before else row.before
                    where = [col == value for col, value in zip(table.primary_key.columns, row.key, strict=True)]
                    versioned = "version" in table.c
                    expected = None
                    if versioned and source is not None:
                        expected = self._written.get((row.table, row.key), source["version"])
                        where.append(table.c.version == expected)
                    if target is None:
                        done = conn.execute(delete(table).where(*where)).rowcount == 1
                        values = None
                    elif source is None:
                        values = dict(target, changed_by=self.user) if versioned else dict(target)
                        try:
                            with conn.begin_nested():
                                conn.execute(insert(table).values(**values))
                            done = True
                        except IntegrityError:
                            done = False
                    else:
                        values = dict(target)
                        if expected is not None:
                            values.update(version=expected + 1, changed_by=self.user)
                        done = conn.execute(update(table).where(*where).values(**values)).rowcount == 1
                    if not done:
                        stale = row
                        raise _Undone
                    written.append((row, values))
        except _Undone:
            pass
        except DBAPIError as error:
            if not _denied(error):
                raise
            (self._undo if use_before else self._redo).append(step)  # put back: nothing happened
            raise permission_denied(self.user) from error
        if stale is not None:  # the step leaves the history: it cannot be applied without overwriting
            seen = stale.after if use_before else stale.before
            with self.engine.connect() as connection:
                raise conflict(connection, stale.table, stale.key, seen, kind="undo" if use_before else "redo",
                               label=step.label)
        for row, values in written:  # the versions now in the database, for the next undo or redo
            self.seen.wrote(row.table, row.key, values)
            self._wrote(row.table, row.key, values)


class _Undone(Exception):  # noqa: N818 - leaves the transaction, rolling it back
    """A row of an undo or redo was not as the step left it."""


def _denied(error: DBAPIError) -> bool:
    """True for PostgreSQL's "insufficient privilege" (a missing grant or row-level security)."""
    return getattr(error.orig, "sqlstate", None) == "42501"


def _current_version(connection: Connection, table: str, key: Key) -> int | None:
    model = Base.metadata.tables[table]
    where = [col == value for col, value in zip(model.primary_key.columns, key, strict=True)]
    value = connection.execute(select(model.c.version).where(*where)).scalar()
    return None if value is None else int(value)
