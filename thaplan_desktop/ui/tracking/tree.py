"""The ติดตามผล tab's tree: the same ยุทธศาสตร์ → แผนงาน tree, read-only, with the plan-in-use totals of each node.

``TrackingTreeModel`` is the classification tree (``ui.tree.model``: same nodes, same keys, same resets
when the tree's shape changes) whose numbers are the tab's ``facets.Totals``: projects, disbursed against
budget, and how many should have started, following the tab's status, unit and search criteria. It never
renames, moves or drops: those belong to the plan's own tab. ``tracking_tree_view`` shows it in the
shared ``ClassificationTreeView`` with dragging and editing switched off.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView

from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.status import STATUS_LABELS
from thaplan_desktop.ui.state import ROOT, NodeKey, PlanState
from thaplan_desktop.ui.tracking.columns import ENTRY_ORDER
from thaplan_desktop.ui.tracking.facets import Totals
from thaplan_desktop.ui.tree.model import TOTALS_TEXT_ROLE, ClassificationTreeModel
from thaplan_desktop.ui.tree.view import ClassificationTreeView

TEXTS = {
    "line": "{count} รายการ · เบิกจ่าย {percent}%",
    "late": " · ควรเริ่มแล้ว {late}",
    "tip": "{count} รายการ\nงบประมาณ {budget} บาท\nเบิกจ่ายแล้ว {disbursed} บาท ({percent}%)\nคงเหลือ {remaining} บาท",
    "tip_status": "{label} {count}",
    "tip_late": "ควรเริ่มดำเนินการแล้ว {late} รายการ",
}

Index = QModelIndex | QPersistentModelIndex
_EMPTY = QColor(150, 150, 150)
_READ_ONLY = ~(Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)


class TrackingTreeModel(ClassificationTreeModel):
    """Strategies, programs and equipment types with the tab's totals; read-only."""

    def __init__(self, state: PlanState, parent: QObject | None = None) -> None:
        self._totals: dict[NodeKey, Totals] = {}
        super().__init__(state, parent)

    def set_totals(self, totals: dict[NodeKey, Totals]) -> None:
        """New totals per node; the nodes whose totals changed repaint."""
        old, self._totals = self._totals, totals
        for key in set(old) | set(totals):
            if old.get(key) != totals.get(key):
                index = self.index_of_key(key)
                if index.isValid():
                    self.dataChanged.emit(index, index.siblingAtColumn(2))

    def totals_of(self, key: NodeKey) -> Totals:
        """The tab's totals under a node (none: zero)."""
        return self._totals.get(tuple(key)) or Totals()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role in (TOTALS_TEXT_ROLE, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole) or (
                role == Qt.ItemDataRole.DisplayRole and column > 0):
            totals = self.totals_of(self.key_of(index))
            if role == TOTALS_TEXT_ROLE:
                return line_of(totals)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{totals.count:,}" if column == 1 else format_money(totals.disbursed)
            if role == Qt.ItemDataRole.ToolTipRole:
                name = super().data(self.index(index.row(), 0, index.parent()), Qt.ItemDataRole.DisplayRole)
                return f"{name}\n{tooltip_of(totals)}"
            if totals.count == 0 and self.key_of(index) != ROOT:
                return QBrush(_EMPTY)
            return None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) & _READ_ONLY

    def mimeTypes(self) -> list[str]:
        return []

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return False


def line_of(totals: Totals) -> str:
    """The line under a node's name."""
    text = TEXTS["line"].format(count=f"{totals.count:,}", percent=f"{totals.disbursed_percent:.2f}")
    return text + (TEXTS["late"].format(late=totals.late) if totals.late else "")


def tooltip_of(totals: Totals) -> str:
    """The node's figures in full."""
    lines = [TEXTS["tip"].format(count=f"{totals.count:,}", budget=format_money(totals.budget, always_satang=True),
                                 disbursed=format_money(totals.disbursed, always_satang=True),
                                 percent=f"{totals.disbursed_percent:.2f}",
                                 remaining=format_money(totals.remaining, always_satang=True))]
    lines += [TEXTS["tip_status"].format(label=STATUS_LABELS[s], count=totals.of(s)) for s in ENTRY_ORDER
              if totals.of(s) or s is not TrackingStatus.UNKNOWN]
    if totals.late:
        lines.append(TEXTS["tip_late"].format(late=totals.late))
    return "\n".join(lines)


def tracking_tree_view(model: TrackingTreeModel) -> ClassificationTreeView:
    """The shared tree widget over the tab's model: no dragging, no renaming."""
    view = ClassificationTreeView(model)
    view.setDragEnabled(False)
    view.setAcceptDrops(False)
    view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return view
