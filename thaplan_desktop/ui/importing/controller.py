"""ไฟล์ → นำเข้า Excel: department workbooks into the shown edition, with a preview first and one undo step.

``run(context)`` lets the officer choose one or several files (.xlsx .xlsm .xls .ods, or the importer's
preview .json); ``import_files(context, paths)`` is the same from a list of paths, and ``import_dropped``
from files dropped on the window (``drop``). On the worker (``backend``) each file is read
(``importing.read_file``: staged projects and warnings, or an ``ImportFailure`` with a Thai message), its
strategy and program names matched to the plan's and its rows filed under them, and resolved against the
plan (``importing.apply.prepare_import``), with a progress dialog that can cancel (the runner's ``Job``);
nothing changes yet. ``preview_dialog`` then shows what would happen; each name choice the officer changes
files the rows again on the worker. Confirming applies the import on the worker as one operation (one undo
step, which also remembers the officer's name matches) and says what was done, in Thai.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from thaplan_desktop.importing import ImportResult
from thaplan_desktop.importing.apply import ImportPlan, ImportSummary
from thaplan_desktop.importing.names import ChoiceKey, NameMatch
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.importing.backend import Filing, ImportBackend, Overrides, ReadOutcome
from thaplan_desktop.ui.importing.preview_dialog import ImportPreviewDialog
from thaplan_desktop.ui.importing.preview_rows import created_lines
from thaplan_desktop.ui.prompts import ask_open_paths, message_box, show_status
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.session import Refresh, user_message

TEXTS = {
    "title": "นำเข้าโครงการจากไฟล์ Excel",
    "choose": "เลือกไฟล์ของกองที่จะนำเข้า (เลือกได้หลายไฟล์)",
    "filter": ("ไฟล์ตาราง (*.xlsx *.xlsm *.xls *.ods *.json);;Excel (*.xlsx *.xlsm *.xls);;"
               "ไฟล์ตารางคำนวณ (*.ods);;ไฟล์ตัวอย่างการนำเข้า (*.json);;ทุกไฟล์ (*)"),
    "no_plan": "ยังไม่ได้เปิดแผน จึงนำเข้าไม่ได้",
    "resolving": "กำลังเทียบกับข้อมูลในแผน…",
    "cancel": "ยกเลิก",
    "cancelled": "ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดเปลี่ยน",
    "nothing_read": "อ่านไฟล์ไม่ได้เลย:\n{errors}",
    "no_rows": "ไม่พบรายการโครงการในไฟล์ที่เลือก",
    "failed": "นำเข้าไม่สำเร็จ ไม่มีข้อมูลใดเปลี่ยน:\n{error}",
    "applying": "กำลังนำเข้า…",
    "done_title": "นำเข้าเรียบร้อย",
    "done": "นำเข้าแล้ว: เพิ่ม {added} รายการ, แทนที่ {replaced} รายการ, ข้าม {skipped} รายการ",
    "done_created": "สร้างใหม่:",
    "done_undo": "หากไม่ถูกต้อง เลือก แก้ไข → เลิกทำ (Ctrl+Z) ครั้งเดียวเพื่อยกเลิกการนำเข้านี้ทั้งหมด",
    "status_done": "นำเข้า {added} รายการแล้ว",
}

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".json")


# --- choosing and reading files ---------------------------------------------------------------------------

def run(context: ScreenContext) -> ImportReader | None:
    """ไฟล์ → นำเข้า Excel: choose files, read them on the worker, then show the preview."""
    if context.session.edition_id is None:
        message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    chosen = ask_open_paths(context.window, context.settings, TEXTS["choose"], TEXTS["filter"])
    if not chosen:
        return None
    return import_files(context, chosen)


def supported(paths: Iterable[str | Path]) -> list[Path]:
    """The paths the importer reads, by their suffix."""
    return [Path(p) for p in paths if Path(p).suffix.lower() in SUPPORTED_SUFFIXES]


def import_dropped(context: ScreenContext, paths: Iterable[str | Path]) -> ImportReader | None:
    """Files dropped on the main window: import those the importer reads (others are ignored).

    Returns None when none of the paths is a supported file or no plan is open.
    """
    wanted = supported(paths)
    if not wanted:
        return None
    return import_files(context, wanted)


def import_files(context: ScreenContext, paths: list[Path]) -> ImportReader | None:
    """Read ``paths`` on the worker and show the preview for the shown edition."""
    if context.session.edition_id is None:
        message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    reader = ImportReader(context, paths)
    reader.start()
    return reader


class ImportReader(QObject):
    """Reads the files and prepares the import on the worker, with a cancellable progress dialog; files the
    rows again when the officer changes a name choice in the preview."""

    def __init__(self, context: ScreenContext, paths: list[Path]) -> None:
        super().__init__(context.window)
        self.context = context
        self.backend = ImportBackend(context.session)
        self.paths = paths
        self.overrides: Overrides = {}  # the columns corrected so far, by file name
        self.choices: dict[ChoiceKey, str | None] = {}  # the officer's name choices so far (kept on a new read)
        self.results: list[ImportResult] = []
        self.edition_id: int | None = None
        self.job: Job | None = None
        self.dialog: QProgressDialog | None = None
        self.preview: ImportPreviewDialog | None = None

    def start(self) -> None:
        """Queue the read on the worker (again, after the columns were corrected)."""
        dialog = QProgressDialog(TEXTS["resolving"], TEXTS["cancel"], 0, len(self.paths) + 1, self.context.window)
        dialog.setWindowTitle(TEXTS["title"])
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self.edition_id = self.context.session.edition_id
        assert self.edition_id is not None  # import_files checked
        self.job = self.backend.read(self.edition_id, list(self.paths), self.overrides, self.choices,
                                     label=TEXTS["title"], done=self._read, failed=self._failed,
                                     progress=self._progress)

    def cancel(self) -> None:
        """Stop reading (between files); nothing changes."""
        if self.job is not None:
            self.job.cancel()

    def _progress(self, value: int, maximum: int, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(maximum)
            self.dialog.setValue(value)
            self.dialog.setLabelText(text)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _failed(self, exc: BaseException) -> None:
        self._close_dialog()
        _warn(self.context.window, TEXTS["failed"].format(error=user_message(exc)))

    def _read(self, outcome: ReadOutcome) -> None:
        self._close_dialog()
        window = self.context.window
        if outcome.cancelled:
            show_status(window, TEXTS["cancelled"], 5000)
            return
        filing = outcome.filing
        if filing is None:
            _warn(window, TEXTS["nothing_read"].format(errors="\n".join(outcome.failures)))
            return
        if not filing.plan.rows:
            text = TEXTS["no_rows"]
            if outcome.failures:
                text += "\n\n" + "\n".join(outcome.failures)
            _warn(window, text)
            return
        self.results = outcome.results
        preview = ImportPreviewDialog(filing, outcome.results, outcome.failures, self.context.state, window)
        preview.accepted.connect(lambda: apply_plan(self.context, preview.plan, preview.matches, preview.choices))
        preview.remap_requested.connect(self.remap)
        preview.refile_requested.connect(self.refile)
        preview.finished.connect(self._preview_closed)
        self.preview = preview
        preview.open()

    def _preview_closed(self) -> None:
        if self.preview is not None:
            self.choices = self.preview.choices  # kept when the files are read again (column corrections)
        self.preview = None

    def refile(self, choices: dict[ChoiceKey, str | None]) -> None:
        """File the rows again with the officer's name choices (on the worker), then show them."""
        self.choices = dict(choices)
        assert self.edition_id is not None

        def filed(filing: Filing) -> None:
            if self.preview is not None:
                self.preview.set_filing(filing)

        def failed(exc: BaseException) -> None:
            if self.preview is not None:
                self.preview.filing_failed(user_message(exc))

        self.backend.refile(self.edition_id, self.results, choices, done=filed, failed=failed)

    def remap(self, overrides: Overrides) -> None:
        """Read the files again with corrected columns (file name → sheet → field → column) and preview anew."""
        for file_name, sheets in overrides.items():
            for sheet, fields in sheets.items():  # earlier corrections of the same sheet still hold
                self.overrides.setdefault(file_name, {}).setdefault(sheet, {}).update(fields)
        self.start()


