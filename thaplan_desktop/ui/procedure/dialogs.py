"""The procedure screen's dialogs: a step's status, the trigger, an extension, the posting; Thai dates.

Each dialog is a ``SubmitDialog``: its Save hands the values to ``submit`` (set by the view), which runs
the operation and then calls ``succeed`` (the dialog closes) or ``fail`` (it stays open and says why, in
Thai). ``ThaiDateEdit`` reads a date typed the Thai way and shows it back in full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import DateError, format_thai_date, parse_thai_date
from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.ui.dialog_parts import error_line, ok_cancel
from thaplan_desktop.workflow.deadlines import TRIGGER_LABELS
from thaplan_desktop.workflow.procedure import ProcedureState
from thaplan_desktop.workflow.status import STATUS_LABELS, StepState, StepStatus

TEXTS = {
    "step_title": "ขั้นตอนที่ {number}: {title}",
    "step_actor": "ผู้รับผิดชอบ: {actor}",
    "status": "สถานะ",
    "date_done": "วันที่เสร็จ",
    "today": "วันนี้",
    "note": "หมายเหตุ",
    "note_hint": "เช่น การประชุมครั้งที่ 3/2562 หรือเลขที่หนังสือ",
    "force": "บันทึกข้ามลำดับขั้นตอน",
    "force_reason": "เหตุผล",
    "force_hint": "ต้องระบุเหตุผลเมื่อบันทึกข้ามลำดับ",
    "save": "บันทึก",
    "cancel": "ยกเลิก",
    "date_hint": "เช่น 15 ต.ค. 2562",
    "bad_date": "อ่านวันที่ “{field}” ไม่ได้ (ตัวอย่าง: 15 ตุลาคม 2562)",
    "need_date": "กรุณาระบุ{field}",
    "trigger_dialog": "วันเริ่มนับกำหนดเวลา 30 วัน",
    "trigger_kind": "เหตุที่เริ่มนับ",
    "trigger_date": "วันที่",
    "extension_dialog": "ขยายเวลาจัดทำแผน",
    "new_due": "ขยายถึงวันที่",
    "reason": "เหตุผล",
    "granted_on": "วันที่ผู้บริหารอนุมัติ",
    "order_note": "เลขที่คำสั่ง/หนังสือ",
    "posting_dialog": "การปิดประกาศแผนการดำเนินงาน",
    "posted_on": "วันที่ปิดประกาศ",
    "removed_on": "วันที่ปลดประกาศ",
    "posting_note": "สถานที่/ช่องทาง",
}


class ThaiDateEdit(QLineEdit):
    """A date typed the Thai way (15 ต.ค. 2562, 15/10/2562 …), shown back as ``15 ตุลาคม 2562``."""

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(TEXTS["date_hint"])
        self.set_date(value)
        self.editingFinished.connect(self._tidy)

    def set_date(self, value: dt.date | None) -> None:
        """Show ``value`` (None: empty)."""
        self.setText(format_thai_date(value) if value else "")

    def date(self) -> dt.date | None:
        """The date typed; None when empty; ``DateError`` when it cannot be read."""
        text = self.text().strip()
        return parse_thai_date(text) if text else None

    def _tidy(self) -> None:
        try:
            value = self.date()
        except DateError as exc:
            self.setStyleSheet("border: 1px solid #dc2626;")
            self.setToolTip(str(exc))
            return
        self.setStyleSheet("")
        self.setToolTip("")
        self.set_date(value)


class SubmitDialog(QDialog):
    """A form whose Save runs an operation; an error keeps the dialog open and shows the message."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit: Callable[[SubmitDialog], None] | None = None
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = error_line()
        self.layout_.addWidget(self.error)
        self.buttons = ok_cancel(self, TEXTS["save"], TEXTS["cancel"], QDialogButtonBox.StandardButton.Save)
        self.setMinimumWidth(460)

    def finish_layout(self) -> None:
        """Put the buttons last."""
        self.layout_.addWidget(self.buttons)

    def accept(self) -> None:
        """Hand the values to ``submit``, which calls ``succeed`` or ``fail``."""
        if self.submit is None:
            super().accept()
            return
        self.error.hide()
        self.submit(self)

    def succeed(self) -> None:
        """The operation went through."""
        super().accept()

    def fail(self, message: str) -> None:
        """Show why the operation was refused."""
        self.error.setText(message)
        self.error.show()

    def date_of(self, edit: ThaiDateEdit, field: str, *, required: bool = False) -> dt.date | None:
        """The date in ``edit``; ``ValueError`` with a Thai message when unreadable or missing."""
        try:
            value = edit.date()
        except DateError as exc:
            raise ValueError(TEXTS["bad_date"].format(field=field)) from exc
        if required and value is None:
            raise ValueError(TEXTS["need_date"].format(field=field))
        return value


