"""What an open window needs when several officers share a plan: others' changes, and what this user may do.

The change feed (``db/office.py`` writes it): ``change_stamp()`` is the newest change's number, cheap to
ask; ``changes_since(stamp)`` the changed rows after it; ``others_changes()`` keeps its own cursor and
returns what *other* workspaces changed since it was last called, as the same ``Changes`` value the
workspace's listeners receive (so a window refreshes those rows exactly as after its own operations).
``wait_for_changes(timeout)`` blocks until something may have changed: on PostgreSQL it listens for the
triggers' ``NOTIFY``, on a file it watches the change log. ``rights()`` says who the user is and what the
database lets them change.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text

from thaplan_desktop.db.models import ChangeLogRow
from thaplan_desktop.db.office import CHANNEL, ROLES, origin_of
from thaplan_desktop.workspace.changes import Changes
from thaplan_desktop.workspace.core import WorkspaceCore
from thaplan_desktop.workspace.history import TRACKING_TABLES, changes_of_rows

__all__ = ["ChangeNote", "OfficeOperations", "Rights"]

TEXTS = {
    "others": "แก้ไขโดย {who}",
    "reader": "บัญชีผู้ใช้ {user} มีสิทธิ์อ่านแผนอย่างเดียว จึงแก้ไขไม่ได้",
    "department": "บัญชีผู้ใช้ {user} แก้ไขได้เฉพาะโครงการของ{units}",
    "no_unit": "บัญชีผู้ใช้ {user} ยังไม่ได้กำหนดหน่วยงาน จึงยังแก้ไขโครงการใดไม่ได้ — ติดต่อผู้ดูแลระบบ",
}

_LOG = ChangeLogRow.__table__
_POLL = 0.25  # seconds between looks at a file's change log while waiting


@dataclass(frozen=True, slots=True)
class ChangeNote:
    """One changed row in the change feed."""

    id: int
    table: str
    key: str
    action: str  # insert, update, delete
    by: str
    origin: str | None
    at: dt.datetime | None
    project: int | None = None  # the project of a tracking row (a status, a disbursement …)


@dataclass(frozen=True, slots=True)
class Rights:
    """Who the user is and what the database lets them change.

    ``role``: ``owner`` (a SQLite file's officer, or the server's administrator), ``planner`` (the planning
    office: everything), ``department`` (only the projects of ``unit_ids``), ``reader``, or ``none``.
    """

    user: str
    role: str
    unit_ids: frozenset[int] = frozenset()

    @property
    def can_edit(self) -> bool:
        """True when the user may change anything at all."""
        return self.role in ("owner", "planner") or (self.role == "department" and bool(self.unit_ids))

    @property
    def edits_everything(self) -> bool:
        """True for the planning office and the owner."""
        return self.role in ("owner", "planner")


class OfficeOperations(WorkspaceCore):
    """The change feed and the user's rights."""

    _cursor: int | None = None

    def change_stamp(self) -> int:
        """The number of the newest change in the plan (0 when none): compare it to know whether to look."""
        with self._connection() as connection:
            return int(connection.execute(select(func.coalesce(func.max(_LOG.c.id), 0))).scalar_one())

    def changes_since(self, stamp: int, *, limit: int = 10_000) -> tuple[int, list[ChangeNote]]:
        """The changes after ``stamp``, oldest first, and the stamp to ask from next time."""
        with self._connection() as connection:
            rows = connection.execute(select(_LOG).where(_LOG.c.id > stamp).order_by(_LOG.c.id).limit(limit)).all()
        notes = [ChangeNote(r.id, r.table_name, r.row_key, r.action, r.changed_by, r.origin, _when(r.changed_at),
                            r.project_id) for r in rows]
        return (notes[-1].id if notes else stamp), notes

    def others_changes(self) -> Changes | None:
        """What other workspaces (other officers, other windows) changed since the last call; None if nothing.

        The first call only sets the cursor (a window has just read the plan) and returns None.
        """
        if self._cursor is None:
            self._cursor = self.change_stamp()
            return None
        mine = origin_of(self._engine)
        others: list[ChangeNote] = []
        while True:
            self._cursor, notes = self.changes_since(self._cursor)
            others += [n for n in notes if not mine or n.origin != mine]
            if len(notes) < 10_000:
                break
        if not others:
            return None
        who = ", ".join(dict.fromkeys(n.by for n in others if n.by))
        keys = [(n.table, _key(n.key)) for n in others]
        return changes_of_rows(TEXTS["others"].format(who=who or "-"), keys,
                               created=[(n.table, _key(n.key)) for n in others if n.action == "insert"],
                               tracking=[n.project for n in others if n.table in TRACKING_TABLES and n.project])

    def wait_for_changes(self, timeout: float) -> bool:
        """Block until the plan may have changed (True) or ``timeout`` seconds passed (False).

        A hint, not a promise: call ``others_changes()`` after it either way.
        """
        if self._server:
            raw = self._engine.raw_connection()
            try:
                driver: Any = raw.driver_connection
                driver.autocommit = True
                driver.execute(f"LISTEN {CHANNEL}")
                try:
                    return any(True for _ in driver.notifies(timeout=timeout, stop_after=1))
                finally:
                    driver.execute(f"UNLISTEN {CHANNEL}")
                    driver.autocommit = False
            finally:
                raw.close()
        start, deadline = self.change_stamp(), time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(min(_POLL, max(0.0, deadline - time.monotonic())))
            if self.change_stamp() != start:
                return True
        return False

    def rights(self) -> Rights:
        """Who the user is and what they may change (a file's officer may change everything)."""
        if not self._server:
            return Rights(self.user, "owner")
        with self._connection() as connection:
            row = connection.execute(text(
                "SELECT r.rolsuper OR pg_has_role(session_user, (SELECT tableowner FROM pg_tables"
                "   WHERE tablename = 'project' AND schemaname = current_schema()), 'MEMBER') AS owner,"
                " pg_has_role(session_user, :planner, 'MEMBER') AS planner,"
                " pg_has_role(session_user, :department, 'MEMBER') AS department,"
                " pg_has_role(session_user, :reader, 'MEMBER') AS reader"
                " FROM pg_roles r WHERE r.rolname = session_user"),
                {"planner": ROLES["planner"], "department": ROLES["department"], "reader": ROLES["reader"]}).one()
            units = frozenset(int(u) for u in connection.execute(
                text("SELECT unit_id FROM office_member WHERE role_name = session_user")).scalars())
        for role in ("owner", "planner", "department", "reader"):
            if getattr(row, role):
                return Rights(self.user, role, units if role == "department" else frozenset())
        return Rights(self.user, "none")

    def rights_notice(self) -> str:
        """A Thai line for the window about a limited user's rights ("" for one who may change everything)."""
        rights = self.rights()
        if rights.edits_everything:
            return ""
        if rights.role == "department":
            if not rights.unit_ids:
                return TEXTS["no_unit"].format(user=rights.user)
            names = [u.name for u in self._unit_list() if u.id in rights.unit_ids]
            return TEXTS["department"].format(user=rights.user, units=", ".join(names))
        return TEXTS["reader"].format(user=rights.user)

    def _unit_list(self) -> list[Any]:
        from thaplan_desktop.db import queries

        with self._reading() as source:
            return queries.load_units(source)


def _key(text_key: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.lstrip("-").isdigit() else part for part in text_key.split("/"))


def _when(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))
