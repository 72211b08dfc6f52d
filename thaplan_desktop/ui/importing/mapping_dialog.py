"""Correcting the columns the importer detected: which column of each sheet holds which field.

``ColumnMappingDialog`` lists, per file and sheet read as a table, each field with the column detected
for it; the officer may pick another column (or none). ``overrides()`` gives only the corrections, in the
form ``importing.read_file`` takes them, and the controller reads the files again with them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.importing import ColumnOverrides, Field, ImportResult
from thaplan_desktop.importing.header import column_letter
from thaplan_desktop.importing.vocabulary import FIELD_TITLES
from thaplan_desktop.ui.dialog_parts import ok_cancel

Overrides = dict[str, ColumnOverrides]  # file name → sheet → field → 0-based column (None: no such column)

TEXTS = {
    "columns_title": "แก้การจับคู่คอลัมน์",
    "columns_intro": ("เลือกว่าแต่ละข้อมูลอยู่ในคอลัมน์ใดของแผ่นงาน แล้วกด อ่านไฟล์ใหม่"
                      " (คอลัมน์เดือนไม่ต้องเลือก โปรแกรมหาเอง)"),
    "columns_sheet": "{file} — แผ่นงาน “{sheet}” (หัวตารางแถวที่ {row})",
    "columns_none": "(ไม่มีคอลัมน์นี้)",
    "columns_reread": "อ่านไฟล์ใหม่",
    "cancel_button": "ยกเลิก",
}


class ColumnMappingDialog(QDialog):
    """Which column of each read sheet holds which field, as detected; the officer may correct it.

    ``overrides()`` gives only the changes, as ``read_file`` takes them per file: file name → sheet →
    ``Field`` → 0-based column (None: the sheet has no such column).
    """

    def __init__(self, results: list[ImportResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("column_mapping")
        self.setWindowTitle(TEXTS["columns_title"])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(TEXTS["columns_intro"])
        intro.setWordWrap(True)
        layout.addWidget(intro)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        fields = [Field.NAME, Field.DETAILS, Field.BUDGET, Field.LOCATION, Field.UNIT, Field.PERIOD,
                  Field.STRATEGY, Field.PLAN, Field.EQUIPMENT_TYPE]
        # (file name, sheet name, field, combo, detected column)
        self.combos: list[tuple[str, str, Field, QComboBox, int | None]] = []
        for result in results:
            for sheet in result.sheets:
                if sheet.status != "table" or not sheet.column_labels:
                    continue
                box = QGroupBox(TEXTS["columns_sheet"].format(file=result.file_name, sheet=sheet.name,
                                                              row=sheet.header_row or "-"))
                form = QFormLayout(box)
                for fld in fields:
                    combo = QComboBox()
                    combo.setObjectName(f"column_{sheet.name}_{fld.value}")
                    if fld is not Field.NAME:
                        combo.addItem(TEXTS["columns_none"], None)
                    for column, label in sorted(sheet.column_labels.items()):
                        text = f"{column_letter(column)}: {label}" if label else column_letter(column)
                        combo.addItem(text, column)
                    detected = sheet.mapping.get(fld.value)
                    index = combo.findData(detected) if detected is not None else combo.findData(None)
                    combo.setCurrentIndex(max(0, index))
                    form.addRow(FIELD_TITLES[fld] + ":", combo)
                    self.combos.append((result.file_name, sheet.name, fld, combo, detected))
                inner.addWidget(box)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        layout.addWidget(ok_cancel(self, TEXTS["columns_reread"], TEXTS["cancel_button"]))

    def choose(self, sheet: str, field_value: str, column: int | None) -> None:
        """Set one field's column (as its combo does); for tests and callers that know the column."""
        for _file, sheet_name, fld, combo, _detected in self.combos:
            if sheet_name == sheet and fld.value == field_value:
                combo.setCurrentIndex(combo.findData(column))
                return
        raise KeyError(f"{sheet}/{field_value}")

    def overrides(self) -> Overrides:
        """The corrected columns only, per file and sheet."""
        found: Overrides = {}
        for file_name, sheet, fld, combo, detected in self.combos:
            chosen = combo.currentData()
            if chosen != detected:
                found.setdefault(file_name, {}).setdefault(sheet, {})[fld] = chosen
        return found
