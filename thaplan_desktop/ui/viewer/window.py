"""The PDF viewer inside ThaPlan: an exported file, a preview of the plan, the printable user's guide.

``PdfWindow`` shows a PDF with QtPdf (``QPdfView``): pages one under another, previous/next page, the
page number, zoom to the width or the whole page, and "เปิดในโปรแกรมอื่น" to hand the file to the program
the system uses for PDF (to print it, or keep it open beside ThaPlan); where the system has no such
program the officer reads that here, in Thai, with where the file is. A preview (``save_as`` given)
is a file in a temporary folder that goes with the window; its "บันทึกเป็นไฟล์ PDF…" writes a copy where
the officer chooses. ``show_pdf`` opens one window per file, or raises the one already open.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from thaplan_desktop.ui.prompts import open_with_system

TEXTS = {
    "title": "{name}",
    "preview_title": "ตัวอย่างเอกสาร — {name}",
    "previous": "◀ หน้าก่อน",
    "next": "หน้าถัดไป ▶",
    "page": "หน้า",
    "of": "จาก {count}",
    "fit_width": "พอดีความกว้าง",
    "fit_page": "ทั้งหน้า",
    "zoom_in": "ขยาย",
    "zoom_out": "ย่อ",
    "open_other": "เปิดในโปรแกรมอื่น",
    "open_other_tip": "ส่งไฟล์ให้โปรแกรมอ่าน PDF ของเครื่องเปิด เช่น เพื่อสั่งพิมพ์",
    "save_as": "บันทึกเป็นไฟล์ PDF…",
    "where": "ไฟล์: {path}",
    "preview_note": "ตัวอย่างนี้ยังไม่ได้บันทึกเป็นไฟล์ — กด “บันทึกเป็นไฟล์ PDF…” เพื่อเก็บไว้",
    "handed": "ส่งไฟล์ให้โปรแกรมอ่าน PDF ของเครื่องแล้ว หากไม่มีหน้าต่างใดเปิดขึ้น อ่านและพิมพ์จากไฟล์ {path} ได้",
    "no_program": "เครื่องนี้ไม่มีโปรแกรมสำหรับเปิดไฟล์ PDF — อ่านเอกสารในหน้านี้ได้เลย ไฟล์อยู่ที่ {path}",
    "unreadable": "เปิดไฟล์ PDF นี้ไม่ได้: {path}",
    "saved": "บันทึกแล้ว: {path}",
    "close": "ปิด",
}

_ZOOM_STEP = 1.25
_windows: dict[Path, PdfWindow] = {}  # one window per file


class PdfWindow(QDialog):
    """A PDF in a window of its own (not modal), with page and zoom controls and "open in another program"."""

    def __init__(self, path: Path, parent: QWidget | None = None, *,
                 save_as: Callable[[Path], Path | None] | None = None, temporary: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.path = Path(path)
        self._save_as = save_as
        self._temporary = temporary  # a preview's folder, removed with the window
        self.setWindowTitle((TEXTS["preview_title"] if save_as else TEXTS["title"]).format(name=self.path.name))
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.previous_button = QPushButton(TEXTS["previous"])
        self.next_button = QPushButton(TEXTS["next"])
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.count_label = QLabel()
        self.fit_width_button = QPushButton(TEXTS["fit_width"])
        self.fit_page_button = QPushButton(TEXTS["fit_page"])
        self.zoom_in_button = QPushButton(TEXTS["zoom_in"])
        self.zoom_out_button = QPushButton(TEXTS["zoom_out"])
        self.zoom_in_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.zoom_out_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.other_button = QPushButton(TEXTS["open_other"])
        self.other_button.setToolTip(TEXTS["open_other_tip"])
        self.save_button = QPushButton(TEXTS["save_as"])
        self.save_button.setVisible(save_as is not None)
        self.save_button.setDefault(save_as is not None)
        close = QPushButton(TEXTS["close"])
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, QLabel(TEXTS["page"]), self.page_spin,
                       self.count_label):
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.fit_width_button, self.fit_page_button, self.zoom_out_button, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.save_button, self.other_button, close):
            bar.addWidget(widget)
        self.note = QLabel()
        self.note.setObjectName("viewer_note")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

        navigator = self.view.pageNavigator()
        self.previous_button.clicked.connect(lambda: self.go_to(navigator.currentPage() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(navigator.currentPage() + 1))
        self.page_spin.valueChanged.connect(lambda value: self.go_to(value - 1))
        navigator.currentPageChanged.connect(self._page_shown)
        self.fit_width_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.zoom_in_button.clicked.connect(lambda: self._zoom(_ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self._zoom(1 / _ZOOM_STEP))
        self.other_button.clicked.connect(self.open_elsewhere)
        self.save_button.clicked.connect(self.save_copy)
        close.clicked.connect(self.close)
        self.resize(1100, 860)
        self.load()

    def load(self) -> None:
        """Read the file (again) and show its first page."""
        self.document.load(str(self.path))
        count = self.document.pageCount()
        ready = self.document.status() == QPdfDocument.Status.Ready and count > 0
        self.page_spin.setMaximum(max(1, count))
        self.count_label.setText(TEXTS["of"].format(count=count))
        for widget in (self.previous_button, self.next_button, self.page_spin):
            widget.setEnabled(ready)
        if not ready:
            self.note.setText(TEXTS["unreadable"].format(path=self.path))
        else:
            self.note.setText(TEXTS["preview_note"] if self._save_as else TEXTS["where"].format(path=self.path))
            self._page_shown(0)

    def page_count(self) -> int:
        """Pages of the PDF shown."""
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page in view (0-based)."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        """Show a page (0-based; kept within the document)."""
        count = self.document.pageCount()
        if count:
            page = max(0, min(count - 1, page))
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _page_shown(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.document.pageCount() - 1)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(6.0, self.view.zoomFactor() * factor)))

    def open_elsewhere(self) -> bool:
        """Hand the file to the system's PDF program; say so, or say there is none (True when handed over)."""
        handed = open_with_system(self.path)
        self.note.setText((TEXTS["handed"] if handed else TEXTS["no_program"]).format(path=self.path))
        return handed

    def save_copy(self) -> Path | None:
        """A preview: write a copy where the officer chooses (asked by ``save_as``)."""
        if self._save_as is None:
            return None
        target = self._save_as(self.path)
        if target is None:
            return None
        shutil.copyfile(self.path, target)
        self.note.setText(TEXTS["saved"].format(path=target))
        return target

    def closeEvent(self, event: QCloseEvent) -> None:
        _windows.pop(self.path, None)
        self.document.close()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
        super().closeEvent(event)


def show_pdf(path: Path, parent: QWidget | None, *, save_as: Callable[[Path], Path | None] | None = None,
             temporary: Path | None = None) -> PdfWindow:
    """Open ``path`` in a viewer window (the one already showing it is read again and raised)."""
    path = Path(path)
    window = _windows.get(path)
    if window is not None and not shiboken6.isValid(window):  # went with its parent
        window = None
    if window is not None:
        window.load()
    else:
        window = PdfWindow(path, parent, save_as=save_as, temporary=temporary)
        _windows[path] = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def preview_folder() -> Path:
    """A new temporary folder for a preview's PDF (removed when its window closes)."""
    return Path(tempfile.mkdtemp(prefix="thaplan-preview-"))

