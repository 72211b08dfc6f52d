"""The entry grid widget: the project table with the habits of a spreadsheet.

``ProjectGridView`` is a QTableView over ``ProjectFilterProxy``, with the two-row year header
(``header``) and the painting delegate (``delegate``). Month cells are toggled by a click or the space
bar and set as a run by dragging across them. Enter moves down and Tab right, also out of an editor;
typing over a cell replaces its text; Backspace asks for the selected cells to be cleared, as Delete
does. Row heights follow the wrapped Thai text of the rows on screen (measured lazily, so 10,000 rows
open at once), and a heading band names each printed block; a row being edited grows to its editor's
height and is scrolled into view, so the editor never covers the row above. Rows dragged onto the tree
are reclassified there.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget

from thaplan_desktop.ui.columns import COLUMNS, FIRST_MONTH_COLUMN, NUMBER_COLUMN, Editor, month_of_column
from thaplan_desktop.ui.grid.delegate import GridDelegate
from thaplan_desktop.ui.grid.filter import ProjectFilterProxy
from thaplan_desktop.ui.grid.header import YearHeaderView
from thaplan_desktop.ui.grid.model import PROJECT_ID_ROLE, ProjectTableModel
from thaplan_desktop.ui.grid.sizing import column_widths
from thaplan_desktop.ui.text_layout import wrap_lines

_BLOCK_LINE = QColor(90, 110, 150)
_BAND = QColor(228, 234, 245)
_BAND_TEXT = QColor(30, 45, 80)
_MAX_LINES = 10
# Text columns share the width left by the fixed ones (weights, minimum widths).
_TEXT_COLUMNS = [i for i, spec in enumerate(COLUMNS) if spec.editor in (Editor.MULTILINE, Editor.LINE, Editor.UNIT)]


class ProjectGridView(QTableView):
    """The entry grid: the project table with the habits of a spreadsheet."""

    clear_requested = Signal()  # Backspace outside an editor: clear the selected cells

    def __init__(self, proxy: ProjectFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy  # kept in Python: the delegate asks for them for every cell it paints
        self._source = proxy.table
        self.setHorizontalHeader(YearHeaderView(self))
        self.setItemDelegate(GridDelegate(self, self))
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDragDropOverwriteMode(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Always there, so that rows growing taller never change the width the columns share.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        self.setCornerButtonEnabled(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setMinimumSectionSize(8)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        self.verticalHeader().setFixedWidth(16)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._anchor: tuple[int, int, bool] | None = None  # source row, month, ctrl held
        self._preview: tuple[int, int, int, bool] | None = None  # source row, first, last month, add
        self._initial_text: str | None = None
        self._heights: dict[int, tuple[tuple[int, ...], int]] = {}
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)
        self.verticalScrollBar().valueChanged.connect(self._schedule_fit)
        self.horizontalHeader().sectionResized.connect(self._columns_resized)
        self.auto_columns = True
        self._fitting_columns = False
        self.block_headings = True  # a heading band above each printed block, as ผด.02 prints them
        self._kept_current: tuple[int, int] | None = None  # (project id, column) over a filter reset
        self._editor_room: dict[int, int] = {}  # project id → height its open editor needs
        self.setModel(proxy)

    # --- wiring ----------------------------------------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if model is not self._proxy:
            raise ValueError("the grid shows the project filter it was made with")
        super().setModel(model)
        self._fitting_columns = True
        for i, spec in enumerate(COLUMNS):
            self.setColumnWidth(i, spec.width)
        self._fitting_columns = False
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        for i in range(FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + 12):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Fixed)
        proxy, source = self._proxy, self._source
        # Not the filter's rowsInserted/rowsRemoved: a keystroke in the search box emits hundreds.
        for signal in (proxy.modelReset, proxy.layoutChanged, proxy.dataChanged, proxy.filter_changed,
                       source.rowsInserted, source.rowsRemoved):
            signal.connect(self._schedule_fit)
        proxy.dataChanged.connect(self._forget_heights)
        proxy.modelAboutToBeReset.connect(self._remember_current)
        proxy.modelReset.connect(self._restore_current)

    def proxy(self) -> ProjectFilterProxy:
        """The filter model the view shows."""
        return self._proxy

    def source(self) -> ProjectTableModel:
        """The project table under the filter."""
        return self._source

    def unit_names(self) -> list[str]:
        """Unit names for the unit editor."""
        state = self.source().state
        return [u.name for u in state.units]

    def take_initial_text(self) -> str | None:
        """The key typed to start editing (it replaces the cell's text), once."""
        text, self._initial_text = self._initial_text, None
        return text

    def _remember_current(self) -> None:
        index = self.currentIndex()
        self._kept_current = None
        if index.isValid():
            row = self._proxy.mapToSource(index).row()
            if 0 <= row < len(self._source.rows):
                self._kept_current = (self._source.rows[row].id, index.column())

    def _restore_current(self) -> None:
        """After the filter reset: the same project stays current if it is still shown."""
        kept = self._kept_current
        self._kept_current = None
        if kept is None:
            return
        row = self._source.row_of.get(kept[0])
        if row is None:
            return
        index = self._proxy.mapFromSource(self._source.index(row, kept[1]))
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, self.selectionModel().SelectionFlag.ClearAndSelect)

    # --- row heights -----------------------------------------------------------------------------------

    def _schedule_fit(self, *_args: object) -> None:
        if not self._fit_timer.isActive():
            self._fit_timer.start()

    def _columns_resized(self, *_args: object) -> None:
        if not self._fitting_columns:
            self.auto_columns = False  # the user chose widths: keep them
        self._heights.clear()
        self._schedule_fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_columns:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width left by the fixed columns among the text columns, so the months stay in view.

        On a narrow screen (1366 px laptops) the month and number columns give up a few pixels first.
        """
        if self.model() is None:
            return
        widths = column_widths(self.viewport().width())
        self._fitting_columns = True
        try:
            for column, width in widths.items():
                self.setColumnWidth(column, width)
        finally:
            self._fitting_columns = False

    def _forget_heights(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        proxy = self._proxy
        if bottom.row() - top.row() > 200:
            self._heights.clear()
            return
        for row in range(top.row(), bottom.row() + 1):
            index = proxy.index(row, 0)
            if index.isValid():
                self._heights.pop(proxy.data(index, PROJECT_ID_ROLE), None)

    def relayout_rows(self) -> None:
        """Measure the rows again (the font changed): default height, then the rows on screen."""
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        self._heights.clear()
        self.fit_visible_rows()

    def fit_visible_rows(self) -> None:
        """Give the rows on screen the height their wrapped text needs (up to a few lines)."""
        proxy = self._proxy
        if proxy.rowCount() == 0:
            return
        metrics = self.fontMetrics()
        font = self.font()
        widths = tuple(self.columnWidth(c) for c in _TEXT_COLUMNS)
        line = metrics.lineSpacing()
        base = line + 10
        header = self.verticalHeader()
        for _round in range(3):
            first = max(0, self.rowAt(0))
            last = self.rowAt(self.viewport().height() - 1)
            if last < 0:
                last = proxy.rowCount() - 1
            last = min(proxy.rowCount() - 1, last + 2)
            changed = False
            for row in range(first, last + 1):
                pid = proxy.data(proxy.index(row, 0), PROJECT_ID_ROLE)
                cached = self._heights.get(pid)
                if cached is not None and cached[0] == widths:
                    height = cached[1]
                else:
                    height = base
                    for column, width in zip(_TEXT_COLUMNS, widths, strict=True):
                        text = proxy.data(proxy.index(row, column), Qt.ItemDataRole.DisplayRole) or ""
                        if not text:
                            continue
                        # As painted: the cell minus its grid line, minus 4 px padding each side.
                        lines = len(wrap_lines(str(text), font, width - (1 if self.showGrid() else 0) - 8))
                        height = max(height, min(lines, _MAX_LINES) * line + 6)
                    self._heights[pid] = (widths, height)
                height = max(height, self._editor_room.get(pid, 0))
                height += self.band_height(row)
                if header.sectionSize(row) != height:
                    header.resizeSection(row, height)
                    changed = True
            if not changed:
                break

    # --- block headings ---------------------------------------------------------------------------------

    def band_height(self, proxy_row: int) -> int:
        """Height of the block heading above a row: on the first row shown of each printed block."""
        if not self.block_headings or proxy_row < 0:
            return 0
        proxy = self._proxy
        model = self._source
        row = proxy.mapToSource(proxy.index(proxy_row, 0)).row()
        if row < 0:
            return 0
        if proxy_row > 0:
            previous = proxy.mapToSource(proxy.index(proxy_row - 1, 0)).row()
            if previous >= 0 and model.block_key(previous) == model.block_key(row):
                return 0
        return self.fontMetrics().lineSpacing() + 6

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.block_headings or self._proxy.rowCount() == 0:
            return
        painter = QPainter(self.viewport())
        first = max(0, self.rowAt(0))
        last = self.rowAt(self.viewport().height() - 1)
        last = self._proxy.rowCount() - 1 if last < 0 else last
        width = self.viewport().width()
        for proxy_row in range(first, last + 1):
            band = self.band_height(proxy_row)
            if not band:
                continue
            top = self.rowViewportPosition(proxy_row)
            rect = QRect(0, top, width, band)
            painter.fillRect(rect, _BAND)
            painter.setPen(QPen(_BLOCK_LINE, 1))
            painter.drawLine(rect.topLeft(), rect.topRight())
            row = self._proxy.mapToSource(self._proxy.index(proxy_row, 0)).row()
            label = self._source.block_label(row)
            text_rect = rect.adjusted(8, 0, -8, 0)
            painter.setPen(_BAND_TEXT)
            font = QFont(self.font())
            font.setBold(True)
            painter.setFont(font)
            text = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, text_rect.width())
            painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
        painter.end()

    # --- months: click, space, drag --------------------------------------------------------------------

    def preview_months(self, index: QModelIndex | QPersistentModelIndex) -> tuple[bool, bool, bool] | None:
        """While dragging across months: how a cell of the dragged row will look."""
        if self._preview is None:
            return None
        source_row, first, last, add = self._preview
        proxy = self.proxy()
        if proxy.mapToSource(index).row() != source_row:
            return None
        month = month_of_column(index.column())
        if month is None:
            return None
        run = set(range(first, last + 1))
        months = run | (set(self.source().project_at(source_row).months) if add else set())
        return (month in months, month - 1 in months, month + 1 in months)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        month = month_of_column(index.column()) if index.isValid() else None
        if month is not None and event.button() == Qt.MouseButton.LeftButton and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.setCurrentIndex(index)
            source_row = self.proxy().mapToSource(index).row()
            add = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self._anchor = (source_row, month, add)
            event.accept()
            return
        if index.isValid() and index.column() == NUMBER_COLUMN and event.button() == Qt.MouseButton.LeftButton \
                and not self.selectionModel().isSelected(index):
            flags = self.selectionModel().SelectionFlag
            command = flags.Rows | (flags.Toggle if event.modifiers() & Qt.KeyboardModifier.ControlModifier
                                    else flags.ClearAndSelect)
            self.selectionModel().setCurrentIndex(index, command)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._anchor is not None:
            source_row, first, add = self._anchor
            column = self.columnAt(int(event.position().x()))
            month = month_of_column(column)
            if month is not None:
                lo, hi = sorted((first, month))
                preview = (source_row, lo, hi, add)
                if preview != self._preview and (lo != hi or self._preview is not None):
                    self._preview = preview
                    self.viewport().update()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._anchor is not None:
            source_row, first, add = self._anchor
            preview = self._preview
            self._anchor = self._preview = None
            model = self.source()
            if source_row < model.rowCount():
                if preview is None or preview[1] == preview[2] == first:
                    model.toggle_month(source_row, first)
                else:
                    run = set(range(preview[1], preview[2] + 1))
                    if add:
                        run |= set(model.project_at(source_row).months)
                    model.set_months(source_row, run)
            self.viewport().update()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and month_of_column(index.column()) is not None:
            self.mousePressEvent(event)  # a second click toggles again, as a click does
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        key = event.key()
        if self.state() != QAbstractItemView.State.EditingState and index.isValid():
            month = month_of_column(index.column())
            if key == Qt.Key.Key_Space and month is not None:
                self.source().toggle_month(self.proxy().mapToSource(index).row(), month)
                event.accept()
                return
            if key == Qt.Key.Key_Backspace and not event.modifiers():
                self.clear_requested.emit()
                event.accept()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move_to(index.row() + (-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1),
                              index.column())
                event.accept()
                return
            text = event.text()
            if (text and text.isprintable() and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
                    and COLUMNS[index.column()].editable and month is None):
                # Typing over a cell replaces its text, as in a spreadsheet.
                self._initial_text = text
                if self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event):
                    event.accept()
                    return
                self._initial_text = None
        super().keyPressEvent(event)

    def _move_to(self, row: int, column: int) -> None:
        proxy = self._proxy
        if proxy.rowCount() == 0:
            return
        row = max(0, min(proxy.rowCount() - 1, row))
        index = proxy.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def make_room_for_editor(self, proxy_row: int, height: int) -> None:
        """An editor taller than its row opened: the row grows to it and is scrolled fully into view."""
        index = self._proxy.index(proxy_row, 0)
        if not index.isValid():
            return
        pid = self._proxy.data(index, PROJECT_ID_ROLE)
        self._editor_room = {pid: height}
        header = self.verticalHeader()
        wanted = height + self.band_height(proxy_row)
        if header.sectionSize(proxy_row) < wanted:
            header.resizeSection(proxy_row, wanted)
        row = QPersistentModelIndex(index)
        QTimer.singleShot(0, self, lambda: self._show_row(row))

    def _show_row(self, row: QPersistentModelIndex) -> None:
        """Scroll so that the whole row is in view (its top first when it is taller than the view)."""
        if not row.isValid():
            return
        top = self.rowViewportPosition(row.row())
        bottom = top + self.rowHeight(row.row())
        bar = self.verticalScrollBar()
        if bottom > self.viewport().height():
            bar.setValue(bar.value() + bottom - self.viewport().height())
            top = self.rowViewportPosition(row.row())
        if top < 0:
            bar.setValue(bar.value() + top)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if self._editor_room:
            self._editor_room = {}
            self._schedule_fit()  # the row goes back to the height its text needs
        index = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint
                            if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache else hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and index.isValid():
            self._move_to(index.row() + 1, index.column())

    # --- dragging rows to the tree ---------------------------------------------------------------------

    def startDrag(self, supported: Qt.DropAction) -> None:
        indexes = [self.proxy().mapToSource(i) for i in self.selectedIndexes()]
        if not indexes:
            return
        mime = self.source().mimeData(indexes)
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)
        # Nothing to remove here: the tree's drop turns into a workspace operation.

    # --- selection helpers -----------------------------------------------------------------------------

    def selected_source_rows(self) -> list[int]:
        """Source rows with a selected cell, in order (the current row when nothing is selected)."""
        proxy = self.proxy()
        rows = {proxy.mapToSource(i).row() for i in self.selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {proxy.mapToSource(self.currentIndex()).row()}
        return sorted(rows)

    def selected_project_ids(self) -> list[int]:
        """Ids of the projects of the selected rows."""
        model = self.source()
        return [model.project_at(r).id for r in self.selected_source_rows()]

    def select_project(self, project_id: int, column: int = 1) -> bool:
        """Make a project's row current and visible; False when it is filtered out."""
        model = self.source()
        row = model.row_of.get(project_id)
        if row is None:
            return False
        index = self.proxy().mapFromSource(model.index(row, column))
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True
