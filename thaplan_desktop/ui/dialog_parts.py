"""The two pieces every form dialog of the window has: a refusal line and the Thai OK/Cancel buttons.

``error_line()`` is the hidden red line under a form where a refusal is told in one Thai sentence;
``ok_cancel(dialog, ok, cancel)`` the button box with the screen's own Thai words, wired to the dialog's
``accept`` and ``reject``. Each screen keeps its words in its own TEXTS.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

ERROR_STYLE = "color: #b91c1c;"


def error_line() -> QLabel:
    """A hidden, word-wrapped red label for a refusal (shown with its text by the dialog)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def ok_cancel(dialog: QDialog, ok: str, cancel: str,
              ok_button: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok) -> QDialogButtonBox:
    """OK (or ``ok_button``, e.g. Save) and Cancel with the given Thai words, wired to accept and reject."""
    buttons = QDialogButtonBox(ok_button | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(ok_button).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
