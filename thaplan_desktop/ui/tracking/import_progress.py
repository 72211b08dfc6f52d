"""ไฟล์ → นำเข้าผลการดำเนินงาน: the units' progress reports read back, previewed, imported as one undo step.

``run(context)`` lets the officer choose the files (our progress workbooks, a unit's own workbook, or the
JSON of INTERFACES.md); ``import_files(context, paths)`` does the rest, as ``thaplan import-progress`` does:
on the worker, with a cancellable progress dialog, each file is read (``importing.progress``) and every row
matched to the shown edition's projects (``importing.progress_match``); nothing changes yet. The preview
(``import_preview``) shows every match and every row it could not match; on "นำเข้า" the batch is written
on the worker after a backup, all or nothing, as one operation (Ctrl+Z takes it all back). Just before
writing, the rows are matched again against the plan as it is then: if anything changed since the
preview, nothing is written and the officer is asked to look again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QProgressDialog

from thaplan_desktop.importing.errors import ImportFailure
from thaplan_desktop.importing.progress import ProgressFile, read_progress_file
from thaplan_desktop.importing.progress_match import ProgressImportPlan, plan_progress_import
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.prompts import ask_open_paths, message_box, show_status
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.session import Refresh, user_message
from thaplan_desktop.ui.tracking.backend import TrackingBackend
from thaplan_desktop.ui.tracking.import_preview import ProgressPreviewDialog
from thaplan_desktop.ui.tracking.task import Cancelled, run_with_progress
from thaplan_desktop.workspace import ProgressBatch, Workspace, WorkspaceError

TEXTS = {
    "title": "นำเข้าผลการดำเนินงาน",
    "choose": "เลือกแบบรายงานผลที่หน่วยงานส่งกลับ (เลือกได้หลายไฟล์)",
    "filter": ("แบบรายงานผล (*.xlsx *.xlsm *.xls *.ods *.json);;Excel (*.xlsx *.xlsm *.xls);;"
               "OpenDocument (*.ods);;JSON ผลการดำเนินงาน (*.json);;ทุกไฟล์ (*)"),
    "no_plan": "ยังไม่ได้เปิดแผน จึงนำเข้าไม่ได้",
    "reading": "กำลังอ่านไฟล์ {name} ({index}/{count})…",
    "matching": "กำลังจับคู่กับโครงการในแผน…",
    "cancelled": "ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดเปลี่ยน",
    "failed": "นำเข้าไม่สำเร็จ ไม่มีข้อมูลใดเปลี่ยน:\n{error}",
    "nothing_read": "อ่านไฟล์ไม่ได้เลย:\n{errors}",
    "applying": "กำลังสำรองข้อมูลและนำเข้า…",
    "stale": "ข้อมูลในแผนเปลี่ยนไประหว่างที่ตรวจรายการ จึงยังไม่ได้นำเข้า กรุณานำเข้าไฟล์นี้อีกครั้งเพื่อตรวจใหม่",
    "done_title": "นำเข้าผลการดำเนินงานแล้ว",
    "done": "นำเข้าแล้ว: {projects} โครงการ ({statuses} สถานะ, {payments} รายการเบิกจ่าย)",
    "skipped": "ข้าม {count} แถวที่จับคู่ไม่ได้",
    "backup": "สำรองข้อมูลไว้ก่อนนำเข้าแล้ว — หากไม่ถูกต้อง เลือก แก้ไข → เลิกทำ (Ctrl+Z) ครั้งเดียวเพื่อยกเลิกทั้งหมด",
    "status": "นำเข้าผลการดำเนินงาน {projects} โครงการแล้ว",
}


@dataclass(slots=True)
class Matched:
    """What the worker read and matched."""

    files: list[ProgressFile] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    result: ProgressImportPlan = field(default_factory=ProgressImportPlan)


def run(context: ScreenContext, backend: TrackingBackend | None = None) -> ProgressImporter | None:
    """Choose the files, then read and match them on the worker and show the preview."""
    if context.session.edition_id is None:
        message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    paths = ask_open_paths(context.window, context.settings, TEXTS["choose"], TEXTS["filter"])
    if not paths:
        return None
    return import_files(context, paths, backend)


def import_files(context: ScreenContext, paths: list[Path], backend: TrackingBackend | None = None,
                 as_of: dt.date | None = None) -> ProgressImporter | None:
    """Read and match ``paths`` for the shown edition, then preview (``as_of``: for files that do not say)."""
    if context.session.edition_id is None:
        message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    importer = ProgressImporter(context, paths, backend or TrackingBackend(context.session), as_of)
    importer.start()
    return importer


class ProgressImporter(QObject):
    """One import: read, match, preview, write."""

    def __init__(self, context: ScreenContext, paths: list[Path], backend: TrackingBackend,
                 as_of: dt.date | None) -> None:
        super().__init__(context.window)
        self.context = context
        self.paths = paths
        self.backend = backend
        self.as_of = as_of or backend.today()
        self.edition_id = context.session.edition_id
        self.matched: Matched | None = None
        self.preview: ProgressPreviewDialog | None = None

    # --- reading and matching -------------------------------------------------------------------------

    def start(self) -> None:
        """Read every file and match its rows on the worker."""
        paths, edition_id, as_of, today = list(self.paths), self.edition_id, self.as_of, self.backend.today()
        assert edition_id is not None
        backend = self.backend

        def work(workspace: Workspace, job: Job) -> Matched:
            matched = Matched()
            for index, path in enumerate(paths):
                if job.cancelled:
                    raise Cancelled
                job.progress(index, len(paths) + 1,
                             TEXTS["reading"].format(name=path.name, index=index + 1, count=len(paths)))
                try:
                    matched.files.append(read_progress_file(path))
                except ImportFailure as failure:
                    matched.failures.append(failure.message)
            job.progress(len(paths), len(paths) + 1, TEXTS["matching"])
            if matched.files:
                plan, records = backend.progress_data(workspace, edition_id)
                matched.result = plan_progress_import(plan, records, matched.files, as_of=as_of, today=today)
            return matched

        run_with_progress(self.context, self.backend, title=TEXTS["title"], label=TEXTS["matching"], work=work,
                          finished=self._matched, cancelled_text=TEXTS["cancelled"], failed_text=TEXTS["failed"])

    def replan(self, as_of: dt.date) -> None:
        """Match the rows read again, with another as-of day for the files that do not say."""
        matched = self.matched
        if matched is None or self.edition_id is None:
            return
        self.as_of = as_of
        edition_id, today, files, backend = self.edition_id, self.backend.today(), list(matched.files), self.backend

        def work(workspace: Workspace, job: Job) -> Matched:
            plan, records = backend.progress_data(workspace, edition_id)
            return Matched(files, list(matched.failures),
                           plan_progress_import(plan, records, files, as_of=as_of, today=today))

        run_with_progress(self.context, self.backend, title=TEXTS["title"], label=TEXTS["matching"], work=work,
                          finished=self._matched, failed_text=TEXTS["failed"])

    def _matched(self, matched: Matched) -> None:
        self.matched = matched
        if not matched.files:
            message_box(self.context.window, TEXTS["title"],
                        TEXTS["nothing_read"].format(errors="\n".join(matched.failures)))
            return
        if self.preview is not None:
            self.preview.show_result(matched.files, matched.failures, matched.result)
            return
        preview = ProgressPreviewDialog(matched.files, matched.failures, matched.result, self.as_of,
                                        self.context.window)
        preview.replan_requested.connect(self.replan)
        preview.import_requested.connect(self.write)
        preview.finished.connect(lambda _code: setattr(self, "preview", None))
        self.preview = preview
        preview.open()

    # --- writing --------------------------------------------------------------------------------------

    def write(self, skip_unmatched: bool) -> None:
        """Write the matched rows as one operation after a backup; refuse when the plan changed meanwhile."""
        matched, edition_id = self.matched, self.edition_id
        if matched is None or edition_id is None:
            return
        result = matched.result
        if result.problems or (result.unmatched and not skip_unmatched):
            return
        batch = result.batch()
        files, as_of, today, backend = list(matched.files), self.as_of, self.backend.today(), self.backend

        def check(workspace: Workspace) -> None:
            plan, records = backend.progress_data(workspace, edition_id)
            again = plan_progress_import(plan, records, files, as_of=as_of, today=today)
            if again.batch() != batch:
                raise WorkspaceError(TEXTS["stale"])

        window = self.context.window
        busy = QProgressDialog(TEXTS["applying"], "", 0, 0, window)
        busy.setObjectName("tracking_progress")
        busy.setWindowTitle(TEXTS["title"])
        busy.setCancelButton(None)  # all or nothing: it runs to its end
        busy.setMinimumDuration(0)
        busy.show()

        def done(_refresh: Refresh) -> None:
            busy.close()
            busy.deleteLater()
            self._tell_done(batch, len(result.unmatched) if skip_unmatched else 0)

        def failed(exc: BaseException) -> None:
            busy.close()
            busy.deleteLater()
            message_box(window, TEXTS["title"], TEXTS["failed"].format(error=user_message(exc)))

        self.backend.import_progress(batch, check=check, label=TEXTS["applying"], done=done, failed=failed)

    def _tell_done(self, batch: ProgressBatch, skipped: int) -> None:
        projects = len({u.project_id for u in batch.updates})
        lines = [TEXTS["done"].format(projects=projects, statuses=sum(1 for u in batch.updates if u.status),
                                      payments=sum(len(u.disbursements) for u in batch.updates))]
        if skipped:
            lines.append(TEXTS["skipped"].format(count=skipped))
        lines.append(TEXTS["backup"])
        show_status(self.context.window, TEXTS["status"].format(projects=projects), 8000)
        box = message_box(self.context.window, TEXTS["done_title"], "\n".join(lines), warning=False)
        box.setObjectName("import_progress_done")
