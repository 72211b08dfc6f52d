"""ไฟล์ → ส่งออก Excel and สร้างแบบฟอร์มให้กองกรอก: the forms as a workbook, and a department's template.

``run(context)`` asks for a file name (default ``แผนการดำเนินงาน <ปี>.xlsx``) and writes the forms ผด.01,
ผด.02 and ผด.02/1 with ``exporting.xlsx.export_forms`` on the worker, with a cancellable progress dialog
(``task.ExportTask``); a message then says where it is, with buttons to open it or its folder. ``run_template(context)`` asks for a
unit (``template_dialog``), then for a file name, and writes the template that unit fills in
(``exporting.xlsx.export_template``), which reads back through the importer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.exporting.task import ExportTask, ask_export_path, fraction_progress
from thaplan_desktop.ui.exporting.template_dialog import TemplateDialog
from thaplan_desktop.ui.prompts import ask_save_path, message_box, show_status, tell_written
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.settings import SHADE_MONTHS_SETTING, SUBTOTALS_SETTING, THAI_DIGITS_SETTING, flag

if TYPE_CHECKING:  # openpyxl is imported when first used: the window starts without it
    from thaplan_desktop.exporting.xlsx import XlsxReport

TEXTS = {
    "title": "ส่งออก Excel",
    "save_caption": "บันทึกแบบ ผด.01 ผด.02 และ ผด.02/1 เป็นไฟล์ Excel",
    "filter": "สมุดงาน Excel (*.xlsx)",
    "default_name": "แผนการดำเนินงาน {year}{suffix}.xlsx",
    "no_plan": "ยังไม่ได้เปิดแผน จึงส่งออกไม่ได้",
    "working": "กำลังสร้างไฟล์ Excel…",
    "done": "สร้างไฟล์ Excel แล้ว: {path} ({projects} โครงการ, ครุภัณฑ์ {equipment} รายการ)",
    "template_title": "แบบฟอร์มให้กองกรอกข้อมูล",
    "no_units": "แผนนี้ยังไม่มีหน่วยงาน เพิ่มหน่วยงานก่อนจึงสร้างแบบฟอร์มได้",
    "template_caption": "บันทึกแบบฟอร์มของ {unit}",
    "template_name": "แบบฟอร์มแผนการดำเนินงาน {year} {unit}.xlsx",
    "template_working": "กำลังสร้างแบบฟอร์มของ {unit}…",
    "template_done": "สร้างแบบฟอร์มของ {unit} แล้ว: {path}",
}


def run(context: ScreenContext) -> ExportTask[XlsxReport] | None:
    """ไฟล์ → ส่งออก Excel: ask for the file, then write the forms on the worker with progress."""
    window, settings = context.window, context.settings
    path = ask_export_path(context, TEXTS, ".xlsx")
    if path is None:
        return None

    from thaplan_desktop.exporting.xlsx import XlsxOptions, export_forms
    from thaplan_desktop.exporting.xlsx.forms import ExportCancelled

    options = XlsxOptions(
        thai_digits=flag(settings, THAI_DIGITS_SETTING, False),
        subtotals=flag(settings, SUBTOTALS_SETTING, True),
        month_marks="fill" if flag(settings, SHADE_MONTHS_SETTING, False) else "arrows",
    )

    def write(plan: PlanData, job: Job) -> XlsxReport:
        return export_forms(plan, path, options, progress=fraction_progress(job), cancelled=lambda: job.cancelled)

    def finished(report: XlsxReport) -> None:
        text = TEXTS["done"].format(path=report.path, projects=report.projects, equipment=report.equipment)
        show_status(window, text)
        tell_written(window, TEXTS["title"], text, report.path)

    task = ExportTask(context, title=TEXTS["title"], label=TEXTS["working"], write=write, finished=finished,
                      cancelled_error=(ExportCancelled,))
    task.start()
    return task


def _safe_name(text: str) -> str:
    return "".join("-" if c in '/\\:*?"<>|' else c for c in text).strip()


def run_template(context: ScreenContext, unit: str | None = None) -> ExportTask[Path] | None:
    """ไฟล์ → สร้างแบบฟอร์มให้กอง: choose a unit, then write its template on the worker.

    ``unit`` skips the unit dialog (for callers that already know it).
    """
    window, state = context.window, context.state
    if context.session.edition_id is None:
        message_box(window, TEXTS["template_title"], TEXTS["no_plan"], warning=False)
        return None
    units = [u.name for u in state.units]
    rows, equipment = 60, True
    if unit is None:
        if not units:
            message_box(window, TEXTS["template_title"], TEXTS["no_units"], warning=False)
            return None
        dialog = TemplateDialog(units, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        unit, rows, equipment = dialog.unit, dialog.rows_spin.value(), dialog.equipment_check.isChecked()
    year = state.edition.fiscal_year if state.edition is not None else ""
    path = ask_save_path(window, context.settings, TEXTS["template_caption"].format(unit=unit),
                         TEXTS["template_name"].format(year=year, unit=_safe_name(unit)), TEXTS["filter"], ".xlsx")
    if path is None:
        return None

    from thaplan_desktop.exporting.xlsx import TemplateOptions, export_template

    options = TemplateOptions(rows=rows, equipment=equipment)
    chosen = unit

    def write(plan: PlanData, job: Job) -> Path:
        return export_template(plan, path, chosen, options)

    def finished(written: Path) -> None:
        text = TEXTS["template_done"].format(unit=chosen, path=written)
        show_status(window, text)
        tell_written(window, TEXTS["template_title"], text, written)

    task = ExportTask(context, title=TEXTS["template_title"], label=TEXTS["template_working"].format(unit=unit),
                      write=write, finished=finished)
    task.start()
    return task
