"""Make the user's guide's pictures from the demo plan, so they show the ThaPlan of today.

``python -m thaplan_desktop.ui.help.screenshots [--out FOLDER]`` (default ``resources/help/images``)
builds the demo plan in a scratch folder (today's, as ``thaplan demo`` does), opens the real main window on
it and saves, as PNG: the window (``window.png``), the procedure tab with the monitoring report's rounds
(``procedure.png``) and a round's dialog (``round.png``), the คำนำ editor with its printed page
(``document.png``), the preview of the whole document (``preview.png``), the backups (``backups.png``);
the year in use (``year.make_year_pictures``): the ติดตามผล tab (``tracking.png``), sending units their
progress workbooks (``export-progress.png``), one filled in and read back (``import-progress.png``), the
monitoring report (``report.png``), the calendar (``calendar.png``), the dashboard (``dashboard.png``) and
the procurement plan (``procurement.png``); and — in a new, empty plan — the next steps
(``empty-plan.png``) and the import preview of the demo's own forms exported to Excel
(``import-preview.png``). Every picture the guide shows is one of these; a test runs the script and checks
it. Run it under a display (``xvfb-run``) or with ``QT_QPA_PLATFORM=offscreen``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

PICTURES = ("window.png", "procedure.png", "round.png", "document.png", "preview.png", "backups.png",
            "tracking.png", "export-progress.png", "import-progress.png", "report.png", "calendar.png",
            "dashboard.png", "procurement.png", "empty-plan.png", "import-preview.png")
_SIZE = (1400, 860)


def wait(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Let the event loop run until ``condition()`` holds (the worker delivered, a window appeared)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not appear in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(window: QWidget, rounds: int = 10) -> None:
    """A few passes of the event loop, so what was just shown is laid out and painted."""
    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    window.repaint()


def _pause(seconds: float) -> None:
    """Let the event loop run for a while (QtPdf draws pages on a thread of its own, then repaints)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _save(widget: QWidget, path: Path) -> None:
    settle(widget)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")


def make(out: Path, scratch_parent: Path | None = None) -> list[Path]:
    """Write the guide's pictures into ``out``; returns the files written.

    The demo plan and the user data live in "ThaPlan คู่มือ" under ``scratch_parent`` (the system's temporary
    folder unless given; one name, so the pictures show the same paths each time); two runs at once (test
    suites side by side) each give their own parent, since the folder is emptied at the start and the end.
    """
    scratch = Path(scratch_parent or tempfile.gettempdir()) / "ThaPlan คู่มือ"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    os.environ["THAPLAN_DATA_DIR"] = str(scratch / "ข้อมูล")
    os.environ["THAPLAN_SETTINGS"] = str(scratch / "settings.ini")
    try:
        return _make(out, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _make(out: Path, scratch: Path) -> list[Path]:
    from thaplan_desktop.demo import build_demo
    from thaplan_desktop.ui import backup
    from thaplan_desktop.ui import settings as settings_keys
    from thaplan_desktop.ui.app import close_windows, setup_application
    from thaplan_desktop.ui.document_dialog import DocumentDialog
    from thaplan_desktop.ui.exporting import pdf
    from thaplan_desktop.ui.importing.controller import import_files
    from thaplan_desktop.ui.importing.preview_dialog import ImportPreviewDialog
    from thaplan_desktop.ui.main_window import MainWindow
    from thaplan_desktop.ui.viewer.window import PdfWindow

    out.mkdir(parents=True, exist_ok=True)
    settings = settings_keys.app_settings()
    app = setup_application([], settings)
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        window.statusBar().clearMessage()  # not the scratch folder's name
        _save(widget, out / name)
        written.append(out / name)

    def shown(kind: type) -> QWidget | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return found[-1] if found else None

    demo = scratch / "แผนตัวอย่าง.sqlite"
    build_demo(demo).close()
    window = MainWindow(settings)
    window.resize(*_SIZE)
    window.show()
    window.open_file(demo)
    wait(lambda: window.runner.pending == 0 and window.state.edition is not None)
    window.select_node(("program", window.state.programs[0].id))
    save(window, "window.png")

    window.show_procedure()
    wait(lambda: window.procedure_tab.view is not None and window.procedure_tab.view.state is not None)
    save(window, "procedure.png")
    view = window.procedure_tab.view
    assert view is not None
    assert view.monitoring is not None
    round_dialog = view.edit_round(view.monitoring.fiscal_year, "12m")
    assert round_dialog is not None
    save(round_dialog, "round.png")
    round_dialog.reject()
    window.tabs.setCurrentIndex(0)

    organisation, edition = window.state.organisation, window.state.edition
    if organisation is None or edition is None:
        raise RuntimeError("the demo plan did not open")
    dialog = DocumentDialog(organisation, edition, window, context=window.context)
    dialog.resize(1280, 760)
    dialog.show()
    tabs = dialog.findChild(QTabWidget)
    if tabs is not None:
        tabs.setCurrentIndex(1)
    wait(lambda: dialog.preface.preview is not None and dialog.preface.preview.shown is not None)
    save(dialog, "document.png")
    dialog.reject()

    pdf.preview(window.context)
    wait(lambda: shown(PdfWindow) is not None)
    viewer = shown(PdfWindow)
    assert isinstance(viewer, PdfWindow)
    viewer.resize(1100, 820)
    settle(viewer)
    viewer.go_to(min(11, viewer.page_count() - 1))  # the first pages of ผด.02, where the plan's table starts
    _pause(2.0)
    save(viewer, "preview.png")
    viewer.close()

    backups = backup.run_backup(window.session, window)
    assert backups is not None
    wait(lambda: window.runner.pending == 0 and backups.table.rowCount() > 0)
    save(backups, "backups.png")
    backups.close()

    from thaplan_desktop.ui.help.year import make_year_pictures

    make_year_pictures(window, scratch, save)
    window.tabs.setCurrentIndex(0)

    from thaplan_desktop.exporting.xlsx import XlsxOptions, export_forms

    forms = scratch / "แผนการดำเนินงาน กองช่าง.xlsx"
    window.session.work(lambda ws, job: export_forms(ws.plan_data(edition.id), forms, XlsxOptions()),
                        label="", done=lambda _report: None)
    wait(lambda: window.runner.pending == 0)
    window.session.create(scratch / "แผนใหม่.sqlite", name=organisation.name, district=organisation.district,
                          province=organisation.province, fiscal_year=edition.fiscal_year + 1)
    wait(lambda: window.runner.pending == 0 and not window.state.projects)
    save(window, "empty-plan.png")
    import_files(window.context, [forms])
    wait(lambda: shown(ImportPreviewDialog) is not None)
    preview = shown(ImportPreviewDialog)
    assert isinstance(preview, ImportPreviewDialog)
    preview.resize(1300, 780)
    save(preview, "import-preview.png")
    preview.reject()

    window.close()
    close_windows(app)
    return written


def main(argv: list[str] | None = None) -> int:
    """The command: write the pictures, say where."""
    parser = argparse.ArgumentParser(description="ถ่ายภาพหน้าจอประกอบคู่มือจากแผนตัวอย่าง")
    default = Path(__file__).resolve().parents[3] / "resources" / "help" / "images"
    parser.add_argument("--out", type=Path, default=default, help="โฟลเดอร์ที่จะบันทึกภาพ")
    parser.add_argument("--scratch", type=Path, default=None, help="โฟลเดอร์ชั่วคราวสำหรับแผนตัวอย่าง")
    args = parser.parse_args(argv)
    for path in make(args.out, args.scratch):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
