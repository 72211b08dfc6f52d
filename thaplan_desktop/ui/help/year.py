"""The user's guide's pictures of the year in use, taken by ``screenshots`` in the window it opened on the demo.

``make_year_pictures(window, scratch, save)`` shows, one after another, the ติดตามผล tab with a project that
has disbursements chosen (``tracking.png``), ส่งแบบรายงานผลให้หน่วยงาน (``export-progress.png``), กองช่าง's
progress workbook filled in as a unit would (two projects started, a month's disbursement) and read back
by นำเข้าผลการดำเนินงาน (``import-progress.png``), รายงานผลการติดตาม (``report.png``), and the
ปฏิทินการทำงาน, ภาพรวม and แผนการจัดซื้อจัดจ้าง tabs (``calendar.png``, ``dashboard.png``,
``procurement.png``); ``save(widget, name)`` writes each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from thaplan_desktop.ui.help.screenshots import settle, wait

if TYPE_CHECKING:
    from thaplan_desktop.ui.main_window import MainWindow
    from thaplan_desktop.workspace import Workspace

UNIT = "กองช่าง"
_SIZE = (1300, 780)


def _shown(kind: type) -> QWidget | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def make_year_pictures(window: MainWindow, scratch: Path, save: Callable[[QWidget, str], None]) -> None:
    """Take the year-in-use pictures in ``window`` (open on the demo plan); scratch files go to ``scratch``."""
    from thaplan_desktop.ui import calendar as calendar_screen
    from thaplan_desktop.ui import dashboard, procurement
    from thaplan_desktop.ui.tracking import export_progress, report_dialog
    from thaplan_desktop.ui.tracking.import_preview import ProgressPreviewDialog
    from thaplan_desktop.ui.tracking.import_progress import import_files

    tab = window.tracking_tab
    tab.show_tab()
    wait(lambda: tab.store.loaded and window.runner.pending == 0)
    paid = [pid for pid in tab.store.rows if tab.store.disbursements_of(pid)]
    if paid:
        tab.grid.select_project(paid[0])
    save(window, "tracking.png")

    from thaplan_desktop.ui.settings import LAST_FOLDER_SETTING

    folder = scratch / "แบบรายงานผล"  # not the Documents folder of whoever runs the script
    folder.mkdir(exist_ok=True)
    window.context.settings.setValue(LAST_FOLDER_SETTING, str(folder))
    sending = export_progress.run(window.context)
    assert sending is not None
    settle(sending)
    save(sending, "export-progress.png")
    sending.reject()

    edition = window.state.edition
    assert edition is not None
    book = scratch / f"{UNIT} ผลการดำเนินงาน.xlsx"
    window.session.work(lambda ws, job: _unit_workbook(ws, edition.id, book), label="", done=lambda _r: None)
    wait(lambda: window.runner.pending == 0)
    _fill_in(book, dt.date.today())
    import_files(window.context, [book])
    wait(lambda: _shown(ProgressPreviewDialog) is not None)
    preview = _shown(ProgressPreviewDialog)
    assert isinstance(preview, ProgressPreviewDialog)
    preview.resize(*_SIZE)
    save(preview, "import-progress.png")
    preview.reject()

    report = report_dialog.run(window.context)
    assert report is not None
    wait(lambda: window.runner.pending == 0)
    save(report, "report.png")
    report.reject()

    window.select_node(("root",))  # the dashboard's charts follow the tree: the whole plan
    tabs: tuple[tuple[Callable[[QMainWindow], None], str, QWidget], ...] = (
        (calendar_screen.show, "calendar.png", window.screens.calendar),
        (dashboard.show, "dashboard.png", window.screens.dashboard),
        (procurement.show, "procurement.png", window.screens.procurement))
    for show, name, screen in tabs:
        show(window)
        _wait_for_data(window, screen)
        settle(window, 30)
        save(window, name)


def _wait_for_data(window: MainWindow, screen: QWidget) -> None:
    """Until a screen holds its read (``screen.data``) and the worker is idle."""
    wait(lambda: getattr(screen, "data", None) is not None and window.runner.pending == 0)


def _unit_workbook(workspace: Workspace, edition_id: int, path: Path) -> None:
    """On the worker: the unit's progress workbook as ส่งแบบรายงานผลให้หน่วยงาน writes it."""
    from thaplan_desktop.exporting.xlsx.progress_workbook import export_progress_workbook

    plan, records = workspace.progress_data(edition_id)
    export_progress_workbook(plan, records, path, UNIT, today=dt.date.today())


def _fill_in(path: Path, today: dt.date) -> None:
    """What a unit writes in its workbook: two projects not started are now under way, with a disbursement."""
    from openpyxl import load_workbook

    from thaplan_desktop.domain.fiscal import fiscal_month
    from thaplan_desktop.domain.tracking import TrackingStatus
    from thaplan_desktop.tracking import forms
    from thaplan_desktop.tracking.status import STATUS_LABELS

    book = load_workbook(path)
    sheet = book[forms.PROGRESS_SHEET]
    header = next(r for r in range(1, 30) if sheet.cell(r, 2).value == forms.PLAN_HEADERS[1])
    status, progress = len(forms.PLAN_HEADERS) + 1, len(forms.PLAN_HEADERS) + 2
    month = len(forms.PLAN_HEADERS) + 4 + fiscal_month(today.month) - 1
    waiting = [r for r in range(header + 1, sheet.max_row + 1) if isinstance(sheet.cell(r, 1).value, int)
               and sheet.cell(r, status).value in (None, "", STATUS_LABELS[TrackingStatus.NOT_STARTED])]
    for row, amount in zip(waiting[:2], (45_000, 12_500), strict=False):
        sheet.cell(row, status).value = STATUS_LABELS[TrackingStatus.IN_PROGRESS]
        sheet.cell(row, progress).value = 20
        sheet.cell(row, month).value = amount
    book.save(path)
    book.close()
