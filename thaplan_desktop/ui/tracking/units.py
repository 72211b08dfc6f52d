"""Totals per unit (หน่วยงานรับผิดชอบหลัก) beside the ติดตามผล grid: projects, disbursed, late, live.

``UnitTotalsModel`` lists "ทุกหน่วยงาน" and every unit with projects under the tree node chosen (and the
tab's status and search criteria), each with its count, the percentage of its budget disbursed (the amounts in its tooltip), and how many
should have started; choosing a row filters the grid by that unit. It resets only when the list of units
changes; otherwise the rows whose figures changed repaint.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from thaplan_desktop.ui.state import PlanState
from thaplan_desktop.ui.tracking.facets import Totals
from thaplan_desktop.ui.tracking.tree import tooltip_of

TEXTS = {
    "all": "ทุกหน่วยงาน",
    "none": "ไม่ระบุหน่วยงาน",
    "unit": "หน่วยงาน",
    "count": "จำนวน",
    "percent": "เบิก %",
    "late": "ควรเริ่ม",
    "external": "{name} (หน่วยงานอื่น)",
}

Index = QModelIndex | QPersistentModelIndex
ALL = "all"  # the key of the first row: every unit
UNIT_KEY_ROLE = Qt.ItemDataRole.UserRole + 60  # ALL, a unit id, or None (no unit)
_LATE = QColor(180, 83, 9)


class UnitTotalsModel(QAbstractTableModel):
    """Every unit's totals, "ทุกหน่วยงาน" first."""

    COLUMN_TITLES = (TEXTS["unit"], TEXTS["count"], TEXTS["percent"], TEXTS["late"])

    def __init__(self, state: PlanState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._keys: list[Any] = [ALL]
        self._totals: dict[Any, Totals] = {}

    def set_totals(self, totals: dict[int | None, Totals]) -> None:
        """New totals per unit id (None: projects without a unit)."""
        every = Totals()
        count = late = budget = disbursed = 0
        statuses = [0] * len(every.statuses)
        for value in totals.values():
            count, late = count + value.count, late + value.late
            budget, disbursed = budget + value.budget_satang, disbursed + value.disbursed_satang
            statuses = [a + b for a, b in zip(statuses, value.statuses, strict=True)]
        new: dict[Any, Totals] = {**totals, ALL: Totals(count, tuple(statuses), late, budget, disbursed)}
        rank = {u.id: i for i, u in enumerate(self.state.units)}
        keys = [ALL] + sorted((k for k in totals if totals[k].count),
                              key=lambda k: rank.get(k, len(rank)) if k is not None else len(rank) + 1)
        if keys != self._keys:
            self.beginResetModel()
            self._keys, self._totals = keys, new
            self.endResetModel()
            return
        old, self._totals = self._totals, new
        for row, key in enumerate(keys):
            if old.get(key) != new.get(key):
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMN_TITLES) - 1))

    def key_at(self, row: int) -> Any:
        """ALL, a unit id, or None for the row."""
        return self._keys[row] if 0 <= row < len(self._keys) else ALL

    def row_of(self, key: Any) -> int:
        """The row of a unit key (-1 when not listed)."""
        return self._keys.index(key) if key in self._keys else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMN_TITLES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        key = self._keys[index.row()]
        totals = self._totals.get(key) or Totals()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self._name(key)
            if column == 1:
                return f"{totals.count:,}"
            if column == 2:
                return f"{totals.disbursed_percent:.2f}"
            return f"{totals.late:,}" if totals.late else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._name(key)}\n{tooltip_of(totals)}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and totals.late:
            return QBrush(_LATE)
        if role == Qt.ItemDataRole.FontRole and key == ALL:
            font = QFont()
            font.setBold(True)
            return font
        if role == UNIT_KEY_ROLE:
            return key
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and (
                0 <= section < len(self.COLUMN_TITLES)):
            return self.COLUMN_TITLES[section]
        return None

    def _name(self, key: Any) -> str:
        if key == ALL:
            return TEXTS["all"]
        if key is None:
            return TEXTS["none"]
        unit = self.state.unit_by_id.get(key)
        if unit is None:
            return ""
        return TEXTS["external"].format(name=unit.name) if unit.is_external else unit.name
