"""The open plan as the GUI sees it: the workspace lives on the runner's worker thread, views get dataclasses.

``PlanSession`` opens or creates a database, loads an edition and runs operations, always on the one
worker thread of ``runner.Runner``. After every operation (and undo/redo) the worker reads what the
``Changes`` name — the projects touched, the tree, the reference lists — and the GUI receives one
``Refresh`` with plain dataclasses to apply. Code of other screens runs its own operations with
``session.run_operation(fn)``; the views refresh the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from thaplan_desktop.domain.model import (
    Edition,
    NamedItem,
    Organisation,
    Program,
    Project,
    ProjectKind,
    Strategy,
    Unit,
)
from thaplan_desktop.safety import create_for_editing, open_for_editing
from thaplan_desktop.ui.runner import Job, Runner
from thaplan_desktop.workspace import Changes, DatabaseError, Workspace, WorkspaceError

log = logging.getLogger(__name__)

TEXTS = {
    "open": "กำลังเปิดไฟล์แผน…",
    "create": "กำลังสร้างไฟล์แผนใหม่…",
    "demo": "กำลังสร้างแผนตัวอย่าง…",
    "load": "กำลังอ่านโครงการ…",
    "save": "กำลังบันทึก…",
    "undo": "เลิกทำ",
    "redo": "ทำซ้ำ",
    "no_file": "ยังไม่ได้เปิดไฟล์แผน",
    "unexpected": "เกิดข้อผิดพลาดที่ไม่คาดคิด: {error}",
    "file_error": "อ่านหรือเขียนไฟล์ไม่ได้: {error}",
}

# More changed projects than this: reload the whole edition instead of the changed rows.
_RELOAD_THRESHOLD = 2000


@dataclass(frozen=True, slots=True)
class EditionData:
    """Everything the window shows of one edition, read in one go on the worker."""

    path: Path
    organisation: Organisation
    editions: tuple[Edition, ...]
    edition: Edition
    strategies: tuple[Strategy, ...]
    programs: tuple[Program, ...]
    units: tuple[Unit, ...]
    equipment_types: tuple[NamedItem, ...]
    projects: tuple[Project, ...]
    undo_label: str = ""
    redo_label: str = ""
    read_only: bool = False  # another copy of ThaPlan is editing the file
    notice: str = ""  # Thai text to show on opening (why read-only, network folder, failed backup)


@dataclass(frozen=True, slots=True)
class Refresh:
    """What the views must update after an operation, undo or redo (None: unchanged)."""

    edition_id: int
    labels: tuple[str, ...]
    projects: tuple[Project, ...] = ()  # changed or created projects of the shown edition, current values
    removed: frozenset[int] = frozenset()  # project ids no longer in the shown edition
    created: tuple[int, ...] = ()
    strategies: tuple[Strategy, ...] | None = None
    programs: tuple[Program, ...] | None = None
    units: tuple[Unit, ...] | None = None
    equipment_types: tuple[NamedItem, ...] | None = None
    organisation: Organisation | None = None
    editions: tuple[Edition, ...] | None = None
    reload: EditionData | None = None  # set when the whole edition was read again
    other_tables: frozenset[str] = frozenset()
    undo_label: str = ""
    redo_label: str = ""
    result: Any = None  # what the operation function returned
    changes: tuple[Changes, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """True when the operation changed nothing."""
        return not self.changes


class PlanSession(QObject):
    """The open database, driven from the GUI thread, worked on the runner's thread."""

    loaded = Signal(object)  # EditionData: a file was opened or another edition chosen
    refreshed = Signal(object)  # Refresh after an operation, undo or redo
    failed = Signal(str)  # a Thai message for the user
    closed = Signal()

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._workspace: Workspace | None = None  # touched on the worker thread only
        self._collected: list[Changes] = []  # filled by the workspace listener, on the worker
        self.data: EditionData | None = None  # the last loaded edition (GUI thread)
        self.undo_label = ""
        self.redo_label = ""

    # --- properties the GUI reads ----------------------------------------------------------------------

    @property
    def edition_id(self) -> int | None:
        """The shown edition's id."""
        return self.data.edition.id if self.data is not None else None

    @property
    def path(self) -> Path | None:
        """The open file."""
        return self.data.path if self.data is not None else None

    # --- opening ---------------------------------------------------------------------------------------

    def open(self, path: Path, *, done: Callable[[EditionData], None] | None = None) -> Job:
        """Open an existing database file and load its latest main edition."""
        return self._load(lambda job: self._open_on_worker(open_for_editing(path)), TEXTS["open"], done)

    def create(self, path: Path, *, done: Callable[[EditionData], None] | None = None, **organisation: Any) -> Job:
        """Create a new database (organisation, fiscal year …, as ``Workspace.create``) and open it."""
        def work(job: Job) -> EditionData:
            if path.exists():
                raise WorkspaceError(f"มีไฟล์ {path} อยู่แล้ว")
            return self._open_on_worker(create_for_editing(path, **organisation))
        return self._load(work, TEXTS["create"], done)

    def open_demo(self, path: Path, *, done: Callable[[EditionData], None] | None = None) -> Job:
        """Open the demo plan at ``path``, building it first when the file does not exist."""
        def work(job: Job) -> EditionData:
            from thaplan_desktop.demo import build_demo

            if not path.exists():
                build_demo(path).close()
            return self._open_on_worker(open_for_editing(path))
        return self._load(work, TEXTS["demo"], done)

    def load_edition(self, edition_id: int, *, done: Callable[[EditionData], None] | None = None) -> Job:
        """Show another edition of the open file."""
        return self._load(lambda job: self._read_edition(self._require(), edition_id), TEXTS["load"], done)

    def close(self) -> None:
        """Close the file (queued after pending work)."""
        def work(job: Job) -> None:
            if self._workspace is not None:
                self._workspace.close()
                self._workspace = None
        self.data = None
        self.runner.submit(work, done=lambda _r: self.closed.emit(), failed=self._report)

    def _load(self, fn: Callable[[Job], EditionData], label: str,
              done: Callable[[EditionData], None] | None) -> Job:
        def delivered(data: EditionData) -> None:
            self.data = data
            self.undo_label, self.redo_label = data.undo_label, data.redo_label
            self.loaded.emit(data)
            if done is not None:
                done(data)
        return self.runner.submit(fn, label=label, done=delivered, failed=self._report)

    def _open_on_worker(self, workspace: Workspace) -> EditionData:
        if self._workspace is not None:
            self._workspace.close()
        self._workspace = workspace
        workspace.subscribe(self._collected.append)
        return self._read_edition(workspace, None)

    @staticmethod
    def _read_edition(ws: Workspace, edition_id: int | None) -> EditionData:
        editions = tuple(ws.editions())
        if edition_id is None:
            edition = ws.find_edition()
        else:
            edition = next((e for e in editions if e.id == edition_id), None) or ws.edition(edition_id)
        return EditionData(
            path=ws.path, organisation=ws.organisation(), editions=editions, edition=edition,
            strategies=tuple(ws.strategies()), programs=tuple(ws.programs()), units=tuple(ws.units()),
            equipment_types=tuple(ws.equipment_types()), projects=tuple(ws.projects(edition.id)),
            undo_label=ws.undo_label(), redo_label=ws.redo_label(),
            read_only=getattr(ws, "read_only", False), notice=getattr(ws, "notice", ""),
        )

    def _require(self) -> Workspace:
        if self._workspace is None:
            raise WorkspaceError(TEXTS["no_file"])
        return self._workspace

    # --- operations ------------------------------------------------------------------------------------

    def run_operation(self, fn: Callable[[Workspace, Job], Any], *, label: str = "",
                      done: Callable[[Refresh], None] | None = None,
                      failed: Callable[[BaseException], None] | None = None) -> Job:
        """Run ``fn(workspace, job)`` on the worker; afterwards the views get a ``Refresh``.

        ``fn`` calls workspace operations (one or several); ``done(refresh)`` receives the refresh with
        ``refresh.result`` set to what ``fn`` returned. Errors reach ``failed`` (default: the window's
        message) and a refresh still follows, so the views never show stale data.
        """
        edition_id = self.edition_id

        def work(job: Job) -> Refresh:
            ws = self._require()
            self._collected.clear()
            try:
                result = fn(ws, job)
            except BaseException as exc:
                exc.refresh = self._refresh_on_worker(ws, edition_id, None)  # type: ignore[attr-defined]
                raise
            return self._refresh_on_worker(ws, edition_id, result)

        def delivered(refresh: Refresh) -> None:
            self._apply(refresh)
            if done is not None:
                done(refresh)

        def went_wrong(exc: BaseException) -> None:
            refresh = getattr(exc, "refresh", None)
            if refresh is not None:
                self._apply(refresh)
            (failed or self._report)(exc)

        return self.runner.submit(work, label=label or TEXTS["save"], done=delivered, failed=went_wrong)

    def _apply(self, refresh: Refresh) -> None:
        self.undo_label, self.redo_label = refresh.undo_label, refresh.redo_label
        if refresh.reload is not None:
            self.data = refresh.reload
        self.refreshed.emit(refresh)

    def _refresh_on_worker(self, ws: Workspace, edition_id: int | None, result: Any) -> Refresh:
        changes = tuple(self._collected)
        self._collected.clear()
        base = {"undo_label": ws.undo_label(), "redo_label": ws.redo_label(), "result": result,
                "changes": changes, "labels": tuple(c.label for c in changes)}
        if edition_id is None:
            return Refresh(edition_id=-1, **base)
        project_ids: set[int] = set()
        created: list[int] = []
        tree = reference = meta = False
        other: set[str] = set()
        for c in changes:
            project_ids |= c.projects
            created += c.created
            tree |= c.tree
            reference |= c.reference
            meta |= c.meta
            other |= c.other_tables
        if len(project_ids) > _RELOAD_THRESHOLD:
            data = self._read_edition(ws, edition_id)
            return Refresh(edition_id=edition_id, reload=data, **base)
        found = [p for p in ws.projects_by_ids(project_ids) if p.edition_id == edition_id]
        removed = frozenset(project_ids - {p.id for p in found})
        return Refresh(
            edition_id=edition_id, projects=tuple(found), removed=removed,
            created=tuple(i for i in created if i not in removed),
            strategies=tuple(ws.strategies()) if tree else None,
            programs=tuple(ws.programs()) if tree else None,
            units=tuple(ws.units()) if reference else None,
            equipment_types=tuple(ws.equipment_types()) if reference else None,
            organisation=ws.organisation() if meta else None,
            editions=tuple(ws.editions()) if meta else None,
            other_tables=frozenset(other), **base,
        )

    def _edition(self) -> int:
        if self.edition_id is None:
            raise WorkspaceError(TEXTS["no_file"])
        return self.edition_id

    # Typed shortcuts for the window's own operations.

    def update_projects(self, changes: dict[int, dict[str, Any]], *, label: str = "แก้ไขโครงการ",
                        done: Callable[[Refresh], None] | None = None) -> Job:
        """Change fields of projects."""
        return self.run_operation(lambda ws, job: ws.update_projects(changes, label=label), done=done)

    def save_rows(self, *, updates: dict[int, dict[str, Any]] | None = None,
                  additions: list[dict[str, Any]] | None = None, label: str = "วางข้อมูล",
                  done: Callable[[Refresh], None] | None = None) -> Job:
        """Change and add projects in one step (``unit_name`` fields allowed)."""
        edition_id = self._edition()
        return self.run_operation(
            lambda ws, job: ws.save_rows(edition_id, updates=updates, additions=additions, label=label),
            done=done)

    def add_project(self, *, kind: ProjectKind = ProjectKind.PROJECT,
                    done: Callable[[Refresh], None] | None = None, **fields: Any) -> Job:
        """Add one project to the shown edition."""
        edition_id = self._edition()
        return self.run_operation(lambda ws, job: ws.add_project(edition_id, kind=kind, **fields), done=done)

    def delete_projects(self, ids: Iterable[int], *, done: Callable[[Refresh], None] | None = None) -> Job:
        """Remove projects."""
        ids = list(ids)
        return self.run_operation(lambda ws, job: ws.delete_projects(ids), done=done)

    def duplicate_projects(self, ids: Iterable[int], *, done: Callable[[Refresh], None] | None = None) -> Job:
        """Copy projects."""
        ids = list(ids)
        return self.run_operation(lambda ws, job: ws.duplicate_projects(ids), done=done)

    def move_projects(self, ids: Iterable[int], *, program_id: int | None = None,
                      equipment_type_id: int | None = None,
                      done: Callable[[Refresh], None] | None = None) -> Job:
        """Reclassify projects."""
        ids = list(ids)
        return self.run_operation(
            lambda ws, job: ws.move_projects(ids, program_id=program_id, equipment_type_id=equipment_type_id),
            done=done)

    def call(self, method: str, *args: Any, done: Callable[[Refresh], None] | None = None, **kwargs: Any) -> Job:
        """Run the workspace operation named ``method`` (``add_strategy``, ``update_program`` …)."""
        return self.run_operation(lambda ws, job: getattr(ws, method)(*args, **kwargs), done=done)

    def undo(self, *, done: Callable[[Refresh], None] | None = None) -> Job:
        """Undo the last operation."""
        return self.run_operation(lambda ws, job: ws.undo(), label=TEXTS["undo"], done=done)

    def redo(self, *, done: Callable[[Refresh], None] | None = None) -> Job:
        """Redo the last undone operation."""
        return self.run_operation(lambda ws, job: ws.redo(), label=TEXTS["redo"], done=done)

    def read(self, fn: Callable[[Workspace], Any], done: Callable[[Any], None]) -> Job:
        """Run a read ``fn(workspace)`` on the worker and hand its (plain) result to ``done``."""
        return self.runner.submit(lambda job: fn(self._require()), done=done, failed=self._report)

    # --- errors ----------------------------------------------------------------------------------------

    def _report(self, exc: BaseException) -> None:
        self.failed.emit(user_message(exc))


def user_message(exc: BaseException) -> str:
    """The Thai message to show for an error from the worker."""
    from thaplan_desktop.domain.money import MoneyError

    if isinstance(exc, WorkspaceError | DatabaseError | MoneyError):
        return str(exc)
    if isinstance(exc, OSError):
        return TEXTS["file_error"].format(error=exc.strerror or exc)
    log.error("unexpected error in a background job", exc_info=exc)
    return TEXTS["unexpected"].format(error=f"{type(exc).__name__}: {exc}")
