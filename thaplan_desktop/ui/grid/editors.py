"""The entry grid's cell editors: text over several lines, and an amount of baht.

The delegate picks the editor a column's spec asks for (``columns.Editor``); a unit cell uses an editable
list of the plan's units, made by the delegate itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from thaplan_desktop.domain.money import MoneyError, parse_money

TEXTS = {
    "money_hint": "ตัวอย่าง 250000 หรือ 250,000 หรือ ๒๕๐,๐๐๐",
    "multiline_hint": "Enter = บันทึก, Shift+Enter = ขึ้นบรรทัดใหม่",
}


class MultiLineEditor(QPlainTextEdit):
    """Text over several lines; Enter saves, Shift+Enter or Alt+Enter starts a new line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setToolTip(TEXTS["multiline_hint"])
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)


class MoneyEditor(QLineEdit):
    """An amount of baht: accepts 250000, 250,000, ๒๕๐,๐๐๐; shows 250,000.00."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(TEXTS["money_hint"])

    def problem(self) -> str | None:
        """The Thai message when the text is not an amount, else None."""
        try:
            parse_money(self.text())
        except MoneyError as exc:
            return str(exc)
        return None
