"""ไฟล์ → ส่งออก PDF: the shown edition as the official PDF document, built on the worker with a progress dialog.

``run(context)`` (the ``export_pdf`` hook of ``ui/hooks.py``) asks for a file name (default
``แผนการดำเนินงาน <ปี>.pdf`` in the user's Documents), registers the PDF fonts once on the GUI thread
(``exporting.pdf.prepare``), reads the edition's ``PlanData`` on the worker and writes the PDF there too.
A ``QProgressDialog`` shows how far it got and can cancel (the exporter then leaves no file); the window
stays responsive. When done the file opens in the system's PDF viewer and the status bar says so.

``ExportTask`` (also used by ``ui/export_excel.py``) is the shared part: read the plan, run a writer on
the worker with progress and cancel, and report the outcome in Thai.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from thaplan_desktop.domain.model import EditionKind, PlanData, default_title_suffix

log = logging.getLogger(__name__)

TEXTS = {
    "title": "ส่งออก PDF",
    "save_caption": "บันทึกแผนการดำเนินงานเป็น PDF",
    "filter": "เอกสาร PDF (*.pdf)",
    "default_name": "แผนการดำเนินงาน {year}{suffix}.pdf",
    "no_plan": "ยังไม่ได้เปิดแผน จึงส่งออกไม่ได้",
    "reading": "กำลังอ่านข้อมูลแผน…",
    "working": "กำลังสร้างไฟล์ PDF…",
    "cancel": "ยกเลิก",
    "cancelled": "ยกเลิกการส่งออกแล้ว ไม่ได้สร้างไฟล์",
    "done": "สร้างไฟล์ PDF แล้ว: {path} ({pages} หน้า)",
    "missing": " — แบบอักษรไม่มีอักขระ {chars} จึงพิมพ์เป็น ?",
    "font_failed": "เตรียมแบบอักษรสำหรับ PDF ไม่ได้:\n{error}",
    "failed": "ส่งออกไม่สำเร็จ:\n{error}",
    "ok": "ตกลง",
}

# QSettings keys: the PDF font ("auto", "laksaman", "th-sarabun" or a TTF path), options shared by PDF and
# Excel (no screen sets them yet: a settings dialog or an ``.ini`` edit), and the last folder used.
FONT_SETTING = "export/pdf_font"
THAI_DIGITS_SETTING = "export/thai_digits"
SUBTOTALS_SETTING = "export/subtotals"
SHADE_MONTHS_SETTING = "export/shade_months"
ANNOUNCEMENT_FIRST_SETTING = "export/announcement_first"
LAST_FOLDER_SETTING = "export/last_folder"

_prepared_font: str | None = None  # the font setting ``prepare`` was last called with (GUI thread only)
_running: list[ExportTask] = []  # tasks in progress: keeps them alive until they end


class _Relay(QObject):
    """Carries progress from the worker to the GUI thread (queued: the relay lives on the GUI thread)."""

    progress = Signal(int, str)  # per mille, Thai message


class ExportTask(QObject):
    """Read the shown edition on the worker, then run ``write(plan, progress, cancel)`` there too.

    ``write`` gets ``progress(fraction, message)`` and a ``threading.Event`` set when the user cancels;
    it raises ``cancelled_error`` to stop. ``finished(result)`` runs on the GUI thread when it succeeded.
    """

    def __init__(self, context: Any, *, title: str, label: str,
                 write: Callable[[PlanData, Callable[[float, str], None], threading.Event], Any],
                 finished: Callable[[Any], None],
                 cancelled_error: tuple[type[BaseException], ...] = ()) -> None:
        super().__init__(context.window)
        self.context = context
        self.title = title
        self.write = write
        self.finished = finished
        self.cancelled_error = cancelled_error
        self.cancel_event = threading.Event()
        self.outcome = ""  # "done", "cancelled" or "failed" once over (tests look at it)
        self.relay = _Relay(self)
        self.dialog = QProgressDialog(label, TEXTS["cancel"], 0, 1000, context.window)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self.dialog.canceled.connect(self.cancel)
        self.relay.progress.connect(self._progress)

    def start(self) -> None:
        """Queue the read and the write on the worker and show the progress dialog."""
        edition_id = self.context.session.edition_id
        if edition_id is None:
            self._fail_message(TEXTS["no_plan"])
            return
        _running.append(self)
        self.dialog.setLabelText(TEXTS["reading"])
        self.dialog.setValue(0)
        self.dialog.show()
        session = self.context.session

        def read(workspace: Any) -> PlanData | BaseException:
            try:
                return workspace.plan_data(edition_id)
            except Exception as exc:  # handed back: this task, not the window, reports it
                return exc

        session.read(read, done=self._read_done)

    def _read_done(self, result: PlanData | BaseException) -> None:
        if isinstance(result, BaseException):
            self._failed(result)
        else:
            self._write(result)

    def cancel(self) -> None:
        """Ask the export to stop (the writer looks at the event between pages or steps)."""
        self.cancel_event.set()

    def _write(self, plan: PlanData) -> None:
        if self.cancel_event.is_set():
            self._failed(RuntimeError("cancelled"))
            return
        relay, cancel, write = self.relay, self.cancel_event, self.write

        def progress(fraction: float, message: str) -> None:
            relay.progress.emit(int(max(0.0, min(1.0, fraction)) * 1000), message)

        def work(job: Any) -> Any:
            return write(plan, progress, cancel)

        self.context.session.runner.submit(work, label=self.title, done=self._done, failed=self._failed)

    def _progress(self, value: int, message: str) -> None:
        if self.outcome or self.cancel_event.is_set():
            return
        self.dialog.setValue(value)
        if message:
            self.dialog.setLabelText(message)

    def _done(self, result: Any) -> None:
        self._end("done")
        self.finished(result)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, self.cancelled_error) or self.cancel_event.is_set():
            self._end("cancelled")
            show_status(self.context.window, TEXTS["cancelled"], 5000)
            return
        self._end("failed")
        self._fail_message(_message(exc))

    def _fail_message(self, error: str) -> None:
        log.info("export failed: %s", error)
        message_box(self.context.window, self.title, TEXTS["failed"].format(error=error))

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        if self in _running:
            _running.remove(self)


def _message(exc: BaseException) -> str:
    from thaplan_desktop.ui.session import user_message

    if isinstance(exc, LookupError | ValueError) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]  # FontNotFoundError and option errors carry a Thai message
    return user_message(exc)


def message_box(parent: QWidget, title: str, text: str, *, warning: bool = True) -> QMessageBox:
    """A Thai message box with a Thai ตกลง button, opened without blocking (window-modal)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(TEXTS["ok"])
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_status(window: Any, text: str, timeout_ms: int = 10000) -> None:
    """A status-bar message shown after the runner's own idle message handling (which clears the bar)."""
    QTimer.singleShot(0, window, lambda: window.statusBar().showMessage(text, timeout_ms))


