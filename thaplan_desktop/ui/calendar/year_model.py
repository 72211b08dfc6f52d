"""The year at a glance as a table model: units down, months across, how many rows run in each month.

First a row of the deadlines falling in each month and a total row, then one row per unit that has rows
in the (filtered) calendar, in the unit list's order (rows naming no unit last). The columns are the months of
``month_range``: the fiscal year's twelve, widened to the months of the deadlines on the calendar (a
procedure deadline just before the year, the annual monitoring report the December after it); months
outside the year show only deadlines. A cell shows the rows running that month, shaded by how busy the
month is; its tooltip says how many start, run and end. Counting is done once per calendar, not per
paint.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from thaplan_desktop.calendar.model import NO_UNIT, PlanCalendar
from thaplan_desktop.calendar.months import CalendarMonth
from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.ui.calendar.texts import TEXTS

_Index = QModelIndex | QPersistentModelIndex
_BUSY = QColor("#1F77B4")
_OUTSIDE = QColor("#EEEEEE")
_DEADLINE = QColor("#FCE8D5")
DEADLINE_ROW = 0
TOTAL_ROW = 1
FIRST_UNIT_ROW = 2


def month_range(calendar: PlanCalendar) -> tuple[CalendarMonth, ...]:
    """The fiscal year's months, widened to every deadline's month (at most a year either side)."""
    year = calendar.months()
    first, last = year[0], year[-1]
    earliest = CalendarMonth.of_fiscal(calendar.fiscal_year - 1, 1)
    latest = CalendarMonth.of_fiscal(calendar.fiscal_year + 1, 12)
    for deadline in calendar.deadlines:
        month = CalendarMonth.of_date(deadline.day)
        if earliest <= month < first:
            first = month
        elif last < month <= latest:
            last = month
    months = [first]
    while months[-1] < last:
        months.append(months[-1].next())
    return tuple(months)


class YearModel(QAbstractTableModel):
    """Units × months: rows running per month, with a total row and a deadlines row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.calendar: PlanCalendar | None = None
        self.months: tuple[CalendarMonth, ...] = ()
        self.units: list[str] = []
        self._counts: list[list[tuple[int, int, int]]] = []  # per row (units, then total): (start, run, end)
        self._deadlines: list[list[str]] = []  # per column: tooltip lines
        self._busiest = 1

    # --- filling ------------------------------------------------------------------------------------

    def set_calendar(self, calendar: PlanCalendar | None) -> None:
        """Show ``calendar`` (already filtered); None shows nothing."""
        self.beginResetModel()
        self.calendar = calendar
        self.months = month_range(calendar) if calendar is not None else ()
        self._count()
        self.endResetModel()

    def _count(self) -> None:
        calendar = self.calendar
        self.units, self._counts, self._deadlines = [], [], []
        if calendar is None:
            return
        ranks: dict[str, int] = {}
        for item in calendar.items:
            ranks.setdefault(item.unit or NO_UNIT, item.unit_rank)
        self.units = sorted(ranks, key=lambda name: (ranks[name], name))
        total = len(self.units)
        empty = (0, 0, 0)
        self._counts = [[empty] * len(self.months) for _ in range(total + 1)]
        busiest = 1
        for column, month in enumerate(self.months):
            if month.fiscal_year != calendar.fiscal_year:
                continue
            view = calendar.month(month)  # lookups of rows already filed under their months
            starting = Counter(i.unit or NO_UNIT for i in view.starting)
            running = Counter(i.unit or NO_UNIT for i in view.running)
            ending = Counter(i.unit or NO_UNIT for i in view.ending)
            for row, unit in enumerate(self.units):
                self._counts[row][column] = (starting[unit], running[unit], ending[unit])
            self._counts[total][column] = (len(view.starting), len(view.running), len(view.ending))
            busiest = max(busiest, *running.values()) if running else busiest
        self._busiest = busiest
        self._deadlines = [[TEXTS["deadline_tip"].format(date=format_thai_date(d.day, short=True), what=d.what)
                            for d in calendar.deadlines if m.contains(d.day)] for m in self.months]

    # --- lookups ------------------------------------------------------------------------------------

    def month_at(self, column: int) -> CalendarMonth | None:
        """The month of a column."""
        return self.months[column] if 0 <= column < len(self.months) else None

    def column_of(self, month: CalendarMonth) -> int:
        """The column of a month (-1 when not shown)."""
        try:
            return self.months.index(month)
        except ValueError:
            return -1

    def counts(self, row: int, column: int) -> tuple[int, int, int]:
        """(starting, running, ending) of the total row or a unit row in a month column."""
        return self._counts[self._unit_or_total(row)][column]

    def _unit_or_total(self, row: int) -> int:
        """Index into ``_counts`` (units, then the total) of a model row."""
        return len(self.units) if row == TOTAL_ROW else row - FIRST_UNIT_ROW

    def _in_year(self, column: int) -> bool:
        return self.calendar is not None and self.months[column].fiscal_year == self.calendar.fiscal_year

    # --- the model ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.calendar is None:
            return 0
        return FIRST_UNIT_ROW + len(self.units)  # deadlines, total, units

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.months)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.calendar is None:
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if row == DEADLINE_ROW:
            return self._deadline_data(column, role)
        in_year = self._in_year(column)
        starting, running, ending = self.counts(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{running:,}" if in_year and running else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            month = self.months[column].label()
            if not in_year:
                return TEXTS["cell_outside_tip"].format(month=month, year=self.calendar.fiscal_year)
            unit = TEXTS["total_row"] if row == TOTAL_ROW else self.units[row - FIRST_UNIT_ROW]
            return TEXTS["cell_tip"].format(unit=unit, month=month, starting=starting, running=running, ending=ending)
        if role == Qt.ItemDataRole.BackgroundRole:
            if not in_year:
                return QBrush(_OUTSIDE)
            if running and row != TOTAL_ROW:
                colour = QColor(_BUSY)
                colour.setAlpha(30 + int(150 * running / self._busiest))
                return QBrush(colour)
            return None
        if role == Qt.ItemDataRole.FontRole and row == TOTAL_ROW:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _deadline_data(self, column: int, role: int) -> Any:
        lines = self._deadlines[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{len(lines)}" if lines else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(lines) if lines else None
        if role == Qt.ItemDataRole.BackgroundRole and lines:
            return QBrush(_DEADLINE)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.months):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.months[section].label(short=True)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.months[section].label()
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.rowCount():
            if section == DEADLINE_ROW:
                return TEXTS["deadline_row"]
            return TEXTS["total_row"] if section == TOTAL_ROW else self.units[section - FIRST_UNIT_ROW]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
