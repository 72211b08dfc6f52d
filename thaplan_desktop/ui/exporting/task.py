"""An export run on the worker, with a progress dialog that can cancel it: the part every export shares.

``ExportTask`` reads the shown edition's ``PlanData`` and runs a writer on it, both in one job on the
worker (``PlanSession.work``): the writer reports through the job (``fraction_progress``) and stops when
the job is cancelled — by the dialog's ยกเลิก, which leaves no file. The outcome is told in Thai: the
screen's ``finished`` on success, a status-bar note when cancelled, a message box when it failed.
``ask_export_path`` asks where to write, suggesting a name from the edition.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QProgressDialog

from thaplan_desktop.domain.model import EditionKind, PlanData, default_title_suffix
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.prompts import ask_save_path, message_box, show_status
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.session import user_message
from thaplan_desktop.workspace import Workspace

log = logging.getLogger(__name__)

R = TypeVar("R")

TEXTS = {
    "reading": "กำลังอ่านข้อมูลแผน…",
    "no_plan": "ยังไม่ได้เปิดแผน จึงส่งออกไม่ได้",
    "cancel": "ยกเลิก",
    "cancelled": "ยกเลิกการส่งออกแล้ว ไม่ได้สร้างไฟล์",
    "failed": "ส่งออกไม่สำเร็จ:\n{error}",
}

_SCALE = 1000  # progress is reported in thousandths


class _Cancelled(Exception):
    """The export was cancelled before the writer started."""


def fraction_progress(job: Job) -> Callable[[float, str], None]:
    """``progress(fraction, message)`` as the exporters call it, reported through ``job``."""
    def progress(fraction: float, message: str) -> None:
        job.progress(int(max(0.0, min(1.0, fraction)) * _SCALE), _SCALE, message)
    return progress


class ExportTask(QObject, Generic[R]):
    """Read the shown edition and run ``write(plan, job)`` on the worker, with a cancellable progress dialog.

    ``write`` stops when ``job.cancelled`` (raising one of ``cancelled_error``); ``finished(result)`` runs
    on the GUI thread when it succeeded.
    """

    def __init__(self, context: ScreenContext, *, title: str, label: str,
                 write: Callable[[PlanData, Job], R], finished: Callable[[R], None],
                 cancelled_error: tuple[type[BaseException], ...] = ()) -> None:
        super().__init__(context.window)
        self.context = context
        self.title = title
        self.write = write
        self.finished = finished
        self.cancelled_error = (*cancelled_error, _Cancelled)
        self.job: Job | None = None
        self._over = False
        self.dialog = QProgressDialog(label, TEXTS["cancel"], 0, _SCALE, context.window)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        """Queue the read and the write on the worker and show the progress dialog."""
        edition_id = self.context.session.edition_id
        if edition_id is None:
            self._end()
            self._fail_message(TEXTS["failed"].format(error=TEXTS["no_plan"]))
            return
        self.dialog.setLabelText(TEXTS["reading"])
        self.dialog.setValue(0)
        self.dialog.show()
        write = self.write

        def work(workspace: Workspace, job: Job) -> R:
            plan = workspace.plan_data(edition_id)
            if job.cancelled:
                raise _Cancelled
            return write(plan, job)

        self.job = self.context.session.work(work, label=self.title, done=self._done, failed=self._failed,
                                             progress=self._progress)

    def cancel(self) -> None:
        """Ask the export to stop (the writer looks at the job between pages or steps)."""
        if self.job is not None:
            self.job.cancel()

    def _progress(self, value: int, _maximum: int, message: str) -> None:
        if self._over or (self.job is not None and self.job.cancelled):
            return
        self.dialog.setValue(value)
        if message:
            self.dialog.setLabelText(message)

    def _done(self, result: R) -> None:
        self._end()
        self.finished(result)

    def _failed(self, exc: BaseException) -> None:
        self._end()
        if isinstance(exc, self.cancelled_error) or (self.job is not None and self.job.cancelled):
            show_status(self.context.window, TEXTS["cancelled"], 5000)
            return
        self._fail_message(TEXTS["failed"].format(error=error_message(exc)))

    def _fail_message(self, text: str) -> None:
        log.info("export failed: %s", text)
        message_box(self.context.window, self.title, text)

    def _end(self) -> None:
        self._over = True
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        self.deleteLater()


def error_message(exc: BaseException) -> str:
    """The Thai message of an export's error."""
    if isinstance(exc, LookupError | ValueError) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]  # FontNotFoundError and option errors carry a Thai message
    return user_message(exc)


def default_file_name(context: ScreenContext, template: str) -> str:
    """``template`` filled with the shown edition's year and, for a later edition, its suffix."""
    edition = context.state.edition
    if edition is None:
        return template.format(year="", suffix="").replace(" .", ".")
    suffix = ""
    if edition.kind is not EditionKind.MAIN:
        text = edition.title_suffix or default_title_suffix(edition.kind, edition.number, edition.fiscal_year)
        suffix = f" ({text.replace('/', '-')})" if text else ""
    return template.format(year=edition.fiscal_year, suffix=suffix)


def ask_export_path(context: ScreenContext, texts: dict[str, str], extension: str) -> Path | None:
    """Where to write an export of the shown edition; None when no plan is open or the officer cancels.

    ``texts`` is the screen's TEXTS, with ``title``, ``no_plan``, ``save_caption``, ``default_name``, ``filter``.
    """
    if context.session.edition_id is None:
        message_box(context.window, texts["title"], texts["no_plan"], warning=False)
        return None
    return ask_save_path(context.window, context.settings, texts["save_caption"],
                         default_file_name(context, texts["default_name"]), texts["filter"], extension)
