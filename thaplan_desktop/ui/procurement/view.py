"""The procurement plan screen (แผนการจัดซื้อจัดจ้าง): every row, whether it is procured and how, editable.

``ProcurementScreen`` reads the shown edition's rows through its backend when the plan changes and the
screen is visible (``ui.screens.PlanFollower``) and shows them in ``ProcurementModel`` (through
``ProcurementFilter``: procured only, search). A check box, the method, the e-GP code and the expected
month are edited in place (``ProcurementDelegate``); the context menu sets the selected rows at once
(procured, not procured, back to the rule, a method): each change is one workspace operation, undone
with the window's Ctrl+Z. ส่งออก Excel writes the annex (``export``). A refused change is told in Thai and
the rows are read again, so the screen never shows what the file does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.procurement import PROCUREMENT_METHODS
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.procurement import export
from thaplan_desktop.ui.procurement.backend import ProcurementBackend, ProcurementData
from thaplan_desktop.ui.procurement.delegate import ProcurementDelegate
from thaplan_desktop.ui.procurement.filter import ProcurementFilter
from thaplan_desktop.ui.procurement.model import COLUMNS, ProcurementModel
from thaplan_desktop.ui.procurement.texts import TEXTS
from thaplan_desktop.ui.prompts import tell
from thaplan_desktop.ui.screens import PlanFollower
from thaplan_desktop.ui.session import user_message
from thaplan_desktop.workspace import ProcurementFields

_WIDTHS = {"col_procured": 95, "col_name": 330, "col_kind": 62, "col_unit": 150, "col_budget": 128,
           "col_reason": 235, "col_method": 190, "col_code": 130, "col_month": 175}


class ProcurementScreen(QWidget):
    """The procurement plan of the shown edition."""

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.backend = ProcurementBackend(context.session)
        self.data: ProcurementData | None = None
        self.model = ProcurementModel(self.commit, self)
        self.proxy = ProcurementFilter(self.model, self)
        self._build()
        self.follower = PlanFollower(context.session, self, self.reload, clear=self.clear)

    def _build(self) -> None:
        self.title = QLabel(TEXTS["no_plan"])
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.search = QLineEdit()
        self.search.setObjectName("procurement_search")
        self.search.setPlaceholderText(TEXTS["search"])
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.only_procured = QCheckBox(TEXTS["only_procured"])
        self.export_button = QPushButton(TEXTS["export"])
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.search)
        bar.addWidget(self.only_procured)
        bar.addWidget(self.export_button)

        self.table = QTableView()
        self.table.setObjectName("procurement_table")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ProcurementDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        for column, key in enumerate(COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, _WIDTHS[key])
        header.setStretchLastSection(True)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.summary = QLabel()
        hint = QLabel(TEXTS["hint"])
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(hint)

        self.search.textChanged.connect(self.proxy.set_search)
        self.only_procured.toggled.connect(self.proxy.set_only_procured)
        self.export_button.clicked.connect(lambda: export.run(self.context))
        self.table.customContextMenuRequested.connect(self._menu)
        self.model.dataChanged.connect(lambda *_: self._update_summary())
        self.model.modelReset.connect(self._update_summary)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.search, self.only_procured, self.export_button):
            widget.setEnabled(enabled)

    # --- reading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the shown edition's rows again (the follower calls this)."""
        if self.backend.load(self.show_data, self._read_failed) and self.data is None:
            self.title.setText(TEXTS["loading"])

    def _read_failed(self, exc: BaseException) -> None:
        tell(self.context.window, user_message(exc), warning=True)

    def show_data(self, data: ProcurementData) -> None:
        """Show rows just read."""
        self.data = data
        self.title.setText(TEXTS["title"].format(year=data.fiscal_year))
        self.model.set_data(data)
        self._set_enabled(True)

    def clear(self) -> None:
        """No plan open: no rows."""
        self.data = None
        self.title.setText(TEXTS["no_plan"])
        self.model.set_data(None)
        self._set_enabled(False)

    def _update_summary(self) -> None:
        rows = self.model.rows
        procured = [r for r in rows if r.decision.procured]
        total = sum((r.project.budget for r in procured), Decimal("0.00"))
        self.summary.setText(TEXTS["summary"].format(procured=len(procured), rows=len(rows),
                                                     budget=format_money(total)) if rows else "")

    # --- changing -----------------------------------------------------------------------------------

    def commit(self, changes: Mapping[int, ProcurementFields], label: str) -> None:
        """Run the change as one workspace operation (the model shows it already)."""
        self.backend.set_choices(changes, label=label, failed=self._refused)

    def _refused(self, exc: BaseException) -> None:
        tell(self.context.window, user_message(exc), warning=True)
        self.follower.reload_now()  # show what the file holds

    def selected_projects(self) -> list[int]:
        """The projects of the selected rows, in the table's order."""
        selection = self.table.selectionModel()
        if selection is None:
            return []
        rows = sorted({self.proxy.mapToSource(i).row() for i in selection.selectedRows()})
        return [self.model.project_id(r) for r in rows]

    def set_selected(self, fields_of: str, value: object = None) -> bool:
        """Set every selected row at once: ``procured`` (True/False), ``rule``, or ``method`` (a text)."""
        ids = self.selected_projects()
        if not ids:
            return False
        if fields_of == "procured":
            changes = {pid: self.model.procured_fields(self.model.row_of(pid), bool(value)) for pid in ids}
            return self.model.apply(changes, TEXTS["label_procured"])
        if fields_of == "rule":
            return self.model.apply({pid: ProcurementFields(procured=None, month=None) for pid in ids},
                                    TEXTS["label_rule"])
        return self.model.apply({pid: ProcurementFields(method=str(value or "")) for pid in ids},
                                TEXTS["label_method"])

    def _menu(self, position: QPoint) -> None:
        if not self.selected_projects():
            return
        menu = QMenu(self)
        entries: list[tuple[str, str, object]] = [("set_procured", "procured", True),
                                                  ("set_not_procured", "procured", False), ("set_rule", "rule", None)]
        for key, what, value in entries:
            action = QAction(TEXTS[key], menu)
            action.triggered.connect(lambda _c=False, w=what, v=value: self.set_selected(w, v))
            menu.addAction(action)
        methods = menu.addMenu(TEXTS["set_method"])
        for method in ("", *PROCUREMENT_METHODS):
            action = QAction(method or TEXTS["clear_method"], methods)
            action.triggered.connect(lambda _c=False, m=method: self.set_selected("method", m))
            methods.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))
