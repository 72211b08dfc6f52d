"""One month of the calendar as a table model: each unit's line, then the rows that run in the month under it.

Units with rows running in the month come in ``MonthView.by_unit``'s order (the unit list's order, rows
naming no unit last); a unit's line says how many run, start and end, and its rows follow in the plan's
order, each with what the month is for it (เริ่ม, ดำเนินการต่อเนื่อง, สิ้นสุด, or เริ่มและสิ้นสุด for a run of
one month), all its runs of months, its budget and its program. ``project_id(index)`` is the row a click
goes to (None on a unit's line). The table is flat, so that showing a month of thousands of rows costs
only what is on screen; a month is set whole (``set_month``), which is what a month switch does.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from thaplan_desktop.calendar.model import CalendarItem, MonthView, Run, UnitMonth
from thaplan_desktop.calendar.months import CalendarMonth
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.ui.calendar.texts import TEXTS

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("col_name", "col_role", "col_runs", "col_budget", "col_program")
NAME, ROLE, RUNS, BUDGET, PROGRAM = range(len(COLUMNS))
_WIDTH = len(COLUMNS)
_UNIT_LINE = -1  # the item position of a unit's own line
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # worked out once: asked for every cell
_UNIT_BACKGROUND = QColor("#E3EEF8")
_DISPLAY = Qt.ItemDataRole.DisplayRole


def run_text(run: Run, fiscal_year: int) -> str:
    """``ต.ค. 62 – พ.ย. 62``, or ``มี.ค. 63`` for a run of one month."""
    first, last = run.start(fiscal_year), run.finish(fiscal_year)
    if first == last:
        return first.label(short=True)
    return f"{first.label(short=True)} – {last.label(short=True)}"


def _roles(unit: UnitMonth) -> tuple[str, ...]:
    """What the month is for each running row of a unit (a TEXTS key)."""
    starting = {id(i) for i in unit.starting}
    ending = {id(i) for i in unit.ending}
    roles = []
    for item in unit.running:
        key = id(item)
        if key in starting:
            roles.append("single" if key in ending else "starting")
        else:
            roles.append("ending" if key in ending else "continuing")
    return tuple(roles)


class MonthModel(QAbstractTableModel):
    """Each unit's line and its rows running in one month."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view: MonthView | None = None
        self.fiscal_year = 0
        self._units: list[UnitMonth] = []
        self._roles: list[tuple[str, ...]] = []
        self._lines: list[tuple[int, int]] = []  # per table row: (unit number, item position or _UNIT_LINE)
        self._runs_text: dict[tuple[Run, ...], str] = {}  # rows share their runs: format each set once
        self._bold = QFont()
        self._bold.setBold(True)
        self._unit_brush = QBrush(_UNIT_BACKGROUND)

    def set_month(self, view: MonthView | None, fiscal_year: int) -> None:
        """Show one month (None: nothing)."""
        self.beginResetModel()
        self.view = view
        if fiscal_year != self.fiscal_year:
            self._runs_text.clear()
        self.fiscal_year = fiscal_year
        self._units = list(view.by_unit()) if view is not None else []
        self._roles = [_roles(unit) for unit in self._units]
        lines: list[tuple[int, int]] = []
        for number, unit in enumerate(self._units):
            lines.append((number, _UNIT_LINE))
            lines.extend((number, position) for position in range(len(unit.running)))
        self._lines = lines
        self.endResetModel()

    @property
    def month(self) -> CalendarMonth | None:
        """The month shown."""
        return self.view.month if self.view is not None else None

    def is_unit_line(self, row: int) -> bool:
        """True for a unit's own line."""
        return self._lines[row][1] == _UNIT_LINE

    def unit_rows(self) -> list[int]:
        """The table rows of the units' lines."""
        return [row for row, (_number, position) in enumerate(self._lines) if position == _UNIT_LINE]

    def item(self, index: _Index) -> CalendarItem | None:
        """The calendar item of a row (None on a unit's line)."""
        if not index.isValid():
            return None
        number, position = self._lines[index.row()]
        return None if position == _UNIT_LINE else self._units[number].running[position]

    def project_id(self, index: _Index) -> int | None:
        """The project a row stands for (None on a unit's line)."""
        item = self.item(index)
        return item.project_id if item is not None else None

    def role_text(self, row: int) -> str:
        """What the month is for a row: เริ่ม, ดำเนินการต่อเนื่อง, สิ้นสุด, เริ่มและสิ้นสุด ("" on a unit's line)."""
        number, position = self._lines[row]
        return "" if position == _UNIT_LINE else TEXTS[self._roles[number][position]]

    # --- the model ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _WIDTH

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        number, position = self._lines[row]
        unit = self._units[number]
        if position == _UNIT_LINE:
            return self._unit_data(unit, column, role)
        item = unit.running[position]
        if role == _DISPLAY:
            if column == NAME:
                return item.name
            if column == ROLE:
                return TEXTS[self._roles[number][position]]
            if column == RUNS:
                return self._runs(item.runs)
            if column == BUDGET:
                return format_money(item.budget)
            return item.program
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            kind = f"{TEXTS['equipment']}: " if item.kind is ProjectKind.EQUIPMENT else ""
            return TEXTS["item_tip"].format(kind=kind, name=item.name, details=item.details).strip()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BUDGET:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _unit_data(self, unit: UnitMonth, column: int, role: int) -> Any:
        if role == _DISPLAY:
            if column == NAME:
                return TEXTS["unit_line"].format(unit=unit.unit, running=len(unit.running))
            if column == ROLE:
                return TEXTS["unit_counts"].format(starting=len(unit.starting), ending=len(unit.ending))
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._unit_brush
        return None

    def _runs(self, runs: tuple[Run, ...]) -> str:
        text = self._runs_text.get(runs)
        if text is None:
            text = self._runs_text[runs] = ", ".join(run_text(r, self.fiscal_year) for r in runs)
        return text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < _WIDTH:
            return TEXTS[COLUMNS[section]]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
