"""The workspace's core: an open database file, its listeners, and the one way an operation runs.

``WorkspaceCore`` opens and creates files and runs every operation through ``_run(label, body)``: one
transaction committed at once, recorded for undo (``history``), the resulting ``Changes`` returned to the
caller and sent to every listener. A workspace opened read-only (another copy of ThaPlan is editing the
file) refuses every operation, undo and redo with its Thai ``notice``. The operations themselves live in
the modules named by area (``projects``, ``tree``, ``lists``, ``procedure``, ``batch``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from thaplan_desktop.db import repository as repo
from thaplan_desktop.db.engine import create_database, open_database
from thaplan_desktop.db.models import EditionRow, OrganisationRow
from thaplan_desktop.db.queries import Source
from thaplan_desktop.db.reads import source_on
from thaplan_desktop.domain.model import OrgKind
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.history import History

__all__ = ["WorkspaceCore"]

READ_ONLY = "ไฟล์นี้เปิดแบบอ่านอย่างเดียว จึงแก้ไขไม่ได้"


class WorkspaceCore:
    """An open ThaPlan database with its undo history. Create with ``open`` or ``create``."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False, notice: str = "") -> None:
        self.path = path
        self._engine = engine
        self.read_only = read_only  # another copy edits the file: every change is refused
        self.notice = notice  # a Thai message about how the file was opened ("" when there is nothing to say)
        self._history = History(engine)
        self._listeners: list[Callable[[Changes], None]] = []

    # --- opening -------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, before_upgrade: Callable[[Path], object] | None = None) -> Self:
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
    ) -> Self:
        """Create a new file with the organisation, its main edition for ``fiscal_year`` and reference data."""
        name = normalise_space(name)
        if not name:
            raise WorkspaceError("กรุณาใส่ชื่อองค์กรปกครองส่วนท้องถิ่น")
        if not 2400 <= fiscal_year <= 2700:
            raise WorkspaceError(f"ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น 2563 (ได้รับ {fiscal_year})")
        path = Path(path)
        workspace = cls(path, create_database(path))
        kind = kind or _guess_org_kind(name)
        with workspace._history.sessions.begin() as session:
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
        changes, recorded = self._history.run(label, body)
        if recorded:
            self._emit(changes)
        return changes

    @contextmanager
    def _reading(self) -> Iterator[Source]:
        """The reads of ``db.reads`` in one read transaction."""
        with self._engine.connect() as connection:
            yield source_on(connection)

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """A connection for a read that ``db.reads`` builds on the spot."""
        with self._engine.connect() as connection:
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
        """Reverse the last operation exactly; None when there is nothing to undo."""
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
