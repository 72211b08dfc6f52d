"""Helpers of the GUI tests: waiting for the worker, reading the database file directly."""

from __future__ import annotations

import sqlite3


def settle(qtbot, window):
    """Wait until every queued job has been delivered to the GUI."""
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=30000)  # generous: CI machines may be loaded


def db_project(path, project_id):
    """One project row from the file, as a dict."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    row = con.execute("SELECT * FROM project WHERE id = ?", (project_id,)).fetchone()
    con.close()
    return dict(row) if row is not None else None


def type_text(widget, text):
    """Type text, Thai included, as key presses (QTest's keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def take_messages():
    """The text of every message box on screen (the window's messages), closing them."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    text = "\n".join(box.text() for box in boxes)
    for box in boxes:
        box.close()
    return text


def showing(window, kind):
    """The dialog of ``kind`` the window shows, or None."""
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    return found[0] if found else None


def shown_title(window):
    """The title bar as Windows and Linux show it: Qt adds " — " and the application's display name."""
    from PySide6.QtWidgets import QApplication

    name = QApplication.applicationDisplayName()
    title = window.windowTitle()
    return f"{title} — {name}" if name and not title.endswith(name) else title


_waiting = []  # the on_next_modal handlers still looking, stopped when their test ends (conftest)


def on_next_modal(handle, *, polls=1000):
    """Call ``handle(dialog)`` on the next modal dialog that opens, a blocking ``exec()`` included.

    Returns the list the dialog is put in once seen. Looks for it at each pass of the event loop, until
    the test ends (``stop_waiting``), so a handler never acts on a later test's dialog.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = []
    waiting = {"on": True}
    _waiting.append(waiting)

    def look(left=polls):
        if not waiting["on"]:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            waiting["on"] = False
            seen.append(dialog)
            handle(dialog)
        elif left:
            QTimer.singleShot(5, lambda: look(left - 1))

    QTimer.singleShot(0, look)
    return seen


def stop_waiting():
    """Stop every on_next_modal handler still looking (a test ended)."""
    for waiting in _waiting:
        waiting["on"] = False
    _waiting.clear()


def import_preview(window, qtbot):
    """The import preview the window shows (waited for: files are read on the worker)."""
    from thaplan_desktop.ui.importing.preview_dialog import ImportPreviewDialog

    found = []

    def shown():
        found[:] = [d for d in window.findChildren(ImportPreviewDialog) if d.isVisible()]
        return bool(found)
    qtbot.waitUntil(shown, timeout=30000)
    return found[0]
