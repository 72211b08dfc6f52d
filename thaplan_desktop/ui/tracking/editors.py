"""The ติดตามผล grid's cell editors and their delegate: a status typed as 1–6 or its first letters, a percent.

``StatusEditor`` is a line that completes a status's Thai label as its first letters are typed
(ด → ดำเนินการแล้วเสร็จ, ยก → ยกเลิก) and takes 1–6; ``ProgressEditor`` a whole percent. ``TrackingDelegate``
opens the editor a column's spec asks for, puts what was typed over the cell's value, and on Enter
commits and closes the editor so that the view moves down to the next row (Tab: the next cell). It paints
each cell from the table's ``looks`` (texts, colours, background worked out once a row) with glyph runs
laid out once, so that a repaint of the rows on screen stays a few milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCompleter,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from thaplan_desktop.tracking.status import STATUS_LABELS
from thaplan_desktop.ui.text_layout import static_text
from thaplan_desktop.ui.tracking.columns import COLUMNS, ENTRY_ORDER, STATUS_CHOICES, TrackingEditor
from thaplan_desktop.ui.tracking.model import TrackingTableModel

TEXTS = {
    "status_hint": "1–6 หรืออักษรแรก",
    "progress_hint": "0–100",
}

Index = QModelIndex | QPersistentModelIndex
FILLED = "thaplan_filled"  # an editor's property: set once the cell's value was put in it


class StatusEditor(QLineEdit):
    """A status: 1–6 (๑–๖), or the first letters of its label, completed in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(TEXTS["status_hint"])
        self.setToolTip(STATUS_CHOICES)
        completer = QCompleter([STATUS_LABELS[s] for s in ENTRY_ORDER], self)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)


class ProgressEditor(QLineEdit):
    """A whole percent, 0 to 100."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(TEXTS["progress_hint"])
        self.setMaxLength(8)


class TrackingDelegate(QStyledItemDelegate):
    """Paints a cell from the table's row looks; opens the status and progress editors; Enter saves and moves
    down, Tab saves and moves right."""

    def __init__(self, table: TrackingTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self._elided: dict[tuple[str, int, str], str] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Read the table directly (one mapping call) rather than through several data roles, and draw glyph
        # runs laid out once (``text_layout.static_text``): this runs for every cell of every repaint.
        proxy = index.model()
        source = proxy.mapToSource(index) if isinstance(proxy, QSortFilterProxyModel) else index
        texts, colours, background = self.table.looks(source.row())
        column = index.column()
        rect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif background is not None:
            painter.fillRect(rect, background)
        elif option.features & QStyleOptionViewItem.ViewItemFeature.Alternate:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        text = texts[column]
        if text:
            font = option.font
            width = rect.width() - 8
            key = (text, width, font.key())
            shown = self._elided.get(key)
            if shown is None:
                if len(self._elided) > 20000:
                    self._elided.clear()
                shown = self._elided[key] = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            static = static_text(shown, font)
            colour = colours[column]
            painter.save()
            painter.setFont(font)
            if selected:
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            else:
                painter.setPen(colour.color() if colour is not None else palette.color(QPalette.ColorRole.Text))
            size = static.size()
            x = rect.right() - 4 - size.width() if COLUMNS[column].align_right else rect.left() + 4
            painter.drawStaticText(QPointF(x, rect.top() + (rect.height() - size.height()) / 2), static)
            painter.restore()
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight).darker(130), 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spec = COLUMNS[index.column()]
        editor: QLineEdit
        if spec.editor is TrackingEditor.STATUS:
            editor = StatusEditor(parent)
        elif spec.editor is TrackingEditor.PROGRESS:
            editor = ProgressEditor(parent)
        else:  # not reached: only those two columns are editable in place
            return super().createEditor(parent, option, index)
        editor.setFont(option.font)
        editor.setFrame(False)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if editor.property(FILLED):  # the row changed while the officer types (another's entry): keep the typing
            return
        editor.setProperty(FILLED, True)
        if isinstance(editor, QLineEdit):
            text = index.data(Qt.ItemDataRole.EditRole)
            editor.setText("" if text is None else str(text))
            editor.selectAll()  # a key typed over the cell replaces it
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(editor, QWidget):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.commitData.emit(editor)
                hint = (QAbstractItemDelegate.EndEditHint.EditPreviousItem if key == Qt.Key.Key_Backtab
                        else QAbstractItemDelegate.EndEditHint.EditNextItem)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)
