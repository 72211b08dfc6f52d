"""Which rows of the procurement plan the screen shows: those procured only, and those a search finds.

The search looks in the name, the unit and the e-GP plan code, normalised as the grid's search is
(``ui.state.search_key``: spaces, Thai digits, case).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from thaplan_desktop.ui.procurement.model import ProcurementModel
from thaplan_desktop.ui.state import search_key

_Index = QModelIndex | QPersistentModelIndex


class ProcurementFilter(QSortFilterProxyModel):
    """The procurement model's rows that pass the check box and the search."""

    def __init__(self, source: ProcurementModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.procurement = source
        self.only_procured = False
        self.search = ""

    def set_only_procured(self, only: bool) -> None:
        """Show only the rows in the procurement plan (or every row)."""
        self.beginFilterChange()
        self.only_procured = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        """Show only the rows whose name, unit or plan code contains ``text``."""
        self.beginFilterChange()
        self.search = search_key(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        row = self.procurement.rows[source_row]
        if self.only_procured and not row.decision.procured:
            return False
        if not self.search:
            return True
        data = self.procurement.data_
        unit = data.unit_of(row) if data is not None else ""
        return self.search in search_key(f"{row.project.name} {unit} {row.choice.egp_code}")
