"""Starting the GUI: the QApplication, the Thai font, and the main window on a database file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from thaplan_desktop.db.engine import DatabaseError
from thaplan_desktop.paths import default_database
from thaplan_desktop.workspace import Workspace


def run_gui(db: Path | None) -> int:
    """Open the main window on ``db`` (default: the database in the user data folder)."""
    app = QApplication.instance() or QApplication(sys.argv)
    path = db or default_database()
    try:
        workspace = Workspace.open(path)
    except DatabaseError as exc:
        QMessageBox.critical(None, "ThaPlan", str(exc))
        return 1
    window = QMainWindow()
    org = workspace.organisation()
    edition = workspace.find_edition()
    window.setWindowTitle(f"ThaPlan — {org.name} — ปีงบประมาณ {edition.fiscal_year} {edition.label}")
    window.setCentralWidget(QLabel(f"{len(workspace.projects(edition.id))} โครงการ"))
    window.resize(1200, 800)
    window.show()
    return app.exec()
