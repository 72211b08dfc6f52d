"""Chosen pages of a PDF, drawn as images one under another and fitted to the width (QtPdf renders them).

``PagesPreview.show_pages(path, first, last)`` loads a PDF and shows pages ``first``..``last`` (0-based), each
on a white sheet with a shadow line, scaled to the width of the view; a resize draws them again at the
new width. The document editor shows the page it is editing this way, as the exporter laid it out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

_MARGIN = 12


class PagesPreview(QScrollArea):
    """Some pages of a PDF, fitted to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The pages are as wide as the view: a scroll bar that came and went would change that width.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.document = QPdfDocument(self)
        self.pages: list[int] = []
        self._labels: list[QLabel] = []
        page = QWidget()
        page.setObjectName("pages")
        page.setStyleSheet("#pages { background: #8a8f98; }")
        self._layout = QVBoxLayout(page)
        self._layout.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        self._layout.setSpacing(_MARGIN)
        self._layout.addStretch(1)
        self.setWidget(page)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(80)
        self._timer.timeout.connect(self.draw_pages)

    def show_pages(self, path: Path, first: int, last: int) -> None:
        """Load ``path`` and show pages ``first``..``last`` (0-based, within the document)."""
        self.document.close()
        self.document.load(str(path))
        count = self.document.pageCount()
        self.pages = list(range(max(0, first), min(count - 1, last) + 1)) if count else []
        while len(self._labels) < len(self.pages):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self._layout.insertWidget(len(self._labels), label)
            self._labels.append(label)
        for index, label in enumerate(self._labels):
            label.setVisible(index < len(self.pages))
        self.draw_pages()

    def draw_pages(self) -> None:
        """Draw the pages at the view's width."""
        width = max(120, self.viewport().width() - 2 * _MARGIN)
        for page, label in zip(self.pages, self._labels, strict=False):
            size = self.document.pagePointSize(page)
            if size.width() <= 0:
                continue
            height = int(width * size.height() / size.width())
            ratio = self.devicePixelRatioF()
            image = self.document.render(page, QSize(int(width * ratio), int(height * ratio)))
            sheet = QImage(image.size(), QImage.Format.Format_ARGB32)
            sheet.fill(QColor("white"))
            painter = QPainter(sheet)
            painter.drawImage(0, 0, image)
            painter.end()
            pixmap = QPixmap.fromImage(sheet)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)

    def page_images(self) -> list[QPixmap]:
        """The pages as shown (for tests and screenshots)."""
        return [label.pixmap() for label in self._labels[:len(self.pages)]]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.pages:
            self._timer.start()
