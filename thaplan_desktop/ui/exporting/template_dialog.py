"""The department template's dialog: which unit (หน่วยงาน) it is for, how many rows, with equipment or not."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.ui.dialog_parts import ok_cancel

TEXTS = {
    "template_title": "แบบฟอร์มให้กองกรอกข้อมูล",
    "template_intro": ("สร้างไฟล์ Excel ที่มีแบบ ผด.02 และ ผด.02/1 ให้หน่วยงานกรอกโครงการ"
                       " พร้อมรายการยุทธศาสตร์/แผนงานให้เลือก ไฟล์ที่กรอกแล้วนำเข้ากลับได้ทันที"),
    "unit": "หน่วยงาน:",
    "rows": "จำนวนแถวที่เตรียมไว้:",
    "equipment": "มีแผ่นงานครุภัณฑ์ (ผด.02/1)",
    "ok": "ตกลง",
    "cancel": "ยกเลิก",
}


class TemplateDialog(QDialog):
    """Choose the unit (and the template's size) for a department template."""

    def __init__(self, units: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXTS["template_title"])
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(TEXTS["template_intro"])
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(False)
        self.unit_combo.addItems(units)
        form.addRow(TEXTS["unit"], self.unit_combo)
        self.rows_spin = QSpinBox()
        self.rows_spin.setRange(10, 1000)
        self.rows_spin.setValue(60)
        form.addRow(TEXTS["rows"], self.rows_spin)
        self.equipment_check = QCheckBox(TEXTS["equipment"])
        self.equipment_check.setChecked(True)
        form.addRow("", self.equipment_check)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, TEXTS["ok"], TEXTS["cancel"]))

    @property
    def unit(self) -> str:
        """The chosen unit's name."""
        return self.unit_combo.currentText()
