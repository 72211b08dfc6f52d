"""How the procedure screen reaches the plan: directly on this thread, or through the window's session.

The screen never holds a database session. ``ProcedureBackend`` is what it asks for: reads, the four
procedure operations (``workflow.operations``, undoable like every edit), the monitoring report's two
(record a round's dates, ``workflow.monitoring.record_round``; remove a round) and a callback after any
change that may concern the screen (``concerns_screen``). ``DirectBackend(workspace)`` calls the workspace
on the calling thread (tools, tests, a window without a worker); ``SessionBackend(plan_session)`` goes
through the window's ``ui.session.PlanSession``, on its worker thread (the rounds through its
``run_operation``, one undo step each), and follows its refreshes.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, Slot

from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.domain.tracking import RoundKind
from thaplan_desktop.ui.session import PlanSession, Refresh
from thaplan_desktop.workflow import operations as ops
from thaplan_desktop.workflow.monitoring import record_round
from thaplan_desktop.workflow.procedure import concerns_procedure
from thaplan_desktop.workflow.status import StepStatus
from thaplan_desktop.workspace import RoundFields, Workspace, WorkspaceError

Done = Callable[[], None]  # an operation succeeded
Failed = Callable[[BaseException], None]  # it was refused (the error's message is Thai) or went wrong

# The monitoring report's table: a change to it redraws the screen's monitoring section.
MONITORING_TABLES = frozenset({"report_round"})


def concerns_screen(changes: object) -> bool:
    """True when a workspace ``Changes`` may alter what the procedure screen shows (procedure or rounds)."""
    return concerns_procedure(changes) or bool(MONITORING_TABLES & frozenset(getattr(changes, "other_tables", ())))


class ProcedureBackend(Protocol):
    """How the view reads and changes data; results always arrive on the GUI thread."""

    def read(self, fn: Callable[[Workspace], Any], done: Callable[[Any], None]) -> None:
        """Run a read; hand its result to ``done``."""

    def set_step(self, edition_id: int, step_id: str, *, status: StepStatus, done_on: dt.date | None, note: str,
                 force_reason: str, today: dt.date, done: Done, failed: Failed) -> None:
        """Record where a step stands (``workflow.operations.set_step``); ``done()`` or ``failed(error)``."""

    def set_trigger(self, edition_id: int, trigger_kind: TriggerKind, trigger_date: dt.date | None, *,
                    done: Done, failed: Failed) -> None:
        """Record what opened the 30-day window and when."""

    def add_extension(self, edition_id: int, *, new_due: dt.date, reason: str, granted_on: dt.date | None,
                      note: str, done: Done, failed: Failed) -> None:
        """Record an extension of the completion deadline."""

    def set_posting(self, edition_id: int, *, posted_on: dt.date | None, removed_on: dt.date | None, note: str,
                    done: Done, failed: Failed) -> None:
        """Record when the plan was posted for the public and taken down."""

    def record_round(self, fiscal_year: int, kind: RoundKind, fields: RoundFields, *, today: dt.date,
                     done: Done, failed: Failed) -> None:
        """Record a round of the monitoring report (``workflow.monitoring.record_round``)."""

    def delete_round(self, round_id: int, *, done: Done, failed: Failed) -> None:
        """Remove a round recorded by mistake."""

    def watch(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after any operation, undo or redo that may concern the procedure screen."""


class DirectBackend:
    """Calls the workspace on the calling thread (tests, tools, a window without a worker)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def read(self, fn: Callable[[Workspace], Any], done: Callable[[Any], None]) -> None:
        """Run ``fn`` now."""
        done(fn(self.workspace))

    def set_step(self, edition_id: int, step_id: str, *, status: StepStatus, done_on: dt.date | None, note: str,
                 force_reason: str, today: dt.date, done: Done, failed: Failed) -> None:
        """Record where a step stands, now."""
        self._now(lambda: ops.set_step(self.workspace, edition_id, step_id, status=status, done_on=done_on,
                                       note=note, force_reason=force_reason, today=today), done, failed)

    def set_trigger(self, edition_id: int, trigger_kind: TriggerKind, trigger_date: dt.date | None, *,
                    done: Done, failed: Failed) -> None:
        """Record the trigger, now."""
        self._now(lambda: ops.set_trigger(self.workspace, edition_id, trigger_kind, trigger_date), done, failed)

    def add_extension(self, edition_id: int, *, new_due: dt.date, reason: str, granted_on: dt.date | None,
                      note: str, done: Done, failed: Failed) -> None:
        """Record an extension, now."""
        self._now(lambda: ops.add_extension(self.workspace, edition_id, new_due=new_due, reason=reason,
                                            granted_on=granted_on, note=note), done, failed)

    def set_posting(self, edition_id: int, *, posted_on: dt.date | None, removed_on: dt.date | None, note: str,
                    done: Done, failed: Failed) -> None:
        """Record the posting, now."""
        self._now(lambda: ops.set_posting(self.workspace, edition_id, posted_on=posted_on, removed_on=removed_on,
                                          note=note), done, failed)

    def record_round(self, fiscal_year: int, kind: RoundKind, fields: RoundFields, *, today: dt.date,
                     done: Done, failed: Failed) -> None:
        """Record a round's dates, now."""
        self._now(lambda: record_round(self.workspace, fiscal_year, kind, fields, today=today), done, failed)

    def delete_round(self, round_id: int, *, done: Done, failed: Failed) -> None:
        """Remove a round, now."""
        self._now(lambda: self.workspace.delete_report_round(round_id), done, failed)

    @staticmethod
    def _now(operation: Callable[[], object], done: Done, failed: Failed) -> None:
        try:
            operation()
        except WorkspaceError as exc:
            failed(exc)
            return
        done()

    def watch(self, callback: Callable[[], None]) -> None:
        """Subscribe to the workspace; a deleted view is dropped quietly."""
        ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else (lambda: callback)

        def listener(changes: object) -> None:
            target = ref()
            if target is not None and concerns_screen(changes):
                try:
                    target()
                except RuntimeError:  # the widget's C++ side is gone
                    pass

        self.workspace.subscribe(listener)


