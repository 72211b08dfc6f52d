"""ไฟล์ → ส่งแบบรายงานผลให้หน่วยงาน: each unit's progress workbook, for one unit or every unit, into a folder.

``run(context)`` asks which unit (or every unit with projects in the shown edition) and which folder;
then, on the worker with a cancellable progress dialog, writes one workbook a unit
(``exporting.xlsx.progress_workbook``, as ``thaplan export-progress`` does): the unit's projects as in the
plan, with the cells to fill. A file already in the folder is never overwritten: the new one takes the
next free name (… (2).xlsx). The outcome lists every file written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.model import EditionKind, Unit
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.dialog_parts import error_line, ok_cancel
from thaplan_desktop.ui.prompts import last_folder, message_box, show_status
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.settings import LAST_FOLDER_SETTING
from thaplan_desktop.ui.tracking.backend import TrackingBackend
from thaplan_desktop.ui.tracking.task import Cancelled, run_with_progress
from thaplan_desktop.workspace import Workspace

TEXTS = {
    "title": "ส่งแบบรายงานผลให้หน่วยงาน",
    "intro": ("สร้างไฟล์ Excel แบบรายงานผลการดำเนินงานให้หน่วยงานกรอกสถานะ ความคืบหน้า การเบิกจ่ายรายเดือน "
              "และปัญหาอุปสรรค ของโครงการตามแผน แล้วส่งกลับมานำเข้าด้วย ไฟล์ → นำเข้าผลการดำเนินงาน"),
    "all": "ทุกหน่วยงานที่มีโครงการในแผน ({count} หน่วยงาน)",
    "one": "เฉพาะหน่วยงาน:",
    "folder": "บันทึกไว้ที่โฟลเดอร์:",
    "browse": "เลือก…",
    "choose_folder": "เลือกโฟลเดอร์ที่จะบันทึกแบบรายงานผล",
    "ok": "สร้างไฟล์",
    "cancel": "ยกเลิก",
    "no_plan": "ยังไม่ได้เปิดแผน จึงสร้างแบบรายงานผลไม่ได้",
    "no_units": "ไม่มีหน่วยงานใดมีโครงการในแผนฉบับนี้",
    "no_folder": "ไม่พบโฟลเดอร์ “{folder}”",
    "file_name": "แบบรายงานผล {unit} ปี {year}{suffix}.xlsx",
    "reading": "กำลังอ่านข้อมูลแผน…",
    "writing": "กำลังสร้างแบบรายงานผลของ{unit} ({index}/{count})…",
    "cancelled": "ยกเลิกการสร้างแบบรายงานผลแล้ว",
    "failed": "สร้างแบบรายงานผลไม่สำเร็จ:\n{error}",
    "done_title": "สร้างแบบรายงานผลแล้ว",
    "done": "สร้างแบบรายงานผล {files} ไฟล์ ({projects} รายการ) ไว้ที่ {folder}:",
    "file_line": "• {name} — {unit} {count} รายการ",
    "status": "สร้างแบบรายงานผล {files} ไฟล์ที่ {folder} แล้ว",
}


@dataclass(frozen=True, slots=True)
class Written:
    """One workbook written."""

    unit: str
    path: Path
    projects: int


def units_with_projects(context: ScreenContext) -> list[Unit]:
    """The shown edition's units that have projects, in the plan's order."""
    used = {p.unit_id for p in context.state.projects.values()}
    return [u for u in context.state.units if u.id in used]


def free_path(folder: Path, name: str) -> Path:
    """``folder / name``, or ``… (2).xlsx`` … when a file of that name is there already."""
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    return path


def _safe(text: str) -> str:
    return "".join("-" if c in '/\\:*?"<>|' else c for c in text).strip()


class ExportProgressDialog(QDialog):
    """Which unit (or all) and which folder."""

    def __init__(self, units: list[Unit], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_progress_dialog")
        self.setWindowTitle(TEXTS["title"])
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(TEXTS["intro"])
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.all_radio = QRadioButton(TEXTS["all"].format(count=len(units)))
        self.one_radio = QRadioButton(TEXTS["one"])
        group = QButtonGroup(self)
        group.addButton(self.all_radio)
        group.addButton(self.one_radio)
        self.all_radio.setChecked(True)
        self.unit_combo = QComboBox()
        for unit in units:
            self.unit_combo.addItem(unit.name, unit.id)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.one_radio.setChecked(True))
        form = QFormLayout()
        form.addRow(self.all_radio)
        form.addRow(self.one_radio, self.unit_combo)
        self.folder_edit = QLineEdit(str(folder))
        browse = QPushButton(TEXTS["browse"])
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow(TEXTS["folder"], row)
        layout.addLayout(form)
        self.error = error_line()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, TEXTS["ok"], TEXTS["cancel"]))
        self.units = units

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, TEXTS["choose_folder"], self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    @property
    def folder(self) -> Path:
        """The folder typed or chosen."""
        return Path(self.folder_edit.text().strip())

    def chosen_units(self) -> list[Unit]:
        """Every unit, or the one chosen."""
        if self.all_radio.isChecked():
            return list(self.units)
        return [u for u in self.units if u.id == self.unit_combo.currentData()]

    def accept(self) -> None:
        """Refuse a folder that is not there (one Thai line); else close."""
        if not self.folder.is_dir():
            self.error.setText(TEXTS["no_folder"].format(folder=self.folder))
            self.error.show()
            return
        super().accept()


def run(context: ScreenContext, backend: TrackingBackend | None = None) -> ExportProgressDialog | None:
    """Ask for the unit(s) and the folder; on OK write the workbooks on the worker."""
    if context.session.edition_id is None:
        message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    units = units_with_projects(context)
    if not units:
        message_box(context.window, TEXTS["title"], TEXTS["no_units"], warning=False)
        return None
    dialog = ExportProgressDialog(units, last_folder(context.settings), context.window)
    dialog.accepted.connect(lambda: export(context, dialog.chosen_units(), dialog.folder, backend))
    dialog.open()
    return dialog


def export(context: ScreenContext, units: list[Unit], folder: Path, backend: TrackingBackend | None = None) -> None:
    """Write the workbooks of ``units`` into ``folder`` on the worker, with progress."""
    backend = backend or TrackingBackend(context.session)
    edition = context.state.edition
    edition_id = context.session.edition_id
    if edition is None or edition_id is None:
        return
    context.settings.setValue(LAST_FOLDER_SETTING, str(folder))
    today = backend.today()
    names = [(u.name, normalise_space(u.name)) for u in units]
    suffix = "" if edition.kind is EditionKind.MAIN else f" ({_safe(edition.label)})"

    def work(workspace: Workspace, job: Job) -> list[Written]:
        from thaplan_desktop.exporting.xlsx.progress_workbook import export_progress_workbook

        job.progress(0, len(names) + 1, TEXTS["reading"])
        plan, records = backend.progress_data(workspace, edition_id)
        written: list[Written] = []
        for index, (name, unit) in enumerate(names, start=1):
            if job.cancelled:
                raise Cancelled
            job.progress(index, len(names) + 1, TEXTS["writing"].format(unit=name, index=index, count=len(names)))
            path = free_path(folder, TEXTS["file_name"].format(unit=_safe(name), year=edition.fiscal_year,
                                                              suffix=suffix))
            result = export_progress_workbook(plan, records, path, unit, today=today)
            if result.projects:
                written.append(Written(name, result.path, result.projects))
            else:
                result.path.unlink(missing_ok=True)
        return written

    def finished(written: list[Written]) -> None:
        lines = [TEXTS["done"].format(files=len(written), projects=sum(w.projects for w in written), folder=folder)]
        lines += [TEXTS["file_line"].format(name=w.path.name, unit=w.unit, count=w.projects) for w in written]
        show_status(context.window, TEXTS["status"].format(files=len(written), folder=folder))
        box = message_box(context.window, TEXTS["done_title"], "\n".join(lines), warning=False)
        box.setObjectName("export_progress_done")

    run_with_progress(context, backend, title=TEXTS["title"], label=TEXTS["reading"], work=work, finished=finished,
                      cancelled_text=TEXTS["cancelled"], failed_text=TEXTS["failed"])
