"""The classification tree widget: long Thai strategy names wrap instead of being cut, drags stay safe.

``ClassificationTreeView`` shows ``ClassificationTreeModel`` with the name column wrapping onto as many
lines as the name needs (row heights follow the column width), the totals right-aligned (a model may word
that line itself through ``TOTALS_TEXT_ROLE``), and drag and
drop of nodes and of grid rows; a drop only asks for an operation (``commands``), so the view never
removes anything itself. When the model resets (the tree's shape changed), the view keeps the nodes
that were expanded and the one selected.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QDrag, QFont, QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from thaplan_desktop.ui.state import ROOT, NodeKey
from thaplan_desktop.ui.tree.model import TOTALS_TEXT_ROLE, ClassificationTreeModel

Index = QModelIndex | QPersistentModelIndex

TEXTS = {
    "totals": "{count} รายการ · {budget} บาท",
}

_TOTALS = QColor(70, 85, 110)


class _NodeDelegate(QStyledItemDelegate):
    """Paints a node as its wrapped name with its totals on a line below, in the full width of the tree."""

    def __init__(self, view: ClassificationTreeView) -> None:
        super().__init__(view)
        self.view = view

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        return max(60, option.rect.width() - 8) if option.rect.width() > 0 else 200

    def _totals(self, index: Index) -> str:
        own = index.data(TOTALS_TEXT_ROLE)  # a model's own line (the ติดตามผล tab's tree)
        if isinstance(own, str):
            return own
        count = index.sibling(index.row(), 1).data() or "0"
        budget = index.sibling(index.row(), 2).data() or "0"
        return TEXTS["totals"].format(count=count, budget=budget)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() != 0:
            return size
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self.view.viewport().width() - self.view.indentation() * (depth + 1) - 10
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        metrics = QFontMetrics(opt.font)
        name = metrics.boundingRect(QRect(0, 0, max(60, width), 10_000), int(Qt.TextFlag.TextWordWrap), opt.text)
        small = QFontMetrics(_small(opt.font))
        return QSize(size.width(), name.height() + small.lineSpacing() + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.column() != 0:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(4, 3, -4, -3)
        painter.save()
        painter.setFont(opt.font)
        text_colour = opt.palette.color(QPalette.ColorRole.HighlightedText) if selected else (
            opt.palette.color(QPalette.ColorRole.Text))
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if foreground is not None and not selected:
            text_colour = foreground.color()
        painter.setPen(text_colour)
        metrics = QFontMetrics(opt.font)
        name_rect = metrics.boundingRect(QRect(rect.left(), rect.top(), rect.width(), 10_000),
                                         int(Qt.TextFlag.TextWordWrap), name)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), name_rect.height()),
                         int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), name)
        small = _small(opt.font)
        painter.setFont(small)
        painter.setPen(text_colour if selected else _TOTALS)
        totals_rect = QRect(rect.left(), rect.top() + name_rect.height(), rect.width(),
                            QFontMetrics(small).lineSpacing() + 2)
        # Too long for a narrow tree: cut at the end with "…", never clip the count off its start.
        totals = QFontMetrics(small).elidedText(self._totals(index), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(totals_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), totals)
        painter.restore()


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setBold(False)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    return small


class ClassificationTreeView(QTreeView):
    """The tree of strategies, programs and equipment types beside the grid."""

    def __init__(self, model: ClassificationTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._expanded: list[NodeKey] = []  # kept over a model reset
        self._current: NodeKey = ROOT
        self.setItemDelegate(_NodeDelegate(self))
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.doItemsLayout)
        self.setModel(model)
        model.modelAboutToBeReset.connect(self._save_state)
        model.modelReset.connect(self._restore_state)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if model is not self._model:
            raise ValueError("the tree shows the classification model it was made with")
        super().setModel(model)
        # The totals are painted under each name; their own columns stay in the model for other views.
        self.setColumnHidden(1, True)
        self.setColumnHidden(2, True)
        self.header().setStretchLastSection(True)

    def current_key(self) -> NodeKey:
        """The key of the node selected (the root when none)."""
        return self._model.key_of(self.currentIndex())

    def select_key(self, key: NodeKey) -> None:
        """Select a node (the grid shows what is under it)."""
        index = self._model.index_of_key(key)
        if index.isValid():
            self.setCurrentIndex(index)

    def _save_state(self) -> None:
        self._expanded = [key for key in self._all_keys() if self.isExpanded(self._model.index_of_key(key))]
        self._current = self.current_key()

    def _restore_state(self) -> None:
        for key in self._expanded:
            index = self._model.index_of_key(key)
            if index.isValid():
                self.setExpanded(index, True)
        index = self._model.index_of_key(self._current)
        if not index.isValid():
            index = self._model.index_of_key(ROOT)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _all_keys(self) -> list[NodeKey]:
        keys: list[NodeKey] = []
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self._model.rowCount(parent)):
                index = self._model.index(row, 0, parent)
                keys.append(self._model.key_of(index))
                stack.append(index)
        return keys

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout.start()  # wrapped names take new heights

    def startDrag(self, supported: Qt.DropAction) -> None:
        indexes = [i for i in self.selectedIndexes() if i.column() == 0]
        if not indexes:
            return
        drag = QDrag(self)
        drag.setMimeData(self._model.mimeData(indexes))
        drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)
        # The window applied the move as an operation; the model resets itself from the refresh.
