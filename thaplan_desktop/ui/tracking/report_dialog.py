"""ไฟล์ → รายงานผลการติดตาม: the monitoring report as of a day or for a round, saved as a file.

``run(context)`` opens ``ReportDialog``: the round (รอบ 6 เดือน, รอบ 12 เดือน, a quarter, or none) and the
as-of day — choosing a round fills its day (the one recorded for the round, else the last day of the
months it covers), as ``thaplan report progress --round`` does — and the format. Then it asks where to
save, and on the worker, with a cancellable progress dialog, builds the report (``tracking.report``) and
writes it. ``FORMATS`` lists the formats: Excel (``exporting.xlsx.progress_report``) and PDF
(``exporting.reports.progress``: with its ประกาศ when the report is a recorded round whose announcement date
is set, else a draft), as ``thaplan report progress --out`` chooses by the file's extension.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import DateError, format_thai_date
from thaplan_desktop.domain.tracking import ReportRound, RoundKind
from thaplan_desktop.tracking.report import ProgressReport, build_report
from thaplan_desktop.tracking.rounds import round_as_of, round_label
from thaplan_desktop.ui import prompts
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.dialog_parts import error_line, ok_cancel
from thaplan_desktop.ui.procedure.dialogs import ThaiDateEdit
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.tracking.backend import TrackingBackend
from thaplan_desktop.ui.tracking.task import Cancelled, run_with_progress
from thaplan_desktop.workspace import Workspace

TEXTS = {
    "title": "รายงานผลการติดตามและประเมินผล",
    "intro": "สรุปผลการดำเนินงานและการเบิกจ่ายตามแผน รายโครงการ การใช้จ่ายรายเดือนเทียบกับแผน และปัญหาอุปสรรค",
    "round": "รอบการรายงาน:",
    "no_round": "ไม่ระบุรอบ (ตามวันที่ที่เลือก)",
    "as_of": "ข้อมูล ณ วันที่:",
    "recorded": "{label} — บันทึกไว้ ณ วันที่ {date}",
    "format": "รูปแบบไฟล์:",
    "pdf_tip": "รายงานสำหรับพิมพ์: ของรอบที่บันทึกวันที่ประกาศผลแล้วมีหน้าประกาศ รายงานอื่นพิมพ์คำว่า “ร่าง” ทุกหน้า",
    "ok": "สร้างรายงาน…",
    "cancel": "ยกเลิก",
    "need_as_of": "กรุณาระบุวันที่ของข้อมูล (ณ วันที่)",
    "bad_as_of": "อ่านวันที่ไม่ได้: {error}",
    "no_plan": "ยังไม่ได้เปิดแผน จึงสร้างรายงานไม่ได้",
    "save_caption": "บันทึกรายงานผลการติดตาม",
    "file_name": "รายงานผลการติดตาม {year} ณ {date}{extension}",
    "building": "กำลังสรุปผลการดำเนินงาน…",
    "writing": "กำลังสร้างไฟล์รายงาน…",
    "cancelled": "ยกเลิกการสร้างรายงานแล้ว ไม่ได้สร้างไฟล์",
    "failed": "สร้างรายงานไม่สำเร็จ:\n{error}",
    "done": "บันทึกรายงานผลการติดตาม ข้อมูล ณ วันที่ {date} ที่ {path} แล้ว ({count} รายการ)",
}

Writer = Callable[[ProgressReport, Path, Job, ReportRound | None], Path]


def _write_xlsx(report: ProgressReport, path: Path, job: Job, record: ReportRound | None) -> Path:
    from thaplan_desktop.exporting.xlsx.progress_report import export_progress_report

    return export_progress_report(report, path).path


def _write_pdf(report: ProgressReport, path: Path, job: Job, record: ReportRound | None) -> Path:
    from thaplan_desktop.exporting.pdf.options import ExportCancelled
    from thaplan_desktop.exporting.reports.progress import write_progress_pdf

    def progress(fraction: float, message: str) -> None:
        job.progress(1 + round(fraction * 100), 102, TEXTS["writing"])

    try:
        return write_progress_pdf(report, path, record=record, progress=progress, cancel=lambda: job.cancelled).path
    except ExportCancelled as exc:
        raise Cancelled from exc


@dataclass(frozen=True, slots=True)
class ReportFormat:
    """A format the report is saved in."""

    key: str
    label: str
    extension: str
    file_filter: str
    write: Writer
    tip: str = ""


FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat("xlsx", "Excel (.xlsx)", ".xlsx", "สมุดงาน Excel (*.xlsx)", _write_xlsx),
    ReportFormat("pdf", "PDF (.pdf)", ".pdf", "เอกสาร PDF (*.pdf)", _write_pdf, TEXTS["pdf_tip"]),
)


class ReportDialog(QDialog):
    """Round, as-of day and format of the report."""

    def __init__(self, fiscal_year: int, as_of: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.setWindowTitle(TEXTS["title"])
        self.setMinimumWidth(520)
        self.fiscal_year = fiscal_year
        self.recorded: dict[RoundKind, ReportRound] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(TEXTS["intro"])
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.round_combo = QComboBox()
        self.round_combo.addItem(TEXTS["no_round"], None)
        for kind in RoundKind:
            self.round_combo.addItem(round_label(kind, fiscal_year), kind.value)
        self.round_combo.currentIndexChanged.connect(lambda _i: self._round_chosen())
        form.addRow(TEXTS["round"], self.round_combo)
        self.as_of_edit = ThaiDateEdit(as_of)
        form.addRow(TEXTS["as_of"], self.as_of_edit)
        self.format_group = QButtonGroup(self)
        formats = QHBoxLayout()
        for position, fmt in enumerate(FORMATS):
            button = QRadioButton(fmt.label)
            button.setObjectName(f"format_{fmt.key}")
            button.setToolTip(fmt.tip)
            self.format_group.addButton(button, position)
            formats.addWidget(button)
        formats.addStretch(1)
        self.format_group.button(0).setChecked(True)
        form.addRow(TEXTS["format"], formats)
        layout.addLayout(form)
        self.error = error_line()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, TEXTS["ok"], TEXTS["cancel"]))

    def set_recorded(self, rounds: list[ReportRound]) -> None:
        """The rounds recorded for the year (their as-of days are the ones the office reported)."""
        self.recorded = {r.round: r for r in rounds}
        for position in range(1, self.round_combo.count()):
            kind = RoundKind(self.round_combo.itemData(position))
            if kind in self.recorded:
                self.round_combo.setItemText(position, TEXTS["recorded"].format(
                    label=round_label(kind, self.fiscal_year), date=format_thai_date(self.recorded[kind].as_of)))
        self._round_chosen()

    @property
    def round(self) -> RoundKind | None:
        """The round chosen (None: none)."""
        value = self.round_combo.currentData()
        return RoundKind(value) if value else None

    @property
    def format(self) -> ReportFormat:
        """The format chosen."""
        return FORMATS[max(0, self.format_group.checkedId())]

    def _round_chosen(self) -> None:
        kind = self.round
        if kind is None:
            return
        recorded = self.recorded.get(kind)
        self.as_of_edit.set_date(recorded.as_of if recorded else round_as_of(kind, self.fiscal_year))

    def as_of(self) -> dt.date:
        """The as-of day; ``ValueError`` (Thai) when missing or unreadable."""
        try:
            day = self.as_of_edit.date()
        except DateError as exc:
            raise ValueError(TEXTS["bad_as_of"].format(error=exc)) from exc
        if day is None:
            raise ValueError(TEXTS["need_as_of"])
        return day

    def accept(self) -> None:
        """Close when the as-of day reads; else say why in one Thai line."""
        try:
            self.as_of()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


def run(context: ScreenContext, backend: TrackingBackend | None = None) -> ReportDialog | None:
    """Ask for the round, the day and the format; then where to save; then build and write on the worker."""
    edition, edition_id = context.state.edition, context.session.edition_id
    if edition is None or edition_id is None:
        prompts.message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    backend = backend or TrackingBackend(context.session)
    dialog = ReportDialog(edition.fiscal_year, backend.today(), context.window)
    backend.report_rounds(edition.fiscal_year, dialog.set_recorded)
    dialog.accepted.connect(lambda: _save(context, backend, dialog.round, dialog.as_of(), dialog.format))
    dialog.open()
    return dialog


def _save(context: ScreenContext, backend: TrackingBackend, kind: RoundKind | None, as_of: dt.date,
          fmt: ReportFormat) -> None:
    edition, edition_id, write = context.state.edition, context.session.edition_id, fmt.write
    if edition is None or edition_id is None:
        return
    name = TEXTS["file_name"].format(year=edition.fiscal_year, date=format_thai_date(as_of, short=True),
                                     extension=fmt.extension)
    path = prompts.ask_save_path(context.window, context.settings, TEXTS["save_caption"], name, fmt.file_filter,
                                 fmt.extension)
    if path is None:
        return
    report_path = path

    def work(workspace: Workspace, job: Job) -> tuple[Path, int]:
        from thaplan_desktop.exporting.reports.progress import matching_round, with_round

        job.progress(0, 102, TEXTS["building"])
        plan, records = backend.progress_data(workspace, edition_id)
        report = build_report(plan, records, as_of, round=kind)
        record = matching_round(workspace.report_rounds(edition.fiscal_year), report)
        report = with_round(report, record)
        if job.cancelled:
            raise Cancelled
        job.progress(1, 102, TEXTS["writing"])
        return write(report, report_path, job, record), len(report.rows)

    def finished(result: tuple[Path, int]) -> None:
        written, count = result
        text = TEXTS["done"].format(date=format_thai_date(as_of), path=written, count=count)
        prompts.show_status(context.window, text)
        prompts.tell_written(context.window, TEXTS["title"], text, written)  # opened only when asked

    run_with_progress(context, backend, title=TEXTS["title"], label=TEXTS["building"], work=work, finished=finished,
                      cancelled_text=TEXTS["cancelled"], failed_text=TEXTS["failed"])
