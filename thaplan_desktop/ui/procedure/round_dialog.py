"""The dialog of a round of the monitoring report: its as-of date and the dates of its own procedure.

``RoundDialog`` is a ``SubmitDialog`` (``dialogs``): the view's ``submit`` turns its fields into one
``RoundFields`` and records them in one undoable operation (``workflow.monitoring.record_round``, which
checks that the dates follow one another and none is after today; its Thai refusal keeps the dialog
open). A new round chooses its kind among those not recorded yet and starts from the round's usual as-of
date; a recorded one can be removed ("ลบรอบนี้", undoable too). While the posting date is empty, or was
filled this way, it follows the announcement date typed (offices usually post the day they announce).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from thaplan_desktop.domain.fiscal import DateError, format_thai_date
from thaplan_desktop.domain.tracking import ReportRound, RoundKind
from thaplan_desktop.tracking.rounds import round_as_of, round_label
from thaplan_desktop.ui.procedure.dialogs import SubmitDialog, ThaiDateEdit
from thaplan_desktop.workflow.monitoring import report_due
from thaplan_desktop.workspace import RoundFields

TEXTS = {
    "new_title": "เพิ่มรอบการรายงานผลการติดตาม ปีงบประมาณ {year}",
    "edit_title": "การรายงานผลการติดตาม ปีงบประมาณ {year}",
    "kind": "รอบการรายงาน",
    "as_of": "ข้อมูล ณ วันที่",
    "reported_on": "วันที่รายงานต่อสภาท้องถิ่น",
    "announced_on": "วันที่ประกาศผล",
    "posted_on": "วันที่ปิดประกาศ",
    "removed_on": "วันที่ปลดประกาศ",
    "note": "หมายเหตุ",
    "note_hint": "เช่น การประชุมสภา สมัยสามัญ สมัยที่ 2/2563 หรือเลขที่ประกาศ",
    "rule": "รายงานต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่นภายใน {due} · ประกาศผลภายใน 15 วันนับแต่วันที่รายงาน · "
            "ปิดประกาศไว้อย่างน้อย 30 วัน · เว้นช่องที่ยังไม่ได้ทำไว้ว่าง",
    "delete": "ลบรอบนี้",
}
DATE_FIELDS = ("reported_on", "announced_on", "posted_on", "removed_on")


class RoundDialog(SubmitDialog):
    """A round's dates: as of, reported to the council, announced, posted, taken down; and a note."""

    def __init__(self, fiscal_year: int, kinds: Sequence[RoundKind], record: ReportRound | None,
                 parent: QWidget | None = None) -> None:
        key = "edit_title" if record is not None else "new_title"
        super().__init__(TEXTS[key].format(year=fiscal_year), parent)
        self.fiscal_year = fiscal_year
        self.record = record
        self.kind_box = QComboBox()
        for kind in kinds:
            self.kind_box.addItem(round_label(kind, fiscal_year), str(kind))
        self.heading = QLabel(f"<b>{round_label(kinds[0], fiscal_year)}</b>")
        self.heading.setWordWrap(True)
        self.as_of = ThaiDateEdit(record.as_of if record else round_as_of(kinds[0], fiscal_year))
        self.dates: dict[str, ThaiDateEdit] = {name: ThaiDateEdit(getattr(record, name) if record else None)
                                               for name in DATE_FIELDS}
        self.note = QLineEdit(record.note if record else "")
        self.note.setPlaceholderText(TEXTS["note_hint"])
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #4b5563;")
        self.form.addRow(TEXTS["kind"], self.kind_box)
        self.form.setRowVisible(self.kind_box, len(kinds) > 1)  # a round already chosen: its name is the heading
        self.heading.setVisible(len(kinds) == 1)
        self.form.addRow(TEXTS["as_of"], self.as_of)
        for name in DATE_FIELDS:
            self.form.addRow(TEXTS[name], self.dates[name])
        self.form.addRow(TEXTS["note"], self.note)
        self.layout_.insertWidget(0, self.heading)
        self.layout_.insertWidget(1, self.rule)
        row = QHBoxLayout()
        self.delete_button: QPushButton | None = None
        if record is not None:
            self.delete_button = QPushButton(TEXTS["delete"])
            row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        self.layout_.addLayout(row)
        self._as_of_default = self.as_of.text()
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._posted_follows = not self.dates["posted_on"].text().strip()
        self.dates["posted_on"].textEdited.connect(self._posted_typed)
        self.dates["announced_on"].textChanged.connect(self._post_with_announcement)
        self._show_rule()

    @property
    def kind(self) -> RoundKind:
        """The round chosen."""
        return RoundKind(self.kind_box.currentData())

    def _kind_changed(self) -> None:
        """A new round's as-of date follows its kind until the officer types one."""
        if self.as_of.text() == self._as_of_default:
            self.as_of.set_date(round_as_of(self.kind, self.fiscal_year))
            self._as_of_default = self.as_of.text()
        self._show_rule()

    def _show_rule(self) -> None:
        due, _rule = report_due(self.kind, self.fiscal_year)
        self.rule.setText(TEXTS["rule"].format(due=format_thai_date(due)))

    def _posted_typed(self, text: str) -> None:
        self._posted_follows = not text.strip()

    def _post_with_announcement(self) -> None:
        if not self._posted_follows:
            return
        try:
            announced = self.dates["announced_on"].date()
        except DateError:
            return  # not a date yet (still being typed)
        self.dates["posted_on"].set_date(announced)

    def fields(self) -> RoundFields:
        """The dates typed, as one update (an empty field clears its date); ``ValueError`` in Thai when unreadable."""
        as_of = self.date_of(self.as_of, TEXTS["as_of"], required=True)
        assert as_of is not None
        found: dict[str, dt.date | None] = {name: self.date_of(self.dates[name], TEXTS[name]) for name in DATE_FIELDS}
        return RoundFields(as_of=as_of, reported_on=found["reported_on"], announced_on=found["announced_on"],
                           posted_on=found["posted_on"], removed_on=found["removed_on"], note=self.note.text())
