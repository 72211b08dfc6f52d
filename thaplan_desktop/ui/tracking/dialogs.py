"""The ติดตามผล tab's small forms: a disbursement (date in Thai BE, amount in baht, note) and a cancellation's reason.

Both are the procedure screen's ``SubmitDialog``: Save hands the values to ``submit`` (set by the caller),
which runs the operation and calls ``succeed`` (the dialog closes) or ``fail`` (it stays open and says why
in one Thai line). Dates are typed the Thai way (15 มี.ค. 2563, 15/3/2563); amounts as 250000, 250,000
or ๒๕๐,๐๐๐.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from thaplan_desktop.domain.money import MoneyError, format_money, parse_money
from thaplan_desktop.domain.tracking import Disbursement
from thaplan_desktop.ui.grid.editors import MoneyEditor
from thaplan_desktop.ui.procedure.dialogs import SubmitDialog, ThaiDateEdit

TEXTS = {
    "add_title": "บันทึกการเบิกจ่าย",
    "edit_title": "แก้ไขรายการเบิกจ่าย",
    "project": "โครงการ",
    "paid_on": "วันที่เบิกจ่าย",
    "amount": "จำนวนเงิน (บาท)",
    "note": "หมายเหตุ",
    "note_hint": "เช่น งวดที่ 1 หรือเลขที่ฎีกา",
    "need_amount": "กรุณาระบุจำนวนเงินที่เบิกจ่าย",
    "reason_title": "ยกเลิกโครงการ",
    "reason": "เหตุผลที่ยกเลิก",
    "reason_hint": "เช่น งดจัดงานตามประกาศจังหวัด โอนงบประมาณไปใช้ในการป้องกันโรค",
    "need_reason": "กรุณาระบุเหตุผลที่ยกเลิกโครงการ",
}


class _AmountEdit(MoneyEditor):
    """The amount: what was typed on the grid's cell stays, and the officer goes on typing after it."""

    def __init__(self, typed: str) -> None:
        super().__init__()
        self.setText(typed)
        self._continue = bool(typed)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._continue:  # not selected: the next key goes after the digit typed on the grid
            self._continue = False
            self.deselect()
            self.end(False)


class DisbursementDialog(SubmitDialog):
    """A new disbursement of a project, or a correction of one."""

    def __init__(self, project_name: str, *, paid_on: dt.date, amount_text: str = "",
                 existing: Disbursement | None = None, parent: QWidget | None = None) -> None:
        super().__init__(TEXTS["edit_title" if existing else "add_title"], parent)
        self.setObjectName("disbursement_dialog")
        self.existing = existing
        name = QLabel(project_name)
        name.setWordWrap(True)
        self.form.addRow(TEXTS["project"], name)
        self.date_edit = ThaiDateEdit(existing.paid_on if existing else paid_on)
        self.form.addRow(TEXTS["paid_on"], self.date_edit)
        self.amount_edit = _AmountEdit(format_money(existing.amount, always_satang=True) if existing else amount_text)
        self.form.addRow(TEXTS["amount"], self.amount_edit)
        self.note_edit = QLineEdit(existing.note if existing else "")
        self.note_edit.setPlaceholderText(TEXTS["note_hint"])
        self.form.addRow(TEXTS["note"], self.note_edit)
        self.finish_layout()
        self.amount_edit.setFocus()

    def values(self) -> tuple[dt.date, Decimal, str]:
        """Date, amount and note; ``ValueError`` with a Thai message when they cannot be read."""
        paid_on = self.date_of(self.date_edit, TEXTS["paid_on"], required=True)
        assert paid_on is not None
        try:
            amount = parse_money(self.amount_edit.text())
        except MoneyError as exc:
            raise ValueError(str(exc)) from exc
        if amount is None:
            raise ValueError(TEXTS["need_amount"])
        return paid_on, amount, self.note_edit.text().strip()


class ReasonDialog(SubmitDialog):
    """Why a project is cancelled (ยกเลิก needs a reason)."""

    def __init__(self, project_name: str, parent: QWidget | None = None) -> None:
        super().__init__(TEXTS["reason_title"], parent)
        self.setObjectName("reason_dialog")
        name = QLabel(project_name)
        name.setWordWrap(True)
        self.form.addRow(TEXTS["project"], name)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(TEXTS["reason_hint"])
        self.form.addRow(TEXTS["reason"], self.reason_edit)
        self.finish_layout()
        self.reason_edit.setFocus()

    def reason(self) -> str:
        """The reason; ``ValueError`` with a Thai message when empty."""
        text = " ".join(self.reason_edit.text().split())
        if not text:
            raise ValueError(TEXTS["need_reason"])
        return text
