"""ไฟล์ → ส่งออก PDF: the shown edition as the official PDF document, built on the worker with a progress dialog.

``run(context)`` asks for a file name (default ``แผนการดำเนินงาน <ปี>.pdf`` in the folder used last),
registers the PDF fonts once on the GUI thread (``exporting.pdf.prepare``), then reads the edition's
``PlanData`` and writes the PDF on the worker (``task.ExportTask``): the progress dialog can cancel, and
the exporter then leaves no file. When done the file opens in ThaPlan's own viewer (``viewer.window``),
from which "open in another program" hands it on, and the status bar says where it is. ``preview``
writes the same document to a temporary folder and shows it before it is saved anywhere; the viewer's
"save as" keeps a copy. ``export_options`` and ``prepared_font`` serve every screen that renders with the
exporter (the document editor's live page).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.exporting.task import (
    ExportTask,
    ask_export_path,
    default_file_name,
    error_message,
    fraction_progress,
)
from thaplan_desktop.ui.prompts import message_box, show_status
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.settings import (
    ANNOUNCEMENT_FIRST_SETTING,
    FONT_SETTING,
    SHADE_MONTHS_SETTING,
    SUBTOTALS_SETTING,
    SUMMARY_EQUIPMENT_SETTING,
    THAI_DIGITS_SETTING,
    flag,
    text,
)
from thaplan_desktop.ui.viewer.window import preview_folder, show_pdf

if TYPE_CHECKING:  # the exporter itself is imported when first used: the window starts without ReportLab
    from thaplan_desktop.exporting.pdf import ExportOptions, ExportResult

TEXTS = {
    "title": "ส่งออก PDF",
    "save_caption": "บันทึกแผนการดำเนินงานเป็น PDF",
    "filter": "เอกสาร PDF (*.pdf)",
    "default_name": "แผนการดำเนินงาน {year}{suffix}.pdf",
    "no_plan": "ยังไม่ได้เปิดแผน จึงส่งออกไม่ได้",
    "working": "กำลังสร้างไฟล์ PDF…",
    "previewing": "กำลังเตรียมตัวอย่างเอกสาร…",
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
    """ไฟล์ → ส่งออก PDF: ask for the file, write the PDF on the worker with progress, then show it."""
    window = context.window
    path = ask_export_path(context, TEXTS, ".pdf")
    if path is None:
        return None

    def finished(result: ExportResult) -> None:
        message = TEXTS["done"].format(path=result.path, pages=result.pages)
        if result.missing_characters:
            message += TEXTS["missing"].format(chars=result.missing_characters)
        show_status(window, message)
        show_pdf(result.path, window)

    return _export(context, path, TEXTS["working"], finished)


def preview(context: ScreenContext) -> ExportTask[ExportResult] | None:
    """ไฟล์ → ดูตัวอย่างเอกสาร: the plan as it will print, in the viewer, before it is saved anywhere."""
    if context.session.edition_id is None:
        message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    folder = preview_folder()
    name = default_file_name(context, TEXTS["default_name"])

    def save_as(_shown: Path) -> Path | None:
        return ask_export_path(context, TEXTS, ".pdf")

    def finished(result: ExportResult) -> None:
        show_pdf(result.path, context.window, save_as=save_as, temporary=folder)

    task = _export(context, folder / name, TEXTS["previewing"], finished)
    if task is None:
        shutil.rmtree(folder, ignore_errors=True)
    return task


def export_options(settings: QSettings, font: str, **overrides: Any) -> ExportOptions:
    """The export options the officer chose (the export menu's check marks), with ``overrides``."""
    from thaplan_desktop.exporting.pdf import ExportOptions

    options = ExportOptions(
        font=font,
        thai_digits=flag(settings, THAI_DIGITS_SETTING, False),
        subtotals=flag(settings, SUBTOTALS_SETTING, True),
        month_marks="shade" if flag(settings, SHADE_MONTHS_SETTING, False) else "arrows",
        announcement_first=flag(settings, ANNOUNCEMENT_FIRST_SETTING, False),
        summary_includes_equipment=flag(settings, SUMMARY_EQUIPMENT_SETTING, False),
    )
    return replace(options, **overrides) if overrides else options


def prepared_font(context: ScreenContext) -> str | None:
    """The font setting, its fonts registered (on the GUI thread); None when they cannot be (the officer is told)."""
    window = context.window
    font = text(context.settings, FONT_SETTING, "auto")
    try:
        window.setCursor(Qt.CursorShape.WaitCursor)
        ensure_prepared(font)
    except Exception as exc:  # FontNotFoundError (Thai message) or a broken font file
        message_box(window, TEXTS["title"], TEXTS["font_failed"].format(error=error_message(exc)))
        return None
    finally:
        window.unsetCursor()
    return font


def _export(context: ScreenContext, path: Path, label: str,
            finished: Callable[[ExportResult], None]) -> ExportTask[ExportResult] | None:
    font = prepared_font(context)
    if font is None:
        return None

    from thaplan_desktop.exporting.pdf import ExportCancelled, export_pdf

    options = export_options(context.settings, font)

    def write(plan: PlanData, job: Job) -> ExportResult:
        # The engine makes a folder typed in the dialog and writes through the export rules: never over a
        # plan or a device, whole or not at all.
        return export_pdf(plan, path, options, progress=fraction_progress(job), cancel=lambda: job.cancelled)

    task = ExportTask(context, title=TEXTS["title"], label=label, write=write, finished=finished,
                      cancelled_error=(ExportCancelled,))
    task.start()
    return task
