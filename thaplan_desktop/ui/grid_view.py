"""The entry grid widget: two-row year/month header, cell editors, month arrows, keyboard and mouse habits.

``ProjectGridView`` is a QTableView over ``ProjectFilterProxy``. Month cells are toggled by a click or
the space bar and set as a run by dragging across them; they paint as the printed form does, a line
with arrowheads across the months of each run. Enter moves down and Tab right, also out of an editor.
Row heights follow the wrapped Thai text of the rows on screen (measured lazily, so 10,000 rows open
at once). Editors fit the column: multi-line text, a money field, an editable unit list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QStaticText,
    QTextLayout,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from thaplan_desktop.domain.money import MoneyError, parse_money
from thaplan_desktop.ui.columns import COLUMNS, FIRST_MONTH_COLUMN, NUMBER_COLUMN, Editor, month_of_column
from thaplan_desktop.ui.grid_model import (
    PROJECT_ID_ROLE,
    YEAR_ROLE,
    ProjectFilterProxy,
    ProjectTableModel,
)

TEXTS = {
    "money_hint": "ตัวอย่าง 250000 หรือ 250,000 หรือ ๒๕๐,๐๐๐",
    "multiline_hint": "Enter = บันทึก, Shift+Enter = ขึ้นบรรทัดใหม่",
}

_ARROW = QColor(25, 60, 140)
_PREVIEW = QColor(25, 60, 140, 90)
_BLOCK_LINE = QColor(90, 110, 150)
_BAND = QColor(228, 234, 245)
_BAND_TEXT = QColor(30, 45, 80)
_MAX_LINES = 10
# Text columns share the width left by the fixed ones (weights, minimum widths).
_STRETCH = {"name": 27, "details": 33, "location": 14, "unit": 14}
_MIN_WIDTH = {"name": 150, "details": 165, "location": 90, "unit": 100}
_TEXT_COLUMNS = [i for i, spec in enumerate(COLUMNS) if spec.editor in (Editor.MULTILINE, Editor.LINE, Editor.UNIT)]


_WRAP_CACHE: dict[tuple[str, str, int], tuple[str, ...]] = {}
_WRAP_CACHE_SIZE = 20_000


def wrap_lines(text: str, font: QFont, width: int) -> tuple[str, ...]:
    """The lines a text wraps into at ``width`` (Thai broken between words), cached.

    Breaking Thai lines needs a dictionary lookup, the slow part of painting a cell; the grid asks for
    the same texts at the same widths over and over (scrolling, filtering, repainting), so the lines are
    kept. Explicit line breaks are kept too.
    """
    key = (text, font.key(), width)
    lines = _WRAP_CACHE.get(key)
    if lines is not None:
        return lines
    result: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            result.append("")
            continue
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(10, width))
            result.append(paragraph[line.textStart():line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
    if len(_WRAP_CACHE) >= _WRAP_CACHE_SIZE:
        _WRAP_CACHE.clear()
    lines = _WRAP_CACHE[key] = tuple(result)
    return lines


_STATIC_CACHE: dict[tuple[str, str], QStaticText] = {}


def static_text(line: str, font: QFont) -> QStaticText:
    """A line of text with its glyphs laid out once (repaints only place the glyphs again), cached."""
    key = (line, font.key())
    static = _STATIC_CACHE.get(key)
    if static is None:
        if len(_STATIC_CACHE) >= _WRAP_CACHE_SIZE:
            _STATIC_CACHE.clear()
        static = _STATIC_CACHE[key] = QStaticText(line)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        static.prepare(QTransform(), font)
    return static


def _share(room: int, weights: dict[str, int], minimum: dict[str, int]) -> dict[str, int]:
    """Widths adding up to ``room`` in proportion to ``weights``, none below its minimum."""
    widths: dict[str, int] = {}
    left = dict(weights)
    while left:
        total = sum(left.values())
        free = room - sum(widths.values())
        below = {k for k, w in left.items() if free * w / total < minimum[k]}
        if not below:
            widths.update({k: int(free * w / total) for k, w in left.items()})
            break
        for key in below:
            widths[key] = minimum[key]
            del left[key]
    return widths


class YearHeaderView(QHeaderView):
    """A horizontal header of two rows: Buddhist-era years spanning their months, month names below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setHighlightSections(True)
        self.setSectionsClickable(True)

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        lines = 2.3
        return QSize(size.width(), int(self.fontMetrics().lineSpacing() * lines * 1.35) + 6)

    def _is_month(self, logical: int) -> bool:
        return month_of_column(logical) is not None

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not self._is_month(logical):
            super().paintSection(painter, rect, logical)
            return
        # The month name in the lower half; the year band is painted over the upper half afterwards.
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = ""
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        lower = QRect(rect.left(), rect.top() + rect.height() // 2, rect.width(), rect.height() - rect.height() // 2)
        painter.save()
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        text = str((self.model().headerData(logical, Qt.Orientation.Horizontal) if self.model() else "") or "")
        font = QFont(self.font())
        room, needed = rect.width() - 4, QFontMetrics(font).horizontalAdvance(text)
        if needed > room > 0 and font.pointSizeF() > 0:  # narrow columns: "มี.ค." and "เม.ย." must not touch
            font.setPointSizeF(max(6.0, font.pointSizeF() * room / needed))
        painter.setFont(font)
        painter.drawText(lower, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None:
            return
        painter = QPainter(self.viewport())
        groups: dict[str, list[int]] = {}
        for logical in range(FIRST_MONTH_COLUMN, min(FIRST_MONTH_COLUMN + 12, self.count())):
            if self.isSectionHidden(logical):
                continue
            year = model.headerData(logical, Qt.Orientation.Horizontal, YEAR_ROLE) or ""
            groups.setdefault(str(year), []).append(logical)
        half = self.height() // 2
        base = self.palette().color(QPalette.ColorRole.Button)
        line = self.palette().color(QPalette.ColorRole.Mid)
        for year, sections in groups.items():
            left = min(self.sectionViewportPosition(s) for s in sections)
            right = max(self.sectionViewportPosition(s) + self.sectionSize(s) for s in sections)
            band = QRect(left, 0, right - left - 1, half)
            painter.fillRect(band, base)
            painter.setPen(line)
            painter.drawLine(band.bottomLeft(), band.bottomRight())
            painter.drawLine(band.topRight(), band.bottomRight())
            painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
            painter.drawText(band, int(Qt.AlignmentFlag.AlignCenter), year)
        painter.end()


class MultiLineEditor(QPlainTextEdit):
    """Text over several lines; Enter saves, Shift+Enter or Alt+Enter starts a new line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setToolTip(TEXTS["multiline_hint"])
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)


class MoneyEditor(QLineEdit):
    """An amount of baht: accepts 250000, 250,000, ๒๕๐,๐๐๐; shows 250,000.00."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(TEXTS["money_hint"])

    def problem(self) -> str | None:
        """The Thai message when the text is not an amount, else None."""
        try:
            parse_money(self.text())
        except MoneyError as exc:
            return str(exc)
        return None


class GridDelegate(QStyledItemDelegate):
    """Paints month arrows and block lines; creates the editor each column asks for."""

    def __init__(self, view: ProjectGridView) -> None:
        super().__init__(view)
        self.view = view

    # --- painting --------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
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
                             column == NUMBER_COLUMN, selected)
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
                    selected: bool) -> None:
        """Wrapped Thai text, its line breaks worked out once per text and width (see ``wrap_lines``)."""
        if not text:
            return
        rect = option.rect.adjusted(4, 3, -4, -2)
        font = option.font
        metrics = option.fontMetrics
        painter.save()
        painter.setClipRect(option.rect)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected
                                            else QPalette.ColorRole.Text))
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

    def _paint_month(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex, month: int,
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

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget | None:
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
        else:
            return None
        editor.setFont(option.font)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
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
            if initial is None:
                editor.lineEdit().selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(initial if initial is not None else text)
            if initial is None:
                editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        if isinstance(editor, MultiLineEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = QRect(option.rect)
        rect.setTop(rect.top() + self.view.band_height(index.row()))
        if isinstance(editor, MultiLineEditor):
            lines = 4
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * lines + 12))
            viewport = self.view.viewport().rect()
            if rect.bottom() > viewport.bottom():
                rect.moveBottom(viewport.bottom())
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


