"""Opening plans: the file named on start or used last, the open-file dialog, the demo, the first run, and a
plan on the office's server.

On start the window opens the plan named on the command line, else the one used last, else the default
one in the user data folder; when there is none, ``FirstRunDialog`` asks for a new plan's organisation and
fiscal year (the file goes in the user data folder), or offers the demo plan or another file. A plan on
the office's server (ไฟล์ → เชื่อมต่อฐานข้อมูลสำนักงาน…, or named on start) is tried on the worker first
(``safety.check_server``): when something is wrong — a password to type, the server unreachable — the
connection dialog opens saying what, in Thai, instead of an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow

from thaplan_desktop.paths import data_dir, default_database
from thaplan_desktop.safety import ServerCheck, check_server
from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.dialogs import FirstRunChoice, FirstRunDialog
from thaplan_desktop.ui.office.dialog import ConnectDialog
from thaplan_desktop.ui.office.servers import ServerEntry, check_text
from thaplan_desktop.ui.office.texts import TEXTS as OFFICE_TEXTS
from thaplan_desktop.ui.procedure.edit_guard import EditGuard
from thaplan_desktop.ui.session import EditionData, PlanSession, user_message
from thaplan_desktop.workspace import Location, ServerAddress

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

    def open_location(self, location: Location, *, done: Callable[[EditionData], None] | None = None) -> None:
        """Open a plan: a file, or a plan on the office's server (tried first; the dialog when it fails)."""
        if isinstance(location, ServerAddress):
            self.open_server(location, done=done)
        else:
            self.open_file(location, done=done)

    def open_server(self, address: ServerAddress, *, done: Callable[[EditionData], None] | None = None) -> None:
        """Try a server plan on the worker; open it, or show the connection dialog saying what is wrong."""
        entry = ServerEntry.of(address)

        def checked(check: ServerCheck) -> None:
            if check.ok:
                self.guard.forget()
                self.session.open(address, done=done)
            else:
                self.show_connect_dialog(entry=entry, problem=check_text(check, entry))

        self.session.runner.submit(lambda _job: check_server(address), label=OFFICE_TEXTS["connecting"],
                                   done=checked, failed=lambda exc: self.session.failed.emit(user_message(exc)))

    def show_connect_dialog(self, *, entry: ServerEntry | None = None, problem: str = "") -> ConnectDialog:
        """ไฟล์ → เชื่อมต่อฐานข้อมูลสำนักงาน…: the dialog; the plan opens when it is accepted."""
        if entry is None and isinstance(self.session.location, ServerAddress):
            entry = ServerEntry.of(self.session.location)
        dialog = ConnectDialog(self.session.runner, self.settings, self.window, entry=entry, problem=problem)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.address is not None:
                self.guard.forget()
                self.session.open(dialog.address)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_demo(self, *, done: Callable[[EditionData], None] | None = None) -> None:
        """Open the demo plan (built in the user data folder on first use)."""
        self.session.open_demo(data_dir() / "demo.sqlite", done=done)

    def open_initial(self, db: Location | None) -> None:
        """On start: the plan named, else the last one, else the default file, else the first-run dialog."""
        location = db or settings_keys.last_database(self.settings)
        if location is None and default_database().exists():
            location = default_database()
        if location is not None:
            self.open_location(location)
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
        opened = self.session.location
        start = str(opened.parent if isinstance(opened, Path) else data_dir())
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
