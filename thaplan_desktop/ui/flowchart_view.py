"""The procedure screen: the flowchart of the seven steps, and a side panel with the deadlines.

``ProcedureView`` shows one edition's procedure as the plan's chart: three actor lanes, the steps as boxes
joined by arrows (the layout comes from ``workflow.steps``, as the PDF's chart does), each box coloured
by its status with its Buddhist-era date. Clicking a box edits its status, date and note through
``workflow.operations`` (undoable like every edit). The side panel lists the trigger, the three deadlines
with the days left, the extensions, the posting and the amendments, with buttons to change them. The
chart scales with the window and exports to PNG.

The view never holds a database session: it reaches the workspace through a small backend —
``DirectBackend(workspace)`` (calls on this thread: tests, tools) or ``SessionBackend(plan_session)``
(the window's ``ui.session.PlanSession``, on its worker thread) — and it reloads whenever an operation,
undo or redo touched the procedure. Everything the user reads on this screen is in ``TEXTS``.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTextBoundaryFinder, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import DateError, format_thai_date, parse_thai_date
from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.workflow import operations as ops
from thaplan_desktop.workflow.deadlines import TRIGGER_LABELS, Deadline, DeadlineState
from thaplan_desktop.workflow.procedure import ProcedureState, concerns_procedure, load_procedure
from thaplan_desktop.workflow.status import STATUS_LABELS, StepState, StepStatus
from thaplan_desktop.workspace import Workspace, WorkspaceError

__all__ = [
    "TEXTS",
    "DirectBackend",
    "ProcedureBackend",
    "ProcedureView",
    "SessionBackend",
    "StepBox",
    "ThaiDateEdit",
    "show_procedure",
]

# --- every text of this screen ------------------------------------------------------------------------------

TEXTS = {
    "chart_title": "แผนภูมิขั้นตอนการจัดทำแผนการดำเนินงาน",
    "edition": "ปีงบประมาณ {year} {label}",
    "announced": "ประกาศใช้แล้วเมื่อ {date}",
    "draft": "ยังไม่ได้ประกาศใช้",
    "loading": "กำลังอ่านขั้นตอน…",
    "legend": "สถานะ:",
    "forced_mark": "บันทึกข้ามลำดับ",
    "box_done": "เสร็จ {date}",
    "card_no_date": "ยังไม่ได้ระบุวันที่",
    "click_to_edit": "คลิกเพื่อบันทึกสถานะ วันที่ และหมายเหตุ",
    "tip_status": "สถานะ: {status}",
    "tip_date": "วันที่เสร็จ: {date}",
    "tip_note": "หมายเหตุ: {note}",
    "tip_forced": "บันทึกข้ามลำดับ เพราะ: {reason}",
    "trigger_group": "วันเริ่มนับกำหนดเวลา",
    "trigger_line": "{what}\nเมื่อ {date}",
    "trigger_missing": "{what}\nยังไม่ได้ระบุวันที่ — กรุณาระบุเพื่อคำนวณกำหนดเวลา",
    "trigger_edit": "แก้ไขวันเริ่มนับ…",
    "deadlines_group": "กำหนดเวลาตามระเบียบ",
    "due": "กำหนด {date}",
    "extended_from": " (ขยายจาก {date})",
    "extensions_group": "การขยายเวลา (อำนาจของผู้บริหารท้องถิ่น)",
    "no_extensions": "ยังไม่มีการขยายเวลา",
    "extension_line": "ขยายถึง {date}: {reason}",
    "extension_granted": " — อนุมัติ {date}",
    "extension_add": "ขยายเวลา…",
    "posting_group": "การปิดประกาศ",
    "posting_none": "ยังไม่ได้ปิดประกาศ",
    "posting_line": "ปิดประกาศเมื่อ {date}",
    "posting_removed": "ปลดประกาศเมื่อ {date}",
    "posting_edit": "บันทึกการปิดประกาศ…",
    "amendments_group": "ประวัติการแก้ไขแผน",
    "no_amendments": "ยังไม่มีการแก้ไขแผน",
    "amendment_line": "{label} ({date}): {reason}",
    "export_png": "บันทึกแผนภูมิเป็นภาพ PNG…",
    "png_filter": "ภาพ PNG (*.png)",
    "png_name": "แผนภูมิขั้นตอน_{year}.png",
    "warnings_head": "ข้อควรระวัง",
    # dialogs
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

_STATE_TEXT_COLOURS = {
    DeadlineState.OVERDUE: "#b91c1c",
    DeadlineState.BROKEN: "#b91c1c",
    DeadlineState.DUE_SOON: "#b45309",
    DeadlineState.LATE: "#b45309",
    DeadlineState.MET: "#047857",
    DeadlineState.RUNNING: "#1d4ed8",
    DeadlineState.OPEN: "#1f2937",
    DeadlineState.UNKNOWN: "#6b7280",
}

# (fill, border, status text) per status
STATUS_COLOURS: dict[StepStatus, tuple[str, str, str]] = {
    StepStatus.NOT_STARTED: ("#f3f4f6", "#9ca3af", "#4b5563"),
    StepStatus.IN_PROGRESS: ("#fde68a", "#d97706", "#92400e"),
    StepStatus.DONE: ("#a7f3d0", "#059669", "#065f46"),
}
_FORCED_BORDER = "#dc2626"
_LANE_FILLS = ("#eef2f7", "#f8fafc")
_LABEL_FILL = "#dbe4f0"
_INK = QColor("#1f2937")

# Scene geometry (scene units; the view scales the whole scene to the window).
_TITLE_H = 46.0
_LABEL_W = 178.0
_COL_W = 204.0
_BOX_W = 172.0
_PAD = 8.0
_LANE_GAP = 22.0  # space above and below the boxes inside a lane
_LEGEND_H = 40.0
_TITLE_PX = 17
_STATUS_PX = 15
_LABEL_PX = 16

# Words a line must not split, though Qt's Thai line breaker would (คณะ|กรรมการ, ผู้|บริหาร …).
_UNBROKEN = ("คณะกรรมการ", "ผู้บริหาร", "นายกเทศมนตรี", "ดำเนินงาน", "ท้องถิ่น")


def _font(base: QFont, pixels: int, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


# --- reaching the workspace ----------------------------------------------------------------------------------

Done = Callable[[], None]  # an operation succeeded
Failed = Callable[[BaseException], None]  # it was refused (the error's message is Thai) or went wrong


class ProcedureBackend(Protocol):
    """How the view reads and changes data; results always arrive on the GUI thread."""

    def read(self, fn: Callable[[Workspace], Any], done: Callable[[Any], None]) -> None:
        """Run a read; hand its result to ``done``."""

    def set_step(self, edition_id: int, step_id: str, *, status: StepStatus, done_on: dt.date | None, note: str,
                 force_reason: str, today: dt.date, done: Done, failed: Failed) -> None:
        """Record where a step stands (``workflow.operations.set_step``); ``done()`` or ``failed(error)``."""

    def set_trigger(self, edition_id: int, trigger_kind: TriggerKind, trigger_date: dt.date | None, *,
                    done: Done, failed: Failed) -> None:
        """Record what opened the 30-day window and when."""

    def add_extension(self, edition_id: int, *, new_due: dt.date, reason: str, granted_on: dt.date | None,
                      note: str, done: Done, failed: Failed) -> None:
        """Record an extension of the completion deadline."""

    def set_posting(self, edition_id: int, *, posted_on: dt.date | None, removed_on: dt.date | None, note: str,
                    done: Done, failed: Failed) -> None:
        """Record when the plan was posted for the public and taken down."""

    def watch(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after any operation, undo or redo that may concern the procedure."""


