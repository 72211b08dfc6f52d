"""Unexpected errors in the GUI: logged with their traceback, told to the officer in Thai, data left as it was.

``install_excepthook(parent_getter)`` (called once by ``ui/app.py`` after the QApplication exists)
replaces ``sys.excepthook`` and ``threading.excepthook``. An exception nobody caught — in a slot, an event
handler, a worker thread — is written to the rotating log (``logs.setup_logging``) and shown in a Thai
message box that names the log file. Nothing is written to the database here: every workspace operation
is one transaction, so the operation that failed was rolled back and every edit committed before it
stays. The dialog is shown on the GUI thread (a queued signal from other threads), one at a time: a
burst of errors (say from a paint event) adds lines to the log, not a pile of windows.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from thaplan_desktop.logs import setup_logging

log = logging.getLogger(__name__)

TEXTS = {
    "title": "ThaPlan — เกิดข้อผิดพลาด",
    "text": "เกิดข้อผิดพลาดที่ไม่คาดคิดในโปรแกรม",
    "info": (
        "ข้อมูลที่บันทึกแล้วยังอยู่ครบ งานที่กำลังทำอยู่ตอนเกิดข้อผิดพลาดถูกยกเลิกทั้งหมด ไม่มีการบันทึกเพียงบางส่วน"
        " ตรวจดูงานล่าสุดแล้วทำใหม่ได้\n\n"
        "รายละเอียดถูกบันทึกไว้ในไฟล์:\n{log}\n\nเมื่อแจ้งปัญหา กรุณาส่งไฟล์นี้ไปด้วย"
    ),
    "details": "รายละเอียดทางเทคนิค (สำหรับผู้ดูแลโปรแกรม):\n\n{trace}",
    "no_log": "(เขียนไฟล์บันทึกไม่ได้)",
}

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class _Reporter(QObject):
    """Lives on the GUI thread; ``report`` may be emitted from any thread."""

    report = Signal(str, str)  # (log path, traceback text)

    def __init__(self, parent_getter: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self._parent_getter = parent_getter
        self._showing: QMessageBox | None = None
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, log_path: str, trace: str) -> None:
        if self._showing is not None:  # one dialog at a time; the rest is in the log
            return
        try:
            parent = self._parent_getter()
        except Exception:  # the window itself may be what broke
            parent = None
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(TEXTS["title"])
        box.setText(TEXTS["text"])
        box.setInformativeText(TEXTS["info"].format(log=log_path))
        box.setDetailedText(TEXTS["details"].format(trace=trace))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self._showing = box
        box.open()

    def _closed(self, _result: int) -> None:
        self._showing = None

    @property
    def dialog(self) -> QMessageBox | None:
        """The error dialog on screen, if any."""
        return self._showing


_reporter: _Reporter | None = None


def install_excepthook(parent_getter: Callable[[], QWidget | None]) -> _Reporter:
    """Show unexpected exceptions as a Thai dialog over ``parent_getter()`` (the main window), logged.

    Call once, on the GUI thread, after the QApplication is created. Returns the reporter (tests use
    its ``dialog``). Calling again replaces the parent getter.
    """
    global _reporter
    _reporter = _Reporter(parent_getter)
    reporter = _reporter

    def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            log_path = str(setup_logging())
        except OSError:
            log_path = TEXTS["no_log"]
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        trace = "".join(traceback.format_exception(exc_type, exc, tb))
        reporter.report.emit(log_path, trace)

    def handle_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            handle(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = handle
    threading.excepthook = handle_thread
    return reporter
