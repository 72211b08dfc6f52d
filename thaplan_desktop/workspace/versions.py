"""Optimistic concurrency: the version of every row a workspace handed out, and the refusals built on it.

A window shows what it read. When its officer then changes a row that someone else changed since (a
higher ``version`` in the database than the one read), the edit is refused with a :class:`ConflictError`
that names who changed the row, when, and what it is now (``workspace.conflicts`` writes the Thai). The
workspace notes the version of every row its reads return (``SeenRows``) and, after its own operations,
the versions they wrote; an operation's rows are checked as the session flushes them (``history``), and
SQLAlchemy's version counter closes the gap between that check and the UPDATE itself.

Rows an operation only moves (a ``position`` shifted by an insertion above them) are not checked: the
officer did not edit them. A row the workspace never read is checked against the version the operation
itself loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from thaplan_desktop.db.office import primary_key_of
from thaplan_desktop.workspace.changes import Changes, WorkspaceError

__all__ = ["BOOKKEEPING", "ConflictError", "Key", "PermissionDenied", "RowGone", "SeenRows", "StaleRow"]

Key = tuple[Any, ...]

# Columns an operation writes without the officer asking: changing only these is no edit of the row.
BOOKKEEPING = frozenset({"version", "changed_by", "updated_at", "position"})


class ConflictError(WorkspaceError):
    """An edit (or undo) refused because someone else changed the row first; the message is Thai.

    ``changes`` names the row (a tracking row by its ``project``), so a window reads it again and shows what
    it is now.
    """

    def __init__(self, message: str, *, table: str, key: Key, by: str, deleted: bool,
                 current: Mapping[str, Any] | None, project: int | None = None) -> None:
        super().__init__(message)
        self.table, self.key, self.by, self.deleted = table, key, by, deleted
        self.current = dict(current) if current is not None else None
        projects = {key[0]} if table == "project" and len(key) == 1 else set()
        self.changes = Changes(label=message, projects=frozenset(projects), other_tables=frozenset(
            set() if table == "project" else {table}), tracking=frozenset({project} if project is not None else ()))


class PermissionDenied(WorkspaceError):
    """A change the database refused for want of rights (PostgreSQL roles and row-level security)."""


class RowGone(WorkspaceError):
    """An operation named a row that is not there (Thai message); a ConflictError when this workspace had read it.

    A row the officer still sees but someone else deleted is a conflict ("ถูกลบโดย …"), not a bad id.
    """

    def __init__(self, message: str, table: str, key: Key) -> None:
        super().__init__(message)
        self.table, self.key = table, key


class StaleRow(Exception):  # noqa: N818 - a signal inside one operation, never seen by callers
    """Raised inside a flush: this row changed since it was read (turned into a ConflictError after rollback)."""

    def __init__(self, table: str, key: Key, seen: Mapping[str, Any] | None) -> None:
        super().__init__(table, key)
        self.table, self.key, self.seen = table, key, seen


class SeenRows:
    """The values (with ``version``) of every row of a versioned table the workspace last read or wrote."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, Key], Any] = {}  # a SQLAlchemy Row as read, or the values an operation wrote
        self._keys: dict[str, list[str]] = {}

    def _key_columns(self, table: str) -> list[str]:
        if table not in self._keys:
            self._keys[table] = primary_key_of(table)
        return self._keys[table]

    def noter(self, table: str, columns: Sequence[str]) -> Callable[[Any], None] | None:
        """What notes each row of a read of ``table`` returning ``columns`` (None: it returns no versions).

        Called once a read, so that the rows of a 10,000-project plan are noted by position, without a
        mapping each.
        """
        if "version" not in columns:
            return None
        rows = self._rows
        positions = [columns.index(c) for c in self._key_columns(table)]
        if len(positions) == 1:
            (at,) = positions

            def note_one(row: Any) -> None:
                rows[(table, (row[at],))] = row
            return note_one

        def note(row: Any) -> None:
            rows[(table, tuple(row[i] for i in positions))] = row
        return note

    def wrote(self, table: str, key: Key, values: Mapping[str, Any] | None) -> None:
        """What an operation of this workspace left in a row (None: it deleted the row)."""
        if values is None:
            self._rows.pop((table, key), None)
        elif "version" in values:
            self._rows[(table, key)] = values

    def get(self, table: str, key: Key) -> Mapping[str, Any] | None:
        """The row as last seen, or None when this workspace never read it."""
        found = self._rows.get((table, key))
        if found is None:
            return None
        return found._mapping if hasattr(found, "_mapping") else found

    def check(self, table: str, key: Key, loaded_version: int, changed: set[str], deleted: bool) -> None:
        """Raise StaleRow when an operation changes a row (not only its bookkeeping) that moved on since read."""
        seen = self.get(table, key)
        if seen is None or (not deleted and not changed - BOOKKEEPING):
            return
        if seen["version"] != loaded_version:
            raise StaleRow(table, key, seen)
