"""The ติดตามผล tab: the plan in use, project by project — status, progress, disbursements — with live totals.

``TrackingTab`` puts together the store of tracking records (``store``), the grid (``model``, ``filter``,
``view``), the tree with its totals (``tree``), the units' totals (``units``), the side panel (``panel``)
and the totals strip (``totals``), over the window's ``ScreenContext``. Above the grid: search, status,
unit and "ควรเริ่มแล้ว" filters, and the day the figures are as of (ณ วันที่), which is also the
effective day of what is typed. The tab reads the plan when it is first shown and from then on follows
every operation, undo and redo; every entry is a workspace operation (one undo step).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import DateError, format_thai_date
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.status import STATUS_LABELS
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.procedure.dialogs import ThaiDateEdit
from thaplan_desktop.ui.prompts import tell
from thaplan_desktop.ui.scrolling import vertically_scrolled
from thaplan_desktop.ui.session import Refresh, user_message
from thaplan_desktop.ui.state import Delta
from thaplan_desktop.ui.tracking.backend import TrackingBackend
from thaplan_desktop.ui.tracking.columns import ENTRY_ORDER
from thaplan_desktop.ui.tracking.dialogs import ReasonDialog
from thaplan_desktop.ui.tracking.facets import Totals, facet_totals, totals_of
from thaplan_desktop.ui.tracking.filter import TrackingFilterProxy
from thaplan_desktop.ui.tracking.model import TrackingTableModel
from thaplan_desktop.ui.tracking.panel import TrackingPanel
from thaplan_desktop.ui.tracking.store import StoreFeed, TrackingStore
from thaplan_desktop.ui.tracking.totals import TotalsStrip
from thaplan_desktop.ui.tracking.tree import TrackingTreeModel, tracking_tree_view
from thaplan_desktop.ui.tracking.units import ALL, UnitTotalsModel
from thaplan_desktop.ui.tracking.view import TrackingGridView
from thaplan_desktop.workspace import NewStatus

TEXTS = {
    "search": "ค้นหาโครงการ สถานที่ หรือหน่วยงาน…",
    "all_statuses": "ทุกสถานะ",
    "open_statuses": "ยังไม่เสร็จ (ยังไม่เริ่ม / ระหว่างดำเนินการ)",
    "all_units": "ทุกหน่วยงาน",
    "late": "ควรเริ่มแล้ว ({count})",
    "late_tip": "โครงการที่ตามเดือนในแผนควรเริ่มแล้ว แต่สถานะยังเป็น “ยังไม่ได้ดำเนินการ”: รายชื่อที่ต้องติดตาม",
    "clear": "ล้างตัวกรอง",
    "as_of": "ข้อมูล ณ วันที่",
    "as_of_tip": "ตัวเลขทั้งหมดเป็นข้อมูล ณ วันที่นี้ และสถานะที่บันทึกในตารางมีผลตั้งแต่วันที่นี้",
    "today": "วันนี้",
    "future": "วันที่ของข้อมูล ({day}) ต้องไม่เลยวันนี้ ({today})",
    "bad_date": "อ่านวันที่ไม่ได้: {error}",
}

# The status filter's choices: every status, each one, and the projects not finished yet.
STATUS_FILTERS: dict[str, frozenset[TrackingStatus]] = {
    "all_statuses": frozenset(),
    **{status.value: frozenset({status}) for status in ENTRY_ORDER},
    "open_statuses": frozenset({TrackingStatus.NOT_STARTED, TrackingStatus.IN_PROGRESS}),
}


class TrackingTab(QWidget):
    """The ติดตามผล tab of the main window."""

    def __init__(self, context: ScreenContext, backend: TrackingBackend | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tracking_tab")
        self.context = context
        self.backend = backend or TrackingBackend(context.session)
        self.tabs: QTabWidget | None = None  # the window's tabs, when installed there
        state = context.state
        self.store = TrackingStore(state, as_of=self.backend.today(), parent=self)
        self.feed = StoreFeed(self.store, context.session, self.backend, self)
        self.model = TrackingTableModel(self.store, commit=self._commit, parent=self)
        self.proxy = TrackingFilterProxy(self.model, self)
        self.tree_model = TrackingTreeModel(state, self)
        self.units_model = UnitTotalsModel(state, self)
        self._build()
        self._facets_timer = QTimer(self)
        self._facets_timer.setSingleShot(True)
        self._facets_timer.setInterval(0)
        self._facets_timer.timeout.connect(self.update_totals)
        self._connect()
        self._fill_units()
        self.update_totals()

    # --- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("tracking_search")
        self.search.setPlaceholderText(TEXTS["search"])
        self.search.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("status_filter")
        for key in STATUS_FILTERS:
            self.status_combo.addItem(TEXTS[key] if key in TEXTS else STATUS_LABELS[TrackingStatus(key)], key)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unit_filter")
        self.unit_combo.setMinimumWidth(180)
        self.late_check = QCheckBox(TEXTS["late"].format(count=0))
        self.late_check.setObjectName("late_filter")
        self.late_check.setToolTip(TEXTS["late_tip"])
        self.clear_button = QPushButton(TEXTS["clear"])
        self.as_of_edit = ThaiDateEdit(self.store.as_of)
        self.as_of_edit.setObjectName("as_of")
        self.as_of_edit.setToolTip(TEXTS["as_of_tip"])
        self.as_of_edit.setMaximumWidth(170)
        self.today_button = QPushButton(TEXTS["today"])
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.unit_combo)
        bar.addWidget(self.late_check)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(TEXTS["as_of"]))
        bar.addWidget(self.as_of_edit)
        bar.addWidget(self.today_button)

        self.tree = tracking_tree_view(self.tree_model)
        self.tree.setObjectName("tracking_tree")
        self.units = QTableView()
        self.units.setObjectName("unit_totals")
        self.units.setModel(self.units_model)
        self.units.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units.verticalHeader().hide()
        header = self.units.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.units_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.tree)
        left.addWidget(self.units)
        left.setSizes([500, 260])

        self.grid = TrackingGridView(self.proxy)
        self.grid.setObjectName("tracking_grid")
        self.panel = TrackingPanel(self.store, self.backend, self.model.change_status)
        self.panel.setObjectName("tracking_panel")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(vertically_scrolled(self.panel))  # fits a laptop's screen
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 970, 340])
        self.strip = TotalsStrip()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.strip)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.proxy.set_search)
        self.status_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_statuses(STATUS_FILTERS[self.status_combo.currentData()]))
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._unit_chosen(self.unit_combo.currentData()))
        self.late_check.toggled.connect(self.proxy.set_late)
        self.clear_button.clicked.connect(self.clear_filters)
        self.as_of_edit.editingFinished.connect(self._as_of_typed)
        self.today_button.clicked.connect(lambda: self.set_as_of(self.backend.today()))
        tree_selection = self.tree.selectionModel()
        tree_selection.currentChanged.connect(
            lambda current, _previous: self.proxy.set_node(self.tree_model.key_of(current)))
        self.units.selectionModel().currentChanged.connect(self._unit_row_chosen)
        self.grid.current_project_changed.connect(self.panel.show_project)
        self.model.edit_refused.connect(lambda message: tell(self.context.window, message, warning=True))
        self.model.reason_needed.connect(self.ask_reason)
        self.model.disbursement_requested.connect(
            lambda project_id, text: self.panel.disbursements.add(text, project_id=project_id))
        for signal in (self.proxy.filter_changed, self.proxy.modelReset, self.model.dataChanged,
                       self.model.modelReset):
            signal.connect(self._schedule_totals)
        self.store.changed.connect(self._schedule_totals)
        self.context.state.changed.connect(self._on_state_changed)


    # --- showing --------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activate()

    def activate(self) -> None:
        """Read the plan in use (the first time) and follow it from now on."""
        self.feed.start()

    def show_tab(self) -> None:
        """Bring the tab to the front of the window's tabs (the menu's ติดตามผล)."""
        if self.tabs is not None:
            self.tabs.setCurrentWidget(self)
        self.activate()
        self.grid.setFocus()

    def _on_state_changed(self, delta: Delta) -> None:
        if delta.reset:
            self.tree.expandToDepth(0)
        if delta.reset or delta.reference:
            self._fill_units()

    def _fill_units(self) -> None:
        chosen = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(TEXTS["all_units"], None)
        for unit in self.context.state.units:
            self.unit_combo.addItem(unit.name, unit.id)
        position = self.unit_combo.findData(chosen) if chosen is not None else 0
        self.unit_combo.setCurrentIndex(max(0, position))
        self.unit_combo.blockSignals(False)
        if position < 0 and chosen is not None:
            self._unit_chosen(None)

    # --- filters --------------------------------------------------------------------------------------

    def _unit_chosen(self, unit_id: int | None) -> None:
        self.proxy.set_unit(unit_id)
        self._select_unit_row(unit_id)

    def _select_unit_row(self, unit_id: int | None) -> None:
        row = self.units_model.row_of(ALL if unit_id is None else unit_id)
        selection = self.units.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            selection.setCurrentIndex(self.units_model.index(row, 0),
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        else:
            selection.clear()
        selection.blockSignals(False)

    def _unit_row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        key = self.units_model.key_at(current.row())
        unit_id = None if key == ALL else key
        if key is None:  # projects without a unit: not a choice of the combo
            return
        position = self.unit_combo.findData(unit_id) if unit_id is not None else 0
        if position >= 0 and position != self.unit_combo.currentIndex():
            self.unit_combo.setCurrentIndex(position)

    def set_status_filter(self, statuses: frozenset[TrackingStatus]) -> None:
        """Show only rows of these statuses (empty: all), as the status filter's choice."""
        key = next((k for k, v in STATUS_FILTERS.items() if v == frozenset(statuses)), None)
        if key is not None:
            self.status_combo.setCurrentIndex(self.status_combo.findData(key))

    def set_unit_filter(self, unit_id: int | None) -> None:
        """Show only one unit's rows (None: all), as the unit filter's choice."""
        position = self.unit_combo.findData(unit_id) if unit_id is not None else 0
        if position >= 0:
            self.unit_combo.setCurrentIndex(position)

    def clear_filters(self) -> None:
        """Every row again: no search, status, unit, late filter; the tree's root."""
        self.search.clear()
        self.status_combo.setCurrentIndex(0)
        self.unit_combo.setCurrentIndex(0)
        self.late_check.setChecked(False)
        self.tree.select_key(("root",))

    # --- the as-of day --------------------------------------------------------------------------------

    def _as_of_typed(self) -> None:
        try:
            day = self.as_of_edit.date()
        except DateError as exc:
            tell(self.context.window, TEXTS["bad_date"].format(error=exc), warning=True)
            self.as_of_edit.set_date(self.store.as_of)
            return
        if day is None:
            self.as_of_edit.set_date(self.store.as_of)
            return
        self.set_as_of(day)

    def set_as_of(self, day: dt.date) -> bool:
        """Show the figures as of ``day`` (not after today); what is typed then takes effect that day."""
        today = self.backend.today()
        if day > today:
            tell(self.context.window, TEXTS["future"].format(day=format_thai_date(day),
                                                             today=format_thai_date(today)), warning=True)
            self.as_of_edit.set_date(self.store.as_of)
            return False
        self.as_of_edit.set_date(day)
        self.store.set_as_of(day)
        self.panel.show_project(self.panel.project_id)
        return True

    # --- entries ----------------------------------------------------------------------------------------

    def _commit(self, project_id: int, entry: NewStatus, settle: Callable[[bool], None]) -> None:
        def done(refresh: Refresh) -> None:
            settle(any(project_id in change.tracking for change in refresh.changes))

        def failed(exc: BaseException) -> None:
            settle(False)
            tell(self.context.window, user_message(exc), warning=True)

        self.backend.record_status(project_id, entry, done=done, failed=failed)

    def ask_reason(self, project_id: int) -> ReasonDialog:
        """A cancellation (ยกเลิก) needs its reason: ask, then record it."""
        project = self.context.state.projects.get(project_id)
        dialog = ReasonDialog(project.name if project is not None else "", self.context.window)

        def submit(_dialog: object) -> None:
            try:
                reason = dialog.reason()
            except ValueError as exc:
                dialog.fail(str(exc))
                return
            self.model.cancel_with_reason(project_id, reason)
            dialog.succeed()

        dialog.submit = submit
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- totals ---------------------------------------------------------------------------------------

    def _schedule_totals(self, *_args: object) -> None:
        if not self._facets_timer.isActive():
            self._facets_timer.start()

    def update_totals(self) -> None:
        """The tree's, the units' and the strip's totals for the data and criteria now."""
        if not self.store.loaded:  # nothing to count until the records are read
            self.strip.show_totals(Totals(), len(self.model.rows), loaded=False)
            return
        facts = self.model.facts()
        nodes, units = facet_totals(facts, self.proxy.criteria, self.proxy.base_rows())
        self.tree_model.set_totals(nodes)
        self.units_model.set_totals(units)
        self._select_unit_row(self.proxy.criteria.unit_id)
        self.strip.show_totals(totals_of(facts, self.proxy.shown_rows()), len(self.model.rows),
                               loaded=self.store.loaded)
        self.late_check.setText(TEXTS["late"].format(count=f"{sum(facts.late):,}"))
