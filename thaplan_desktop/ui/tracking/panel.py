"""The ติดตามผล tab's side panel: the project under the grid's cursor, its status, disbursements and details.

``TrackingPanel`` shows the project's name, unit and budget; its status as of the tab's day with a form to
record another (status, progress, reason — the mouse's way to what the grid's status cell does), and
three pages: การเบิกจ่าย (``disbursements``), รายละเอียด (``details``) and ประวัติสถานะ (the entries by
effective date, who entered them, and removing one typed by mistake). Everything follows the store, so
undo and changes made elsewhere show at once; refusals are told in one Thai line under the panel.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.tracking import ProjectTracking, TrackingStatus
from thaplan_desktop.tracking.status import STATUS_LABELS
from thaplan_desktop.ui.dialog_parts import error_line
from thaplan_desktop.ui.session import Refresh, user_message
from thaplan_desktop.ui.tracking.backend import TrackingBackend
from thaplan_desktop.ui.tracking.columns import ENTRY_ORDER, status_entry
from thaplan_desktop.ui.tracking.details import DetailsForm
from thaplan_desktop.ui.tracking.disbursements import DisbursementsBox
from thaplan_desktop.ui.tracking.store import StoreDelta, TrackingStore
from thaplan_desktop.workspace import NewStatus, TrackingFields

TEXTS = {
    "empty": "เลือกโครงการในตารางเพื่อดูและบันทึกผลการดำเนินงาน",
    "info": "{unit} · งบประมาณ {budget} บาท",
    "no_unit": "ไม่ระบุหน่วยงาน",
    "status_box": "สถานะ ณ วันที่ {date}",
    "now": "{label}{progress}{since}",
    "progress": " ร้อยละ {progress}",
    "since": " (ตั้งแต่ {date})",
    "reason": "เหตุผล: {reason}",
    "late": "ควรเริ่มดำเนินการแล้วตามแผน (ตามเดือนที่กำหนดในแผน)",
    "status": "สถานะ",
    "progress_label": "ความคืบหน้า (ร้อยละ)",
    "not_said": "ไม่ระบุ",
    "reason_label": "เหตุผล/หมายเหตุ",
    "reason_hint": "ต้องระบุเมื่อยกเลิก",
    "record": "บันทึกสถานะ",
    "pay_tab": "การเบิกจ่าย",
    "details_tab": "รายละเอียด",
    "history_tab": "ประวัติสถานะ",
    "history": "วันที่มีผล|สถานะ|ร้อยละ|เหตุผล|ผู้บันทึก",  # the history's column titles
    "delete_entry": "ลบบันทึกสถานะที่เลือก",
    "delete_tip": "ลบบันทึกที่บันทึกผิด (เรียกคืนได้ด้วย Ctrl+Z)",
}


class TrackingPanel(QWidget):
    """What is known of one project in use, and the forms to change it."""

    def __init__(self, store: TrackingStore, backend: TrackingBackend,
                 record_status: Callable[[int, NewStatus], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.backend = backend
        self.record_status = record_status  # through the grid's model: the grid shows it at once
        self.project_id: int | None = None
        # The status form holds a choice not yet recorded: a change arriving meanwhile (another window's, an
        # undo) refreshes the rest of the panel and leaves the officer's choice as it is.
        self._form_edited = False
        self._filling = False
        self.name = QLabel(TEXTS["empty"])
        self.name.setObjectName("panel_name")
        self.name.setWordWrap(True)
        self.name.setStyleSheet("font-weight: bold;")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.error = error_line()
        self.error.setObjectName("panel_error")

        self.status_box = QGroupBox()
        self.now = QLabel()
        self.now.setObjectName("panel_status")
        self.now.setWordWrap(True)
        self.status_combo = QComboBox()
        for number, status in enumerate(ENTRY_ORDER, start=1):
            self.status_combo.addItem(f"{number} · {STATUS_LABELS[status]}", status)
        self.progress_spin = QSpinBox()
        self.progress_spin.setRange(-1, 100)
        self.progress_spin.setSpecialValueText(TEXTS["not_said"])
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(TEXTS["reason_hint"])
        self.record_button = QPushButton(TEXTS["record"])
        self.record_button.clicked.connect(self.record)
        self.status_combo.activated.connect(self._form_changed)
        self.progress_spin.valueChanged.connect(self._form_changed)
        self.reason_edit.textEdited.connect(self._form_changed)
        form = QFormLayout(self.status_box)
        form.addRow(self.now)
        form.addRow(TEXTS["status"], self.status_combo)
        form.addRow(TEXTS["progress_label"], self.progress_spin)
        form.addRow(TEXTS["reason_label"], self.reason_edit)
        form.addRow(self.record_button)

        self.disbursements = DisbursementsBox(store, backend, self.show_error)
        self.details = DetailsForm()
        self.details.save_requested.connect(self._save_details)
        self.details.refused.connect(self.show_error)
        titles = TEXTS["history"].split("|")
        self.history = QTableWidget(0, len(titles))
        self.history.setObjectName("status_history")
        self.history.setHorizontalHeaderLabels(titles)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.delete_entry = QPushButton(TEXTS["delete_entry"])
        self.delete_entry.setToolTip(TEXTS["delete_tip"])
        self.delete_entry.clicked.connect(self.delete_selected_entry)
        history_page = QWidget()
        history_layout = QVBoxLayout(history_page)
        history_layout.addWidget(self.history, 1)
        row = QHBoxLayout()
        row.addWidget(self.delete_entry)
        row.addStretch(1)
        history_layout.addLayout(row)

        self.pages = QTabWidget()
        self.pages.addTab(self.disbursements, TEXTS["pay_tab"])
        self.pages.addTab(self.details, TEXTS["details_tab"])
        self.pages.addTab(history_page, TEXTS["history_tab"])

        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.info)
        layout.addWidget(self.status_box)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        store.changed.connect(self._on_store_changed)
        self.show_project(None)

    # --- showing ----------------------------------------------------------------------------------------

    def show_project(self, project_id: int | None) -> None:
        """Show a project (None: none); unsaved details of the one shown before are saved first."""
        if project_id != self.project_id:
            self.details.save()
            self.error.hide()
            self._form_edited = False
        self.project_id = project_id
        self._fill(reset_form=True)

    def _on_store_changed(self, delta: StoreDelta) -> None:
        if self.project_id is not None and (delta.reset or self.project_id in delta.projects):
            if self.project_id not in self.store.state.projects:
                self.project_id = None
            self._fill(reset_form=False)

    def _fill(self, *, reset_form: bool) -> None:
        project_id = self.project_id
        project = self.store.state.projects.get(project_id) if project_id is not None else None
        tracked = self.store.row(project_id) if project_id is not None else None
        editable = tracked is not None and project is not None and self.store.state.may_edit(project)
        self.status_box.setEnabled(editable)  # (another unit's project, for a department's login: read only)
        self.pages.setEnabled(editable)
        self.status_box.setTitle(TEXTS["status_box"].format(date=format_thai_date(self.store.as_of)))
        if project is None:
            self.name.setText(TEXTS["empty"])
            self.info.setText("")
            self.now.setText("")
            self.disbursements.show_project(None)
            self.details.load(None, ProjectTracking(0))
            self.history.setRowCount(0)
            return
        self.name.setText(project.name)
        unit = self.store.state.unit_name(project.unit_id) or TEXTS["no_unit"]
        self.info.setText(TEXTS["info"].format(unit=unit, budget=format_money(project.budget, always_satang=True)))
        self.disbursements.show_project(project.id)
        self.details.load(project.id, self.store.details_of(project.id), force=reset_form)
        self._fill_history(project.id)
        if tracked is None:
            self.now.setText("")
            return
        lines = [TEXTS["now"].format(
            label=STATUS_LABELS[tracked.status],
            progress=TEXTS["progress"].format(progress=tracked.progress) if tracked.progress is not None else "",
            since=TEXTS["since"].format(date=format_thai_date(tracked.since, short=True)) if tracked.since else "")]
        if tracked.reason:
            lines.append(TEXTS["reason"].format(reason=tracked.reason))
        if tracked.should_have_started:
            lines.append(TEXTS["late"])
        self.now.setText("\n".join(lines))
        if reset_form or not self._form_edited:
            self._filling = True
            self.status_combo.setCurrentIndex(ENTRY_ORDER.index(tracked.status))  # the form starts from what is
            self.progress_spin.setValue(tracked.progress if tracked.progress is not None else -1)
            self.reason_edit.setText(tracked.reason)
            self._filling = False
            self._form_edited = False

    def _form_changed(self, *_args: object) -> None:
        if not self._filling:
            self._form_edited = True

    def _fill_history(self, project_id: int) -> None:
        entries = list(reversed(self.store.statuses_of(project_id)))
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (format_thai_date(entry.effective_on, short=True), STATUS_LABELS[entry.status],
                     "" if entry.progress is None else str(entry.progress), entry.reason, entry.entered_by)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                self.history.setItem(row, column, item)
        self.delete_entry.setEnabled(bool(entries))

    # --- changes ----------------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """A refused change, in one Thai line under the panel."""
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def record(self) -> None:
        """Record the status chosen in the form, effective on the tab's as-of day."""
        tracked = self.store.row(self.project_id) if self.project_id is not None else None
        if tracked is None or self.project_id is None:
            return
        status = TrackingStatus(self.status_combo.currentData())  # Qt hands the StrEnum back as its str
        entry = status_entry(tracked, status, self.store.as_of, " ".join(self.reason_edit.text().split()))
        progress = self.progress_spin.value()
        if progress >= 0 and status not in (TrackingStatus.DONE, TrackingStatus.NOT_STARTED):
            entry = NewStatus(entry.status, entry.effective_on, progress, entry.reason)
        self.error.hide()
        self._form_edited = False  # what is recorded comes back through the store and fills the form
        self.record_status(self.project_id, entry)

    def _save_details(self, project_id: int, fields: TrackingFields) -> None:
        def failed(exc: BaseException) -> None:
            if self.project_id == project_id:
                self.details.mark_unsaved()
            self.show_error(user_message(exc))

        def done(_refresh: Refresh) -> None:
            if self.project_id == project_id:
                self.error.hide()

        self.backend.update_tracking(project_id, fields, done=done, failed=failed)

    def delete_selected_entry(self) -> None:
        """Remove the status entry selected in the history (typed by mistake)."""
        item = self.history.item(self.history.currentRow(), 0) if self.history.currentRow() >= 0 else None
        entry_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if entry_id is None:
            return
        self.backend.delete_status(int(entry_id), failed=lambda exc: self.show_error(user_message(exc)))