class ProjectGridView(QTableView):
    """The entry grid: the project table with the habits of a spreadsheet."""

    project_activated = Signal(int)  # a project id, when its row becomes current

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(YearHeaderView(self))
        self.setItemDelegate(GridDelegate(self))
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
        self._proxy: Any = None
        self._source: Any = None

    # --- wiring ----------------------------------------------------------------------------------------

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        self._proxy = model  # kept in Python: the delegate asks for them for every cell it paints
        self._source = model.sourceModel() if model is not None else None
        self._fitting_columns = True
        for i, spec in enumerate(COLUMNS):
            self.setColumnWidth(i, spec.width)
        self._fitting_columns = False
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        for i in range(FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + 12):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Fixed)
        if model is not None:
            # Not the filter's rowsInserted/rowsRemoved: a keystroke in the search box emits hundreds.
            signals = [model.modelReset, model.layoutChanged, model.dataChanged]
            if isinstance(model, ProjectFilterProxy):
                source = model.sourceModel()
                signals += [model.filter_changed, source.rowsInserted, source.rowsRemoved]
            for signal in signals:
                signal.connect(self._schedule_fit)
            model.dataChanged.connect(self._forget_heights)
            model.modelAboutToBeReset.connect(self._remember_current)
            model.modelReset.connect(self._restore_current)

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
        if index.isValid() and self._source is not None:
            row = self._proxy.mapToSource(index).row()
            if 0 <= row < len(self._source.rows):
                self._kept_current = (self._source.rows[row].id, index.column())

    def _restore_current(self) -> None:
        """After the filter reset: the same project stays current if it is still shown."""
        kept = getattr(self, "_kept_current", None)
        self._kept_current = None
        if kept is None or self._source is None:
            return
        row = self._source.row_of.get(kept[0])
        if row is None:
            return
        index = self._proxy.mapFromSource(self._source.index(row, kept[1]))
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, self.selectionModel().SelectionFlag.ClearAndSelect)

    # --- row heights -----------------------------------------------------------------------------------

    def _schedule_fit(self, *_args: Any) -> None:
        if not self._fit_timer.isActive():
            self._fit_timer.start()

    def _columns_resized(self, *_args: Any) -> None:
        if not self._fitting_columns:
            self.auto_columns = False  # the user chose widths: keep them
        self._heights.clear()
        self._schedule_fit()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.auto_columns:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width left by the fixed columns among the text columns, so the months stay in view.

        On a narrow screen (1366 px laptops) the month and number columns give up a few pixels first.
        """
        if self.model() is None:
            return
        available = self.viewport().width()
        minimum = sum(_MIN_WIDTH.values())
        month_width = COLUMNS[FIRST_MONTH_COLUMN].width
        others = sum(spec.width for spec in COLUMNS if spec.key not in _STRETCH and spec.month is None)
        room = available - others - 12 * month_width
        if room < minimum:  # narrow: months down to 25 px, then the text columns at their minimum
            month_width = max(25, month_width - -(-(minimum - room) // 12))
            room = available - others - 12 * month_width
        widths = _share(room, _STRETCH, _MIN_WIDTH)
        self._fitting_columns = True
        try:
            for i, spec in enumerate(COLUMNS):
                if spec.key in widths:
                    self.setColumnWidth(i, widths[spec.key])
                elif spec.month is not None:
                    self.setColumnWidth(i, month_width)
        finally:
            self._fitting_columns = False

    def _forget_heights(self, top: QModelIndex, bottom: QModelIndex, *_roles: Any) -> None:
        proxy = self.model()
        if proxy is None:
            return
        if bottom.row() - top.row() > 200:
            self._heights.clear()
            return
        for row in range(top.row(), bottom.row() + 1):
            index = proxy.index(row, 0)
            if index.isValid():
                self._heights.pop(proxy.data(index, PROJECT_ID_ROLE), None)

    def fit_visible_rows(self) -> None:
        """Give the rows on screen the height their wrapped text needs (up to a few lines)."""
        proxy = self.model()
        if proxy is None or proxy.rowCount() == 0:
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

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self.block_headings or self._proxy is None or self._proxy.rowCount() == 0:
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

    def preview_months(self, index: QModelIndex) -> tuple[bool, bool, bool] | None:
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

    def mousePressEvent(self, event: Any) -> None:
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

    def mouseMoveEvent(self, event: Any) -> None:
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

    def mouseReleaseEvent(self, event: Any) -> None:
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

    def mouseDoubleClickEvent(self, event: Any) -> None:
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
        proxy = self.model()
        if proxy is None or proxy.rowCount() == 0:
            return
        row = max(0, min(proxy.rowCount() - 1, row))
        index = proxy.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
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
