"""The entry grid's column header: two rows, Buddhist-era years spanning their months over the month names.

Form ผด.02 heads its month columns with the years (พ.ศ. 2562 over ต.ค.–ธ.ค., พ.ศ. 2563 over the rest);
``YearHeaderView`` paints that band, and shrinks a month name's font where a narrow column needs it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from thaplan_desktop.ui.columns import FIRST_MONTH_COLUMN, month_of_column
from thaplan_desktop.ui.grid.model import YEAR_ROLE


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

    def paintEvent(self, event: QPaintEvent) -> None:
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
