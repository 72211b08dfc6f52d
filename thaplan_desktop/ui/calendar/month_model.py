"""One month of the calendar as a tree model: units, and under each the rows that run in the month.

Top level: the units with rows running in the month (``MonthView.by_unit``: the unit list's order, rows
naming no unit last), each saying how many run, start and end. Under a unit: its rows in the plan's order,
each with what the month is for it (เริ่ม, ดำเนินการต่อเนื่อง, สิ้นสุด, or เริ่มและสิ้นสุด for a run of one
month), all its runs of months, its budget and its program. ``project_id(index)`` is the row a click goes
to. A month is set whole (``set_month``), which is what a month switch does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from thaplan_desktop.calendar.model import CalendarItem, MonthView, Run, UnitMonth
from thaplan_desktop.calendar.months import CalendarMonth
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.ui.calendar.texts import TEXTS

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("col_name", "col_role", "col_runs", "col_budget", "col_program")
_UNIT = 0  # internal id of a unit row; a row under unit n has n + 1


@dataclass(frozen=True, slots=True)
class _Group:
    unit: UnitMonth
    roles: tuple[str, ...]  # per running row: its role this month (a TEXTS key)


def run_text(run: Run, fiscal_year: int) -> str:
    """``ต.ค. 62 – พ.ย. 62``, or ``มี.ค. 63`` for a run of one month."""
    first, last = run.start(fiscal_year), run.finish(fiscal_year)
    if first == last:
        return first.label(short=True)
    return f"{first.label(short=True)} – {last.label(short=True)}"


def _roles(unit: UnitMonth) -> tuple[str, ...]:
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


class MonthModel(QAbstractItemModel):
    """Units → rows running in one month."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view: MonthView | None = None
        self.fiscal_year = 0
        self._groups: list[_Group] = []
        self._runs_text: dict[tuple[Run, ...], str] = {}  # rows share their runs: format each set once
        self._bold = QFont()
        self._bold.setBold(True)

    def set_month(self, view: MonthView | None, fiscal_year: int) -> None:
        """Show one month (None: nothing)."""
        self.beginResetModel()
        self.view = view
        if fiscal_year != self.fiscal_year:
            self._runs_text.clear()
        self.fiscal_year = fiscal_year
        self._groups = [_Group(unit, _roles(unit)) for unit in view.by_unit()] if view is not None else []
        self.endResetModel()

    @property
    def month(self) -> CalendarMonth | None:
        """The month shown."""
        return self.view.month if self.view is not None else None

    def item(self, index: _Index) -> CalendarItem | None:
        """The calendar item of a row under a unit (None for a unit row)."""
        if not index.isValid() or index.internalId() == _UNIT:
            return None
        return self._groups[index.internalId() - 1].unit.running[index.row()]

    def project_id(self, index: _Index) -> int | None:
        """The project a row stands for (None for a unit row)."""
        item = self.item(index)
        return item.project_id if item is not None else None

    def role_text(self, index: _Index) -> str:
        """What the month is for the row: เริ่ม, ดำเนินการต่อเนื่อง, สิ้นสุด, เริ่มและสิ้นสุด ("" for a unit)."""
        if not index.isValid() or index.internalId() == _UNIT:
            return ""
        return TEXTS[self._groups[index.internalId() - 1].roles[index.row()]]

    # --- the model ----------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _UNIT) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _UNIT or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        if row >= len(self._groups[group].unit.running):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: _Index) -> QModelIndex: ...

    def parent(self, child: _Index | None = None) -> QObject | QModelIndex | None:
        """The unit row above a row (Qt's item model call); without an index, the QObject parent."""
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == _UNIT:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _UNIT)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _UNIT and parent.column() == 0:
            return len(self._groups[parent.row()].unit.running)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _UNIT:
            return self._unit_data(self._groups[index.row()].unit, index.column(), role)
        item = self._groups[index.internalId() - 1].unit.running[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "col_name":
                return item.name
            if column == "col_role":
                return self.role_text(index)
            if column == "col_runs":
                return self._runs(item.runs)
            if column == "col_budget":
                return format_money(item.budget)
            return item.program
        if role == Qt.ItemDataRole.ToolTipRole and column == "col_name":
            kind = f"{TEXTS['equipment']}: " if item.kind is ProjectKind.EQUIPMENT else ""
            return TEXTS["item_tip"].format(kind=kind, name=item.name, details=item.details).strip()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "col_budget":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _unit_data(self, unit: UnitMonth, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return TEXTS["unit_line"].format(unit=unit.unit, running=len(unit.running))
            if column == 1:
                return TEXTS["unit_counts"].format(starting=len(unit.starting), ending=len(unit.ending))
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        return None

    def _runs(self, runs: tuple[Run, ...]) -> str:
        text = self._runs_text.get(runs)
        if text is None:
            text = self._runs_text[runs] = ", ".join(run_text(r, self.fiscal_year) for r in runs)
        return text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return TEXTS[COLUMNS[section]]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
