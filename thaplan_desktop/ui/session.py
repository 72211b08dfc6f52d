"""The open plan as the GUI sees it: the workspace lives on the runner's worker thread, views get dataclasses.

``PlanSession`` opens or creates a plan (a file, or a plan on the office's server), loads an edition and
runs operations, always on the one worker thread of ``runner.Runner``. After every operation (and
undo/redo) the worker reads what the ``Changes`` name — the projects touched, the tree, the reference
lists — and the GUI receives one ``Refresh`` with plain dataclasses to apply (``refresh``); a refused
operation is followed by one too, the rows a conflict names read again. ``catch_up`` does the same for
what other officers changed (the window's ``office.follow.OthersFollower`` asks). Every operation the
window and its screens run has its own typed method here (``add_strategy``, ``update_document``,
``set_step`` …), so that a renamed or removed operation is an error where it is called. Reads run
through ``read``; long work that changes nothing (an export, reading workbooks to import) through
``work``, which hands the work its ``runner.Job`` for progress and cancelling.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, Unpack

from PySide6.QtCore import QObject, Signal

from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.safety import create_for_editing, open_for_editing
from thaplan_desktop.ui.refresh import EditionData, Refresh, read_edition, refresh_of
from thaplan_desktop.ui.runner import Job, Progress, Runner
from thaplan_desktop.workflow import operations as procedure_ops
from thaplan_desktop.workflow.operations import EditRequest
from thaplan_desktop.workflow.status import StepStatus
from thaplan_desktop.workspace import (
    Changes,
    ConflictError,
    DatabaseError,
    EditionFields,
    ImportBatch,
    Location,
    NewPlan,
    OrganisationFields,
    ProgramUpdate,
    ProjectFields,
    StrategyUpdate,
    Workspace,
    WorkspaceError,
)

log = logging.getLogger(__name__)

__all__ = ["EditionData", "PlanSession", "Refresh", "user_message"]

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

T = TypeVar("T")

Done = Callable[["Refresh"], None] | None  # called with the refresh after an operation
Failed = Callable[[BaseException], None] | None  # called with the error instead (default: the window's message)

class _Refused(Exception):
    """An operation's error on its way to the GUI, with the refresh read after it (the views stay true)."""

    def __init__(self, error: BaseException, refresh: Refresh) -> None:
        super().__init__(error)
        self.error = error
        self.refresh = refresh


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
        """The open file (for a server plan: the database's name)."""
        return self.data.path if self.data is not None else None

    @property
    def location(self) -> Location | None:
        """The open plan: its file's path or its server address."""
        return self.data.location if self.data is not None else None

    # --- opening ---------------------------------------------------------------------------------------

    def open(self, location: Location, *, done: Callable[[EditionData], None] | None = None) -> Job:
        """Open an existing plan (a file, or a plan on the office's server) and load its latest main edition."""
        return self._load(lambda job: self._open_on_worker(open_for_editing(location)), TEXTS["open"], done)

    def create(self, path: Path, *, done: Callable[[EditionData], None] | None = None,
               **organisation: Unpack[NewPlan]) -> Job:
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
        return self._load(lambda job: read_edition(self._require(), edition_id), TEXTS["load"], done)

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
        workspace.others_changes()  # from now on, others' changes are news (before the read: none is missed)
        return read_edition(workspace, None)

    def _require(self) -> Workspace:
        if self._workspace is None:
            raise WorkspaceError(TEXTS["no_file"])
        return self._workspace

    # --- operations ------------------------------------------------------------------------------------

    def run_operation(self, fn: Callable[[Workspace, Job], Any], *, label: str = "",
                      done: Callable[[Refresh], None] | None = None,
                      failed: Callable[[BaseException], None] | None = None, history: str = "") -> Job:
        """Run ``fn(workspace, job)`` on the worker; afterwards the views get a ``Refresh``.

        The mechanism under the typed operations below (screens call those, never this directly). ``fn``
        calls workspace operations (one or several); ``done(refresh)`` receives the refresh with
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
                # The rows a conflict names are read again: the views show what they are now.
                named = [exc.changes] if isinstance(exc, ConflictError) else []
                raise _Refused(exc, self._refresh_on_worker(ws, edition_id, None, named=named)) from exc
            return self._refresh_on_worker(ws, edition_id, result, history)

        def delivered(refresh: Refresh) -> None:
            self._apply(refresh)
            if done is not None:
                done(refresh)

        def went_wrong(exc: BaseException) -> None:
            if isinstance(exc, _Refused):
                self._apply(exc.refresh)
                exc = exc.error
            (failed or self._report)(exc)

        return self.runner.submit(work, label=label or TEXTS["save"], done=delivered, failed=went_wrong)

    def _apply(self, refresh: Refresh) -> None:
        self.undo_label, self.redo_label = refresh.undo_label, refresh.redo_label
        if refresh.reload is not None:
            self.data = refresh.reload
        self.refreshed.emit(refresh)

    def _refresh_on_worker(self, ws: Workspace, edition_id: int | None, result: Any, history: str = "", *,
                           named: Sequence[Changes] = ()) -> Refresh:
        collected = tuple(self._collected)
        self._collected.clear()
        refresh = refresh_of(ws, edition_id, (*collected, *named), result=result, history=history)
        return replace(refresh, labels=tuple(c.label for c in collected)) if named else refresh

    def catch_up(self, *, done: Callable[[Refresh | None], None] | None = None, failed: Failed = None) -> Job:
        """Read what other officers (or other windows) changed since last asked; the views get a ``Refresh``.

        Quick (one look at the change feed when nothing changed): the window's ``OthersFollower`` asks
        every half second. ``done`` receives the refresh, or None when nothing changed.
        """
        edition_id = self.edition_id

        def work(job: Job) -> Refresh | None:
            ws = self._workspace
            news = ws.others_changes() if ws is not None else None
            if ws is None or news is None:
                return None
            return refresh_of(ws, edition_id, (news,), history="others")

        def delivered(refresh: Refresh | None) -> None:
            if refresh is not None and self.edition_id == edition_id:
                self._apply(refresh)
            if done is not None:
                done(refresh)

        return self.runner.submit(work, done=delivered, failed=failed or self._report)

    def _edition(self) -> int:
        if self.edition_id is None:
            raise WorkspaceError(TEXTS["no_file"])
        return self.edition_id

    # --- the operations the window and its screens run: one typed method each -------------------------

    def update_projects(self, changes: Mapping[int, ProjectFields], *, label: str = "แก้ไขโครงการ",
                        done: Done = None, failed: Failed = None) -> Job:
        """Change fields of projects."""
        changes = dict(changes)
        return self.run_operation(lambda ws, job: ws.update_projects(changes, label=label), label=label,
                                  done=done, failed=failed)

    def save_rows(self, *, updates: Mapping[int, ProjectFields] | None = None,
                  additions: Sequence[ProjectFields] = (), label: str = "วางข้อมูล",
                  done: Done = None, failed: Failed = None) -> Job:
        """Change and add projects of the shown edition in one step (``unit_name`` fields allowed)."""
        edition_id = self._edition()
        updates, additions = dict(updates or {}), list(additions)
        return self.run_operation(
            lambda ws, job: ws.save_rows(edition_id, updates=updates, additions=additions, label=label),
            label=label, done=done, failed=failed)

    def add_project(self, fields: ProjectFields, *, done: Done = None) -> Job:
        """Add one project to the shown edition."""
        edition_id = self._edition()
        return self.run_operation(lambda ws, job: ws.add_project(edition_id, fields), done=done)

    def delete_projects(self, ids: Iterable[int], *, done: Done = None) -> Job:
        """Remove projects."""
        ids = list(ids)
        return self.run_operation(lambda ws, job: ws.delete_projects(ids), done=done)

    def duplicate_projects(self, ids: Iterable[int], *, done: Done = None) -> Job:
        """Copy projects."""
        ids = list(ids)
        return self.run_operation(lambda ws, job: ws.duplicate_projects(ids), done=done)

    def move_projects(self, ids: Iterable[int], *, program_id: int | None = None,
                      equipment_type_id: int | None = None, done: Done = None) -> Job:
        """Reclassify projects."""
        ids = list(ids)
        return self.run_operation(
            lambda ws, job: ws.move_projects(ids, program_id=program_id, equipment_type_id=equipment_type_id),
            done=done)

    def add_strategy(self, name: str, *, done: Done = None) -> Job:
        """Add a strategy at the end."""
        return self.run_operation(lambda ws, job: ws.add_strategy(name), done=done)

    def update_strategy(self, strategy_id: int, update: StrategyUpdate, *, done: Done = None) -> Job:
        """Rename or renumber a strategy."""
        return self.run_operation(lambda ws, job: ws.update_strategy(strategy_id, update), done=done)

    def renumber_strategies(self, *, done: Done = None) -> Job:
        """Number the strategies 1..n in their order."""
        return self.run_operation(lambda ws, job: ws.renumber_strategies(), done=done)

    def reorder_strategies(self, strategy_ids: Sequence[int], *, done: Done = None) -> Job:
        """Put the strategies in this order."""
        ids = list(strategy_ids)
        return self.run_operation(lambda ws, job: ws.reorder_strategies(ids), done=done)

    def delete_strategy(self, strategy_id: int, *, move_projects_to: int | None = None, done: Done = None) -> Job:
        """Delete a strategy and its programs; their projects move to ``move_projects_to``."""
        return self.run_operation(
            lambda ws, job: ws.delete_strategy(strategy_id, move_projects_to=move_projects_to), done=done)

    def add_program(self, strategy_id: int, name: str, *, done: Done = None) -> Job:
        """Add a program at the end of a strategy."""
        return self.run_operation(lambda ws, job: ws.add_program(strategy_id, name), done=done)

    def update_program(self, program_id: int, update: ProgramUpdate, *, done: Done = None) -> Job:
        """Rename a program."""
        return self.run_operation(lambda ws, job: ws.update_program(program_id, update), done=done)

    def reorder_programs(self, strategy_id: int, program_ids: Sequence[int], *, done: Done = None) -> Job:
        """Put programs in this order under a strategy (moving them into it)."""
        ids = list(program_ids)
        return self.run_operation(lambda ws, job: ws.reorder_programs(strategy_id, ids), done=done)

    def delete_program(self, program_id: int, *, move_projects_to: int | None = None, done: Done = None) -> Job:
        """Delete a program; its projects move to ``move_projects_to`` (or become unfiled)."""
        return self.run_operation(
            lambda ws, job: ws.delete_program(program_id, move_projects_to=move_projects_to), done=done)

    def update_document(self, edition_id: int, organisation: OrganisationFields, edition: EditionFields, *,
                        label: str = "", done: Done = None) -> Job:
        """Change the organisation's details and an edition's texts as one undo step."""
        return self.run_operation(lambda ws, job: ws.update_document(edition_id, organisation, edition),
                                  label=label, done=done)

    def add_batch(self, batch: ImportBatch, *, done: Done = None) -> Job:
        """Add what a batch names (strategies and programs from the development plan …) as one undo step."""
        return self.run_operation(lambda ws, job: ws.add_batch(batch), label=batch.label, done=done)

    def carry_out_edit(self, edition_id: int, request: EditRequest, *, done: Done = None,
                       failed: Failed = None) -> Job:
        """Record an amendment or open an additional edition; ``refresh.result`` is the new record's id."""
        return self.run_operation(lambda ws, job: procedure_ops.carry_out(ws, edition_id, request),
                                  done=done, failed=failed)

    def set_step(self, edition_id: int, step_id: str, *, status: StepStatus, done_on: dt.date | None,
                 note: str, force_reason: str, today: dt.date, done: Done = None, failed: Failed = None) -> Job:
        """Record where a step of the procedure stands (``workflow.operations.set_step``)."""
        return self.run_operation(
            lambda ws, job: procedure_ops.set_step(ws, edition_id, step_id, status=status, done_on=done_on,
                                                   note=note, force_reason=force_reason, today=today),
            done=done, failed=failed)

    def set_trigger(self, edition_id: int, trigger_kind: TriggerKind, trigger_date: dt.date | None, *,
                    done: Done = None, failed: Failed = None) -> Job:
        """What opened the 30-day window and when."""
        return self.run_operation(
            lambda ws, job: procedure_ops.set_trigger(ws, edition_id, trigger_kind, trigger_date),
            done=done, failed=failed)

    def add_extension(self, edition_id: int, *, new_due: dt.date, reason: str, granted_on: dt.date | None,
                      note: str, done: Done = None, failed: Failed = None) -> Job:
        """Record an extension of the completion deadline."""
        return self.run_operation(
            lambda ws, job: procedure_ops.add_extension(ws, edition_id, new_due=new_due, reason=reason,
                                                        granted_on=granted_on, note=note),
            done=done, failed=failed)

    def set_posting(self, edition_id: int, *, posted_on: dt.date | None, removed_on: dt.date | None, note: str,
                    done: Done = None, failed: Failed = None) -> Job:
        """When the announced plan was posted for the public and taken down."""
        return self.run_operation(
            lambda ws, job: procedure_ops.set_posting(ws, edition_id, posted_on=posted_on, removed_on=removed_on,
                                                      note=note),
            done=done, failed=failed)

    def undo(self, *, done: Done = None) -> Job:
        """Undo the last operation."""
        return self.run_operation(lambda ws, job: ws.undo(), label=TEXTS["undo"], done=done, history="undo")

    def redo(self, *, done: Done = None) -> Job:
        """Redo the last undone operation."""
        return self.run_operation(lambda ws, job: ws.redo(), label=TEXTS["redo"], done=done, history="redo")

    def read(self, fn: Callable[[Workspace], T], done: Callable[[T], None], failed: Failed = None) -> Job:
        """Run a read ``fn(workspace)`` on the worker and hand its (plain) result to ``done``.

        An error goes to ``failed`` (default: the window's message).
        """
        return self.runner.submit(lambda job: fn(self._require()), done=done, failed=failed or self._report)

    def work(self, fn: Callable[[Workspace, Job], T], *, label: str, done: Callable[[T], None],
             failed: Failed = None, progress: Progress | None = None) -> Job:
        """Run long work that changes nothing, ``fn(workspace, job)``, on the worker; ``done(result)`` after.

        The work reports through ``job.progress`` (to ``progress`` on the GUI thread) and stops when it
        finds ``job.cancelled``; an error goes to ``failed`` (default: the window's message).
        """
        return self.runner.submit(lambda job: fn(self._require(), job), label=label, done=done,
                                  failed=failed or self._report, progress=progress)

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
