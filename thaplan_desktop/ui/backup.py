"""ไฟล์ → สำรองข้อมูล / กู้คืนข้อมูล: the backups of the open plan, a backup now, and restore.

The main window's menu calls ``run_backup(session, parent)`` and ``run_restore(session, parent)``. Both
open one dialog listing the plan's backups newest first (Buddhist-era date and time, why it was made,
how many projects it holds, size); ``run_backup`` also makes a backup at once. Restoring asks first,
closes the plan in the session, puts the backup's content into the file (after backing up what it
replaces: ``safety.restore_backup``) and opens the plan again. File work runs on the session's worker.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.safety import (
    BackupInfo,
    backup_folder_of,
    backup_now,
    backups_of,
    project_count,
    restore_backup,
)
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.session import PlanSession, user_message
from thaplan_desktop.workspace import Location

log = logging.getLogger(__name__)

TEXTS = {
    "title": "สำรอง/กู้คืนข้อมูล",
    "file": "ไฟล์แผน: {path}",
    "folder": "ไฟล์สำรองเก็บไว้ที่: {folder}",
    "about": ("โปรแกรมสำรองให้เองเมื่อเปิดไฟล์ (วันละครั้ง) ก่อนนำเข้าข้อมูล และก่อนปรับรุ่นฐานข้อมูล"
              " โดยเก็บไว้ 20 ไฟล์ล่าสุด การกู้คืนจะสำรองข้อมูลปัจจุบันไว้ก่อนเสมอ"),
    "unreadable": "อ่านไม่ได้",
    "none": "ยังไม่มีไฟล์สำรองของไฟล์นี้",
    "backup_now": "สำรองตอนนี้",
    "restore": "กู้คืนจากรายการที่เลือก…",
    "open_folder": "เปิดโฟลเดอร์สำรอง",
    "backing_up": "กำลังสำรองข้อมูล…",
    "restoring": "กำลังกู้คืนข้อมูล…",
    "backed_up": "สำรองข้อมูลแล้ว: {name}",
    "confirm": ("กู้คืนไฟล์ {name} ให้เป็นข้อมูล ณ {when} ({reason}) หรือไม่?\n\n"
                "ข้อมูลปัจจุบันจะถูกสำรองไว้ก่อน จึงย้อนกลับได้เสมอ แต่ประวัติการเลิกทำจะถูกล้าง"),
    "restored": "กู้คืนข้อมูลแล้ว ข้อมูลก่อนกู้คืนถูกสำรองไว้เป็นรายการแรกในรายการนี้",
    "failed": "ทำไม่สำเร็จ: {error}",
    "choose_plan": "เลือกไฟล์แผนที่จะกู้คืน",
    "plan_filter": "ไฟล์แผน ThaPlan (*.sqlite);;ทุกไฟล์ (*)",
}
COLUMN_TITLES = ("วันที่และเวลา", "เหตุที่สำรอง", "จำนวนรายการ", "ขนาด")  # the list's column headings


class BackupDialog(QDialog):
    """The backups of one plan file, with backup-now and restore."""

    def __init__(self, path: Location, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.session = session
        self.infos: list[BackupInfo] = []
        self.setWindowTitle(TEXTS["title"])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 460)

        layout = QVBoxLayout(self)
        for text in (TEXTS["file"].format(path=path),
                     TEXTS["folder"].format(folder=backup_folder_of(path)), TEXTS["about"]):
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)

        self.table = QTableWidget(0, len(COLUMN_TITLES))
        self.table.setHorizontalHeaderLabels(list(COLUMN_TITLES))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton(TEXTS["backup_now"])
        self.restore_button = QPushButton(TEXTS["restore"])
        self.folder_button = QPushButton(TEXTS["open_folder"])
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self._open_folder)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_buttons()
        self.reload()

    # --- actions ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list of backups again (on the worker)."""
        path = self.path

        def work(_job: Job) -> list[tuple[BackupInfo, int | None]]:
            return [(info, project_count(info.path)) for info in backups_of(path)]

        self.session.runner.submit(work, done=self._show, failed=self._failed)

    def backup_now(self) -> None:
        """Make a backup of the plan now."""
        path = self.path

        def work(_job: Job) -> Path:
            return backup_now(path)

        def done(target: Path) -> None:
            self._say(TEXTS["backed_up"].format(name=target.name))
            self.reload()

        self._busy(True)
        self.session.runner.submit(work, label=TEXTS["backing_up"], done=done, failed=self._failed)

    def restore_selected(self) -> None:
        """Ask, then restore the selected backup into the plan file and open the plan again."""
        info = self.selected()
        if info is None:
            return
        answer = QMessageBox.question(
            self, TEXTS["title"],
            TEXTS["confirm"].format(name=self.path.name, when=info.taken_label, reason=info.reason_label))
        if answer != QMessageBox.StandardButton.Yes:
            return
        reopen = self.session.location is not None and self.session.location == self.path
        if reopen:
            self.session.close()  # queued before the restore: the worker releases the file first
        path = self.path

        def work(_job: Job) -> Path | None:
            return restore_backup(info.path, path)

        def finish(message: str) -> None:
            self._say(message)
            self.reload()

        def done(_saved: Path | None) -> None:
            if reopen:
                self.session.open(path, done=lambda _data: finish(TEXTS["restored"]))
            else:
                finish(TEXTS["restored"])

        def failed(exc: BaseException) -> None:
            self._failed(exc)
            if reopen:
                self.session.open(path)

        self._busy(True)
        self.session.runner.submit(work, label=TEXTS["restoring"], done=done, failed=failed)

    def selected(self) -> BackupInfo | None:
        """The backup chosen in the list."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.infos:
            return None
        return self.infos[rows[0].row()]

    # --- helpers ---------------------------------------------------------------------------------------

    def _show(self, rows: list[tuple[BackupInfo, int | None]]) -> None:
        self.infos = [info for info, _count in rows]
        self.table.setRowCount(len(rows))
        for row, (info, count) in enumerate(rows):
            cells = (info.taken_label, info.reason_label,
                     f"{count:,}" if count is not None else TEXTS["unreadable"], info.size_label)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        if not rows:
            self._say(TEXTS["none"])
        self._busy(False)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._say(TEXTS["failed"].format(error=user_message(exc)))

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _busy(self, busy: bool) -> None:
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _open_folder(self) -> None:
        folder = backup_folder_of(self.path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _plan_path(session: PlanSession, parent: QWidget) -> Location | None:
    if session.location is not None:  # the open plan: a file, or a plan on the office's server
        return session.location
    chosen, _filter = QFileDialog.getOpenFileName(parent, TEXTS["choose_plan"], "", TEXTS["plan_filter"])
    return Path(chosen) if chosen else None


def run_backup(session: PlanSession, parent: QWidget) -> BackupDialog | None:
    """ไฟล์ → สำรองข้อมูล: back the open plan up now and show its backups."""
    path = _plan_path(session, parent)
    if path is None:
        return None
    dialog = BackupDialog(path, session, parent)
    dialog.backup_now()
    dialog.open()
    return dialog


def run_restore(session: PlanSession, parent: QWidget) -> BackupDialog | None:
    """ไฟล์ → กู้คืนข้อมูล: show the plan's backups to restore one."""
    path = _plan_path(session, parent)
    if path is None:
        return None
    dialog = BackupDialog(path, session, parent)
    dialog.open()
    return dialog
