"""A project's tracking details in the side panel: actual start and finish, contract, officer, problems.

``DetailsForm`` shows what is recorded (``ProjectTracking``) and saves what the officer changed as one
``update_tracking`` operation (one undo step), only the fields that differ. An edit is never lost: the
form saves itself before it shows another project, and while it holds unsaved changes the plan's own
changes do not overwrite them. Dates are Thai BE, the contract amount baht.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from thaplan_desktop.domain.fiscal import DateError
from thaplan_desktop.domain.money import MoneyError, format_money, parse_money
from thaplan_desktop.domain.tracking import ProjectTracking
from thaplan_desktop.ui.grid.editors import MoneyEditor
from thaplan_desktop.ui.procedure.dialogs import ThaiDateEdit
from thaplan_desktop.workspace import TrackingFields

TEXTS = {
    "actual_start": "เริ่มดำเนินการจริง",
    "actual_finish": "แล้วเสร็จจริง",
    "contract": "วงเงินตามสัญญา (บาท)",
    "contract_signed_on": "วันที่ลงนามสัญญา",
    "officer": "ผู้รับผิดชอบ",
    "officer_hint": "ชื่อเจ้าหน้าที่ผู้รับผิดชอบโครงการ",
    "problems": "ปัญหาและอุปสรรค",
    "save": "บันทึกรายละเอียด",
    "revert": "คืนค่าเดิม",
    "bad_date": "อ่านวันที่ “{field}” ไม่ได้ (ตัวอย่าง: 15 มี.ค. 2563)",
    "bad_money": "{field}: {error}",
    "updated": "แก้ไขล่าสุดโดย {who}",
}


class DetailsForm(QWidget):
    """The details of one project; ``save_requested`` carries the fields that changed."""

    save_requested = Signal(int, object)  # project id, TrackingFields
    refused = Signal(str)  # what was typed cannot be read (Thai)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_id: int | None = None
        self._shown = ProjectTracking(0)
        self._loading = False
        self.dirty = False
        self.actual_start = ThaiDateEdit()
        self.actual_finish = ThaiDateEdit()
        self.contract = MoneyEditor()
        self.contract_signed_on = ThaiDateEdit()
        self.officer = QLineEdit()
        self.officer.setPlaceholderText(TEXTS["officer_hint"])
        self.problems = QPlainTextEdit()
        self.problems.setTabChangesFocus(True)
        self.problems.setMinimumHeight(70)
        self.updated = QLabel()
        self.updated.setStyleSheet("color: #666;")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for key, widget in (("actual_start", self.actual_start), ("actual_finish", self.actual_finish),
                            ("contract", self.contract), ("contract_signed_on", self.contract_signed_on),
                            ("officer", self.officer), ("problems", self.problems)):
            form.addRow(TEXTS[key], widget)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(TEXTS["save"])
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(TEXTS["revert"])
        self.revert_button.clicked.connect(lambda: self.load(self.project_id, self._shown, force=True))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        form.addRow(self.updated)
        form.addRow(buttons)
        for line in (self.actual_start, self.actual_finish, self.contract, self.contract_signed_on, self.officer):
            line.textEdited.connect(self._edited)
        self.problems.textChanged.connect(self._edited)
        self._set_dirty(False)

    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty and self.project_id is not None)
        self.revert_button.setEnabled(dirty)

    def load(self, project_id: int | None, details: ProjectTracking, *, force: bool = False) -> None:
        """Show a project's details (kept as typed while unsaved, unless ``force`` or another project)."""
        if self.dirty and project_id == self.project_id and not force:
            return
        self._loading = True
        try:
            self.project_id, self._shown = project_id, details
            self.actual_start.set_date(details.actual_start)
            self.actual_finish.set_date(details.actual_finish)
            self.contract.setText(format_money(details.contract, always_satang=True)
                                  if details.contract is not None else "")
            self.contract_signed_on.set_date(details.contract_signed_on)
            self.officer.setText(details.officer)
            self.problems.setPlainText(details.problems)
            self.updated.setText(TEXTS["updated"].format(who=details.updated_by) if details.updated_by else "")
        finally:
            self._loading = False
        self._set_dirty(False)
        self.setEnabled(project_id is not None)

    def fields(self) -> TrackingFields:
        """The fields that differ from what is recorded; ``ValueError`` (Thai) when one cannot be read."""
        values: dict[str, Any] = {}
        shown = self._shown
        for key, edit in (("actual_start", self.actual_start), ("actual_finish", self.actual_finish),
                          ("contract_signed_on", self.contract_signed_on)):
            try:
                day: dt.date | None = edit.date()
            except DateError as exc:
                raise ValueError(TEXTS["bad_date"].format(field=TEXTS[key])) from exc
            if day != getattr(shown, key):
                values[key] = day
        try:
            contract: Decimal | None = parse_money(self.contract.text())
        except MoneyError as exc:
            raise ValueError(TEXTS["bad_money"].format(field=TEXTS["contract"], error=exc)) from exc
        if contract != shown.contract:
            values["contract"] = contract
        officer = " ".join(self.officer.text().split())
        if officer != shown.officer:
            values["officer"] = officer
        problems = self.problems.toPlainText().strip()
        if problems != shown.problems:
            values["problems"] = problems
        return TrackingFields(**values)

    def save(self) -> bool:
        """Ask to save what changed (``save_requested``); False when something cannot be read."""
        if self.project_id is None or not self.dirty:
            return True
        try:
            fields = self.fields()
        except ValueError as exc:
            self.refused.emit(str(exc))
            return False
        self._set_dirty(False)
        if fields != TrackingFields():
            self.save_requested.emit(self.project_id, fields)
        return True

    def mark_unsaved(self) -> None:
        """The save was refused: what is typed stays, to be corrected."""
        self._set_dirty(True)