def documents_dir() -> Path:
    """The user's Documents folder (the home folder when there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def default_file_name(context: Any, template: str) -> str:
    """``template`` filled with the shown edition's year and, for a later edition, its suffix."""
    edition = getattr(context.state, "edition", None)
    if edition is None:
        return template.format(year="", suffix="").replace(" .", ".")
    suffix = ""
    if edition.kind is not EditionKind.MAIN:
        text = edition.title_suffix or default_title_suffix(edition.kind, edition.number, edition.fiscal_year)
        suffix = f" ({text.replace('/', '-')})" if text else ""
    return template.format(year=edition.fiscal_year, suffix=suffix)


def _settings(parent: Any) -> Any:
    return getattr(parent, "settings", None)


def setting_value(parent: Any, key: str, default: Any) -> Any:
    """A value of the window's QSettings (the default when unset or when there are no settings)."""
    settings = _settings(parent)
    if settings is None:
        return default
    value = settings.value(key, default)
    if isinstance(default, bool) and isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return value if value not in (None, "") else default


def last_folder(parent: Any) -> Path:
    """The folder last saved to or imported from (kept in the settings), else Documents."""
    folder = Path(str(setting_value(parent, LAST_FOLDER_SETTING, "") or documents_dir()))
    return folder if folder.is_dir() else documents_dir()


