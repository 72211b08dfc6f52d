"""ไฟล์ → ส่งออก Excel: the forms ผด.01, ผด.02, ผด.02/1 as a workbook, and a department's template.

``run(context)`` (hook ``export_excel``) asks for a file name (default ``แผนการดำเนินงาน <ปี>.xlsx`` in
Documents) and writes the forms with ``exporting.xlsx.export_forms`` on the worker, with a cancellable
progress dialog (``ui.export_pdf.ExportTask``); the file then opens in the spreadsheet program.
``run_template(context)`` (hook ``export_template``) asks for a unit, then for a file name, and writes the
template that unit fills in (``exporting.xlsx.export_template``), which reads back through the importer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.ui.export_pdf import (
    SHADE_MONTHS_SETTING,
    SUBTOTALS_SETTING,
    THAI_DIGITS_SETTING,
    ExportTask,
    ask_export_path,
    ask_save_path,
    message_box,
    open_file,
    setting_value,
    show_status,
)

TEXTS = {
    "title": "ส่งออก Excel",
    "save_caption": "บันทึกแบบ ผด.01 ผด.02 และ ผด.02/1 เป็นไฟล์ Excel",
    "filter": "สมุดงาน Excel (*.xlsx)",
    "default_name": "แผนการดำเนินงาน {year}{suffix}.xlsx",
    "no_plan": "ยังไม่ได้เปิดแผน จึงส่งออกไม่ได้",
    "working": "กำลังสร้างไฟล์ Excel…",
    "done": "สร้างไฟล์ Excel แล้ว: {path} ({projects} โครงการ, ครุภัณฑ์ {equipment} รายการ)",
    "template_title": "แบบฟอร์มให้กองกรอกข้อมูล",
    "template_intro": ("สร้างไฟล์ Excel ที่มีแบบ ผด.02 และ ผด.02/1 ให้หน่วยงานกรอกโครงการ"
                       " พร้อมรายการยุทธศาสตร์/แผนงานให้เลือก ไฟล์ที่กรอกแล้วนำเข้ากลับได้ทันที"),
    "unit": "หน่วยงาน:",
    "rows": "จำนวนแถวที่เตรียมไว้:",
    "equipment": "มีแผ่นงานครุภัณฑ์ (ผด.02/1)",
    "no_units": "แผนนี้ยังไม่มีหน่วยงาน เพิ่มหน่วยงานก่อนจึงสร้างแบบฟอร์มได้",
    "template_caption": "บันทึกแบบฟอร์มของ {unit}",
    "template_name": "แบบฟอร์มแผนการดำเนินงาน {year} {unit}.xlsx",
    "template_working": "กำลังสร้างแบบฟอร์มของ {unit}…",
    "template_done": "สร้างแบบฟอร์มของ {unit} แล้ว: {path}",
    "ok": "ตกลง",
    "cancel": "ยกเลิก",
}


def run(context: Any) -> ExportTask | None:
    """ไฟล์ → ส่งออก Excel: ask for the file, then write the forms on the worker with progress."""
    window = context.window
    path = ask_export_path(context, TEXTS, ".xlsx")
    if path is None:
        return None

    from thaplan_desktop.exporting.xlsx import XlsxOptions, export_forms
    from thaplan_desktop.exporting.xlsx.forms import ExportCancelled

    options = XlsxOptions(
        thai_digits=bool(setting_value(window, THAI_DIGITS_SETTING, False)),
        subtotals=bool(setting_value(window, SUBTOTALS_SETTING, True)),
        month_marks="fill" if setting_value(window, SHADE_MONTHS_SETTING, False) else "arrows",
    )

    def write(plan: PlanData, progress: Callable[[float, str], None], cancel: threading.Event) -> Any:
        return export_forms(plan, path, options, progress=progress, cancelled=cancel.is_set)

    def finished(report: Any) -> None:
        show_status(window, TEXTS["done"].format(path=report.path, projects=report.projects,
                                                 equipment=report.equipment))
        open_file(report.path)

    task = ExportTask(context, title=TEXTS["title"], label=TEXTS["working"], write=write, finished=finished,
                      cancelled_error=(ExportCancelled,))
    task.start()
    return task


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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(TEXTS["ok"])
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(TEXTS["cancel"])
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def unit(self) -> str:
        """The chosen unit's name."""
        return self.unit_combo.currentText()


def _safe_name(text: str) -> str:
    return "".join("-" if c in '/\\:*?"<>|' else c for c in text).strip()


def run_template(context: Any, unit: str | None = None) -> ExportTask | None:
    """ไฟล์ → สร้างแบบฟอร์มให้กอง: choose a unit, then write its template on the worker.

    ``unit`` skips the unit dialog (for callers that already know it).
    """
    window = context.window
    if context.session.edition_id is None:
        message_box(window, TEXTS["template_title"], TEXTS["no_plan"], warning=False)
        return None
    units = [u.name for u in getattr(context.state, "units", ())]
    rows, equipment = 60, True
    if unit is None:
        if not units:
            message_box(window, TEXTS["template_title"], TEXTS["no_units"], warning=False)
            return None
        dialog = TemplateDialog(units, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        unit, rows, equipment = dialog.unit, dialog.rows_spin.value(), dialog.equipment_check.isChecked()
    year = getattr(getattr(context.state, "edition", None), "fiscal_year", "")
    path = ask_save_path(window, TEXTS["template_caption"].format(unit=unit),
                         TEXTS["template_name"].format(year=year, unit=_safe_name(unit)), TEXTS["filter"], ".xlsx")
    if path is None:
        return None

    from thaplan_desktop.exporting.xlsx import TemplateOptions, export_template

    options = TemplateOptions(rows=rows, equipment=equipment)
    chosen = unit

    def write(plan: PlanData, progress: Callable[[float, str], None], cancel: threading.Event) -> Path:
        return export_template(plan, path, chosen, options)

    def finished(written: Path) -> None:
        show_status(window, TEXTS["template_done"].format(unit=chosen, path=written))
        open_file(written)

    task = ExportTask(context, title=TEXTS["template_title"], label=TEXTS["template_working"].format(unit=unit),
                      write=write, finished=finished)
    task.start()
    return task