class SessionBackend:
    """Goes through the window's ``PlanSession`` (the workspace lives on its worker thread)."""

    def __init__(self, session: PlanSession) -> None:
        self.session = session
        self._relays: list[_RefreshRelay] = []  # relays of callbacks that no widget owns, kept alive

    def read(self, fn: Callable[[Workspace], Any], done: Callable[[Any], None]) -> None:
        """Queue a read on the worker."""
        self.session.read(fn, done)

    # Operations are queued on the worker; the window's views refresh as after any operation.

    def set_step(self, edition_id: int, step_id: str, *, status: StepStatus, done_on: dt.date | None, note: str,
                 force_reason: str, today: dt.date, done: Done, failed: Failed) -> None:
        """Record where a step stands, on the worker."""
        self.session.set_step(edition_id, step_id, status=status, done_on=done_on, note=note,
                              force_reason=force_reason, today=today, done=lambda _r: done(), failed=failed)

    def set_trigger(self, edition_id: int, trigger_kind: TriggerKind, trigger_date: dt.date | None, *,
                    done: Done, failed: Failed) -> None:
        """Record the trigger, on the worker."""
        self.session.set_trigger(edition_id, trigger_kind, trigger_date, done=lambda _r: done(), failed=failed)

    def add_extension(self, edition_id: int, *, new_due: dt.date, reason: str, granted_on: dt.date | None,
                      note: str, done: Done, failed: Failed) -> None:
        """Record an extension, on the worker."""
        self.session.add_extension(edition_id, new_due=new_due, reason=reason, granted_on=granted_on, note=note,
                                   done=lambda _r: done(), failed=failed)

    def set_posting(self, edition_id: int, *, posted_on: dt.date | None, removed_on: dt.date | None, note: str,
                    done: Done, failed: Failed) -> None:
        """Record the posting, on the worker."""
        self.session.set_posting(edition_id, posted_on=posted_on, removed_on=removed_on, note=note,
                                 done=lambda _r: done(), failed=failed)

    def record_round(self, fiscal_year: int, kind: RoundKind, fields: RoundFields, *, today: dt.date,
                     done: Done, failed: Failed) -> None:
        """Record a round's dates, on the worker: one undo step."""
        self.session.run_operation(lambda ws, job: record_round(ws, fiscal_year, kind, fields, today=today),
                                   done=lambda _r: done(), failed=failed)

    def delete_round(self, round_id: int, *, done: Done, failed: Failed) -> None:
        """Remove a round, on the worker: one undo step."""
        self.session.run_operation(lambda ws, job: ws.delete_report_round(round_id),
                                   done=lambda _r: done(), failed=failed)

    def watch(self, callback: Callable[[], None]) -> None:
        """Follow the session's refreshes (the connection ends with the widget that owns ``callback``)."""
        owner = getattr(callback, "__self__", None)
        relay = _RefreshRelay(callback, owner if isinstance(owner, QObject) else None)
        if owner is None or not isinstance(owner, QObject):
            self._relays.append(relay)
        self.session.refreshed.connect(relay.on_refresh)


class _RefreshRelay(QObject):
    """Receives the session's refreshes on behalf of a view; Qt disconnects it when the view is deleted."""

    def __init__(self, callback: Callable[[], None], parent: QObject | None) -> None:
        super().__init__(parent)
        self._callback = callback

    @Slot(object)
    def on_refresh(self, refresh: Refresh) -> None:
        """Pass the refresh on when it concerns the procedure screen."""
        if any(concerns_screen(c) for c in refresh.changes):
            self._callback()


def alive(obj: QObject) -> bool:
    """False once the Qt side of ``obj`` was deleted (an answer from the worker may come late)."""
    return shiboken6.isValid(obj)
