"""A side panel that scrolls up and down instead of holding the window taller than a laptop's screen.

Planning offices work on 1366×768 laptops: a panel of forms and lists (the tracking panel, the calendar's
glance) keeps its width but lends its height to a scroll bar when the window is short.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


def vertically_scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area as wide as the widget needs, scrolling only up and down."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(widget.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    return area
