"""The problems panel: every row that keeps the plan from printing correctly, with what to fix.

``ProblemsModel`` lists the projects the grid marks (no name, no month, not filed …) in print order, one
line per project with its Thai messages; it follows the grid model's changes (coalesced, so a paste of
1,000 rows rebuilds the list once). Double-clicking a line asks the window to jump to the row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from thaplan_desktop.ui.grid.model import PROJECT_ID_ROLE, ProjectTableModel

Index = QModelIndex | QPersistentModelIndex

TEXTS = {
    "title": "รายการที่ต้องแก้ไข",
    "where": "ตำแหน่ง",
    "name": "โครงการ",
    "what": "สิ่งที่ต้องแก้ไข",
    "no_name": "(ไม่มีชื่อ)",
    "none": "ไม่มีรายการที่ต้องแก้ไข",
    "count": "มี {count} รายการที่ต้องแก้ไข — ดับเบิลคลิกเพื่อไปยังแถวนั้น",
    "unfiled": "ยังไม่จัดแผนงาน",
    "where_fmt": "{block} ที่ {number}",
}


class ProblemsModel(QAbstractTableModel):
    """Projects with problems: where (block and number), name, messages."""

    HEADERS = (TEXTS["where"], TEXTS["name"], TEXTS["what"])

    def __init__(self, grid: ProjectTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self._rows: list[tuple[int, str, str, str]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.rebuild)
        for signal in (grid.modelReset, grid.layoutChanged, grid.rowsInserted, grid.rowsRemoved, grid.dataChanged):
            signal.connect(self._schedule)
        self.rebuild()

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def rebuild(self) -> None:
        """Read the problems from the grid model again."""
        grid = self.grid
        rows = []
        for project_id in grid.problem_ids():
            row = grid.row_of[project_id]
            project = grid.project_at(row)
            block = grid.state.program_number.get(project.program_id, "") if project.program_id else ""
            where = TEXTS["where_fmt"].format(block=block or TEXTS["unfiled"], number=grid.numbers[row])
            name = " ".join(project.name.split()) or TEXTS["no_name"]
            rows.append((project_id, where, name, ", ".join(grid.problems_of(project_id))))
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column() + 1]
        if role == PROJECT_ID_ROLE:
            return row[0]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return self.HEADERS[section]
        return None

    def project_id(self, row: int) -> int:
        """The project of a line."""
        return self._rows[row][0]


class ProblemsPanel(QWidget):
    """A count line and the list of problems; double-click jumps to the project."""

    jump_requested = Signal(int)  # project id

    def __init__(self, model: ProblemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.summary = QLabel()
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.jump_requested.emit(model.project_id(index.row())))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        model.modelReset.connect(self._update_summary)
        self._update_summary()

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        self.summary.setText(TEXTS["count"].format(count=count) if count else TEXTS["none"])
