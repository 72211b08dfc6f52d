"""The ติดตามผล grid widget: one line a project, keyboard-first quick entry with a spreadsheet's habits.

``TrackingGridView`` shows ``TrackingFilterProxy`` with one line a row (ten thousand rows open at once),
the name column taking the width the figures leave. Typing over the status or progress cell replaces it
(``editors``); Enter saves and moves down, so a column of statuses is typed as 3⏎ 2⏎ 1⏎; Enter on a cell
that is not being edited moves down too, Shift+Enter up. On the disbursed cell, typing an amount or F2
asks for a new disbursement of that project. The project under the cursor is announced
(``current_project_changed``) for the side panel, and stays current when the filter or the table resets.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget

from thaplan_desktop.ui.tracking.columns import COLUMN_INDEX, COLUMNS, TrackingEditor
from thaplan_desktop.ui.tracking.editors import TrackingDelegate
from thaplan_desktop.ui.tracking.filter import TrackingFilterProxy

_DISBURSED = COLUMN_INDEX["disbursed"]
_NAME = COLUMN_INDEX["name"]
_MIN_NAME = 180


class TrackingGridView(QTableView):
    """The ติดตามผล grid."""

    current_project_changed = Signal(object)  # project id or None

    def __init__(self, proxy: TrackingFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self._kept: tuple[int, int] | None = None  # (project id, column) over a reset
        self._current: int | None = None
        self.setItemDelegate(TrackingDelegate(proxy.table, self))
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        vertical.setFixedWidth(14)
        self.horizontalHeader().setHighlightSections(False)
        self.setModel(proxy)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if model is not self._proxy:
            raise ValueError("the tracking grid shows the filter it was made with")
        super().setModel(model)
        for i, spec in enumerate(COLUMNS):
            self.setColumnWidth(i, spec.width)
        self._proxy.modelAboutToBeReset.connect(self._remember_current)
        self._proxy.modelReset.connect(self._restore_current)
        self._proxy.layoutAboutToBeChanged.connect(self._remember_current)
        self._proxy.layoutChanged.connect(self._restore_current)
        self._proxy.rowsRemoved.connect(lambda *_: self._announce_current())
        selection = self.selectionModel()
        selection.currentChanged.connect(lambda *_: self._announce_current())

    # --- the project under the cursor --------------------------------------------------------------------

    def current_project(self) -> int | None:
        """The project of the current row, if any."""
        index = self.currentIndex()
        return self._proxy.project_id_at(index.row()) if index.isValid() else None

    def _announce_current(self) -> None:
        current = self.current_project()
        if current != self._current:
            self._current = current
            self.current_project_changed.emit(current)

    def select_project(self, project_id: int, column: int = _NAME) -> bool:
        """Make a project's row current and visible; False when the filter hides it."""
        row = self._proxy.proxy_row_of(project_id)
        if row < 0:
            return False
        index = self._proxy.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def selected_project_ids(self) -> list[int]:
        """Projects of the selected rows (the current one when nothing is selected), in order."""
        rows = sorted({i.row() for i in self.selectedIndexes()} or (
            {self.currentIndex().row()} if self.currentIndex().isValid() else set()))
        return [pid for pid in (self._proxy.project_id_at(r) for r in rows) if pid is not None]

    def _remember_current(self) -> None:
        index = self.currentIndex()
        project = self.current_project()
        self._kept = (project, index.column()) if project is not None else None

    def _restore_current(self) -> None:
        kept, self._kept = self._kept, None
        if kept is not None:
            row = self._proxy.proxy_row_of(kept[0])
            if row >= 0:
                self.selectionModel().setCurrentIndex(self._proxy.index(row, kept[1]),
                                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._announce_current()

    # --- widths ---------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        others = sum(self.columnWidth(i) for i in range(len(COLUMNS)) if i != _NAME)
        self.setColumnWidth(_NAME, max(_MIN_NAME, self.viewport().width() - others))

    # --- keys -----------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        key = event.key()
        if self.state() != QAbstractItemView.State.EditingState and index.isValid():
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                step = -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
                self._move_to(index.row() + step, index.column())
                event.accept()
                return
            if COLUMNS[index.column()].editor is TrackingEditor.DISBURSEMENT:
                text = event.text()
                typed = bool(text and text.isprintable() and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
                if typed or key == Qt.Key.Key_F2:
                    source = self._proxy.mapToSource(index)
                    self._proxy.table.request_disbursement(source.row(), text if typed else "")
                    event.accept()
                    return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.column() == _DISBURSED:
            self.setCurrentIndex(index)
            self._proxy.table.request_disbursement(self._proxy.mapToSource(index).row())
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _move_to(self, row: int, column: int) -> None:
        if self._proxy.rowCount() == 0:
            return
        row = max(0, min(self._proxy.rowCount() - 1, row))
        index = self._proxy.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        index = self.currentIndex()
        submitted = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if submitted else hint)
        if submitted and index.isValid():
            self._move_to(index.row() + 1, index.column())