def _warn(parent: QWidget, text: str) -> QMessageBox:
    return message_box(parent, TEXTS["title"], text)


# --- applying -------------------------------------------------------------------------------------------

def apply_plan(context: ScreenContext, plan: ImportPlan, matches: tuple[NameMatch, ...] = (),
               choices: dict[ChoiceKey, str | None] | None = None) -> None:
    """Write the confirmed plan in one operation on the worker (one undo step, which also remembers the
    officer's name ``choices`` among ``matches`` for the plan's next imports), then show the summary."""
    window = context.window

    def done(refresh: Refresh) -> None:
        summary: ImportSummary = refresh.result
        show_status(window, TEXTS["status_done"].format(added=summary.added + summary.replaced), 8000)
        show_summary(window, summary)

    def failed(exc: BaseException) -> None:
        _warn(window, TEXTS["failed"].format(error=user_message(exc)))

    ImportBackend(context.session).apply(plan, matches, choices or {}, label=TEXTS["applying"], done=done,
                                         failed=failed)


def summary_text(summary: ImportSummary) -> str:
    """The Thai account of an applied import."""
    lines = [TEXTS["done"].format(added=summary.added, replaced=summary.replaced, skipped=summary.skipped)]
    created = created_lines(summary.created_strategies, summary.created_programs, summary.created_units,
                            summary.created_equipment_types)
    if created:
        lines += ["", TEXTS["done_created"]] + [f"• {c}" for c in created]
    lines += ["", TEXTS["done_undo"]]
    return "\n".join(lines)


def show_summary(parent: QWidget, summary: ImportSummary) -> QMessageBox:
    """Show what the import did (non-blocking message box)."""
    box = message_box(parent, TEXTS["done_title"], summary_text(summary), warning=False)
    box.setObjectName("import_summary")
    return box
