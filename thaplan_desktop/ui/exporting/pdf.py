"""ไฟล์ → ส่งออก PDF: the shown edition as the official PDF document, built on the worker with a progress dialog.

``run(context)`` asks for a file name (default ``แผนการดำเนินงาน <ปี>.pdf`` in the folder used last),
registers the PDF fonts once on the GUI thread (``exporting.pdf.prepare``), then reads the edition's
``PlanData`` and writes the PDF on the worker (``task.ExportTask``): the progress dialog can cancel, and
the exporter then leaves no file. When done the file opens in the system's PDF viewer and the status bar
says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.exporting.task import ExportTask, ask_export_path, error_message, fraction_progress
from thaplan_desktop.ui.prompts import message_box, open_with_system, show_status
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.settings import (
    ANNOUNCEMENT_FIRST_SETTING,
    FONT_SETTING,
    SHADE_MONTHS_SETTING,
    SUBTOTALS_SETTING,
    THAI_DIGITS_SETTING,
    flag,
    text,
)

if TYPE_CHECKING:  # the exporter itself is imported when first used: the window starts without ReportLab
    from thaplan_desktop.exporting.pdf import ExportResult

TEXTS = {
    "title": "ส่งออก PDF",
    "save_caption": "บันทึกแผนการดำเนินงานเป็น PDF",
    "filter": "เอกสาร PDF (*.pdf)",
    "default_name": "แผนการดำเนินงาน {year}{suffix}.pdf",
    "no_plan": "ยังไม่ได้เปิดแผน จึงส่งออกไม่ได้",
    "working": "กำลังสร้างไฟล์ PDF…",
    "done": "สร้างไฟล์ PDF แล้ว: {path} ({pages} หน้า)",
    "missing": " — แบบอักษรไม่มีอักขระ {chars} จึงพิมพ์เป็น ?",
    "font_failed": "เตรียมแบบอักษรสำหรับ PDF ไม่ได้:\n{error}",
}

_prepared_font: str | None = None  # the font setting ``prepare`` was last called with (GUI thread only)


def ensure_prepared(font: str) -> None:
    """Register the PDF fonts (and load the Thai word list) once per font setting, on the GUI thread."""
    global _prepared_font
    if _prepared_font == font:
        return
    from thaplan_desktop.exporting.pdf import prepare

    prepare(font)
    _prepared_font = font


def run(context: ScreenContext) -> ExportTask[ExportResult] | None:
    """ไฟล์ → ส่งออก PDF: ask for the file, then write the PDF on the worker with progress."""
    window, settings = context.window, context.settings
    path = ask_export_path(context, TEXTS, ".pdf")
    if path is None:
        return None
    font = text(settings, FONT_SETTING, "auto")
    try:
        window.setCursor(Qt.CursorShape.WaitCursor)
        ensure_prepared(font)
    except Exception as exc:  # FontNotFoundError (Thai message) or a broken font file
        message_box(window, TEXTS["title"], TEXTS["font_failed"].format(error=error_message(exc)))
        return None
    finally:
        window.unsetCursor()

    from thaplan_desktop.exporting.pdf import ExportCancelled, ExportOptions, export_pdf

    options = ExportOptions(
        font=font,
        thai_digits=flag(settings, THAI_DIGITS_SETTING, False),
        subtotals=flag(settings, SUBTOTALS_SETTING, True),
        month_marks="shade" if flag(settings, SHADE_MONTHS_SETTING, False) else "arrows",
        announcement_first=flag(settings, ANNOUNCEMENT_FIRST_SETTING, False),
    )

    def write(plan: PlanData, job: Job) -> ExportResult:
        return export_pdf(plan, path, options, progress=fraction_progress(job), cancel=lambda: job.cancelled)

    def finished(result: ExportResult) -> None:
        message = TEXTS["done"].format(path=result.path, pages=result.pages)
        if result.missing_characters:
            message += TEXTS["missing"].format(chars=result.missing_characters)
        show_status(window, message)
        open_with_system(result.path)

    task = ExportTask(context, title=TEXTS["title"], label=TEXTS["working"], write=write, finished=finished,
                      cancelled_error=(ExportCancelled,))
    task.start()
    return task
