"""ส่งออกแผนการจัดซื้อจัดจ้าง: the annex of the shown edition as a file, written on the worker.

``run(context)`` asks where to write (default ``แผนการจัดซื้อจัดจ้าง <ปี>.xlsx``, in the folder used last; a
name ending in ``.pdf`` writes the PDF, any other gets ``.xlsx``),
then reads the annex afresh and writes it on the worker (``ProcurementBackend.export``: every edit queued
before it is in the file); the status bar says what the written file holds, and a note offers to open it or its folder.
The formats offered are ``backend.FORMATS``'s (Excel and PDF).
"""

from __future__ import annotations

from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.exporting.task import ask_export_path, error_message
from thaplan_desktop.ui.procurement.backend import FORMATS, ExportResult, ProcurementBackend
from thaplan_desktop.ui.procurement.texts import TEXTS
from thaplan_desktop.ui.prompts import message_box, show_status, tell_written
from thaplan_desktop.ui.runner import Job

_ASK = {"title": TEXTS["export_title"], "no_plan": TEXTS["no_plan"], "save_caption": TEXTS["save_caption"],
        "default_name": TEXTS["default_name"], "filter": TEXTS["filter"]}


def run(context: ScreenContext) -> Job | None:
    """Ask where and write the annex; the job, or None when nothing is written."""
    path = ask_export_path(context, _ASK, "")  # the name's own suffix chooses the format
    if path is None:
        return None
    window = context.window
    if path.suffix.lower() not in FORMATS:
        path = path.with_name(path.name + ".xlsx")

    def done(result: ExportResult) -> None:
        text = TEXTS["done"].format(path=result.path, rows=result.rows, units=result.units)
        show_status(window, text)
        tell_written(window, TEXTS["export_title"], text, result.path)  # opened only when the officer asks

    def failed(exc: BaseException) -> None:
        message_box(window, TEXTS["export_title"], TEXTS["failed"].format(error=error_message(exc)))

    return ProcurementBackend(context.session).export(path, label=TEXTS["working"], done=done, failed=failed)
