"""How the ติดตามผล screens reach the plan: one typed method per workspace operation and read they use.

``TrackingBackend`` wraps the window's ``PlanSession`` (the workspace lives on its worker thread): the
operations (``record_status``, ``update_tracking``, ``add_disbursement`` … ``import_progress``) run through
``PlanSession.run_operation``, so each is one undo step and the views get the session's ``Refresh``
(whose ``changes`` name, in ``Changes.tracking``, the projects whose tracking changed); the reads through
``PlanSession.read``; long work that changes nothing (writing workbooks, reading reports back) through
``PlanSession.work`` with its ``Job``. ``today`` is the day the rules check entries against (not after
today); tests pin it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.domain.tracking import ReportRound, TrackingRecords
from thaplan_desktop.tracking.views import ProjectProgress, progress_rows
from thaplan_desktop.ui.runner import Job, Progress
from thaplan_desktop.ui.session import PlanSession, Refresh
from thaplan_desktop.workspace import (
    DisbursementUpdate,
    NewDisbursement,
    NewStatus,
    ProgressBatch,
    TrackingFields,
    Workspace,
)

T = TypeVar("T")
Done = Callable[[Refresh], None] | None
Failed = Callable[[BaseException], None] | None
Today = Callable[[], dt.date]


class TrackingBackend:
    """Typed access to the plan in use, through the window's session (results arrive on the GUI thread)."""

    def __init__(self, session: PlanSession, today: Today = dt.date.today) -> None:
        self.session = session
        self.today = today

    # --- reads ----------------------------------------------------------------------------------------

    def tracking_records(self, edition_id: int, done: Callable[[TrackingRecords], None],
                         failed: Failed = None) -> Job:
        """Every status entry, detail, disbursement and schedule of an edition's projects."""
        return self.session.read(lambda ws: ws.tracking_records(edition_id), done, failed)

    def tracking_rows(self, edition_id: int, plan: PlanData | None, as_of: dt.date,
                      done: Callable[[tuple[TrackingRecords, list[ProjectProgress]]], None],
                      failed: Failed = None) -> Job:
        """An edition's tracking records and, worked out on the worker, ``plan``'s projects as of ``as_of``."""
        def read(ws: Workspace) -> tuple[TrackingRecords, list[ProjectProgress]]:
            records = ws.tracking_records(edition_id)
            return records, progress_rows(plan, records, as_of) if plan is not None else []
        return self.session.read(read, done, failed)

    def report_rounds(self, fiscal_year: int, done: Callable[[list[ReportRound]], None]) -> Job:
        """The monitoring report's rounds recorded for a fiscal year."""
        return self.session.read(lambda ws: ws.report_rounds(fiscal_year), done)

    def work(self, fn: Callable[[Workspace, Job], T], *, label: str, done: Callable[[T], None],
             failed: Failed = None, progress: Progress | None = None) -> Job:
        """Long work that changes nothing (``fn(workspace, job)``), with progress and cancelling."""
        return self.session.work(fn, label=label, done=done, failed=failed, progress=progress)

    @staticmethod
    def progress_data(workspace: Workspace, edition_id: int) -> tuple[PlanData, TrackingRecords]:
        """Inside ``work``: an edition's plan and its tracking, read in one transaction."""
        return workspace.progress_data(edition_id)

    # --- operations: one undo step each ---------------------------------------------------------------

    def record_status(self, project_id: int, entry: NewStatus, *, done: Done = None, failed: Failed = None) -> Job:
        """A project's status from ``entry.effective_on`` on."""
        today = self.today()
        return self.session.run_operation(lambda ws, job: ws.record_status(project_id, entry, today=today),
                                          done=done, failed=failed)

    def delete_status(self, entry_id: int, *, done: Done = None, failed: Failed = None) -> Job:
        """Remove a status entry typed by mistake."""
        return self.session.run_operation(lambda ws, job: ws.delete_status(entry_id), done=done, failed=failed)

    def update_tracking(self, project_id: int, fields: TrackingFields, *, done: Done = None,
                        failed: Failed = None) -> Job:
        """Actual start and finish, contract amount, officer, problems."""
        today = self.today()
        return self.session.run_operation(lambda ws, job: ws.update_tracking(project_id, fields, today=today),
                                          done=done, failed=failed)

    def add_disbursement(self, project_id: int, item: NewDisbursement, *, done: Done = None,
                         failed: Failed = None) -> Job:
        """Record a disbursement (the same date, amount and note twice is refused)."""
        today = self.today()
        return self.session.run_operation(lambda ws, job: ws.add_disbursement(project_id, item, today=today),
                                          done=done, failed=failed)

    def update_disbursement(self, disbursement_id: int, update: DisbursementUpdate, *, done: Done = None,
                            failed: Failed = None) -> Job:
        """Correct a disbursement's date, amount or note."""
        today = self.today()
        return self.session.run_operation(
            lambda ws, job: ws.update_disbursement(disbursement_id, update, today=today), done=done, failed=failed)

    def delete_disbursement(self, disbursement_id: int, *, done: Done = None, failed: Failed = None) -> Job:
        """Remove a disbursement recorded by mistake."""
        return self.session.run_operation(lambda ws, job: ws.delete_disbursement(disbursement_id),
                                          done=done, failed=failed)

    def import_progress(self, batch: ProgressBatch, *, check: Callable[[Workspace], None] | None = None,
                        label: str = "", done: Done = None, failed: Failed = None) -> Job:
        """Back the file up, then write the batch as one undoable operation, all or nothing.

        ``check(workspace)`` runs first on the worker and may refuse (``WorkspaceError``) when the plan
        changed since the preview was made.
        """
        today = self.today()

        def operation(ws: Workspace, job: Job) -> None:
            if check is not None:
                check(ws)
            ws.import_progress(batch, today=today)
        return self.session.run_operation(operation, label=label, done=done, failed=failed)
