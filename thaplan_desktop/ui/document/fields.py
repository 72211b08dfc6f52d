"""The placeholders of the printed plan's texts, named in Thai, and how a field is drawn in the editor.

A placeholder (``{org}`` …) is filled from the plan when the PDF is made (``exporting.pdf.story``). In the
editor it is one object character carrying its name (``FIELD_KEY``), drawn by ``FieldObject`` as a tinted
label in Thai — ชื่อองค์กร, ปีงบประมาณ — so the officer never sees the brace markup and cannot half-delete a
field. ``CHART`` is the procedure chart of ส่วนที่ 1 (``[แผนภูมิ]``), drawn the same way on a line of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QPyTextObject,
    QTextDocument,
    QTextFormat,
)

FIELD_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
FIELD_KEY = int(QTextFormat.Property.UserProperty) + 1  # char format: the placeholder's name
CHART = "[แผนภูมิ]"  # the chart's mark in the markup, and its key

# Placeholders the exporter fills (``story.placeholders``), in the order the insert menu offers them.
FIELDS: dict[str, str] = {
    "org": "ชื่อองค์กร",
    "year": "ปีงบประมาณ",
    "title": "ชื่อแผน",
    "planning_unit": "หน่วยงานที่จัดทำแผน",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "executive_name": "ชื่อผู้บริหารท้องถิ่น",
    "executive_title": "ตำแหน่งผู้บริหารท้องถิ่น",
    "dev_plan": "แผนพัฒนาท้องถิ่น",
    "support_committee": "คณะกรรมการสนับสนุนการจัดทำแผน",
    "dev_committee": "คณะกรรมการพัฒนาท้องถิ่น",
    "meeting": "วันประชุมคณะกรรมการ",
    "period_start": "วันเริ่มปีงบประมาณ",
    "period_end": "วันสิ้นปีงบประมาณ",
    "announcement_date": "วันที่ประกาศ",
    "preface_date": "เดือนปีที่ลงท้ายคำนำ",
    "suffix": "ฉบับเพิ่มเติม/แก้ไข",
}
CHART_LABEL = "แผนภูมิขั้นตอนการจัดทำแผน"

_FILL = QColor(222, 234, 252)
_EDGE = QColor(120, 150, 200)
_CHART_FILL = QColor(236, 240, 232)


def label_of(key: str) -> str:
    """The Thai name of a field (or of the chart)."""
    return CHART_LABEL if key == CHART else FIELDS.get(key, key)


class FieldObject(QPyTextObject):
    """Draws a field object: its Thai name in a tinted, rounded box, as wide as the name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def intrinsicSize(self, doc: QTextDocument, posInDocument: int, format: QTextFormat) -> QSizeF:  # noqa: N802, N803
        metrics = QFontMetricsF(format.toCharFormat().font())
        return QSizeF(metrics.horizontalAdvance(label_of(str(format.property(FIELD_KEY)))) + 10, metrics.height())

    def drawObject(self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument,  # noqa: N802
                   posInDocument: int, format: QTextFormat) -> None:  # noqa: N803
        rect = QRectF(rect)
        key = str(format.property(FIELD_KEY))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(_EDGE, 1))
        painter.setBrush(_CHART_FILL if key == CHART else _FILL)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        painter.setFont(format.toCharFormat().font())
        painter.setPen(QColor(25, 45, 90))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label_of(key))
        painter.restore()