class DirectBackend:
    """Calls the workspace on the calling thread (tests, tools, a window without a worker)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def read(self, fn: Callable[[Workspace], Any], done: Callable[[Any], None]) -> None:
        """Run ``fn`` now."""
        done(fn(self.workspace))

    def set_step(self, edition_id: int, step_id: str, *, status: StepStatus, done_on: dt.date | None, note: str,
                 force_reason: str, today: dt.date, done: Done, failed: Failed) -> None:
        """Record where a step stands, now."""
        self._now(lambda: ops.set_step(self.workspace, edition_id, step_id, status=status, done_on=done_on,
                                       note=note, force_reason=force_reason, today=today), done, failed)

    def set_trigger(self, edition_id: int, trigger_kind: TriggerKind, trigger_date: dt.date | None, *,
                    done: Done, failed: Failed) -> None:
        """Record the trigger, now."""
        self._now(lambda: ops.set_trigger(self.workspace, edition_id, trigger_kind, trigger_date), done, failed)

    def add_extension(self, edition_id: int, *, new_due: dt.date, reason: str, granted_on: dt.date | None,
                      note: str, done: Done, failed: Failed) -> None:
        """Record an extension, now."""
        self._now(lambda: ops.add_extension(self.workspace, edition_id, new_due=new_due, reason=reason,
                                            granted_on=granted_on, note=note), done, failed)

    def set_posting(self, edition_id: int, *, posted_on: dt.date | None, removed_on: dt.date | None, note: str,
                    done: Done, failed: Failed) -> None:
        """Record the posting, now."""
        self._now(lambda: ops.set_posting(self.workspace, edition_id, posted_on=posted_on, removed_on=removed_on,
                                          note=note), done, failed)

    @staticmethod
    def _now(operation: Callable[[], object], done: Done, failed: Failed) -> None:
        try:
            operation()
        except WorkspaceError as exc:
            failed(exc)
            return
        done()

    def watch(self, callback: Callable[[], None]) -> None:
        """Subscribe to the workspace; a deleted view is dropped quietly."""
        ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else (lambda: callback)

        def listener(changes: object) -> None:
            target = ref()
            if target is not None and concerns_procedure(changes):
                try:
                    target()
                except RuntimeError:  # the widget's C++ side is gone
                    pass

        self.workspace.subscribe(listener)


class SessionBackend:
    """Goes through the window's ``PlanSession`` (the workspace lives on its worker thread)."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def read(self, fn: Callable[[Workspace], Any], done: Callable[[Any], None]) -> None:
        """Queue a read on the worker."""
        self.session.read(fn, done)

    # Operations are queued on the worker; the window's views refresh as after any operation.

    def set_step(self, edition_id: int, step_id: str, *, status: StepStatus, done_on: dt.date | None, note: str,
                 force_reason: str, today: dt.date, done: Done, failed: Failed) -> None:
        """Record where a step stands, on the worker."""
        self.session.set_step(edition_id, step_id, status=status, done_on=done_on, note=note,
                              force_reason=force_reason, today=today, done=lambda _r: done(), failed=failed)

    def set_trigger(self, edition_id: int, trigger_kind: TriggerKind, trigger_date: dt.date | None, *,
                    done: Done, failed: Failed) -> None:
        """Record the trigger, on the worker."""
        self.session.set_trigger(edition_id, trigger_kind, trigger_date, done=lambda _r: done(), failed=failed)

    def add_extension(self, edition_id: int, *, new_due: dt.date, reason: str, granted_on: dt.date | None,
                      note: str, done: Done, failed: Failed) -> None:
        """Record an extension, on the worker."""
        self.session.add_extension(edition_id, new_due=new_due, reason=reason, granted_on=granted_on, note=note,
                                   done=lambda _r: done(), failed=failed)

    def set_posting(self, edition_id: int, *, posted_on: dt.date | None, removed_on: dt.date | None, note: str,
                    done: Done, failed: Failed) -> None:
        """Record the posting, on the worker."""
        self.session.set_posting(edition_id, posted_on=posted_on, removed_on=removed_on, note=note,
                                 done=lambda _r: done(), failed=failed)

    def watch(self, callback: Callable[[], None]) -> None:
        """Follow the session's refreshes (the connection ends with the widget that owns ``callback``)."""
        owner = getattr(callback, "__self__", None)
        relay = _RefreshRelay(callback, owner if isinstance(owner, QObject) else None)
        if owner is None or not isinstance(owner, QObject):
            self._relays = [*getattr(self, "_relays", []), relay]  # keep it alive
        self.session.refreshed.connect(relay.on_refresh)