def remember_folder(parent: Any, path: Path) -> None:
    """Note the folder of a chosen file for the next dialog."""
    settings = _settings(parent)
    if settings is not None:
        settings.setValue(LAST_FOLDER_SETTING, str(path.parent))


def ask_export_path(context: Any, texts: dict[str, str], extension: str) -> Path | None:
    """Where to write an export of the shown edition; None when no plan is open or the officer cancels.

    ``texts`` is the screen's TEXTS, with ``title``, ``no_plan``, ``save_caption``, ``default_name``, ``filter``.
    """
    if context.session.edition_id is None:
        message_box(context.window, texts["title"], texts["no_plan"], warning=False)
        return None
    return ask_save_path(context.window, texts["save_caption"], default_file_name(context, texts["default_name"]),
                         texts["filter"], extension)


def ask_save_path(parent: QWidget, caption: str, name: str, file_filter: str, extension: str) -> Path | None:
    """Ask where to save; None when the user cancels. Adds ``extension`` when the name has none."""
    chosen, _selected = QFileDialog.getSaveFileName(parent, caption, str(last_folder(parent) / name), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != extension:
        path = path.with_name(path.name + extension)
    remember_folder(parent, path)
    return path


def open_file(path: Path) -> None:
    """Open a written file in the program the system uses for it."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _font_setting(context: Any) -> str:
    return str(setting_value(context.window, FONT_SETTING, "auto"))


def ensure_prepared(font: str) -> None:
    """Register the PDF fonts (and load the Thai word list) once per font setting, on the GUI thread."""
    global _prepared_font
    if _prepared_font == font:
        return
    from thaplan_desktop.exporting.pdf import prepare

    prepare(font)
    _prepared_font = font


def run(context: Any) -> ExportTask | None:
    """ไฟล์ → ส่งออก PDF: ask for the file, then write the PDF on the worker with progress."""
    window = context.window
    path = ask_export_path(context, TEXTS, ".pdf")
    if path is None:
        return None
    font = _font_setting(context)
    try:
        window.setCursor(Qt.CursorShape.WaitCursor)
        ensure_prepared(font)
    except Exception as exc:  # FontNotFoundError (Thai message) or a broken font file
        message_box(window, TEXTS["title"], TEXTS["font_failed"].format(error=_message(exc)))
        return None
    finally:
        window.unsetCursor()

    from thaplan_desktop.exporting.pdf import ExportCancelled, ExportOptions, export_pdf

    options = ExportOptions(
        font=font,
        thai_digits=bool(setting_value(window, THAI_DIGITS_SETTING, False)),
        subtotals=bool(setting_value(window, SUBTOTALS_SETTING, True)),
        month_marks="shade" if setting_value(window, SHADE_MONTHS_SETTING, False) else "arrows",
        announcement_first=bool(setting_value(window, ANNOUNCEMENT_FIRST_SETTING, False)),
    )

    def write(plan: PlanData, progress: Callable[[float, str], None], cancel: threading.Event) -> Any:
        return export_pdf(plan, path, options, progress=progress, cancel=cancel)

    def finished(result: Any) -> None:
        message = TEXTS["done"].format(path=result.path, pages=result.pages)
        if result.missing_characters:
            message += TEXTS["missing"].format(chars=result.missing_characters)
        show_status(window, message)
        open_file(result.path)

    task = ExportTask(context, title=TEXTS["title"], label=TEXTS["working"], write=write, finished=finished,
                      cancelled_error=(ExportCancelled,))
    task.start()
    return task
