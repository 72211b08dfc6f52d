"""The calendar screen (ปฏิทินการทำงาน): the year by unit and month, one month in detail, this month and next.

``CalendarScreen`` reads the shown edition's calendar through its backend when the plan changes and the
screen is visible (``ui.screens.PlanFollower``), then works on that copy alone: the filters (unit,
strategy) re-file the rows already read (``PlanCalendar.filtered``) and a month switch is a lookup
(``PlanCalendar.month``) shown by ``MonthModel``. Above, the year overview (``YearModel``: units × months,
a click picks the month); below, the month by unit and its deadlines, and beside them this month and
next (``glance``). Activating a row — here or at a glance — emits ``project_requested(project_id)``: the
window shows that row in the project grid. The PDF and .ics buttons emit ``export_requested("pdf"|"ics")``:
the calendar as filtered is written (``ui.calendar.export``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.calendar.model import CalendarError, CalendarFilter, PlanCalendar
from thaplan_desktop.calendar.months import CalendarMonth
from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.ui.calendar.backend import CalendarBackend, CalendarData
from thaplan_desktop.ui.calendar.glance import GlancePanel
from thaplan_desktop.ui.calendar.month_model import MonthModel
from thaplan_desktop.ui.calendar.texts import TEXTS
from thaplan_desktop.ui.calendar.year_model import YearModel
from thaplan_desktop.ui.screens import PlanFollower
from thaplan_desktop.ui.scrolling import vertically_scrolled
from thaplan_desktop.ui.session import PlanSession, user_message


class CalendarScreen(QWidget):
    """The work calendar of the shown edition."""

    project_requested = Signal(int)  # a row was activated: show it in the project grid
    month_changed = Signal(object)  # CalendarMonth now shown
    failed = Signal(str)  # a read went wrong (Thai)
    export_requested = Signal(str)  # "pdf" or "ics": write the calendar as filtered

    def __init__(self, session: PlanSession, *, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = CalendarBackend(session, today)
        self.data: CalendarData | None = None
        self.calendar: PlanCalendar | None = None  # ``data.calendar`` after the filters
        self.month: CalendarMonth | None = None
        self._build()
        self.follower = PlanFollower(session, self, self.reload, clear=self.clear)

    # --- building -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(TEXTS["no_plan"])
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("calendar_unit")
        self.unit_combo.setMinimumContentsLength(16)
        self.strategy_combo = QComboBox()
        self.strategy_combo.setObjectName("calendar_strategy")
        self.strategy_combo.setMinimumContentsLength(22)
        self.strategy_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.previous_button = QPushButton(TEXTS["previous"])
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("calendar_month")
        self.month_combo.setMinimumContentsLength(14)
        self.next_button = QPushButton(TEXTS["next"])
        self.today_button = QPushButton(TEXTS["this_month"])
        self.today_button.setToolTip(TEXTS["this_month_tip"])
        self.pdf_button = QPushButton(TEXTS["pdf"])
        self.pdf_button.setObjectName("calendar_pdf")
        self.pdf_button.setToolTip(TEXTS["pdf_tip"])
        self.ics_button = QPushButton(TEXTS["ics"])
        self.ics_button.setObjectName("calendar_ics")
        self.ics_button.setToolTip(TEXTS["ics_tip"])
        # Two rows (title and months; then the filters and the files), so that the screen fits a 1366×768 laptop.
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for control in (self.previous_button, self.month_combo, self.next_button, self.today_button):
            bar.addWidget(control)
        filters = QHBoxLayout()
        parts: tuple[QWidget, ...] = (QLabel(TEXTS["unit"]), self.unit_combo, QLabel(TEXTS["strategy"]),
                                      self.strategy_combo)
        for widget in parts:
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.pdf_button)
        filters.addWidget(self.ics_button)

        self.year_model = YearModel(self)
        self.year = QTableView()
        self.year.setObjectName("calendar_year")
        self.year.setModel(self.year_model)
        self.year.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.year.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.year.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.year.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.year.horizontalHeader().setMinimumSectionSize(54)
        rows = self.year.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 4)
        year_panel = QWidget()
        year_layout = QVBoxLayout(year_panel)
        year_layout.setContentsMargins(0, 0, 0, 0)
        self.year_title = QLabel(TEXTS["year_title"])
        year_layout.addWidget(self.year_title)
        year_layout.addWidget(self.year)

        self.month_model = MonthModel(self)
        self.month_heading = QLabel()
        self.month_heading.setFont(font)
        self.month_counts = QLabel()
        self.month_view = QTableView()
        self.month_view.setObjectName("calendar_month_rows")
        self.month_view.setModel(self.month_model)
        self.month_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.month_view.setShowGrid(False)
        self.month_view.setWordWrap(False)
        self.month_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.month_view.setToolTip(TEXTS["activate_hint"])
        self.month_view.verticalHeader().hide()
        self.month_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.month_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.month_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 190), (3, 130), (4, 230)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.deadlines = QListWidget()
        self.deadlines.setObjectName("calendar_deadlines")
        self.deadlines.setMaximumHeight(110)
        month_panel = QWidget()
        month_layout = QVBoxLayout(month_panel)
        month_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.month_heading)
        heading.addSpacing(12)
        heading.addWidget(self.month_counts, 1)
        month_layout.addLayout(heading)
        month_layout.addWidget(self.month_view, 1)
        month_layout.addWidget(QLabel(TEXTS["deadlines_title"]))
        month_layout.addWidget(self.deadlines)

        self.glance = GlancePanel()
        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(month_panel)
        below.addWidget(vertically_scrolled(self.glance))  # fits a laptop's screen
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 1)
        below.setSizes([1100, 380])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(year_panel)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.unit_combo.activated.connect(lambda _i: self._filter_changed())
        self.strategy_combo.activated.connect(lambda _i: self._filter_changed())
        self.month_combo.activated.connect(self._month_chosen)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(+1))
        self.today_button.clicked.connect(self.show_this_month)
        self.pdf_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        self.ics_button.clicked.connect(lambda: self.export_requested.emit("ics"))
        self.year.clicked.connect(self._year_clicked)
        self.month_view.activated.connect(self._row_activated)
        self.glance.project_requested.connect(self.project_requested)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.unit_combo, self.strategy_combo, self.month_combo, self.previous_button,
                       self.next_button, self.today_button, self.pdf_button, self.ics_button):
            widget.setEnabled(enabled)

    # --- reading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the shown edition's calendar again (the follower calls this)."""
        if self.backend.load(self.show_data, lambda exc: self.failed.emit(user_message(exc))) and self.data is None:
            self.title.setText(TEXTS["loading"])

    def clear(self) -> None:
        """No plan open: show nothing."""
        self.data = self.calendar = None
        self.month = None
        self.title.setText(TEXTS["no_plan"])
        self.unit_combo.clear()
        self.strategy_combo.clear()
        self.month_combo.clear()
        self.year_model.set_calendar(None)
        self.month_model.set_month(None, 0)
        self.deadlines.clear()
        self.month_heading.clear()
        self.month_counts.clear()
        self.glance.show_calendar(None, dt.date.today())
        self._set_enabled(False)

    def show_data(self, data: CalendarData) -> None:
        """Show a calendar just read, keeping the filters and the month where they still apply."""
        previous = self.data
        keep_month = previous is not None and previous.calendar.fiscal_year == data.calendar.fiscal_year
        unit, strategy = self.current_filter() if previous is not None else (None, None)
        self.data = data
        self.title.setText(TEXTS["title"].format(year=data.calendar.fiscal_year))
        self._fill_filters(unit, strategy)
        self._apply_filter(keep_month=keep_month)
        self._set_enabled(True)

    def _fill_filters(self, unit: str | None, strategy: int | None) -> None:
        assert self.data is not None
        self.unit_combo.clear()
        self.unit_combo.addItem(TEXTS["all_units"], None)
        for name in self.data.calendar.units:
            self.unit_combo.addItem(name, name)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(unit)) if unit is not None else 0)
        self.strategy_combo.clear()
        self.strategy_combo.addItem(TEXTS["all_strategies"], None)
        for s in self.data.strategies:
            self.strategy_combo.addItem(TEXTS["strategy_item"].format(number=s.number, name=s.name), s.id)
        found = self.strategy_combo.findData(strategy) if strategy is not None else 0
        self.strategy_combo.setCurrentIndex(max(0, found))

    def current_filter(self) -> tuple[str | None, int | None]:
        """The unit name and strategy id chosen (None: all)."""
        return self.unit_combo.currentData(), self.strategy_combo.currentData()

    # --- filters and months -------------------------------------------------------------------------

    def set_filter(self, unit: str | None = None, strategy_id: int | None = None) -> None:
        """Show one unit's and/or one strategy's rows (None: every one), as choosing them in the bar does."""
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(unit)) if unit is not None else 0)
        found = self.strategy_combo.findData(strategy_id) if strategy_id is not None else 0
        self.strategy_combo.setCurrentIndex(max(0, found))
        self._filter_changed()

    def _filter_changed(self) -> None:
        self._apply_filter(keep_month=True)

    def _apply_filter(self, *, keep_month: bool) -> None:
        assert self.data is not None
        unit, strategy = self.current_filter()
        try:
            self.calendar = self.data.calendar.filtered(CalendarFilter(unit, strategy))
        except CalendarError as exc:  # a unit or strategy gone since: show everything
            self.failed.emit(str(exc))
            self.unit_combo.setCurrentIndex(0)
            self.strategy_combo.setCurrentIndex(0)
            self.calendar = self.data.calendar
        self.year_model.set_calendar(self.calendar)
        self._fit_year()
        self.month_combo.clear()
        for month in self.year_model.months:
            self.month_combo.addItem(month.label(), month)
        self.glance.show_calendar(self.calendar, self.data.today)
        month = self.month if keep_month and self.month in self.year_model.months else self._home_month()
        self.month = None
        self.show_month(month)

    def _fit_year(self) -> None:
        """Make the overview as tall as its rows (the month below takes the rest)."""
        frame = 2 * self.year.frameWidth()
        needed = self.year.horizontalHeader().sizeHint().height() + self.year.verticalHeader().length() + frame
        self.year.setMaximumHeight(needed)
        self.year.setMinimumHeight(min(needed, self.year.verticalHeader().defaultSectionSize() * 4 + frame))
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total > 0:
            top = min(needed + self.year_title.sizeHint().height() + 8, total * 2 // 5)
            self.splitter.setSizes([top, total - top])

    def _home_month(self) -> CalendarMonth:
        """Today's month when it is shown, else the fiscal year's first month (or its last, when over)."""
        assert self.calendar is not None
        assert self.data is not None
        today = CalendarMonth.of_date(self.data.today)
        if today in self.year_model.months:
            return today
        months = self.calendar.months()
        return months[-1] if today > months[-1] else months[0]

    def show_this_month(self) -> None:
        """เดือนนี้."""
        if self.calendar is not None:
            self.show_month(self._home_month())

    def show_month(self, month: CalendarMonth) -> None:
        """Show one month (one of the overview's columns)."""
        calendar = self.calendar
        if calendar is None or month == self.month:
            return
        column = self.year_model.column_of(month)
        if column < 0:
            return
        self.month = month
        view = calendar.month(month)
        self.month_model.set_month(view, calendar.fiscal_year)
        self.month_heading.setText(TEXTS["month_heading"].format(month=month.label()))
        if not view.in_year:
            counts = TEXTS["month_outside"].format(month=month.label(), year=calendar.fiscal_year)
        elif not view.running:
            counts = TEXTS["month_empty"]
        else:
            counts = TEXTS["month_counts"].format(running=f"{len(view.running):,}",
                                                  starting=f"{len(view.starting):,}", ending=f"{len(view.ending):,}")
        self.month_counts.setText(counts)
        self._show_deadlines(view.deadlines)
        self.month_combo.setCurrentIndex(column)
        self.previous_button.setEnabled(column > 0)
        self.next_button.setEnabled(column < len(self.year_model.months) - 1)
        if self.year.currentIndex().column() != column:
            self.year.selectColumn(column)
        self.month_changed.emit(month)

    def _show_deadlines(self, deadlines: tuple) -> None:
        self.deadlines.clear()
        if not deadlines:
            self.deadlines.addItem(TEXTS["no_deadlines"])
            return
        for deadline in deadlines:
            line = TEXTS["deadline_line"].format(date=format_thai_date(deadline.day), what=deadline.what,
                                                 done=TEXTS["deadline_done"] if deadline.done else "")
            item = QListWidgetItem(f"{line} · {TEXTS[deadline.source.value]}")
            item.setToolTip(deadline.detail or line)
            self.deadlines.addItem(item)

    def _step(self, delta: int) -> None:
        if self.month is None:
            return
        month = self.year_model.month_at(self.year_model.column_of(self.month) + delta)
        if month is not None:
            self.show_month(month)

    def _month_chosen(self, position: int) -> None:
        month = self.month_combo.itemData(position)
        if isinstance(month, CalendarMonth):
            self.show_month(month)

    def _year_clicked(self, index: QModelIndex) -> None:
        month = self.year_model.month_at(index.column())
        if month is not None:
            self.show_month(month)

    def _row_activated(self, index: QModelIndex) -> None:
        project_id = self.month_model.project_id(index)
        if project_id is not None:
            self.project_requested.emit(project_id)