class _RefreshRelay(QObject):
    """Receives the session's refreshes on behalf of a view; Qt disconnects it when the view is deleted."""

    def __init__(self, callback: Callable[[], None], parent: QObject | None) -> None:
        super().__init__(parent)
        self._callback = callback

    @Slot(object)
    def on_refresh(self, refresh: Any) -> None:
        """Pass the refresh on when it concerns the procedure."""
        if any(concerns_procedure(c) for c in getattr(refresh, "changes", ())):
            self._callback()


def _alive(obj: QObject) -> bool:
    """False once the Qt side of ``obj`` was deleted (an answer from the worker may come late)."""
    return shiboken6.isValid(obj)


# --- small widgets -------------------------------------------------------------------------------------------

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


class _SubmitDialog(QDialog):
    """A form whose Save runs an operation; an error keeps the dialog open and shows the message."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit: Callable[[_SubmitDialog], None] | None = None
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.hide()
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(TEXTS["save"])
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(TEXTS["cancel"])
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
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


class StepDialog(_SubmitDialog):
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


class _TriggerDialog(_SubmitDialog):
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


class _ExtensionDialog(_SubmitDialog):
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


class _PostingDialog(_SubmitDialog):
    def __init__(self, state: ProcedureState, parent: QWidget | None) -> None:
        super().__init__(TEXTS["posting_dialog"], parent)
        self.posted_on = ThaiDateEdit(state.posting.posted_on)
        self.removed_on = ThaiDateEdit(state.posting.removed_on)
        self.note = QLineEdit(state.posting.note)
        self.form.addRow(TEXTS["posted_on"], self.posted_on)
        self.form.addRow(TEXTS["removed_on"], self.removed_on)
        self.form.addRow(TEXTS["posting_note"], self.note)
        self.finish_layout()


# --- the chart -------------------------------------------------------------------------------------------------

class StepBox(QGraphicsObject):
    """One step's box: number, title, status colour and the date done."""

    clicked = Signal(str)

    def __init__(self, state: StepState, size: QSize, base_font: QFont, current: bool) -> None:
        super().__init__()
        self.state = state
        self.current = current
        self._rect = QRectF(0, 0, size.width(), size.height())
        self._title_font = _font(base_font, _TITLE_PX)
        self._status_font = _font(base_font, _STATUS_PX, bold=True)
        self._number_font = _font(base_font, 13, bold=True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)
        self.setToolTip(self._tooltip())
        self._hover = False

    @property
    def step_id(self) -> str:
        """The step shown."""
        return self.state.id

    @property
    def fill_colour(self) -> QColor:
        """The status colour filling the box."""
        return QColor(STATUS_COLOURS[self.state.status][0])

    @property
    def status_text(self) -> str:
        """The line under the title: status and the Buddhist-era date."""
        if self.state.done and self.state.done_on:
            return TEXTS["box_done"].format(date=format_thai_date(self.state.done_on, short=True))
        return STATUS_LABELS[self.state.status]

    def _tooltip(self) -> str:
        s = self.state
        lines = [f"{s.step.number}. {s.step.title}", s.step.actor.name,
                 TEXTS["tip_status"].format(status=STATUS_LABELS[s.status])]
        if s.done_on:
            lines.append(TEXTS["tip_date"].format(date=format_thai_date(s.done_on)))
        if s.note:
            lines.append(TEXTS["tip_note"].format(note=s.note))
        if s.forced_reason:
            lines.append(TEXTS["tip_forced"].format(reason=s.forced_reason))
        lines.append(TEXTS["click_to_edit"])
        return "\n".join(lines)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        """The box with room for its border."""
        return self._rect.adjusted(-3, -3, 3, 3)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        """Rounded box, number badge, title, status line."""
        fill, border, ink = STATUS_COLOURS[self.state.status]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(_FORCED_BORDER if self.state.forced_reason else border),
                   3.0 if (self.current or self._hover) else 1.6)
        if self.state.forced_reason:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill_colour = QColor(fill)
        if self._hover:
            fill_colour = fill_colour.darker(106)
        painter.setBrush(QBrush(fill_colour))
        painter.drawRoundedRect(self._rect, 10, 10)
        # number badge
        badge = QRectF(_PAD - 2, _PAD - 2, 24, 24)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(border))
        painter.drawEllipse(badge)
        painter.setPen(QColor("white"))
        painter.setFont(self._number_font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(self.state.step.number))
        # title
        painter.setPen(_INK)
        painter.setFont(self._title_font)
        status_h = QFontMetricsF(self._status_font).height() + _PAD
        title_rect = QRectF(_PAD + 20, _PAD, self._rect.width() - 2 * _PAD - 20,
                            self._rect.height() - _PAD - status_h - _PAD)
        lines = wrap_lines(self.state.step.title, self._title_font, title_rect.width())
        painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignCenter), "\n".join(lines))
        # status and date
        painter.setPen(QColor(ink))
        painter.setFont(self._status_font)
        status_rect = QRectF(_PAD, self._rect.height() - status_h, self._rect.width() - 2 * _PAD, status_h - 4)
        text = self.status_text
        if self.state.forced_reason:
            text += " ⚠"
        painter.drawText(status_rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def hoverEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Highlight under the mouse."""
        self._hover = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Remove the highlight."""
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt override
        """Take the press so the release reaches this box."""
        event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt override
        """A click edits the step."""
        if self._rect.contains(event.pos()):
            self.clicked.emit(self.state.id)


def wrap_lines(text: str, font: QFont, width: float) -> list[str]:
    """Break Thai text into lines no wider than ``width``, at word boundaries, keeping ``_UNBROKEN`` words whole."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    breaks = []
    while (position := finder.toNextBoundary()) != -1:
        breaks.append(position)
    protected: set[int] = set()
    for word in _UNBROKEN:
        start = text.find(word)
        while start != -1:
            protected.update(range(start + 1, start + len(word)))
            start = text.find(word, start + 1)
    pieces, last = [], 0
    for position in breaks:
        if position not in protected and position > last:
            pieces.append(text[last:position])
            last = position
    if last < len(text):
        pieces.append(text[last:])
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    for piece in pieces:
        if lines and metrics.horizontalAdvance((lines[-1] + piece).rstrip()) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return [line.strip() for line in lines if line.strip()]


def _wrapped_height(text: str, font: QFont, width: float) -> float:
    return len(wrap_lines(text, font, width)) * QFontMetricsF(font).lineSpacing()


def _arrow(start: QPointF, end: QPointF, colour: QColor) -> list[QGraphicsItem]:
    path = QPainterPath(start)
    path.lineTo(end)
    from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsPolygonItem

    line = QGraphicsPathItem(path)
    line.setPen(QPen(colour, 2.0))
    direction = end - start
    length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
    ux, uy = direction.x() / length, direction.y() / length
    size = 10.0
    back = QPointF(end.x() - ux * size, end.y() - uy * size)
    left = QPointF(back.x() - uy * size * 0.55, back.y() + ux * size * 0.55)
    right = QPointF(back.x() + uy * size * 0.55, back.y() - ux * size * 0.55)
    head = QGraphicsPolygonItem(QPolygonF([end, left, right]))
    head.setPen(QPen(colour, 1.0))
    head.setBrush(colour)
    return [line, head]


def build_scene(state: ProcedureState, base_font: QFont, scene: QGraphicsScene) -> dict[str, StepBox]:
    """Draw the chart of ``state`` into ``scene`` (cleared first); returns the boxes by step id."""
    scene.clear()
    proc = state.procedure
    title_font = _font(base_font, _TITLE_PX)
    status_h = QFontMetricsF(_font(base_font, _STATUS_PX, bold=True)).height() + _PAD
    title_w = _BOX_W - 2 * _PAD - 20
    tallest = max(_wrapped_height(s.title, title_font, title_w) for s in proc.steps)
    box_h = round(_PAD + tallest + _PAD + status_h + 10)
    label_font = _font(base_font, _LABEL_PX, bold=True)
    label_h = max(_wrapped_height(a.name, label_font, _LABEL_W - 2 * _PAD) for a in proc.actors)
    lane_h = max(box_h + 2 * _LANE_GAP, label_h + 2 * _PAD)
    lanes = len(proc.actors)
    width = _LABEL_W + proc.columns * _COL_W
    chart_top = _TITLE_H

    heading = QGraphicsSimpleTextItem(TEXTS["chart_title"])
    heading.setFont(_font(base_font, 20, bold=True))
    heading.setBrush(_INK)
    heading.setPos((width - heading.boundingRect().width()) / 2, (_TITLE_H - heading.boundingRect().height()) / 2)
    scene.addItem(heading)

    for actor in proc.actors:
        top = chart_top + actor.lane * lane_h
        lane = QGraphicsRectItem(0, top, width, lane_h)
        lane.setBrush(QColor(_LANE_FILLS[actor.lane % 2]))
        lane.setPen(QPen(QColor("#94a3b8"), 1.0))
        scene.addItem(lane)
        cell = QGraphicsRectItem(0, top, _LABEL_W, lane_h)
        cell.setBrush(QColor(_LABEL_FILL))
        cell.setPen(QPen(QColor("#94a3b8"), 1.0))
        scene.addItem(cell)
        label = QGraphicsTextItem()
        label.setDefaultTextColor(_INK)
        label.setFont(label_font)
        label.setTextWidth(_LABEL_W - 2 * _PAD)
        label.setHtml("<div align='center'>" + "<br>".join(wrap_lines(actor.name, label_font, _LABEL_W - 3 * _PAD))
                      + "</div>")
        label.setPos(_PAD, top + (lane_h - label.boundingRect().height()) / 2)
        scene.addItem(label)

    current = state.current_step.id if state.current_step is not None else None
    boxes: dict[str, StepBox] = {}
    for step_state in state.steps:
        step = step_state.step
        box = StepBox(step_state, QSize(int(_BOX_W), box_h), base_font, step.id == current)
        x = _LABEL_W + step.column * _COL_W + (_COL_W - _BOX_W) / 2
        y = chart_top + step.lane * lane_h + (lane_h - box_h) / 2
        box.setPos(x, y)
        box.setZValue(2)
        scene.addItem(box)
        boxes[step.id] = box

    ink = QColor("#374151")
    for before, after in proc.arrows:
        a, b = boxes[before], boxes[after]
        ra, rb = a.sceneBoundingRect().adjusted(3, 3, -3, -3), b.sceneBoundingRect().adjusted(3, 3, -3, -3)
        if a.state.step.lane == b.state.step.lane:
            start, end = QPointF(ra.right(), ra.center().y()), QPointF(rb.left(), rb.center().y())
        else:
            start, end = QPointF(ra.center().x(), ra.bottom()), QPointF(rb.center().x(), rb.top())
        for item in _arrow(start, end, ink):
            item.setZValue(1)
            scene.addItem(item)

    _add_cards(state, scene, base_font, chart_top, lane_h)

    # legend
    legend_top = chart_top + lanes * lane_h + 10
    legend_font = _font(base_font, 14)
    x = _LABEL_W
    caption = QGraphicsSimpleTextItem(TEXTS["legend"])
    caption.setFont(_font(base_font, 14, bold=True))
    caption.setPos(x - caption.boundingRect().width() - 10, legend_top + 2)
    scene.addItem(caption)
    for status in StepStatus:
        fill, border, _ink = STATUS_COLOURS[status]
        swatch = QGraphicsRectItem(x, legend_top + 4, 26, 16)
        swatch.setBrush(QColor(fill))
        swatch.setPen(QPen(QColor(border), 1.4))
        scene.addItem(swatch)
        text = QGraphicsSimpleTextItem(STATUS_LABELS[status])
        text.setFont(legend_font)
        text.setPos(x + 32, legend_top + 2)
        scene.addItem(text)
        x += 32 + text.boundingRect().width() + 28
    forced = QGraphicsRectItem(x, legend_top + 4, 26, 16)
    forced.setPen(QPen(QColor(_FORCED_BORDER), 1.6, Qt.PenStyle.DashLine))
    scene.addItem(forced)
    forced_text = QGraphicsSimpleTextItem(TEXTS["forced_mark"])
    forced_text.setFont(legend_font)
    forced_text.setPos(x + 32, legend_top + 2)
    scene.addItem(forced_text)

    scene.setSceneRect(QRectF(-6, -2, width + 12, legend_top + _LEGEND_H + 2))
    return boxes


def focus_deadline(state: ProcedureState) -> Deadline:
    """The deadline that matters now: the first one still open, else the last one met."""
    pending = [d for d in state.deadlines if d.state not in (DeadlineState.MET, DeadlineState.UNKNOWN)]
    if pending:
        return pending[0]
    known = [d for d in state.deadlines if d.state is not DeadlineState.UNKNOWN]
    return known[-1] if known else state.deadlines[0]


def _add_cards(state: ProcedureState, scene: QGraphicsScene, base_font: QFont, chart_top: float,
               lane_h: float) -> None:
    """Fill the staircase's empty corners: the trigger (middle lane), the deadline that matters (bottom)."""
    from PySide6.QtWidgets import QGraphicsPathItem

    proc = state.procedure
    edition = state.edition
    deadline = focus_deadline(state)
    colour = _STATE_TEXT_COLOURS[deadline.state]
    due = TEXTS["due"].format(date=format_thai_date(deadline.due)) if deadline.due else ""
    trigger_date = format_thai_date(edition.trigger_date) if edition.trigger_date else TEXTS["card_no_date"]
    size = _TITLE_PX + 5 if deadline.due is not None else _TITLE_PX  # days left stand out
    cards = {
        1: (f"<b>{TEXTS['trigger_group']}</b><br>{state.trigger_label}<br>{trigger_date}", "#64748b"),
        2: (f"<b>{deadline.title}</b><br>{due}<br><span style='color:{colour}; font-size:{size}px;'>"
            f"<b>{deadline.status_text}</b></span>", colour),
    }
    for lane, (html, border) in cards.items():
        columns = [s.column for s in proc.steps if s.lane == lane]
        free = min(columns) if columns else 0
        if free < 2 or lane >= len(proc.actors):
            continue
        x = _LABEL_W + 14
        width = free * _COL_W - 28
        text = QGraphicsTextItem()
        text.setFont(_font(base_font, _TITLE_PX))
        text.setDefaultTextColor(_INK)
        text.setTextWidth(width - 2 * _PAD)
        text.setHtml(f"<div align='center'>{html}</div>")
        height = text.boundingRect().height() + 2 * _PAD
        top = chart_top + lane * lane_h + (lane_h - height) / 2
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, top, width, height), 8, 8)
        card = QGraphicsPathItem(path)
        card.setBrush(QColor("white"))
        card.setPen(QPen(QColor(border), 2.0 if lane == 2 else 1.0))
        scene.addItem(card)
        text.setPos(x + _PAD, top + _PAD)
        scene.addItem(text)


