"""Editing an announced edition: record an amendment, or start an additional edition?

Once an edition is announced (step ประกาศใช้ done) its projects are no longer changed freely. Before the
first edit, the main window asks with ``AmendmentDialog``:

- **บันทึกการแก้ไขแผน** (การแก้ไขแผนการดำเนินงาน, by the executive's authority): date, reason, what
  changes and who approved; the edition is then edited in place and the amendment joins its history;
- **จัดทำฉบับเพิ่มเติม**: a new additional edition opens from a new trigger (kind and date), with its own
  steps and deadlines; the new projects go there.

The dialog shows the year's earlier amendments. It only asks: ``request()`` gives the answer as a
``workflow.operations.EditRequest``, which ``edit_guard`` carries out on the worker (one undo step).
Everything the user reads here is in ``TEXTS``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import DateError, format_thai_date
from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.ui.dialog_parts import error_line, ok_cancel
from thaplan_desktop.ui.procedure.dialogs import ThaiDateEdit
from thaplan_desktop.workflow.deadlines import TRIGGER_LABELS
from thaplan_desktop.workflow.operations import EditChoice, EditRequest
from thaplan_desktop.workflow.procedure import EditContext

TEXTS = {
    "title": "แผนฉบับนี้ประกาศใช้แล้ว",
    "edition_name": "แผนการดำเนินงาน ปีงบประมาณ {year} {label}",
    "intro": ("{edition} ประกาศใช้แล้วเมื่อ {date}\n"
              "การเปลี่ยนแปลงโครงการต้องบันทึกเป็นการแก้ไขแผน (อำนาจของผู้บริหารท้องถิ่น) "
              "หรือจัดทำเป็นแผนฉบับเพิ่มเติม"),
    "intro_no_date": "{edition} ประกาศใช้แล้ว",
    "what": "สิ่งที่จะเปลี่ยน: {what}",
    "amend": "บันทึกเป็นการแก้ไขแผนการดำเนินงาน (แก้ไขครั้งที่ {number}/{year})",
    "additional": "จัดทำแผนการดำเนินงานฉบับเพิ่มเติม (เพิ่มเติม ฉบับที่ {number})",
    "amended_on": "วันที่แก้ไข",
    "reason": "เหตุผลของการแก้ไข",
    "reason_hint": "เช่น โอนงบประมาณไปตั้งจ่ายเป็นรายการใหม่",
    "changes": "รายการที่แก้ไข",
    "approved_by": "ผู้อนุมัติ",
    "trigger_kind": "เหตุที่จัดทำฉบับเพิ่มเติม",
    "trigger_date": "วันที่เริ่มนับ 30 วัน",
    "history": "การแก้ไขแผนที่ผ่านมาในปีงบประมาณ {year}",
    "no_history": "ยังไม่เคยแก้ไขแผนในปีนี้",
    "history_line": "{label} ({date}): {reason}",
    "ok": "ดำเนินการต่อ",
    "cancel": "ยกเลิก",
    "need_reason": "กรุณาระบุเหตุผลของการแก้ไข",
    "need_date": "กรุณาระบุ{field}",
    "bad_date": "อ่าน{field}ไม่ได้ (ตัวอย่าง: 15 ตุลาคม 2562)",
}


class AmendmentDialog(QDialog):
    """Asks how to change an announced edition; ``request()`` gives the answer."""

    def __init__(self, context: EditContext, *, what: str = "", today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        today = today or dt.date.today()
        edition = context.edition
        self.setWindowTitle(TEXTS["title"])
        self.setMinimumWidth(580)
        layout = QVBoxLayout(self)
        name = TEXTS["edition_name"].format(year=edition.fiscal_year, label=edition.label)
        intro = (TEXTS["intro"].format(edition=name, date=format_thai_date(edition.announcement_date))
                 if edition.announcement_date else TEXTS["intro_no_date"].format(edition=name))
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        layout.addWidget(intro_label)
        if what:
            what_label = QLabel(TEXTS["what"].format(what=what))
            what_label.setWordWrap(True)
            layout.addWidget(what_label)

        self.amend_button = QRadioButton(TEXTS["amend"].format(number=context.next_amendment,
                                                               year=edition.fiscal_year))
        self.additional_button = QRadioButton(TEXTS["additional"].format(number=context.next_additional))
        group = QButtonGroup(self)
        for button in (self.amend_button, self.additional_button):
            group.addButton(button)
            layout.addWidget(button)

        self.pages = QStackedWidget()
        amend_page = QWidget()
        amend_form = QFormLayout(amend_page)
        self.amended_on = ThaiDateEdit(today)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(TEXTS["reason_hint"])
        self.changes = QPlainTextEdit(what)
        self.changes.setFixedHeight(70)
        self.approved_by = QLineEdit(context.executive)
        self.approved_by.setCursorPosition(0)
        amend_form.addRow(TEXTS["amended_on"], self.amended_on)
        amend_form.addRow(TEXTS["reason"], self.reason)
        amend_form.addRow(TEXTS["changes"], self.changes)
        amend_form.addRow(TEXTS["approved_by"], self.approved_by)
        additional_page = QWidget()
        additional_form = QFormLayout(additional_page)
        self.trigger_kind = QComboBox()
        for kind, label in TRIGGER_LABELS.items():
            if kind is not TriggerKind.BUDGET_ORDINANCE:
                self.trigger_kind.addItem(label, str(kind))
        self.trigger_date = ThaiDateEdit()
        additional_form.addRow(TEXTS["trigger_kind"], self.trigger_kind)
        additional_form.addRow(TEXTS["trigger_date"], self.trigger_date)
        self.pages.addWidget(amend_page)
        self.pages.addWidget(additional_page)
        layout.addWidget(self.pages)
        self.amend_button.toggled.connect(lambda on: self.pages.setCurrentIndex(0 if on else 1))
        self.amend_button.setChecked(True)

        history_label = QLabel(TEXTS["history"].format(year=edition.fiscal_year))
        history_label.setStyleSheet("font-weight: bold;")
        layout.addWidget(history_label)
        self.history = QListWidget()
        self.history.setMaximumHeight(110)
        for amendment in context.history:
            item = QListWidgetItem(TEXTS["history_line"].format(
                label=amendment.label, reason=amendment.reason,
                date=format_thai_date(amendment.amended_on, short=True)))
            if amendment.changes:
                item.setToolTip(amendment.changes)
            self.history.addItem(item)
        if not context.history:
            self.history.addItem(TEXTS["no_history"])
        layout.addWidget(self.history)

        self.error = error_line()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, TEXTS["ok"], TEXTS["cancel"]))
        self._request: EditRequest | None = None

    def choose(self, choice: EditChoice) -> None:
        """Pick an answer (tests, shortcuts)."""
        (self.amend_button if choice is EditChoice.AMEND else self.additional_button).setChecked(True)

    def _date(self, edit: ThaiDateEdit, field: str) -> dt.date:
        try:
            value = edit.date()
        except DateError as exc:
            raise ValueError(TEXTS["bad_date"].format(field=field)) from exc
        if value is None:
            raise ValueError(TEXTS["need_date"].format(field=field))
        return value

    def accept(self) -> None:
        """Check the answer; keep the dialog open with a message when something is missing."""
        try:
            if self.amend_button.isChecked():
                date = self._date(self.amended_on, TEXTS["amended_on"])
                if not self.reason.text().strip():
                    raise ValueError(TEXTS["need_reason"])
                self._request = EditRequest(EditChoice.AMEND, date, reason=self.reason.text().strip(),
                                            changes=self.changes.toPlainText().strip(),
                                            approved_by=self.approved_by.text().strip())
            else:
                date = self._date(self.trigger_date, TEXTS["trigger_date"])
                self._request = EditRequest(EditChoice.ADDITIONAL, date,
                                            trigger_kind=TriggerKind(self.trigger_kind.currentData()))
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

    def request(self) -> EditRequest | None:
        """The answer once accepted; None when cancelled."""
        return self._request if self.result() == QDialog.DialogCode.Accepted else None
