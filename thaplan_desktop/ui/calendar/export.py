"""The calendar screen's files: the printed calendar (PDF) and the iCalendar file (.ics), as filtered.

``run(context, screen, kind)`` asks where to write (``ปฏิทินการทำงาน <ปี>[ <หน่วยงาน>].pdf|.ics``, in the folder
used last), then writes the calendar the screen shows — its unit and strategy filters applied — on the
worker with a cancellable progress dialog (``ui.exporting.task.ExportTask``): the PDF by
``exporting.reports.work_calendar`` (per unit, a page per quarter; ร่าง until the edition is announced), the
.ics by ``exporting.ics``, both through the export rules (never over a plan; whole or not at all), as
``thaplan calendar --pdf`` and ``--ics`` do. A note says what was written and offers to open it.
"""

from __future__ import annotations

from pathlib import Path

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.ui.calendar.texts import TEXTS
from thaplan_desktop.ui.calendar.view import CalendarScreen
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.exporting.task import ExportTask, ask_export_path, fraction_progress
from thaplan_desktop.ui.prompts import message_box, show_status, tell_written
from thaplan_desktop.ui.runner import Job

__all__ = ["run"]


def _texts(kind: str, unit: str | None) -> dict[str, str]:
    name = TEXTS["file_name"] + (f" {unit}".replace("{", "(").replace("}", ")") if unit else "")
    return {"title": TEXTS["export_title"], "no_plan": TEXTS["export_no_plan"],
            "save_caption": TEXTS[f"{kind}_caption"], "default_name": f"{name}.{kind}",
            "filter": TEXTS[f"{kind}_filter"]}


def run(context: ScreenContext, screen: CalendarScreen, kind: str) -> ExportTask[tuple[Path, str]] | None:
    """Ask where and write the calendar as shown (``kind``: "pdf" or "ics"); the task, or None."""
    calendar = screen.calendar
    if calendar is None or context.session.edition_id is None:
        message_box(context.window, TEXTS["export_title"], TEXTS["export_no_plan"], warning=False)
        return None
    path = ask_export_path(context, _texts(kind, calendar.filter.unit), f".{kind}")
    if path is None:
        return None

    def write(plan: PlanData, job: Job) -> tuple[Path, str]:
        if kind == "pdf":
            from thaplan_desktop.exporting.reports.work_calendar import write_calendar_pdf

            written = write_calendar_pdf(calendar, path, draft=not plan.edition.announced,
                                         progress=fraction_progress(job), cancel=lambda: job.cancelled)
            return written.path, TEXTS["pdf_done"].format(path=written.path, pages=written.pages)
        from thaplan_desktop.exporting.ics import export_ics

        result = export_ics(calendar, path)
        return result.path, TEXTS["ics_done"].format(path=result.path, projects=result.project_events,
                                                     deadlines=result.deadline_events)

    def finished(result: tuple[Path, str]) -> None:
        written, text = result
        show_status(context.window, text)
        tell_written(context.window, TEXTS["export_title"], text, written)  # opened only when the officer asks

    from thaplan_desktop.exporting.pdf.options import ExportCancelled

    task = ExportTask(context, title=TEXTS["export_title"], label=TEXTS[f"writing_{kind}"], write=write,
                      finished=finished, cancelled_error=(ExportCancelled,))
    task.start()
    return task