class _ChartView(QGraphicsView):
    """The chart, always scaled to fit the widget."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor("white"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumSize(360, 200)

    def fit(self) -> None:
        """Scale the whole chart into the widget, keeping its proportions."""
        if not self.scene().sceneRect().isEmpty():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Scale with the window."""
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Fit when first shown."""
        super().showEvent(event)
        self.fit()


# --- the side panel --------------------------------------------------------------------------------------------

def _group(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("group")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 8, 10, 10)
    layout.setSpacing(4)
    head = QLabel(title)
    head.setStyleSheet("font-weight: bold; color: #1e3a8a;")
    head.setWordWrap(True)
    layout.addWidget(head)
    return frame, layout


def _label(text: str, colour: str | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    style = []
    if colour:
        style.append(f"color: {colour};")
    if bold:
        style.append("font-weight: bold;")
    if style:
        label.setStyleSheet(" ".join(style))
    return label


def _clear(layout: QVBoxLayout, keep: int = 1, spare: tuple[QWidget, ...] = ()) -> None:
    """Remove the rows after the group's heading; the ``spare`` widgets (its buttons) are kept alive."""
    while layout.count() > keep:
        item = layout.takeAt(keep)
        widget = item.widget() if item is not None else None
        if widget is not None and widget not in spare:
            widget.hide()
            widget.deleteLater()


