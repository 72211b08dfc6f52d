"""Talking to the officer, the same way on every screen: message boxes, status-bar notes, file questions.

``message_box`` opens a Thai message box without blocking the event loop (window-modal, a Thai ตกลง
button), and ``tell`` is the main window's own (a change refused, or a note); ``ask`` puts a question the
same way and runs what was asked for only when the officer agrees; ``show_status`` puts a note in the
window's status bar after the runner's own busy/idle handling;
``ask_save_path`` and ``ask_open_paths`` ask where to write or what to read, starting in the folder used
last (kept in the settings), else the user's Documents; ``open_with_system`` hands a written file to the
program the system uses for it, and says when there is none.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeDatabase, QSettings, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from thaplan_desktop.ui.settings import LAST_FOLDER_SETTING
from thaplan_desktop.ui.settings import text as setting_text

TEXTS = {
    "ok": "ตกลง",
    "app": "ThaPlan",
    "refused": "แก้ไขไม่ได้",
    "cancel": "ยกเลิก",
    "open_file": "เปิดไฟล์",
    "open_folder": "เปิดโฟลเดอร์",
    "close": "ปิด",
    "no_program": "เครื่องนี้ไม่มีโปรแกรมสำหรับเปิด {name} ไฟล์อยู่ที่ {folder}",
}


def message_box(parent: QWidget, title: str, text: str, *, warning: bool = True) -> QMessageBox:
    """A Thai message box with a Thai ตกลง button, opened without blocking (window-modal)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    ok = box.button(QMessageBox.StandardButton.Ok)
    if ok is not None:
        ok.setText(TEXTS["ok"])
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def tell(parent: QWidget, text: str, *, warning: bool = False) -> QMessageBox:
    """The main window's message: a change refused (``warning``), or a note."""
    return message_box(parent, TEXTS["refused"] if warning else TEXTS["app"], text, warning=warning)


def ask(parent: QWidget, title: str, text: str, yes: str, on_yes: Callable[[], object]) -> QMessageBox:
    """A question with a Thai ``yes`` button and ยกเลิก (the default), opened without blocking.

    ``on_yes()`` runs when the officer presses ``yes``; nothing happens otherwise.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    agree = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(TEXTS["cancel"], QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if box.clickedButton() is agree:
            on_yes()

    box.finished.connect(finished)
    box.open()
    return box


def tell_written(parent: QWidget, title: str, text: str, path: Path) -> QMessageBox:
    """A file was written: say so, with "open the file" and "open its folder" (never opened unasked)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    open_file = box.addButton(TEXTS["open_file"], QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(TEXTS["open_folder"], QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(TEXTS["close"], QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        clicked = box.clickedButton()
        target = path if clicked is open_file else path.parent if clicked is open_folder else None
        if target is not None and not open_with_system(target):
            message_box(parent, title, TEXTS["no_program"].format(name=target.name, folder=path.parent),
                        warning=False)

    box.finished.connect(finished)
    box.open()
    return box


def show_status(window: QMainWindow, text: str, timeout_ms: int = 10000) -> None:
    """A status-bar message shown after the runner's own idle message handling (which clears the bar)."""
    QTimer.singleShot(0, window, lambda: window.statusBar().showMessage(text, timeout_ms))


def documents_dir() -> Path:
    """The user's Documents folder (the home folder when there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def last_folder(settings: QSettings) -> Path:
    """The folder last saved to or imported from (kept in the settings), else Documents."""
    folder = Path(setting_text(settings, LAST_FOLDER_SETTING, "") or documents_dir())
    return folder if folder.is_dir() else documents_dir()


def remember_folder(settings: QSettings, path: Path) -> None:
    """Note the folder of a chosen file for the next dialog."""
    settings.setValue(LAST_FOLDER_SETTING, str(path.parent))


def ask_save_path(parent: QWidget, settings: QSettings, caption: str, name: str, file_filter: str,
                  extension: str) -> Path | None:
    """Ask where to save; None when the user cancels. Adds ``extension`` when the name has none."""
    chosen, _selected = QFileDialog.getSaveFileName(parent, caption, str(last_folder(settings) / name), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != extension:
        path = path.with_name(path.name + extension)
    remember_folder(settings, path)
    return path


def ask_open_paths(parent: QWidget, settings: QSettings, caption: str, file_filter: str) -> list[Path]:
    """Ask for one or more files to read (none when the user cancels)."""
    chosen, _selected = QFileDialog.getOpenFileNames(parent, caption, str(last_folder(settings)), file_filter)
    if chosen:
        remember_folder(settings, Path(chosen[0]))
    return [Path(p) for p in chosen]


def open_with_system(path: Path) -> bool:
    """Hand a written file to the program the system uses for it; False when the system has none.

    On Linux the desktop's default program for the file's type is looked up first (``xdg-mime``): where
    there is none, ``xdg-open`` would fail without a word.
    """
    if sys.platform.startswith("linux"):
        if shutil.which("xdg-open") is None:
            return False
        mime = QMimeDatabase().mimeTypeForFile(str(path)).name()
        if shutil.which("xdg-mime") is not None:
            try:
                found = subprocess.run(["xdg-mime", "query", "default", mime], capture_output=True, text=True,
                                       timeout=10, check=False)
            except (OSError, subprocess.SubprocessError):
                return False
            if not found.stdout.strip():
                return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
