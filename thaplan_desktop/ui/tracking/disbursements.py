"""A project's disbursements (ผลการเบิกจ่าย) in the side panel: the list, its total, add / edit / remove.

``DisbursementModel`` lists one project's disbursements by date (date in Thai BE, amount in baht, note;
who entered it in the tooltip). ``DisbursementsBox`` shows it with the total against the budget (and the contract),
and adds (Insert, or the เพิ่ม button), corrects (Enter or a double-click) and removes (Delete) entries
through the backend: each is one undo step, and the list follows the store as the plan changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.tracking import Disbursement
from thaplan_desktop.tracking.report import percent
from thaplan_desktop.ui.session import user_message
from thaplan_desktop.ui.tracking.backend import TrackingBackend
from thaplan_desktop.ui.tracking.dialogs import DisbursementDialog
from thaplan_desktop.ui.tracking.store import TrackingStore
from thaplan_desktop.workspace import DisbursementUpdate, NewDisbursement

TEXTS = {
    "date": "วันที่",
    "amount": "จำนวนเงิน (บาท)",
    "note": "หมายเหตุ",
    "by": "บันทึกโดย {who}",
    "baht": "{amount} บาท",
    "add": "เพิ่ม…",
    "edit": "แก้ไข…",
    "remove": "ลบ",
    "add_tip": "บันทึกการเบิกจ่ายครั้งใหม่ (Insert)",
    "edit_tip": "แก้ไขรายการที่เลือก (Enter หรือดับเบิลคลิก)",
    "remove_tip": "ลบรายการที่เลือก (Delete) เรียกคืนได้ด้วย Ctrl+Z",
    "total": "รวมเบิกจ่าย {disbursed} บาท จากงบประมาณ {budget} บาท ({percent}%)",
    "contract": " · สัญญา {contract} บาท",
    "none": "ยังไม่มีการเบิกจ่าย",
}

Index = QModelIndex | QPersistentModelIndex


class DisbursementModel(QAbstractTableModel):
    """One project's disbursements, by date."""

    COLUMN_TITLES = (TEXTS["date"], TEXTS["amount"], TEXTS["note"])

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Disbursement] = []

    def set_items(self, items: list[Disbursement]) -> None:
        """Show these disbursements (a reset when the list's entries differ, else the changed rows)."""
        if [d.id for d in items] != [d.id for d in self.items]:
            self.beginResetModel()
            self.items = list(items)
            self.endResetModel()
            return
        old, self.items = self.items, list(items)
        for row, (before, after) in enumerate(zip(old, items, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMN_TITLES) - 1))

    def item_at(self, row: int) -> Disbursement | None:
        """The disbursement of a row."""
        return self.items[row] if 0 <= row < len(self.items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMN_TITLES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_thai_date(item.paid_on, short=True)
            if column == 1:
                return format_money(item.amount, always_satang=True)
            return item.note
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [format_thai_date(item.paid_on), TEXTS["baht"].format(amount=format_money(item.amount, always_satang=True)), item.note]
            if item.entered_by:
                lines.append(TEXTS["by"].format(who=item.entered_by))
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and (
                0 <= section < len(self.COLUMN_TITLES)):
            return self.COLUMN_TITLES[section]
        return None


class _List(QTableView):
    """The list: Enter edits the selected disbursement, Delete removes it."""

    def __init__(self, box: DisbursementsBox) -> None:
        super().__init__(box)
        self.box = box

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.box.edit_selected()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.box.remove_selected()
            event.accept()
            return
        super().keyPressEvent(event)


class DisbursementsBox(QWidget):
    """The disbursements of the project shown in the side panel."""

    def __init__(self, store: TrackingStore, backend: TrackingBackend, report: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.backend = backend
        self.report = report  # a refused change, in Thai
        self.project_id: int | None = None
        self.model = DisbursementModel(self)
        self.list = _List(self)
        self.list.setObjectName("disbursement_list")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.doubleClicked.connect(lambda _index: self.edit_selected())
        self.total = QLabel()
        self.total.setObjectName("disbursement_total")
        self.total.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(TEXTS["add"])
        self.add_button.setToolTip(TEXTS["add_tip"])
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button = QPushButton(TEXTS["edit"])
        self.edit_button.setToolTip(TEXTS["edit_tip"])
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton(TEXTS["remove"])
        self.remove_button.setToolTip(TEXTS["remove_tip"])
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.total)
        layout.addLayout(buttons)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Insert), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.add())
        self.show_project(None)

    def show_project(self, project_id: int | None) -> None:
        """Show a project's disbursements (None: nothing)."""
        self.project_id = project_id
        self.refresh()

    def refresh(self) -> None:
        """Follow the store (after any change to the shown project)."""
        project_id = self.project_id
        tracked = self.store.row(project_id) if project_id is not None else None
        self.model.set_items(self.store.disbursements_of(project_id) if project_id is not None else [])
        enabled = tracked is not None
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setEnabled(enabled)
        if tracked is None:
            self.total.setText("")
            return
        text = TEXTS["total"].format(disbursed=format_money(tracked.disbursed, always_satang=True),
                                     budget=format_money(tracked.budget, always_satang=True),
                                     percent=f"{percent(tracked.disbursed, tracked.budget):.2f}")
        if tracked.contracted is not None:
            text += TEXTS["contract"].format(contract=format_money(tracked.contracted, always_satang=True))
        self.total.setText(text if self.model.items else f"{TEXTS['none']} · {text}")

    def _selected(self) -> Disbursement | None:
        index = self.list.currentIndex()
        return self.model.item_at(index.row()) if index.isValid() else None

    def _name(self) -> str:
        project = self.store.state.projects.get(self.project_id) if self.project_id is not None else None
        return project.name if project is not None else ""

    # --- changes ----------------------------------------------------------------------------------------

    def add(self, amount_text: str = "", project_id: int | None = None) -> DisbursementDialog | None:
        """Ask for a new disbursement of the shown project (or ``project_id``), dated the as-of day."""
        project_id = self.project_id if project_id is None else project_id
        if project_id is None or self.store.row(project_id) is None:
            return None
        project = self.store.state.projects.get(project_id)
        dialog = DisbursementDialog(project.name if project else "", paid_on=self.store.as_of,
                                    amount_text=amount_text, parent=self.window())

        def submit(_dialog: object) -> None:
            try:
                paid_on, amount, note = dialog.values()
            except ValueError as exc:
                dialog.fail(str(exc))
                return
            self.backend.add_disbursement(project_id, NewDisbursement(paid_on, amount, note),
                                          done=lambda _r: dialog.succeed(),
                                          failed=lambda exc: dialog.fail(user_message(exc)))

        dialog.submit = submit
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def edit_selected(self) -> DisbursementDialog | None:
        """Correct the selected disbursement."""
        item = self._selected()
        if item is None:
            return None
        dialog = DisbursementDialog(self._name(), paid_on=item.paid_on, existing=item, parent=self.window())

        def submit(_dialog: object) -> None:
            try:
                paid_on, amount, note = dialog.values()
            except ValueError as exc:
                dialog.fail(str(exc))
                return
            self.backend.update_disbursement(item.id, DisbursementUpdate(paid_on=paid_on, amount=amount, note=note),
                                             done=lambda _r: dialog.succeed(),
                                             failed=lambda exc: dialog.fail(user_message(exc)))

        dialog.submit = submit
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        """Remove the selected disbursement (undo brings it back)."""
        item = self._selected()
        if item is None:
            return

        def failed(exc: BaseException) -> None:
            self.report(user_message(exc))

        self.backend.delete_disbursement(item.id, failed=failed)
