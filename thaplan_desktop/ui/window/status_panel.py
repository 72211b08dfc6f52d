"""The main window's status bar: how many projects are shown and their budget, the whole edition's, the
progress of work on the worker, and — in the read-only second copy — why nothing can be changed.

The totals follow the filter (one signal a keystroke) and the data (a few signals an operation), counted
once per pass of the event loop. While a job runs for a moment the bar shows its Thai label and, when the
job reports it, how far it got.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from thaplan_desktop.domain.money import format_money
from thaplan_desktop.ui.grid.filter import ProjectFilterProxy
from thaplan_desktop.ui.runner import Runner
from thaplan_desktop.ui.state import ROOT, PlanState

TEXTS = {
    "shown": "แสดง {shown:,} จาก {total:,} รายการ · งบประมาณที่แสดง {budget} บาท",
    "whole": "ทั้งฉบับ {total:,} รายการ · {budget} บาท",
    "busy": "กำลังทำงาน…",
    "read_only": "อ่านอย่างเดียว: {why} — แก้ไขไม่ได้ในหน้าต่างนี้",
}

# Why a plan opened read-only, by what its Thai notice (from ``safety``) says; short enough for a title.
_REASONS = (
    ("อีกหน้าต่างหนึ่ง", "กำลังแก้ไขในอีกหน้าต่างหนึ่ง"),
    ("เขียนไม่ได้", "โฟลเดอร์ของไฟล์เขียนไม่ได้"),
    ("ปรับรุ่น", "ต้องปรับรุ่นไฟล์ก่อนแก้ไข"),
    ("อ่านแผนอย่างเดียว", "บัญชีผู้ใช้นี้มีสิทธิ์อ่านอย่างเดียว"),
)
_SOME_REASON = "เปิดแบบอ่านอย่างเดียว"


def read_only_reason(notice: str) -> str:
    """The short Thai reason a plan is read-only, for the title and the status bar."""
    return next((reason for words, reason in _REASONS if words in notice), _SOME_REASON)


class StatusPanel(QObject):
    """The totals and the progress bar at the right of the status bar."""

    def __init__(self, window: QMainWindow, state: PlanState, proxy: ProjectFilterProxy, runner: Runner) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.proxy = proxy
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shown_label")
        self.whole_label = QLabel()
        self.whole_label.setObjectName("whole_label")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("read_only_label")
        self.read_only_label.setStyleSheet("color: #8a1c1c; font-weight: bold")
        self.read_only_label.hide()
        status = window.statusBar()
        status.addPermanentWidget(self.read_only_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.shown_label)
        status.addPermanentWidget(self.whole_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update_totals)
        table = proxy.table
        for signal in (proxy.filter_changed, proxy.modelReset, proxy.layoutChanged,
                       table.rowsInserted, table.rowsRemoved, table.dataChanged):
            signal.connect(self.schedule_totals)
        runner.busy.connect(self._on_busy)
        runner.progress.connect(self._on_progress)

    def show_read_only(self, read_only: bool, notice: str) -> None:
        """Say (or stop saying) that this copy cannot change the plan, and why (the whole notice on hover)."""
        self.read_only_label.setVisible(read_only)
        self.read_only_label.setText(TEXTS["read_only"].format(why=read_only_reason(notice)) if read_only else "")
        self.read_only_label.setToolTip(notice)

    def schedule_totals(self, *_args: object) -> None:
        """Count again once the event loop is free."""
        if not self._timer.isActive():
            self._timer.start()

    def update_totals(self) -> None:
        """Count and budget of the rows shown and of the whole edition."""
        total = len(self.proxy.table.rows)
        shown, budget = self.proxy.shown_budget()
        whole = self.state.totals_of(ROOT)
        self.shown_label.setText(TEXTS["shown"].format(shown=shown, total=total,
                                                       budget=format_money(budget, always_satang=True)))
        self.whole_label.setText(TEXTS["whole"].format(total=whole.count,
                                                       budget=format_money(whole.budget, always_satang=True)))

    def _on_busy(self, busy: bool, label: str) -> None:
        if busy:
            self.progress.setRange(0, 0)
            self.progress.setFormat(label or TEXTS["busy"])
            self.progress.show()
            self.window.statusBar().showMessage(label or TEXTS["busy"])
        else:
            self.progress.hide()
            self.window.statusBar().clearMessage()

    def _on_progress(self, value: int, maximum: int, text: str) -> None:
        self.progress.show()
        self.progress.setRange(0, maximum)
        self.progress.setValue(value)
        if text:
            self.progress.setFormat(f"{text} %p%")
