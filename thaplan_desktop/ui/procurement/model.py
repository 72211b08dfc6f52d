"""The procurement plan's rows as a table model: procured or not and why, method, e-GP code, expected month.

One row per project (ผด.02) and equipment row (ผด.02/1) of the edition, in print order. The first column
is a check box: procured or not, as the officer set it or as the default rule decides, the reason in the
เหตุผล column (ตามเกณฑ์: … for the rule's). The method, the e-GP plan code and the expected month are
edited in place; a month left to the rule shows the first month of the run, marked as such.

An edit is shown at once (the row is worked out again with ``domain.procurement.decide``) and handed to
``commit(changes, label)``, which runs it as one workspace operation; when the plan is read again
(``set_data``) rows whose values changed are updated in place (``dataChanged``), so a reading after an
edit, an undo or a redo keeps the selection and the scroll position; only another set of rows resets.
Checking a row back to what the rule says hands the decision back to the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.procurement import ProcurementRow, announcement_month, decide, default_rule
from thaplan_desktop.exporting.procurement import month_text
from thaplan_desktop.ui.procurement.backend import ProcurementData
from thaplan_desktop.ui.procurement.texts import TEXTS
from thaplan_desktop.workspace import ProcurementFields
from thaplan_desktop.workspace.fields import given

_Index = QModelIndex | QPersistentModelIndex
Commit = Callable[[Mapping[int, ProcurementFields], str], None]

COLUMNS = ("col_procured", "col_name", "col_kind", "col_unit", "col_budget", "col_reason", "col_method",
           "col_code", "col_month")
PROCURED, NAME, KIND, UNIT, BUDGET, REASON, METHOD, CODE, MONTH = range(len(COLUMNS))
EDITABLE = (METHOD, CODE, MONTH)
_RULE_COLOUR = QColor("#666666")


class ProcurementModel(QAbstractTableModel):
    """The rows of the procurement plan."""

    def __init__(self, commit: Commit | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.commit = commit
        self.data_: ProcurementData | None = None
        self.rows: list[ProcurementRow] = []
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- filling ------------------------------------------------------------------------------------

    def set_data(self, data: ProcurementData | None) -> None:
        """Show rows just read: in place when they are the same rows, else anew."""
        new = list(data.rows) if data is not None else []
        same = [r.project.id for r in new] == [r.project.id for r in self.rows]
        if not same or data is None:
            self.beginResetModel()
            self.data_, self.rows = data, new
            self.endResetModel()
            return
        changed = [i for i, (old, now) in enumerate(zip(self.rows, new, strict=True)) if old != now]
        self.data_, self.rows = data, new
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_of(self, project_id: int) -> int:
        """The row of a project (-1 when not shown)."""
        return next((i for i, r in enumerate(self.rows) if r.project.id == project_id), -1)

    def project_id(self, row: int) -> int:
        """The project of a row."""
        return self.rows[row].project.id

    # --- changing -----------------------------------------------------------------------------------

    def apply(self, changes: Mapping[int, ProcurementFields], label: str) -> bool:
        """Show ``changes`` (project id → fields) at once and commit them as one operation; False if no-op."""
        changes = {pid: fields for pid, fields in changes.items() if self._differs(pid, fields)}
        if not changes or self.data_ is None:
            return False
        for project_id, fields in changes.items():
            row = self.row_of(project_id)
            if row >= 0:
                self.rows[row] = self._updated(self.rows[row], fields)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if self.commit is not None:
            self.commit(changes, label)
        return True

    def _differs(self, project_id: int, fields: ProcurementFields) -> bool:
        row = self.row_of(project_id)
        if row < 0:
            return True
        choice = self.rows[row].choice
        return any(getattr(choice, key) != value for key, value in given(fields).items())

    def _external_unit(self, row: ProcurementRow) -> str:
        unit_id = row.project.unit_id
        return self.data_.external.get(unit_id, "") if self.data_ is not None and unit_id is not None else ""

    def _updated(self, row: ProcurementRow, fields: ProcurementFields) -> ProcurementRow:
        choice = replace(row.choice, **given(fields))
        decision = decide(row.project, choice, external_unit=self._external_unit(row))
        return ProcurementRow(row.project, choice, decision, announcement_month(row.project, choice))

    def procured_fields(self, row: int, procured: bool) -> ProcurementFields:
        """The fields that make a row procured or not: ``None`` (the rule) when the rule says the same."""
        rule = default_rule(self.rows[row].project, external_unit=self._external_unit(self.rows[row]))
        return ProcurementFields(procured=None if procured == rule.procured else procured)

    # --- the model ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return {METHOD: row.choice.method, CODE: row.choice.egp_code, MONTH: row.choice.month}.get(column)
        if role == Qt.ItemDataRole.CheckStateRole and column == PROCURED:
            return Qt.CheckState.Checked if row.decision.procured else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (PROCURED, REASON):
                return self._reason(row)
            if column == NAME:
                return f"{row.project.name}\n{row.project.details}".strip()
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BUDGET:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._by_rule(row, column):
            return QBrush(_RULE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and self._by_rule(row, column):
            return self._italic
        return None

    def _by_rule(self, row: ProcurementRow, column: int) -> bool:
        return (column == REASON and not row.decision.by_officer) or (column == MONTH and row.choice.month is None)

    def _reason(self, row: ProcurementRow) -> str:
        return row.decision.reason if row.decision.by_officer else TEXTS["by_rule"].format(reason=row.decision.reason)

    def _display(self, row: ProcurementRow, column: int) -> Any:
        project = row.project
        if column == NAME:
            return project.name
        if column == KIND:
            return TEXTS["equipment"] if project.kind is ProjectKind.EQUIPMENT else TEXTS["project"]
        if column == UNIT:
            return self.data_.unit_of(row) if self.data_ is not None else ""
        if column == BUDGET:
            return format_money(project.budget)
        if column == REASON:
            return self._reason(row)
        if column == METHOD:
            return row.choice.method
        if column == CODE:
            return row.choice.egp_code
        if column == MONTH:
            year = self.data_.fiscal_year if self.data_ is not None else 0
            if row.month is None:
                return TEXTS["no_month"]
            text = month_text(year, row.month)
            return text if row.choice.month is not None else TEXTS["month_default"].format(month=text)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        project_id = self.project_id(row)
        if column == PROCURED and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.apply({project_id: self.procured_fields(row, checked)}, TEXTS["label_procured"])
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == METHOD:
            return self.apply({project_id: ProcurementFields(method=str(value or "").strip())}, TEXTS["label_method"])
        if column == CODE:
            return self.apply({project_id: ProcurementFields(egp_code=str(value or "").strip())}, TEXTS["label_code"])
        if column == MONTH:
            month = int(value) if value not in (None, "") else None
            return self.apply({project_id: ProcurementFields(month=month)}, TEXTS["label_month"])
        return False

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return TEXTS[COLUMNS[section]] if 0 <= section < len(COLUMNS) else None
        return f"{section + 1:,}" if 0 <= section < len(self.rows) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PROCURED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