class StepDialog(SubmitDialog):
    """Status, date done and note of one step; forcing out of order asks for a reason."""

    def __init__(self, state: StepState, today: dt.date, parent: QWidget | None = None) -> None:
        step = state.step
        super().__init__(TEXTS["step_title"].format(number=step.number, title=step.title), parent)
        self.step_id = step.id
        self._today = today
        heading = QLabel(f"<b>{TEXTS['step_title'].format(number=step.number, title=step.title)}</b><br>"
                         f"{TEXTS['step_actor'].format(actor=step.actor.name)}")
        heading.setWordWrap(True)
        self.layout_.insertWidget(0, heading)
        self.status_buttons: dict[StepStatus, QRadioButton] = {}
        group = QButtonGroup(self)
        row = QHBoxLayout()
        for status in StepStatus:
            button = QRadioButton(STATUS_LABELS[status])
            group.addButton(button)
            row.addWidget(button)
            self.status_buttons[status] = button
            button.toggled.connect(self._update)
        self.form.addRow(TEXTS["status"], row)
        self.date_edit = ThaiDateEdit(state.done_on)
        today_button = QPushButton(TEXTS["today"])
        today_button.clicked.connect(lambda: self.date_edit.set_date(today))
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit, 1)
        date_row.addWidget(today_button)
        self.date_row_widgets = (self.date_edit, today_button)
        self.form.addRow(TEXTS["date_done"], date_row)
        self.note_edit = QLineEdit(state.note)
        self.note_edit.setPlaceholderText(TEXTS["note_hint"])
        self.form.addRow(TEXTS["note"], self.note_edit)
        self.force_box = QCheckBox(TEXTS["force"])
        self.force_reason = QLineEdit(state.forced_reason)
        self.force_reason.setPlaceholderText(TEXTS["force_hint"])
        self.form.addRow(self.force_box)
        self.form.addRow(TEXTS["force_reason"], self.force_reason)
        self.force_box.toggled.connect(self._update)
        self.force_box.setChecked(bool(state.forced_reason))
        self._show_force(bool(state.forced_reason))
        self.status_buttons[state.status].setChecked(True)
        self.finish_layout()
        self._update()

    def _show_force(self, visible: bool) -> None:
        self.force_box.setVisible(visible)
        self.force_reason.setVisible(visible)
        label = self.form.labelForField(self.force_reason)
        if label is not None:
            label.setVisible(visible)

    def _update(self) -> None:
        done = self.status() is StepStatus.DONE
        for widget in self.date_row_widgets:
            widget.setEnabled(done)
        if done and not self.date_edit.text().strip():
            self.date_edit.set_date(self._today)
        self.force_reason.setEnabled(self.force_box.isChecked())

    def status(self) -> StepStatus:
        """The status chosen."""
        return next(s for s, b in self.status_buttons.items() if b.isChecked())

    def set_status(self, status: StepStatus) -> None:
        """Choose a status (tests, shortcuts)."""
        self.status_buttons[status].setChecked(True)

    def offer_force(self, message: str) -> None:
        """The order was broken: show why, and the way to force it with a reason."""
        self._show_force(True)
        self.fail(message)


class TriggerDialog(SubmitDialog):
    """What opened the 30-day window (the trigger's kind) and when."""

    def __init__(self, kind: TriggerKind, date: dt.date | None, parent: QWidget | None) -> None:
        super().__init__(TEXTS["trigger_dialog"], parent)
        self.kind = QComboBox()
        for value, label in TRIGGER_LABELS.items():
            self.kind.addItem(label, str(value))
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(kind))))
        self.date = ThaiDateEdit(date)
        self.form.addRow(TEXTS["trigger_kind"], self.kind)
        self.form.addRow(TEXTS["trigger_date"], self.date)
        self.finish_layout()


class ExtensionDialog(SubmitDialog):
    """An extension of the completion deadline granted by the executive: to when, why, when granted."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(TEXTS["extension_dialog"], parent)
        self.new_due = ThaiDateEdit()
        self.reason = QLineEdit()
        self.granted_on = ThaiDateEdit()
        self.note = QLineEdit()
        self.form.addRow(TEXTS["new_due"], self.new_due)
        self.form.addRow(TEXTS["reason"], self.reason)
        self.form.addRow(TEXTS["granted_on"], self.granted_on)
        self.form.addRow(TEXTS["order_note"], self.note)
        self.finish_layout()


class PostingDialog(SubmitDialog):
    """When the announced plan was posted for the public, and taken down."""

    def __init__(self, state: ProcedureState, parent: QWidget | None) -> None:
        super().__init__(TEXTS["posting_dialog"], parent)
        self.posted_on = ThaiDateEdit(state.posting.posted_on)
        self.removed_on = ThaiDateEdit(state.posting.removed_on)
        self.note = QLineEdit(state.posting.note)
        self.form.addRow(TEXTS["posted_on"], self.posted_on)
        self.form.addRow(TEXTS["removed_on"], self.removed_on)
        self.form.addRow(TEXTS["posting_note"], self.note)
        self.finish_layout()
