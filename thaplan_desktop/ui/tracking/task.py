"""Long work of the plan-in-use screens on the worker, with a progress dialog that can cancel it.

``run_with_progress`` runs ``work(workspace, job)`` through ``TrackingBackend.work`` (the runner's one
progress and cancel mechanism) and shows a Thai progress dialog whose ยกเลิก sets ``job.cancelled``; the
work looks at it between files and raises ``Cancelled``. ``finished(result)`` runs on the GUI thread
when the work succeeded; a cancel is a status-bar note, a failure a Thai message box.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QProgressDialog

from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.prompts import message_box, show_status
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.session import user_message
from thaplan_desktop.ui.tracking.backend import TrackingBackend
from thaplan_desktop.workspace import Workspace

log = logging.getLogger(__name__)
R = TypeVar("R")

TEXTS = {
    "cancel": "ยกเลิก",
    "cancelled": "ยกเลิกแล้ว",
    "failed": "ไม่สำเร็จ:\n{error}",
}


class Cancelled(Exception):
    """The officer cancelled the work."""


def run_with_progress(context: ScreenContext, backend: TrackingBackend, *, title: str, label: str,
                      work: Callable[[Workspace, Job], R], finished: Callable[[R], None],
                      cancelled_text: str = "", failed_text: str = "",
                      cancellable: bool = True) -> QProgressDialog:
    """Run ``work`` on the worker with a progress dialog; returns the dialog (closed when the work ends)."""
    window = context.window
    dialog = QProgressDialog(label, TEXTS["cancel"] if cancellable else "", 0, 0, window)
    dialog.setObjectName("tracking_progress")
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    if not cancellable:
        dialog.setCancelButton(None)
    jobs: list[Job] = []
    over = [False]

    def cancel() -> None:
        for job in jobs:
            job.cancel()

    def progress(value: int, maximum: int, text: str) -> None:
        if over[0]:
            return
        dialog.setMaximum(maximum)
        dialog.setValue(value)
        if text:
            dialog.setLabelText(text)

    def end() -> None:
        over[0] = True
        try:
            dialog.canceled.disconnect(cancel)
        except (RuntimeError, TypeError):
            pass
        dialog.close()
        dialog.deleteLater()

    def done(result: R) -> None:
        end()
        finished(result)

    def failed(exc: BaseException) -> None:
        end()
        if isinstance(exc, Cancelled) or any(job.cancelled for job in jobs):
            show_status(window, cancelled_text or TEXTS["cancelled"], 6000)
            return
        log.info("%s failed: %s", title, exc)
        message_box(window, title, (failed_text or TEXTS["failed"]).format(error=user_message(exc)))

    dialog.canceled.connect(cancel)
    dialog.show()
    jobs.append(backend.work(work, label=title, done=done, failed=failed, progress=progress))
    return dialog
