"""The workspace's core: an open plan (a SQLite file or a PostgreSQL database), its listeners, and the one
way an operation runs.

``WorkspaceCore`` opens and creates plans and runs every operation through ``_run(label, body)``: one
transaction committed at once, recorded for undo (``history``), the resulting ``Changes`` returned to the
caller and sent to every listener. A workspace opened read-only (another copy of ThaPlan is editing the
file, or the database user may only read) refuses every operation, undo and redo with its Thai
``notice``. Every read notes the versions of the rows it returns (``versions``), so that an edit of a row
someone else changed since is refused. The operations themselves live in the modules named by area
(``projects``, ``tree``, ``lists``, ``procedure``, ``batch``); the change feed and the user's rights in
``office``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from thaplan_desktop.db import repository as repo
from thaplan_desktop.db.engine import create_database, open_database
from thaplan_desktop.db.files import DatabaseError
from thaplan_desktop.db.location import Location, ServerAddress, parse_location
from thaplan_desktop.db.models import EditionRow, OrganisationRow
from thaplan_desktop.db.office import origin_of, os_user
from thaplan_desktop.db.queries import Source
from thaplan_desktop.db.reads import source_on
from thaplan_desktop.db.server import connect_server, open_server, server_revision
from thaplan_desktop.domain.model import OrgKind
from thaplan_desktop.domain.thai import normalise_space, strip_controls
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.history import History
from thaplan_desktop.workspace.versions import SeenRows

__all__ = ["WorkspaceCore"]

READ_ONLY = "ไฟล์นี้เปิดแบบอ่านอย่างเดียว จึงแก้ไขไม่ได้"
LOST = "การเชื่อมต่อกับเซิร์ฟเวอร์ฐานข้อมูลขัดข้อง ({reason}) — การแก้ไขนี้ยังไม่ได้บันทึก กรุณาลองอีกครั้ง"
HAS_PLAN = "ฐานข้อมูล {name} มีแผนอยู่แล้ว (ใช้ thaplan copy --force เพื่อแทนที่ทั้งหมด)"


class WorkspaceCore:
    """An open ThaPlan plan with its undo history. Create with ``open`` or ``create``.

    ``location`` is the file's path or the server database's address; ``path`` is the file's path, or for
    a server plan the database's name (what a window shows as its title).
    """

    def __init__(self, location: Location, engine: Engine, *, read_only: bool = False, notice: str = "") -> None:
        self.location: Location = location
        self.path = Path(location.name) if isinstance(location, ServerAddress) else location
        self._engine = engine
        self.read_only = read_only  # another copy edits the file: every change is refused
        self.notice = notice  # a Thai message about how the file was opened ("" when there is nothing to say)
        self._server = isinstance(location, ServerAddress)
        self.user = self._database_user() if self._server else os_user()
        self._seen = SeenRows()
        self._history = History(engine, user=self.user, origin=origin_of(engine), seen=self._seen)
        self._listeners: list[Callable[[Changes], None]] = []

    @property
    def on_server(self) -> bool:
        """True for a plan on a PostgreSQL server, False for a SQLite file."""
        return self._server

    def _database_user(self) -> str:
        with self._engine.connect() as connection:
            return str(connection.execute(text("SELECT session_user")).scalar_one())

    # --- opening -------------------------------------------------------------------------------------

    @classmethod
    def open(cls, location: Location | str, *, before_upgrade: Callable[[Path], object] | None = None) -> Self:
        """Open an existing plan: a file (upgrading an older schema after ``before_upgrade`` backs it up)
        or a server database (at this version: a server is upgraded only by ``thaplan db upgrade``)."""
        location = parse_location(location) if isinstance(location, str) else location
        if isinstance(location, ServerAddress):
            return cls(location, open_server(location))
        return cls(location, open_database(location, before_upgrade=before_upgrade))

    @classmethod
    def create(
        cls,
        path: Location | str,
        *,
        name: str,
        district: str,
        province: str,
        fiscal_year: int,
        kind: OrgKind | None = None,
        executive_name: str = "",
        executive_title: str = "",
        planning_unit: str = "",
    ) -> Self:
        """Create a new plan with the organisation, its main edition for ``fiscal_year`` and reference data.

        A file must not exist yet; a server database must be empty or hold only the schema of ``db init``
        (which is created when missing).
        """
        name, district, province = (normalise_space(strip_controls(t, multiline=False)) for t in (name, district, province))
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อองค์กรปกครองส่วนท้องถิ่น")
        if not 2400 <= fiscal_year <= 2700:
            raise WorkspaceError(f"ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น 2563 (ได้รับ {fiscal_year})")
        location = parse_location(path) if isinstance(path, str) else path
        if isinstance(location, ServerAddress):
            workspace = cls(location, empty_server_plan(location))
        else:
            workspace = cls(location, create_database(location))
        kind = kind or _guess_org_kind(name)
        with workspace._history.sessions.begin() as session:
            repo.seed_reference_data(session)
            org = OrganisationRow(
                kind=str(kind), name=name, district=district, province=province,
                executive_name=strip_controls(executive_name, multiline=False),
                executive_title=strip_controls(executive_title, multiline=False) or _executive_title(kind, name),
                planning_unit=strip_controls(planning_unit, multiline=False),
            )
            session.add(org)
            session.flush()
            session.add(EditionRow(organisation_id=org.id, fiscal_year=fiscal_year, kind="main", number=0))
        return workspace

    def close(self) -> None:
        """Release the database file."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- listening ------------------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        """Call ``listener(changes)`` after every operation, undo and redo that changed something."""
        self._listeners.append(listener)

    def _emit(self, changes: Changes) -> Changes:
        for listener in self._listeners:
            listener(changes)
        return changes

    # --- running operations ----------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise WorkspaceError(self.notice or READ_ONLY)

    def _run(self, label: str, body: Callable[[Session], Any]) -> Changes:
        """Run ``body(session)`` as one undoable operation in one committed transaction; what it changed."""
        self._check_writable()
        try:
            changes, recorded = self._history.run(label, body)
        except OperationalError as exc:
            if not self._server:
                raise
            raise WorkspaceError(LOST.format(reason=str(exc.orig).strip().splitlines()[0])) from exc
        if recorded:
            self._emit(changes)
        return changes

    @contextmanager
    def _reading(self) -> Iterator[Source]:
        """The reads of ``db.reads`` in one read transaction (on a server: one snapshot, read-only)."""
        with self._connection() as connection:
            yield source_on(connection, self._seen.noter)

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """A connection for reads, in one read transaction (on a server: one snapshot, read-only)."""
        with self._engine.connect() as connection:
            if self._server:
                connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            yield connection

    # --- undo and redo ---------------------------------------------------------------------------------

    def can_undo(self) -> bool:
        """True when there is an operation to undo."""
        return self._history.can_undo()

    def can_redo(self) -> bool:
        """True when there is an undone operation to redo."""
        return self._history.can_redo()

    def undo_label(self) -> str:
        """Thai label of the operation undo would reverse ("" if none)."""
        return self._history.undo_label()

    def redo_label(self) -> str:
        """Thai label of the operation redo would re-apply ("" if none)."""
        return self._history.redo_label()

    def undo(self) -> Changes | None:
        """Reverse the last operation exactly; None when there is nothing to undo.

        A new change of its own: refused (``ConflictError``) when someone else changed one of its rows since.
        """
        self._check_writable()
        changes = self._history.undo()
        return self._emit(changes) if changes is not None else None

    def redo(self) -> Changes | None:
        """Re-apply the last undone operation; None when there is nothing to redo."""
        self._check_writable()
        changes = self._history.redo()
        return self._emit(changes) if changes is not None else None

    def clear_history(self) -> None:
        """Forget what could be undone or redone (after building a file: nothing there is the user's edit)."""
        self._history.clear()


def empty_server_plan(address: ServerAddress) -> Engine:
    """An engine on a server database ready for a new plan: its schema created when missing, no plan in it."""
    from thaplan_desktop.db.server import create_server_schema

    engine = connect_server(address)
    try:
        with engine.connect() as connection:
            revision = server_revision(connection)
            has_plan = revision is not None and connection.execute(select(OrganisationRow.id)).first() is not None
    finally:
        engine.dispose()
    if revision is None:
        return create_server_schema(address)
    if has_plan:
        raise DatabaseError(HAS_PLAN.format(name=address.name))
    return open_server(address)


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
