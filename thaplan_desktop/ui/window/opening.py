"""Opening plans: the file named on start or used last, the open-file dialog, the demo, and the first run.

On start the window opens the plan named on the command line, else the one used last, else the default
one in the user data folder; when there is none, ``FirstRunDialog`` asks for a new plan's organisation and
fiscal year (the file goes in the user data folder), or offers the demo plan or another file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QMainWindow

from thaplan_desktop.paths import data_dir, default_database
from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.dialogs import FirstRunChoice, FirstRunDialog
from thaplan_desktop.ui.procedure.edit_guard import EditGuard
from thaplan_desktop.ui.session import EditionData, PlanSession

TEXTS = {
    "open_title": "เปิดไฟล์แผน",
    "file_filter": "ไฟล์แผน ThaPlan (*.sqlite);;ทุกไฟล์ (*)",
}


class PlanOpener(QObject):
    """Opens plan files in the window's session."""

    def __init__(self, window: QMainWindow, session: PlanSession, settings: QSettings, guard: EditGuard) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self.guard = guard

    def open_file(self, path: Path, *, done: Callable[[EditionData], None] | None = None) -> None:
        """Open a database file."""
        self.guard.forget()
        self.session.open(Path(path), done=done)

    def open_demo(self, *, done: Callable[[EditionData], None] | None = None) -> None:
        """Open the demo plan (built in the user data folder on first use)."""
        self.session.open_demo(data_dir() / "demo.sqlite", done=done)

    def open_initial(self, db: Path | None) -> None:
        """On start: the file named, else the last one, else the default one, else the first-run dialog."""
        path = db or settings_keys.last_database(self.settings)
        if path is None and default_database().exists():
            path = default_database()
        if path is not None:
            self.open_file(path)
        else:
            self.show_first_run()

    def show_first_run(self) -> FirstRunDialog:
        """Ask for a new plan's organisation and year, or offer the demo."""
        dialog = FirstRunDialog(self.window)
        dialog.finished.connect(lambda _result: self._first_run_done(dialog))
        dialog.open()
        return dialog

    def _first_run_done(self, dialog: FirstRunDialog) -> None:
        choice = dialog.choice
        if choice is FirstRunChoice.CREATE:
            path = default_database()
            if path.exists():
                path = _free_name(path)
            self.session.create(path, **dialog.organisation())
        elif choice is FirstRunChoice.DEMO:
            self.open_demo()
        elif choice is FirstRunChoice.OPEN:
            self.open_file_dialog()
        dialog.deleteLater()

    def open_file_dialog(self) -> None:
        """Choose a file to open."""
        start = str(self.session.path.parent if self.session.path else data_dir())
        name, _ = QFileDialog.getOpenFileName(self.window, TEXTS["open_title"], start, TEXTS["file_filter"])
        if name:
            self.open_file(Path(name))


def _free_name(path: Path) -> Path:
    """``thaplan.sqlite`` taken: ``thaplan-2.sqlite`` …"""
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
