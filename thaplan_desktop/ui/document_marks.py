"""The document marks of ข้อมูลองค์กรและเอกสาร: the ตราครุฑ of the ประกาศ page and the month the คำนำ is signed.

Two small widgets the document dialog puts on its องค์กร page: ``CrestPicker`` (an image set once for the
organisation, printed above the ประกาศ's heading; without one the page keeps its room) and
``PrefaceMonthPicker`` (the month and Buddhist-era year under the คำนำ's signature; by default the month
the edition's draft was prepared, procedure step 2). Each gives the value the typed fields take.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_NAMES, be_year, calendar_month
from thaplan_desktop.domain.model import Edition

TEXTS = {
    "crest": "ตราครุฑ (หน้าประกาศ)",
    "crest_choose": "เลือกรูป…",
    "crest_remove": "ไม่ใช้ตราครุฑ",
    "crest_none": "ยังไม่มีตราครุฑ (เว้นที่ไว้ประทับ)",
    "crest_filter": "รูปภาพ (*.png *.jpg *.jpeg)",
    "crest_bad": "เปิดรูปนี้ไม่ได้ กรุณาเลือกไฟล์ PNG หรือ JPG",
    "preface_date": "ลงท้ายคำนำเดือน",
    "preface_default": "เดือนที่จัดทำร่างแผน (ค่าเริ่มต้น)",
    "preface_year": "พ.ศ.",
}


class CrestPicker(QWidget):
    """The ตราครุฑ shown small, with buttons to choose an image or go without; ``image`` is what to save."""

    def __init__(self, image: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: bytes | None = image
        self.preview = QLabel()
        self.preview.setMinimumHeight(90)
        choose, remove = QPushButton(TEXTS["crest_choose"]), QPushButton(TEXTS["crest_remove"])
        choose.clicked.connect(self.choose)
        remove.clicked.connect(lambda: self.set_image(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview, 1)
        row.addWidget(choose)
        row.addWidget(remove)
        self.set_image(image)

    def choose(self) -> None:
        """Pick the image file printed above the ประกาศ's heading."""
        path, _filter = QFileDialog.getOpenFileName(self, TEXTS["crest"], str(Path.home()), TEXTS["crest_filter"])
        if path:
            data = Path(path).read_bytes()
            if QPixmap().loadFromData(data):
                self.set_image(data)
            else:  # the image kept stays as it was
                self.preview.setPixmap(QPixmap())
                self.preview.setText(TEXTS["crest_bad"])

    def set_image(self, data: bytes | None) -> None:
        """Show (and keep) the ตราครุฑ; None goes without (its room stays on the ประกาศ)."""
        self.image = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(pixmap.scaledToHeight(80, Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(TEXTS["crest_none"])


class PrefaceMonthPicker(QWidget):
    """The month and year the คำนำ is signed: the default (the draft's month), or a month of a BE year."""

    def __init__(self, edition: Edition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chosen = edition.preface_date
        shown_year = chosen or edition.prepared_on or edition.trigger_date or dt.date.today()
        self.month = QComboBox()
        self.month.addItem(TEXTS["preface_default"], 0)
        for fiscal, name in enumerate(FISCAL_MONTH_NAMES, start=1):
            self.month.addItem(name, calendar_month(fiscal))
        self.year = QSpinBox()
        self.year.setRange(2500, 2700)
        self.year.setValue(be_year(shown_year.year))
        if chosen is not None:
            self.month.setCurrentIndex(self.month.findData(chosen.month))
        self.year.setEnabled(chosen is not None)
        self.month.currentIndexChanged.connect(lambda _index: self.year.setEnabled(bool(self.month.currentData())))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.month)
        row.addWidget(QLabel(TEXTS["preface_year"]))
        row.addWidget(self.year)
        row.addStretch(1)

    def date(self) -> dt.date | None:
        """The month chosen (its first day), or None for the default."""
        month = self.month.currentData()
        if not month:
            return None
        return dt.date(self.year.value() - 543, int(month), 1)
