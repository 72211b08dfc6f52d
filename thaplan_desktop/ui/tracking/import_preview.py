"""The progress import's preview: every row of every file, its match, what it would write, what stands against it.

``ProgressPreviewDialog`` lists each row read (file, sheet and row; the name in the file; how it matched —
by the hidden key, by name, by name and budget — or why not: not found, ambiguous, repeated; the plan's
project; the changes it writes; its problems), the files that could not be read, and the figures. Nothing
is imported while a row has a problem; unmatched rows are imported only when the officer ticks "skip the
rows that do not match" (``--skip-unmatched``). The day the files' figures are true from, when a file
does not say, can be changed (the rows are matched again on the worker: ``replan_requested``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import DateError, format_thai_date
from thaplan_desktop.importing.progress import ProgressFile
from thaplan_desktop.importing.progress_match import MatchKind, ProgressImportPlan, RowPlan
from thaplan_desktop.ui.procedure.dialogs import ThaiDateEdit

TEXTS = {
    "title": "นำเข้าผลการดำเนินงาน — ตรวจก่อนนำเข้า",
    "summary": "{files} ไฟล์ {rows} แถว: จับคู่ได้ {matched} แถว (มีข้อมูลใหม่ {changing} แถว), "
               "จับคู่ไม่ได้ {unmatched} แถว, มีปัญหา {problems} แถว",
    "file": "• {name}: {rows} แถว — {kind} ข้อมูล ณ วันที่ {as_of}{christian}",
    "ours": "แบบรายงานผลจากโปรแกรม (จับคู่ด้วยรหัสอ้างอิง)",
    "foreign": "ไฟล์ของหน่วยงาน (จับคู่ด้วยชื่อโครงการ)",
    "christian": " (ในไฟล์เป็นปี ค.ศ.)",
    "row_dates": "ตามที่ระบุในแต่ละรายการ",
    "failures": "อ่านไม่ได้ {count} ไฟล์ (ไม่นำเข้า):",
    "headers": "แหล่งที่มา|ชื่อในไฟล์|ผลการจับคู่|โครงการในแผน|สิ่งที่จะบันทึก|ปัญหา",
    "key": "ตรงกัน (รหัสอ้างอิง)",
    "name": "ตรงกัน (ชื่อ)",
    "name_budget": "ตรงกัน (ชื่อและงบประมาณ)",
    "unmatched": "ไม่พบในแผน",
    "ambiguous": "กำกวม ({count} โครงการ)",
    "duplicate": "ซ้ำกับ {other}",
    "no_change": "ไม่มีการเปลี่ยนแปลง",
    "as_of": "ข้อมูล ณ วันที่ (สำหรับไฟล์ที่ไม่ได้ระบุ):",
    "replan": "จับคู่ใหม่",
    "bad_as_of": "อ่านวันที่ไม่ได้: {error}",
    "skip": "ข้ามแถวที่จับคู่ไม่ได้ แล้วนำเข้าเฉพาะแถวที่จับคู่ได้",
    "import": "นำเข้า",
    "cancel": "ยกเลิก",
    "blocked_problems": "ยังนำเข้าไม่ได้: มี {count} แถวที่มีปัญหา (สีแดง) แก้ไขไฟล์แล้วนำเข้าใหม่",
    "blocked_unmatched": "ยังนำเข้าไม่ได้: มี {count} แถวที่จับคู่กับโครงการในแผนไม่ได้ (สีเหลือง) "
                         "แก้ชื่อในไฟล์ หรือเลือก “ข้ามแถวที่จับคู่ไม่ได้”",
    "nothing": "ไม่มีข้อมูลใหม่ที่จะนำเข้า: ทุกแถวตรงกับที่บันทึกไว้แล้ว",
    "ready": "พร้อมนำเข้า {count} โครงการในขั้นตอนเดียว (สำรองข้อมูลก่อน และเลิกทำได้ด้วย Ctrl+Z)",
}

_UNMATCHED = QColor(255, 243, 205)
_PROBLEM = QColor(254, 226, 226)
_QUIET = QColor(120, 120, 120)


def match_text(plan: RowPlan) -> str:
    """How a row matched, or why not, in a few Thai words."""
    if plan.match is MatchKind.AMBIGUOUS:
        return TEXTS["ambiguous"].format(count=len(plan.candidates))
    if plan.match is MatchKind.DUPLICATE:
        return TEXTS["duplicate"].format(other=plan.hint)
    return TEXTS[plan.match.value]


class ProgressPreviewDialog(QDialog):
    """What importing the files would do; accepting means "import"."""

    replan_requested = Signal(object)  # the as-of day for files that do not say
    import_requested = Signal(bool)  # skip the rows that do not match

    def __init__(self, files: Sequence[ProgressFile], failures: Sequence[str], result: ProgressImportPlan,
                 as_of: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress_preview")
        self.setWindowTitle(TEXTS["title"])
        self.resize(1180, 640)
        self.as_of = as_of
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("preview_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.files_label = QLabel()
        self.files_label.setWordWrap(True)
        layout.addWidget(self.files_label)
        row = QHBoxLayout()
        row.addWidget(QLabel(TEXTS["as_of"]))
        self.as_of_edit = ThaiDateEdit(as_of)
        self.as_of_edit.setMaximumWidth(180)
        row.addWidget(self.as_of_edit)
        replan = QPushButton(TEXTS["replan"])
        replan.clicked.connect(self._replan)
        row.addWidget(replan)
        row.addStretch(1)
        layout.addLayout(row)
        headers = TEXTS["headers"].split("|")
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("preview_rows")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((190, 260, 150, 260, 300)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.skip_check = QCheckBox(TEXTS["skip"])
        self.skip_check.toggled.connect(lambda _on: self._update_state())
        layout.addWidget(self.skip_check)
        self.note = QLabel()
        self.note.setObjectName("preview_note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(TEXTS["import"])
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(TEXTS["cancel"])
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.matches = result
        self.show_result(files, failures, result)

    def show_result(self, files: Sequence[ProgressFile], failures: Sequence[str], result: ProgressImportPlan) -> None:
        """Show (again) the files read and every row's match."""
        self.matches = result
        rows = result.rows
        changing = sum(1 for r in rows if r.match.matched and r.update is not None)
        self.summary.setText(TEXTS["summary"].format(
            files=len(files), rows=len(rows), matched=len(rows) - len(result.unmatched), changing=changing,
            unmatched=len(result.unmatched), problems=len(result.problems)))
        lines = [TEXTS["file"].format(
            name=f.file_name, rows=len(f.rows), kind=TEXTS["ours"] if f.ours else TEXTS["foreign"],
            as_of=format_thai_date(f.as_of or self.as_of) if f.as_of or not any(r.as_of for r in f.rows)
            else TEXTS["row_dates"], christian=TEXTS["christian"] if f.as_of_christian else "") for f in files]
        if failures:
            lines += [TEXTS["failures"].format(count=len(failures))] + [f"  {f}" for f in failures]
        self.files_label.setText("\n".join(lines))
        self.table.setRowCount(len(rows))
        for index, plan in enumerate(rows):
            project = plan.project.name if plan.project is not None else ""
            changes = "\n".join(plan.changes) if plan.changes else (TEXTS["no_change"] if plan.match.matched else "")
            problems = "\n".join(plan.problems) or (plan.hint.strip(" ()") if plan.match is MatchKind.UNMATCHED else "")
            cells = (plan.row.where, plan.row.name, match_text(plan), project, changes, problems)
            colour = _PROBLEM if plan.problems else (_UNMATCHED if not plan.match.matched else None)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                elif plan.update is None:
                    item.setForeground(QBrush(_QUIET))
                self.table.setItem(index, column, item)
        self.table.resizeRowsToContents()
        self._update_state()

    def blocked_reason(self) -> str:
        """Why the import cannot go ahead yet ("" when it can)."""
        result = self.matches
        if result.problems:
            return TEXTS["blocked_problems"].format(count=len(result.problems))
        if result.unmatched and not self.skip_check.isChecked():
            return TEXTS["blocked_unmatched"].format(count=len(result.unmatched))
        if not result.updates:
            return TEXTS["nothing"]
        return ""

    def _update_state(self) -> None:
        reason = self.blocked_reason()
        self.import_button.setEnabled(not reason)
        self.note.setText(reason or TEXTS["ready"].format(count=len({u.project_id for u in self.matches.updates})))
        self.note.setStyleSheet("color: #b91c1c;" if reason and self.matches.problems else "")

    def _replan(self) -> None:
        try:
            day = self.as_of_edit.date()
        except DateError as exc:
            self.note.setText(TEXTS["bad_as_of"].format(error=exc))
            return
        if day is not None:
            self.as_of = day
            self.replan_requested.emit(day)

    def _import(self) -> None:
        if self.blocked_reason():
            return
        self.import_requested.emit(self.skip_check.isChecked())
        self.accept()

