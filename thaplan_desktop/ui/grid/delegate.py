"""The entry grid's delegate: paints cells the way form ผด.02 prints them, and opens the editor a column asks for.

Painting reads the project table directly (one mapping call a cell, no data roles): wrapped Thai text
(``text_layout``), problem colours, and a line with arrowheads across each run of months, previewing a
run while it is dragged. Editing: multi-line text (Enter saves, Shift+Enter breaks the line; its row grows
to the editor's four lines), baht
(refused with a Thai tip until it reads as an amount), an editable list of units; Enter and Tab save and
move on.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from thaplan_desktop.ui.columns import COLUMNS, NUMBER_COLUMN, Editor, month_of_column
from thaplan_desktop.ui.grid.editors import MoneyEditor, MultiLineEditor
from thaplan_desktop.ui.grid.filter import ProjectFilterProxy
from thaplan_desktop.ui.grid.model import LOCKED_TEXT, ProjectTableModel
from thaplan_desktop.ui.text_layout import static_text, wrap_lines

Index = QModelIndex | QPersistentModelIndex

_ARROW = QColor(25, 60, 140)
_PREVIEW = QColor(25, 60, 140, 90)


FILLED = "thaplan_filled"  # an editor's property: set once the cell's value was put in it


class GridHost(Protocol):
    """What the delegate asks of the grid view it paints for."""

    def source(self) -> ProjectTableModel: ...
    def proxy(self) -> ProjectFilterProxy: ...
    def band_height(self, proxy_row: int) -> int: ...
    def preview_months(self, index: Index) -> tuple[bool, bool, bool] | None: ...
    def unit_names(self) -> list[str]: ...
    def take_initial_text(self) -> str | None: ...
    def make_room_for_editor(self, proxy_row: int, height: int) -> None: ...
    def viewport(self) -> QWidget: ...


class GridDelegate(QStyledItemDelegate):
    """Paints month arrows and block lines; creates the editor each column asks for."""

    def __init__(self, view: GridHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view

    # --- painting --------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Read the project table directly (one mapping call) rather than through several data roles:
        # this runs for every cell of every repaint.
        model = self.view.source()
        row = self.view.proxy().mapToSource(index).row()
        column = index.column()
        month = month_of_column(column)
        band = self.view.band_height(index.row())
        if band:  # the block heading is painted by the view across the row's top
            option = QStyleOptionViewItem(option)
            option.rect = option.rect.adjusted(0, band, 0, 0)
        selected = self._background(painter, option, model.background_of(row, column))
        if month is None:
            self._paint_text(painter, option, model.display_of(row, column), COLUMNS[column].align_right or
                             column == NUMBER_COLUMN, selected, model.locked(row))
        else:
            months = model.rows[row].months
            run = (month in months, month - 1 in months, month + 1 in months)
            self._paint_month(painter, option, index, month, run, selected)

    @staticmethod
    def _background(painter: QPainter, option: QStyleOptionViewItem, problem: QColor | None) -> bool:
        """Fill a cell's background directly (no style pass, this runs for every cell); True if selected."""
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, option.palette.color(QPalette.ColorRole.Highlight))
        elif problem is not None:
            painter.fillRect(rect, problem)
        elif option.features & QStyleOptionViewItem.ViewItemFeature.Alternate:
            painter.fillRect(rect, option.palette.color(QPalette.ColorRole.AlternateBase))
        return selected

    def _paint_text(self, painter: QPainter, option: QStyleOptionViewItem, text: str | None, right: bool,
                    selected: bool, locked: bool = False) -> None:
        """Wrapped Thai text, its line breaks worked out once per text and width (see ``wrap_lines``)."""
        if not text:
            return
        rect = option.rect.adjusted(4, 3, -4, -2)
        font = option.font
        metrics = option.fontMetrics
        painter.save()
        painter.setClipRect(option.rect)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText) if selected
                       else LOCKED_TEXT if locked else option.palette.color(QPalette.ColorRole.Text))
        line_height = metrics.lineSpacing()
        lines = wrap_lines(text, font, rect.width())
        room = max(1, rect.height() // line_height)
        if len(lines) > room:  # more than the row shows: end the last line with "…" (tooltip has all)
            lines = (*lines[:room - 1], metrics.elidedText(" ".join(lines[room - 1:]), Qt.TextElideMode.ElideRight,
                                                           rect.width()))
        y = rect.top()
        for line in lines:
            static = static_text(line, font)
            x = rect.right() - static.size().width() if right else rect.left()
            painter.drawStaticText(QPointF(x, y), static)
            y += line_height
        painter.restore()

    def _paint_month(self, painter: QPainter, option: QStyleOptionViewItem, index: Index, month: int,
                     run: tuple[bool, bool, bool], selected: bool) -> None:
        rect = option.rect
        on, before, after = run
        preview = self.view.preview_months(index)
        y = rect.center().y()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if preview is not None:
            p_on, p_before, p_after = preview
            if p_on:
                painter.fillRect(rect.adjusted(0, 2, 0, -2), _PREVIEW)
            on, before, after = p_on, p_before, p_after
        if on:
            color = option.palette.color(QPalette.ColorRole.HighlightedText) if selected else _ARROW
            pen = QPen(color, 2)
            painter.setPen(pen)
            head = max(4, min(7, rect.width() // 4))
            left = rect.left() if before else rect.left() + 3
            right = rect.right() + 1 if after else rect.right() - 3
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.setBrush(color)
            if not before:
                painter.drawPolygon(QPolygonF([QPointF(left, y), QPointF(left + head, y - head * 0.6),
                                               QPointF(left + head, y + head * 0.6)]))
            if not after:
                painter.drawPolygon(QPolygonF([QPointF(right, y), QPointF(right - head, y - head * 0.6),
                                               QPointF(right - head, y + head * 0.6)]))
        painter.restore()

    # --- editing ---------------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spec = COLUMNS[index.column()]
        if spec.editor is Editor.MULTILINE:
            editor: QWidget = MultiLineEditor(parent)
        elif spec.editor is Editor.MONEY:
            editor = MoneyEditor(parent)
        elif spec.editor is Editor.UNIT:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(self.view.unit_names())
            completer = QCompleter(self.view.unit_names(), combo)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            combo.setCompleter(completer)
            editor = combo
        elif spec.editor is Editor.LINE:
            editor = QLineEdit(parent)
        else:  # not reached: the model makes only columns with an editor editable
            return super().createEditor(parent, option, index)
        editor.setFont(option.font)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if editor.property(FILLED):  # the row changed while the officer types (another's edit): keep the typing
            return
        editor.setProperty(FILLED, True)
        text = index.data(Qt.ItemDataRole.EditRole)
        text = "" if text is None else str(text)
        initial = self.view.take_initial_text()
        if isinstance(editor, MultiLineEditor):
            editor.setPlainText(initial if initial is not None else text)
            cursor = editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            editor.setTextCursor(cursor)
        elif isinstance(editor, QComboBox):
            editor.setEditText(initial if initial is not None else text)
            line = editor.lineEdit()
            if initial is None and line is not None:
                line.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(initial if initial is not None else text)
            if initial is None:
                editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, MultiLineEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = QRect(option.rect)
        rect.setTop(rect.top() + self.view.band_height(index.row()))
        if isinstance(editor, MultiLineEditor):
            lines = 4
            wanted = editor.fontMetrics().lineSpacing() * lines + 12
            if rect.height() < wanted:  # the row grows to the editor (never drawn over the row above)
                self.view.make_room_for_editor(index.row(), wanted)
                rect.setHeight(wanted)
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            modifiers = event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if isinstance(editor, MultiLineEditor) and modifiers & (
                        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                    editor.insertPlainText("\n")
                    return True
                if not self._accept(editor):
                    return True
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                if not self._accept(editor):
                    return True
                self.commitData.emit(editor)
                hint = (QAbstractItemDelegate.EndEditHint.EditPreviousItem if key == Qt.Key.Key_Backtab
                        else QAbstractItemDelegate.EndEditHint.EditNextItem)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)

    def _accept(self, editor: QObject) -> bool:
        if isinstance(editor, MoneyEditor):
            problem = editor.problem()
            if problem:
                QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height())), problem, editor)
                return False
        return True
