"""The import preview: what the import will do, row by row, with the officer's choices. Accepting means "go".

``ImportPreviewDialog`` shows every row of the prepared ``ImportPlan`` (what happens to it, name, budget,
months, program, strategy or equipment type, unit, where it came from, its warnings), lets the officer untick
rows, choose what to do with duplicates (ข้าม / แทนที่ / เก็บทั้งคู่), give a program and a unit to rows the
file does not classify, and confirm the strategies, programs, units and equipment types to be created.
It changes the plan's rows in place and calls ``plan.refresh()``; "correct the columns" asks the controller
to read the files again (``mapping_dialog``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, month_runs
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.importing import ImportResult
from thaplan_desktop.importing.apply import Duplicates, ImportPlan, RowPlan
from thaplan_desktop.ui.importing.mapping_dialog import ColumnMappingDialog
from thaplan_desktop.ui.state import PlanState

TEXTS = {
    "title": "นำเข้าโครงการจากไฟล์ Excel",
    "summary_intro": "พบ {rows} รายการจาก {files} ไฟล์ — จะนำเข้า {write} รายการ",
    "failures": "อ่านไม่ได้ {count} ไฟล์ (ไม่นำเข้า):",
    "file_warnings": "ข้อสังเกตจากการอ่านไฟล์:",
    "action_add": "เพิ่มใหม่",
    "action_replace": "แทนที่ของเดิม",
    "action_keep": "เพิ่ม (ซ้ำ)",
    "action_skip_dup": "ข้าม (ซ้ำ)",
    "action_unticked": "ไม่นำเข้า",
    "action_problem": "นำเข้าไม่ได้",
    "equipment": "ครุภัณฑ์: ",
    "no_program": "— ยังไม่จัดเข้าแผนงาน —",
    "cancel_button": "ยกเลิก",
    "no_unit": "—",
    "new_mark": " (ใหม่)",
    "source": "{sheet} แถว {row} · {file}",
    "duplicate_note": "ซ้ำกับโครงการที่มีในแผน (ชื่อ หน่วยงาน และงบประมาณเดียวกัน)",
    "whole_year": "ตลอดปี",
    "duplicates_box": "รายการที่ซ้ำกับในแผน ({count} รายการ)",
    "dup_skip": "ข้าม (ไม่นำเข้า)",
    "dup_replace": "แทนที่ของเดิมในแผน",
    "dup_keep": "เก็บทั้งคู่",
    "defaults_box": "สำหรับรายการที่ไฟล์ไม่ได้ระบุ",
    "default_program": "แผนงาน ({count} รายการ):",
    "default_unit": "หน่วยงาน ({count} รายการ):",
    "leave_empty": "ไม่ระบุ (แก้ภายหลัง)",
    "create_box": "จะสร้างขึ้นใหม่ในแผน",
    "create_none": "ไม่ต้องสร้างอะไรใหม่: ทุกรายการตรงกับยุทธศาสตร์ แผนงาน และหน่วยงานที่มีอยู่",
    "new_strategy": "ยุทธศาสตร์: {name}",
    "new_program": "แผนงาน: {program} (ใน{strategy})",
    "new_unit": "หน่วยงาน: {name}",
    "new_type": "ประเภทครุภัณฑ์: {name}",
    "confirm_create": "ยืนยันให้สร้างรายการข้างต้น",
    "problems_note": "{count} รายการมีปัญหาและจะไม่ถูกนำเข้า (ดูช่องหมายเหตุ)",
    "import_button": "นำเข้า {count} รายการ",
    "columns_button": "แก้การจับคู่คอลัมน์…",
    "columns_tip": "ถ้าโปรแกรมอ่านคอลัมน์ผิด (เช่น เอาสถานที่เป็นหน่วยงาน) เลือกคอลัมน์ที่ถูกต้องแล้วอ่านไฟล์ใหม่",
}

COLUMN_TITLES = (  # the table's column headings
    "นำเข้า", "ผลที่จะเกิด", "ชื่อโครงการ/รายการ", "งบประมาณ (บาท)", "ระยะเวลา", "แผนงาน",
           "ยุทธศาสตร์ / ประเภทครุภัณฑ์", "หน่วยงาน", "ที่มา (แผ่นงาน แถว · ไฟล์)", "หมายเหตุ")

_PROBLEM_BRUSH = QBrush(QColor("#f8d7da"))
_DUPLICATE_BRUSH = QBrush(QColor("#fff3cd"))
_SKIPPED_BRUSH = QBrush(QColor("#e9ecef"))
_NEW_BRUSH = QBrush(QColor("#0b6e4f"))


def created_lines(strategies: Iterable[str], programs: Iterable[tuple[str, str]], units: Iterable[str],
                  equipment_types: Iterable[str]) -> list[str]:
    """Thai lines naming what an import creates: strategies, (strategy, program) pairs, units, types."""
    return ([TEXTS["new_strategy"].format(name=n) for n in strategies]
            + [TEXTS["new_program"].format(program=p, strategy=s) for s, p in programs]
            + [TEXTS["new_unit"].format(name=n) for n in units]
            + [TEXTS["new_type"].format(name=n) for n in equipment_types])


def months_text(months: Iterable[int]) -> str:
    """Fiscal months as runs of abbreviations: ``ต.ค.–ธ.ค., เม.ย.``; ``ตลอดปี`` for all twelve."""
    months = set(months)
    if len(months) == 12:
        return TEXTS["whole_year"]
    parts = []
    for first, last in month_runs(months):
        a, b = FISCAL_MONTH_ABBR[first - 1], FISCAL_MONTH_ABBR[last - 1]
        parts.append(a if first == last else f"{a}–{b}")
    return ", ".join(parts)


class ImportPreviewDialog(QDialog):
    """What the import will do, row by row, with the officer's choices. Accepting means "go ahead".

    The dialog changes the ``ImportPlan``'s rows in place (their action, and the program and unit of rows
    the file did not classify) and calls ``plan.refresh()``; ``apply_import`` takes the plan as it stands.
    """

    remap_requested = Signal(object)  # file name → sheet → field → column: read again with these columns

    def __init__(self, plan: ImportPlan, results: list[ImportResult], failures: list[str], state: PlanState,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.results = results
        self.state = state
        self.setObjectName("import_preview")
        self.setWindowTitle(TEXTS["title"])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width = min(1500, max(1000, room.width() - 80)) if room is not None else 1280
        height = min(860, max(620, room.height() - 60)) if room is not None else 760
        self.resize(width, height)
        # What the file said, to restore when a default is taken back.
        self._original = [(r.strategy_id, r.strategy_name, r.program_id, r.program_name, r.unit_id, r.unit_name)
                          for r in plan.rows]
        self._unfiled = [i for i, r in enumerate(plan.rows) if r.program_id is None and not r.program_name]
        self._no_unit = [i for i, r in enumerate(plan.rows) if r.unit_id is None and not r.unit_name]
        self._ticked = [not r.problems for r in plan.rows]
        for row in plan.rows:
            if row.problems:
                row.action = "skip"

        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.intro)
        notes = list(failures)
        warnings = [w for result in results for w in result.warnings]
        if failures:
            notes.insert(0, TEXTS["failures"].format(count=len(failures)))
        if warnings:
            notes += [TEXTS["file_warnings"]] + warnings
        if notes:
            note = QLabel("\n".join(notes))
            note.setObjectName("import_notes")
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a1c1c;" if failures else "")
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(note)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(COLUMN_TITLES))
        self.table.setObjectName("import_rows")
        self.table.setHorizontalHeaderLabels(list(COLUMN_TITLES))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        splitter.addWidget(self.table)

        below = QWidget()
        choices = QHBoxLayout(below)
        choices.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()

        duplicates = plan.duplicates
        self.duplicates_box = QGroupBox(TEXTS["duplicates_box"].format(count=len(duplicates)))
        dup_layout = QHBoxLayout(self.duplicates_box)
        self.duplicate_group = QButtonGroup(self)
        self.duplicate_buttons: dict[Duplicates, QRadioButton] = {}
        for choice, key in ((Duplicates.SKIP, "dup_skip"), (Duplicates.REPLACE, "dup_replace"),
                            (Duplicates.KEEP, "dup_keep")):
            button = QRadioButton(TEXTS[key])
            button.setObjectName(f"duplicates_{choice.value}")
            self.duplicate_group.addButton(button)
            self.duplicate_buttons[choice] = button
            dup_layout.addWidget(button)
        dup_layout.addStretch(1)
        self.duplicate_buttons[plan.options.duplicates].setChecked(True)
        self.duplicates_box.setEnabled(bool(duplicates))
        self.duplicate_group.buttonToggled.connect(self._duplicates_toggled)
        left.addWidget(self.duplicates_box)

        self.defaults_box = QGroupBox(TEXTS["defaults_box"])
        defaults = QFormLayout(self.defaults_box)
        self.program_combo = QComboBox()
        self.program_combo.setObjectName("default_program")
        self.program_combo.addItem(TEXTS["leave_empty"], None)
        strategies = {s.id: s for s in state.strategies}
        for program in state.programs:
            strategy = strategies.get(program.strategy_id)
            label = f"{strategy.number}. {program.name}" if strategy is not None else program.name
            self.program_combo.addItem(label, program)
            self.program_combo.setItemData(self.program_combo.count() - 1,
                                           strategy.name if strategy is not None else "", Qt.ItemDataRole.ToolTipRole)
        self.program_combo.setEnabled(bool(self._unfiled))
        self.program_combo.currentIndexChanged.connect(self._choices_changed)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("default_unit")
        self.unit_combo.addItem(TEXTS["leave_empty"], None)
        for unit in state.units:
            self.unit_combo.addItem(unit.name, unit)
        self.unit_combo.setEnabled(bool(self._no_unit))
        self.unit_combo.currentIndexChanged.connect(self._choices_changed)
        defaults.addRow(TEXTS["default_program"].format(count=len(self._unfiled)), self.program_combo)
        defaults.addRow(TEXTS["default_unit"].format(count=len(self._no_unit)), self.unit_combo)
        left.addWidget(self.defaults_box)
        left.addStretch(1)
        choices.addLayout(left, 2)

        self.create_box = QGroupBox(TEXTS["create_box"])
        create_layout = QVBoxLayout(self.create_box)
        self.create_list = QPlainTextEdit()
        self.create_list.setObjectName("create_list")
        self.create_list.setReadOnly(True)
        self.create_list.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        create_layout.addWidget(self.create_list)
        self.confirm_check = QCheckBox(TEXTS["confirm_create"])
        self.confirm_check.setObjectName("confirm_create")
        self.confirm_check.toggled.connect(self._update_button)
        create_layout.addWidget(self.confirm_check)
        choices.addWidget(self.create_box, 3)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self.choices_pane = below
        layout.addWidget(splitter, 1)

        self.problems_label = QLabel()
        self.problems_label.setStyleSheet("color: #8a1c1c;")
        layout.addWidget(self.problems_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(TEXTS["cancel_button"])
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_button")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.columns_button = QPushButton(TEXTS["columns_button"])
        self.columns_button.setObjectName("columns_button")
        self.columns_button.setToolTip(TEXTS["columns_tip"])
        self.columns_button.setEnabled(any(sheet.status == "table" for r in results for sheet in r.sheets))
        self.columns_button.clicked.connect(self.correct_columns)
        self.buttons.addButton(self.columns_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.table.itemChanged.connect(self._ticked_changed)
        self._choices_changed()
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for column, width in ((2, 340), (5, 220), (6, 240), (8, 240), (9, 280)):
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 120), width))
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Give the table the room the choices below do not need."""
        super().showEvent(event)
        lower = min(self.choices_pane.sizeHint().height(), self.splitter.height() // 2)
        self.splitter.setSizes([self.splitter.height() - lower, lower])

    # --- choices -----------------------------------------------------------------------------------------

    @property
    def duplicates(self) -> Duplicates:
        """The chosen ``Duplicates``."""
        return next(choice for choice, button in self.duplicate_buttons.items() if button.isChecked())

    def set_duplicates(self, choice: Duplicates) -> None:
        """Choose what to do with duplicates (as the radio buttons do)."""
        self.duplicate_buttons[choice].setChecked(True)

    def _duplicates_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._choices_changed()

    def _choices_changed(self, *_args: object) -> None:
        plan = self.plan
        choice = self.duplicates
        plan.options = replace(plan.options, duplicates=choice)
        dup_action = {Duplicates.SKIP: "skip", Duplicates.REPLACE: "replace", Duplicates.KEEP: "add"}[choice]
        for i, row in enumerate(plan.rows):
            if row.problems or not self._ticked[i]:
                row.action = "skip"
            else:
                row.action = dup_action if row.duplicate_of is not None else "add"
            (row.strategy_id, row.strategy_name, row.program_id, row.program_name,
             row.unit_id, row.unit_name) = self._original[i]
        program = self.program_combo.currentData()
        if program is not None:
            strategy = next((s for s in self.state.strategies if s.id == program.strategy_id), None)
            for i in self._unfiled:
                row = plan.rows[i]
                row.program_id, row.program_name = program.id, program.name
                row.strategy_id = program.strategy_id
                row.strategy_name = strategy.name if strategy is not None else ""
        unit = self.unit_combo.currentData()
        if unit is not None:
            for i in self._no_unit:
                plan.rows[i].unit_id, plan.rows[i].unit_name = unit.id, unit.name
        plan.refresh()
        self._fill_table()
        self._fill_create_list()
        self._update_button()

    def _ticked_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        if self._ticked[item.row()] != ticked:
            self._ticked[item.row()] = ticked
            self._choices_changed()

    def set_ticked(self, row: int, ticked: bool) -> None:
        """Include or leave out one row (as its check box does)."""
        item = self.table.item(row, 0)
        if item is None:
            raise IndexError(row)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    # --- showing -----------------------------------------------------------------------------------------

    def _fill_table(self) -> None:
        plan = self.plan
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(plan.rows))
        for i, row in enumerate(plan.rows):
            staged = row.staged
            if row.problems:
                action, brush = TEXTS["action_problem"], _PROBLEM_BRUSH
            elif not self._ticked[i]:
                action, brush = TEXTS["action_unticked"], _SKIPPED_BRUSH
            elif row.duplicate_of is not None:
                action = {"skip": TEXTS["action_skip_dup"], "replace": TEXTS["action_replace"]}.get(
                    row.action, TEXTS["action_keep"])
                brush = _DUPLICATE_BRUSH
            else:
                action, brush = TEXTS["action_add"], None
            name = staged.name
            if staged.kind is ProjectKind.EQUIPMENT:
                name = TEXTS["equipment"] + name
            budget = format_money(staged.budget) if staged.budget is not None else ""
            program, parent = self._classification(row)
            unit = (row.unit_name or TEXTS["no_unit"]) + (TEXTS["new_mark"] if row.unit_id is None and row.unit_name
                                                          else "")
            source = TEXTS["source"].format(file=staged.source_file, sheet=staged.source_sheet,
                                            row=staged.source_row if staged.source_row is not None else "-")
            remarks = list(row.problems)
            if row.duplicate_of is not None:
                remarks.append(TEXTS["duplicate_note"])
            remarks += row.notes + staged.warnings
            cells = ("", action, name, budget, months_text(staged.months), program, parent, unit, source,
                     " · ".join(remarks))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if not row.problems:
                        flags |= Qt.ItemFlag.ItemIsUserCheckable
                    item.setFlags(flags)
                    item.setCheckState(Qt.CheckState.Checked if self._ticked[i] and not row.problems
                                       else Qt.CheckState.Unchecked)
                else:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    item.setToolTip(text if column != 9 else "\n".join(remarks))
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if brush is not None:
                    item.setBackground(brush)
                if column in (5, 6, 7) and TEXTS["new_mark"].strip() in text:
                    item.setForeground(_NEW_BRUSH)
                table.setItem(i, column, item)
        table.blockSignals(False)

    @staticmethod
    def _classification(row: RowPlan) -> tuple[str, str]:
        """(program, strategy or equipment type) as shown, "(ใหม่)" marking what will be created."""
        program = row.program_name
        if program and row.program_id is None:
            program += TEXTS["new_mark"]
        if row.staged.kind is ProjectKind.EQUIPMENT and row.equipment_type_name:
            parent = row.equipment_type_name + (TEXTS["new_mark"] if row.equipment_type_id is None else "")
        else:
            parent = row.strategy_name
            if parent and row.strategy_id is None:
                parent += TEXTS["new_mark"]
        return program or TEXTS["no_program"], parent

    def _fill_create_list(self) -> None:
        plan = self.plan
        lines = created_lines(plan.new_strategies, plan.new_programs, plan.new_units, plan.new_equipment_types)
        self.create_list.setPlainText("\n".join(f"• {line}" for line in lines) if lines else TEXTS["create_none"])
        self.confirm_check.setVisible(bool(lines))
        self._creates = bool(lines)

    def _update_button(self, *_args: object) -> None:
        plan = self.plan
        count = len(plan.to_write)
        rows = len(plan.rows)
        self.intro.setText(TEXTS["summary_intro"].format(rows=rows, files=len(plan.files), write=count))
        problems = sum(1 for r in plan.rows if r.problems)
        self.problems_label.setText(TEXTS["problems_note"].format(count=problems) if problems else "")
        self.problems_label.setVisible(bool(problems))
        self.import_button.setText(TEXTS["import_button"].format(count=count))
        self.import_button.setEnabled(count > 0 and (not self._creates or self.confirm_check.isChecked()))

    @property
    def needs_confirmation(self) -> bool:
        """True when something would be created, so the officer must tick the confirmation."""
        return self._creates

    def correct_columns(self) -> ColumnMappingDialog:
        """Open the column correction; when it is confirmed this preview closes and the files are read again."""
        dialog = ColumnMappingDialog(self.results, self)

        def chosen() -> None:
            overrides = dialog.overrides()
            if overrides:
                self.reject()
                self.remap_requested.emit(overrides)
        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def accept(self) -> None:  # noqa: D102 - QDialog
        if not self.import_button.isEnabled():
            return
        super().accept()