def _add(layout: QVBoxLayout, widget: QWidget) -> None:
    """Add a row to a group and show it now (a child added to a visible window stays hidden otherwise)."""
    layout.addWidget(widget)
    widget.setVisible(True)


# --- the screen ------------------------------------------------------------------------------------------------

class ProcedureView(QWidget):
    """The procedure of one edition: the chart, and the deadlines beside it."""

    stateChanged = Signal(object)  # noqa: N815 - Qt signal naming; the ProcedureState just shown
    failed = Signal(str)  # a Thai message the window may show (reads that went wrong)

    def __init__(self, backend: ProcedureBackend, edition_id: int, *,
                 today: Callable[[], dt.date] | dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.edition_id = edition_id
        self._today_source = today
        self.state: ProcedureState | None = None
        self.boxes: dict[str, StepBox] = {}
        self.dialog: _SubmitDialog | None = None

        self.scene = QGraphicsScene(self)
        self.chart = _ChartView(self.scene)
        self.panel = QWidget()
        self.panel.setObjectName("procedurePanel")
        self.panel.setStyleSheet("#procedurePanel { background: #f8fafc; } "
                                 "QFrame#group { background: white; border: 1px solid #cbd5e1; "
                                 "border-radius: 6px; }")
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(8, 8, 8, 8)
        panel_layout.setSpacing(8)
        self.heading = _label(TEXTS["loading"], bold=True)
        self.heading.setStyleSheet("font-weight: bold; font-size: 15px;")
        panel_layout.addWidget(self.heading)
        self.warnings_frame, self.warnings_layout = _group(TEXTS["warnings_head"])
        self.warnings_frame.setStyleSheet("QFrame#group { background: #fef2f2; border: 1px solid #fca5a5; }")
        panel_layout.addWidget(self.warnings_frame)
        self.trigger_frame, self.trigger_layout = _group(TEXTS["trigger_group"])
        panel_layout.addWidget(self.trigger_frame)
        self.deadlines_frame, self.deadlines_layout = _group(TEXTS["deadlines_group"])
        panel_layout.addWidget(self.deadlines_frame)
        self.extensions_frame, self.extensions_layout = _group(TEXTS["extensions_group"])
        panel_layout.addWidget(self.extensions_frame)
        self.posting_frame, self.posting_layout = _group(TEXTS["posting_group"])
        panel_layout.addWidget(self.posting_frame)
        self.amendments_frame, self.amendments_layout = _group(TEXTS["amendments_group"])
        panel_layout.addWidget(self.amendments_frame)
        self.export_button = QPushButton(TEXTS["export_png"])
        self.export_button.clicked.connect(self._ask_export_png)
        panel_layout.addWidget(self.export_button)
        panel_layout.addStretch(1)

        self.trigger_button = QPushButton(TEXTS["trigger_edit"])
        self.trigger_button.clicked.connect(self.edit_trigger)
        self.extension_button = QPushButton(TEXTS["extension_add"])
        self.extension_button.clicked.connect(self.add_extension)
        self.posting_button = QPushButton(TEXTS["posting_edit"])
        self.posting_button.clicked.connect(self.edit_posting)

        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(250)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)  # a wider window widens the chart
        self.splitter.setStretchFactor(1, 0)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        backend.watch(self.reload)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """On first show give the panel about a quarter of the width (the user may drag it later)."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = max(self.width(), 600)
            panel = int(min(380, max(250, width * 0.27)))
            self.splitter.setSizes([width - panel, panel])

    # --- construction shortcuts ---------------------------------------------------------------------------

    @classmethod
    def for_workspace(cls, workspace: Workspace, edition_id: int, **kwargs: Any) -> ProcedureView:
        """A view calling ``workspace`` directly on the GUI thread."""
        return cls(DirectBackend(workspace), edition_id, **kwargs)

    @classmethod
    def for_session(cls, session: Any, edition_id: int, **kwargs: Any) -> ProcedureView:
        """A view going through the window's ``PlanSession`` (its worker thread)."""
        return cls(SessionBackend(session), edition_id, **kwargs)

    # --- data ----------------------------------------------------------------------------------------------

    def today(self) -> dt.date:
        """The day deadlines are counted from (injectable for tests and the demo)."""
        source = self._today_source
        if source is None:
            return dt.date.today()
        return source() if callable(source) else source

    def set_edition(self, edition_id: int) -> None:
        """Show another edition."""
        self.edition_id = edition_id
        self.reload()

    def reload(self) -> None:
        """Read the procedure again and redraw."""
        edition_id, today = self.edition_id, self.today()
        self.backend.read(lambda ws: load_procedure(ws, edition_id, today=today), self._show)

    def _show(self, state: ProcedureState) -> None:
        if not _alive(self) or state.edition.id != self.edition_id:
            return  # an answer for an edition no longer shown
        self.state = state
        self.boxes = build_scene(state, self.font(), self.scene)
        for box in self.boxes.values():
            box.clicked.connect(self.edit_step)
        self.chart.fit()
        self._fill_panel(state)
        self.stateChanged.emit(state)

    def _fill_panel(self, state: ProcedureState) -> None:
        edition = state.edition
        status = (TEXTS["announced"].format(date=format_thai_date(edition.announcement_date))
                  if state.announced and edition.announcement_date else TEXTS["draft"])
        self.heading.setText(TEXTS["edition"].format(year=edition.fiscal_year, label=edition.label) + "\n" + status)

        _clear(self.warnings_layout)
        for warning in state.warnings:
            colour = _STATE_TEXT_COLOURS[warning.state]
            _add(self.warnings_layout, _label(warning.message, colour, bold=True))
        self.warnings_frame.setVisible(bool(state.warnings))

        _clear(self.trigger_layout, spare=(self.trigger_button,))
        key = "trigger_line" if edition.trigger_date else "trigger_missing"
        date = format_thai_date(edition.trigger_date) if edition.trigger_date else ""
        _add(self.trigger_layout, _label(TEXTS[key].format(what=state.trigger_label, date=date)))
        _add(self.trigger_layout, self.trigger_button)

        _clear(self.deadlines_layout)
        for deadline in state.deadlines:
            _add(self.deadlines_layout, self._deadline_widget(deadline))

        _clear(self.extensions_layout, spare=(self.extension_button,))
        if not state.extensions:
            _add(self.extensions_layout, _label(TEXTS["no_extensions"], "#6b7280"))
        for ext in state.extensions:
            text = TEXTS["extension_line"].format(date=format_thai_date(ext.new_due), reason=ext.reason)
            if ext.granted_on:
                text += TEXTS["extension_granted"].format(date=format_thai_date(ext.granted_on, short=True))
            if ext.note:
                text += f" ({ext.note})"
            _add(self.extensions_layout, _label(text))
        _add(self.extensions_layout, self.extension_button)
        self.extension_button.setEnabled(edition.trigger_date is not None)

        _clear(self.posting_layout, spare=(self.posting_button,))
        posting = state.posting
        if posting.posted_on:
            text = TEXTS["posting_line"].format(date=format_thai_date(posting.posted_on))
            if posting.removed_on:
                text += "\n" + TEXTS["posting_removed"].format(date=format_thai_date(posting.removed_on))
            if posting.note:
                text += f"\n{posting.note}"
        else:
            text = TEXTS["posting_none"]
        _add(self.posting_layout, _label(text))
        _add(self.posting_layout, self.posting_button)
        self.posting_button.setEnabled(state.announced)

        _clear(self.amendments_layout)
        if not state.amendments:
            _add(self.amendments_layout, _label(TEXTS["no_amendments"], "#6b7280"))
        for amendment in state.amendments:
            text = TEXTS["amendment_line"].format(label=amendment.label, reason=amendment.reason,
                                                  date=format_thai_date(amendment.amended_on, short=True))
            label = _label(text)
            if amendment.changes:
                label.setToolTip(amendment.changes)
            _add(self.amendments_layout, label)
        self.amendments_frame.setVisible(state.announced or bool(state.amendments))

    @staticmethod
    def _deadline_widget(deadline: Deadline) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(1)
        layout.addWidget(_label(deadline.title, bold=True))
        if deadline.due is not None:
            text = TEXTS["due"].format(date=format_thai_date(deadline.due))
            if deadline.extended and deadline.original_due:
                text += TEXTS["extended_from"].format(date=format_thai_date(deadline.original_due, short=True))
            layout.addWidget(_label(text))
        status = _label(deadline.status_text, _STATE_TEXT_COLOURS[deadline.state],
                        bold=deadline.state.is_warning)
        if deadline.state.is_warning:
            status.setStyleSheet(status.styleSheet() + " font-size: 15px;")
        status.setObjectName(f"deadline_{deadline.kind}")
        layout.addWidget(status)
        return widget

    def panel_text(self) -> str:
        """Everything the side panel says, top to bottom (for tests and accessibility)."""
        def shown(widget: QWidget | None) -> bool:
            while widget is not None and widget is not self.panel:
                if widget.isHidden():
                    return False
                widget = widget.parentWidget()
            return True

        return "\n".join(label.text() for label in self.panel.findChildren(QLabel)
                         if shown(label) and label.text())

    def box(self, step_id: str) -> StepBox:
        """The box of a step."""
        return self.boxes[step_id]

    # --- editing ---------------------------------------------------------------------------------------------

    def _open(self, dialog: _SubmitDialog, submit: Callable[[_SubmitDialog], None]) -> _SubmitDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog.submit = submit
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: _SubmitDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _run(self, dialog: _SubmitDialog, operation: Callable[[Done, Failed], None]) -> None:
        """Run ``operation(done, failed)`` (a backend method) for a dialog: it closes or shows the error."""
        def failed(exc: BaseException) -> None:
            if not _alive(dialog):
                return
            message = str(exc) if isinstance(exc, WorkspaceError) else f"{type(exc).__name__}: {exc}"
            if isinstance(exc, ops.StepOrderError) and isinstance(dialog, StepDialog):
                dialog.offer_force(message)
            else:
                dialog.fail(message)
        operation(lambda: dialog.succeed() if _alive(dialog) else None, failed)

    def edit_step(self, step_id: str) -> StepDialog | None:
        """Open the dialog that edits one step (the click on a box)."""
        if self.state is None:
            return None
        today = self.today()
        dialog = StepDialog(self.state.step(step_id), today, self)
        edition_id = self.edition_id

        def submit(d: _SubmitDialog) -> None:
            assert isinstance(d, StepDialog)
            try:
                status = d.status()
                done_on = d.date_of(d.date_edit, TEXTS["date_done"], required=status is StepStatus.DONE) \
                    if status is StepStatus.DONE else None
            except ValueError as exc:
                d.fail(str(exc))
                return
            note = d.note_edit.text()
            reason = d.force_reason.text() if d.force_box.isChecked() else ""
            if d.force_box.isChecked() and not reason.strip():
                d.fail(TEXTS["force_hint"])
                return
            self._run(d, lambda done, failed: self.backend.set_step(
                edition_id, step_id, status=status, done_on=done_on, note=note, force_reason=reason, today=today,
                done=done, failed=failed))

        self._open(dialog, submit)
        return dialog

    def edit_trigger(self) -> _SubmitDialog | None:
        """Open the dialog for what opened the 30-day window and when."""
        if self.state is None:
            return None
        edition = self.state.edition
        dialog = _TriggerDialog(TriggerKind(edition.trigger_kind), edition.trigger_date, self)
        edition_id = self.edition_id

        def submit(d: _SubmitDialog) -> None:
            assert isinstance(d, _TriggerDialog)
            try:
                date = d.date_of(d.date, TEXTS["trigger_date"], required=True)
            except ValueError as exc:
                d.fail(str(exc))
                return
            kind = d.kind.currentData()
            self._run(d, lambda done, failed: self.backend.set_trigger(edition_id, kind, date, done=done,
                                                                      failed=failed))

        return self._open(dialog, submit)

    def add_extension(self) -> _SubmitDialog | None:
        """Open the dialog recording an extension granted by the executive."""
        if self.state is None:
            return None
        dialog = _ExtensionDialog(self)
        edition_id = self.edition_id

        def submit(d: _SubmitDialog) -> None:
            assert isinstance(d, _ExtensionDialog)
            try:
                new_due = d.date_of(d.new_due, TEXTS["new_due"], required=True)
                granted = d.date_of(d.granted_on, TEXTS["granted_on"])
            except ValueError as exc:
                d.fail(str(exc))
                return
            assert new_due is not None
            reason, note = d.reason.text(), d.note.text()
            self._run(d, lambda done, failed: self.backend.add_extension(
                edition_id, new_due=new_due, reason=reason, granted_on=granted, note=note, done=done, failed=failed))

        return self._open(dialog, submit)

    def edit_posting(self) -> _SubmitDialog | None:
        """Open the dialog recording when the plan was posted and taken down."""
        if self.state is None:
            return None
        dialog = _PostingDialog(self.state, self)
        edition_id = self.edition_id

        def submit(d: _SubmitDialog) -> None:
            assert isinstance(d, _PostingDialog)
            try:
                posted = d.date_of(d.posted_on, TEXTS["posted_on"], required=True)
                removed = d.date_of(d.removed_on, TEXTS["removed_on"])
            except ValueError as exc:
                d.fail(str(exc))
                return
            note = d.note.text()
            self._run(d, lambda done, failed: self.backend.set_posting(
                edition_id, posted_on=posted, removed_on=removed, note=note, done=done, failed=failed))

        return self._open(dialog, submit)

    # --- export ------------------------------------------------------------------------------------------------

    def export_png(self, path: Path | str, *, scale: float = 2.0) -> Path:
        """Write the chart (title, lanes, boxes, legend) as a PNG image, ``scale`` × scene size."""
        path = Path(path)
        rect = self.scene.sceneRect()
        image = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.scene.render(painter, QRectF(0, 0, image.width(), image.height()), rect)
        painter.end()
        if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # the stubs want bytes, PySide a str
            raise OSError(f"บันทึกภาพไม่ได้: {path}")
        return path

    def _ask_export_png(self) -> None:
        year = self.state.edition.fiscal_year if self.state else ""
        name, _filter = QFileDialog.getSaveFileName(self, TEXTS["export_png"], TEXTS["png_name"].format(year=year),
                                                    TEXTS["png_filter"])
        if name:
            try:
                self.export_png(name if name.lower().endswith(".png") else name + ".png")
            except OSError as exc:
                self.failed.emit(str(exc))


def show_procedure(context: Any) -> ProcedureView | None:
    """Menu hook (``ui.hooks``): the procedure of the shown edition in a window of its own.

    The main window normally embeds ``ProcedureView.for_session`` as a tab; this is the fallback.
    """
    session = context.session
    edition_id = getattr(session, "edition_id", None)
    if edition_id is None:
        return None
    view = ProcedureView.for_session(session, edition_id, parent=context.window)
    view.setWindowFlag(Qt.WindowType.Window)
    view.setWindowTitle(TEXTS["chart_title"])
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.resize(1200, 700)
    view.show()
    return view
