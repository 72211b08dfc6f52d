"""The user's guide window: the sections on the left, the text with its pictures, and a printable PDF.

``show_guide(context)`` opens (or raises) ``GuideWindow``, which reads ``resources/help/guide.md`` into a
``QTextBrowser``; its pictures are scaled to the width of the text. The section list jumps to a heading.
"พิมพ์คู่มือ…" lays the same text out on A4 pages (``write_pdf``, Qt's own PDF writer) and shows the PDF in
the viewer (``viewer.window``), from which it is printed or saved.
"""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import QMarginsF, QSettings, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.paths import resource
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.prompts import ask_save_path
from thaplan_desktop.ui.viewer.window import preview_folder, show_pdf

TEXTS = {
    "title": "คู่มือการใช้งาน",
    "print": "พิมพ์คู่มือ…",
    "print_tip": "จัดคู่มือลงหน้ากระดาษขนาด เอ 4 เป็นไฟล์ PDF แล้วเปิดให้ดูและสั่งพิมพ์",
    "close": "ปิด",
    "save_caption": "บันทึกคู่มือการใช้งานเป็น PDF",
    "file_name": "คู่มือการใช้งาน ThaPlan.pdf",
    "filter": "เอกสาร PDF (*.pdf)",
}

_HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
_PRINT_WIDTH = 640  # px: pictures on an A4 page (the page is laid out 700 px wide)
_guide: GuideWindow | None = None


def guide_folder() -> Path:
    """``resources/help``: the guide's text and its pictures."""
    return resource("help")


def guide_text() -> str:
    """The guide's Markdown."""
    return (guide_folder() / "guide.md").read_text(encoding="utf-8")


def sections(markdown: str) -> list[tuple[int, str]]:
    """The guide's headings (level 2 or 3, text), in order."""
    found = []
    for line in markdown.splitlines():
        match = _HEADING.match(line.strip())
        if match:
            found.append((len(match.group(1)), match.group(2).strip()))
    return found


def pictures(markdown: str) -> list[str]:
    """The pictures the guide shows, as paths relative to its folder."""
    return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)


def fit_pictures(document: QTextDocument, width: int) -> None:
    """Scale every picture of a document to at most ``width`` pixels, keeping its proportions."""
    folder = guide_folder()
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image_format = QTextImageFormat(fmt.toImageFormat())
                image = QImage(str(folder / image_format.name()))
                if not image.isNull():
                    shown = min(width, image.width())
                    image_format.setWidth(shown)
                    image_format.setHeight(shown * image.height() / image.width())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image_format)
            iterator += 1
        block = block.next()


def guide_document(width: int = _PRINT_WIDTH) -> QTextDocument:
    """The guide as a text document, its pictures found beside it and fitted to ``width``."""
    document = QTextDocument()
    document.setBaseUrl(QUrl.fromLocalFile(str(guide_folder()) + "/"))
    document.setMarkdown(guide_text())
    fit_pictures(document, width)
    return document


def write_pdf(path: Path) -> Path:
    """The guide on A4 pages, as a PDF."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    writer.setTitle(TEXTS["file_name"].removesuffix(".pdf"))
    writer.setCreator("ThaPlan")
    writer.setResolution(96)
    document = guide_document()
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    return path


class GuideWindow(QDialog):
    """The user's guide: its sections, its text with pictures, and "พิมพ์คู่มือ…"."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.setWindowTitle(TEXTS["title"])
        self.resize(1180, 820)
        markdown = guide_text()
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        for level, title in sections(markdown):
            item = QListWidgetItem(("    " if level == 3 else "") + title)
            item.setData(Qt.ItemDataRole.UserRole, title)
            if level == 2:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.contents.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(guide_folder())])
        self.browser.setMarkdown(markdown)
        self.print_button = QPushButton(TEXTS["print"])
        self.print_button.setToolTip(TEXTS["print_tip"])
        close = QPushButton(TEXTS["close"])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setSizes([300, 880])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.contents.currentItemChanged.connect(lambda item, _old: item is not None and self.go_to(
            str(item.data(Qt.ItemDataRole.UserRole))))
        self.print_button.clicked.connect(self.print_guide)
        close.clicked.connect(self.close)
        self._fitted = 0

    def go_to(self, heading: str) -> bool:
        """Scroll to a heading of the guide; False when there is none."""
        block = self.browser.document().begin()
        while block.isValid():
            if block.text().strip() == heading and block.blockFormat().headingLevel():
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                bar = self.browser.verticalScrollBar()
                bar.setValue(int(self.browser.document().documentLayout().blockBoundingRect(block).top()))
                return True
            block = block.next()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = max(200, self.browser.viewport().width() - 24)
        if abs(width - self._fitted) > 8:
            self._fitted = width
            fit_pictures(self.browser.document(), width)

    def print_guide(self) -> None:
        """Lay the guide out on A4 pages and show the PDF, to print or keep."""
        folder = preview_folder()
        path = write_pdf(folder / TEXTS["file_name"])

        def save_as(_shown: Path) -> Path | None:
            return ask_save_path(self, self.settings, TEXTS["save_caption"], TEXTS["file_name"], TEXTS["filter"], ".pdf")

        show_pdf(path, self, save_as=save_as, temporary=folder)


def show_guide(context: ScreenContext) -> GuideWindow:
    """ช่วยเหลือ → คู่มือการใช้งาน: open the guide (the one already open is raised)."""
    global _guide
    if _guide is None or not shiboken6.isValid(_guide):
        _guide = GuideWindow(context.settings, context.window)
    _guide.show()
    _guide.raise_()
    _guide.activateWindow()
    return _guide
