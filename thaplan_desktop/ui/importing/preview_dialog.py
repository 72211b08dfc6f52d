"""The import preview: what the import will do, row by row, with the officer's choices. Accepting means "go".

``ImportPreviewDialog`` shows every row of the prepared ``ImportPlan`` (``preview_rows``: what happens to it,
name, budget, months, the program and strategy or equipment type it will be filed under, unit, where it came
from, its warnings), and above them the files' strategy and program names that are not the plan's
(``names_panel``), each with its proposed match, how sure, and the officer's choice made once per name.
It lets the officer untick rows, choose what to do with duplicates (ข้าม / แทนที่ / เก็บทั้งคู่), give a
program and a unit to rows the file does not classify, and confirm the strategies, programs, units and
equipment types to be created. It changes the plan's rows in place and calls ``plan.refresh()``.

A changed name choice files the rows again on the worker: the dialog asks (``refile_requested``, with the
choices) and the controller answers with ``set_filing``; until then, and while a near-miss name waits for
a choice, the import cannot start. "Correct the columns" asks the controller to read the files again
(``mapping_dialog``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
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

from thaplan_desktop.importing import ImportResult
from thaplan_desktop.importing.apply import Duplicates, ImportPlan, assign_actions
from thaplan_desktop.importing.names import PROGRAM, STRATEGY, ChoiceKey, NameMatch
from thaplan_desktop.ui.importing.backend import Filing
from thaplan_desktop.ui.importing.mapping_dialog import ColumnMappingDialog
from thaplan_desktop.ui.importing.names_panel import NameChoicesPanel
from thaplan_desktop.ui.importing.preview_rows import COLUMN_TITLES, Written, created_lines, fill_rows
from thaplan_desktop.ui.state import PlanState

TEXTS = {
    "title": "นำเข้าโครงการจากไฟล์ Excel",
    "summary_intro": "พบ {rows} รายการจาก {files} ไฟล์ — จะนำเข้า {write} รายการ",
    "failures": "อ่านไม่ได้ {count} ไฟล์ (ไม่นำเข้า):",
    "file_warnings": "ข้อสังเกตจากการอ่านไฟล์:",
    "cancel_button": "ยกเลิก",
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
    "confirm_create": "ยืนยันให้สร้างรายการข้างต้น",
    "problems_note": "{count} รายการมีปัญหาและจะไม่ถูกนำเข้า (ดูช่องหมายเหตุ)",
    "import_button": "นำเข้า {count} รายการ",
    "columns_button": "แก้การจับคู่คอลัมน์…",
    "columns_tip": "ถ้าโปรแกรมอ่านคอลัมน์ผิด (เช่น เอาสถานที่เป็นหน่วยงาน) เลือกคอลัมน์ที่ถูกต้องแล้วอ่านไฟล์ใหม่",
    "names_waiting": "ต้องเลือกว่าจะจัดเข้ายุทธศาสตร์หรือแผนงานใดอีก {count} ชื่อ (ตารางชื่อด้านบน) ก่อนนำเข้า",
    "refiling": "กำลังจัดรายการเข้ายุทธศาสตร์และแผนงานตามที่เลือก…",
    "refile_failed": "จัดรายการตามที่เลือกไม่ได้ (กดยกเลิกแล้วนำเข้าใหม่): {error}",
}

class ImportPreviewDialog(QDialog):
    """What the import will do, row by row, with the officer's choices. Accepting means "go ahead".

    The dialog changes the ``ImportPlan``'s rows in place (their action, and the program and unit of rows
    the file did not classify) and calls ``plan.refresh()``; ``apply_import`` takes the plan as it stands,
    with ``matches`` and ``choices`` (the officer's name choices, remembered by the import).
    """

    remap_requested = Signal(object)  # file name → sheet → field → column: read again with these columns
    refile_requested = Signal(object)  # the officer's name choices: file the rows again with these
    filing_changed = Signal()  # the rows were filed again (``set_filing``)

    def __init__(self, filing: Filing, results: list[ImportResult], failures: list[str], state: PlanState,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        plan = filing.plan
        self.plan = plan
        self.matches: tuple[NameMatch, ...] = filing.matches
        self.results = results  # as the files write them (the plan's rows are filed under the plan's names)
        self.state = state
        self._written_rows = [p for r in results for p in r.projects]
        self._refiling = False
        self._filing_error = ""
        self._confirmed: set[str] = set()  # what the officer confirmed creating
        self.setObjectName("import_preview")
        self.setWindowTitle(TEXTS["title"])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width = min(1500, max(1000, room.width() - 80)) if room is not None else 1280
        height = min(860, max(620, room.height() - 60)) if room is not None else 760
        self.resize(width, height)
        self._take_rows(plan)
        self._ticked = [not r.problems for r in plan.rows]

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
        splitter.setChildrenCollapsible(False)
        self.names = NameChoicesPanel()
        self.names.set_matches(filing.matches, filing.names)
        self.names.setVisible(bool(filing.matches))
        self.names.changed.connect(self._names_changed)
        splitter.addWidget(self.names)
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
        self.program_combo.currentIndexChanged.connect(self._choices_changed)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("default_unit")
        self.unit_combo.addItem(TEXTS["leave_empty"], None)
        for unit in state.units:
            self.unit_combo.addItem(unit.name, unit)
        self.unit_combo.currentIndexChanged.connect(self._choices_changed)
        self.program_label, self.unit_label = QLabel(), QLabel()
        defaults.addRow(self.program_label, self.program_combo)
        defaults.addRow(self.unit_label, self.unit_combo)
        self._show_defaults()
        left.addWidget(self.defaults_box)
        left.addStretch(1)
        choices.addLayout(left, 2)

        self.create_box = QGroupBox(TEXTS["create_box"])
        create_layout = QVBoxLayout(self.create_box)
        self.create_list = QPlainTextEdit()
        self.create_list.setObjectName("create_list")
        self.create_list.setReadOnly(True)
        lines = self.fontMetrics().lineSpacing()
        self.create_list.setMinimumHeight(lines * 3 + 14)  # three lines when the name matches need the room
        self.create_list.setMaximumHeight(lines * 5 + 14)
        create_layout.addWidget(self.create_list)
        self.confirm_check = QCheckBox(TEXTS["confirm_create"])
        self.confirm_check.setObjectName("confirm_create")
        self.confirm_check.toggled.connect(self._confirm_toggled)
        create_layout.addWidget(self.confirm_check)
        choices.addWidget(self.create_box, 3)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        self.splitter = splitter
        self.choices_pane = below
        layout.addWidget(splitter, 1)

        self.problems_label = QLabel()
        self.problems_label.setStyleSheet("color: #8a1c1c;")
        layout.addWidget(self.problems_label)
        self.names_note = QLabel()
        self.names_note.setObjectName("names_note")
        self.names_note.setStyleSheet("color: #8a5a00; font-weight: bold;")
        layout.addWidget(self.names_note)
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
        """Share the height: the choices below what they need, the name matches above up to four names (fewer
        when room is short: those waiting come first), the rows the rest."""
        super().showEvent(event)
        height = self.splitter.height() - 2 * self.splitter.handleWidth()
        lower = min(self.choices_pane.sizeHint().height(), height // 2)
        names = 0
        if not self.names.isHidden():
            lower = min(self.choices_pane.minimumSizeHint().height(), lower)
            rows = self.table.horizontalHeader().sizeHint().height() + 3 * self.table.verticalHeader().defaultSectionSize()
            for shown in (4, 2, 1):
                names = self.names.height_for(shown)
                if height - lower - names >= rows:
                    break
        self.splitter.setSizes([names, max(height - lower - names, 0), lower])

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
        assign_actions([r for i, r in enumerate(plan.rows) if not r.problems and self._ticked[i]], choice)
        for i, row in enumerate(plan.rows):
            if row.problems or not self._ticked[i]:
                row.action = "skip"
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
        fill_rows(self.table, plan, self._ticked, self._written())
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

    # --- names ------------------------------------------------------------------------------------------

    @property
    def choices(self) -> dict[ChoiceKey, str | None]:
        """The officer's name choices (the plan's name for a file's name, or None: create it)."""
        return self.names.choices

    def _names_changed(self) -> None:
        self._refiling = True
        self._update_button()
        self.refile_requested.emit(self.names.choices)

    def set_filing(self, filing: Filing) -> None:
        """The rows filed again with the officer's name choices (from the worker). A filing made with
        choices the officer has changed since is passed over: the one for the latest choices follows."""
        if dict(filing.choices) != self.names.choices:
            return
        self._refiling, self._filing_error = False, ""
        self.plan, self.matches = filing.plan, filing.matches
        self._take_rows(filing.plan)
        self.names.set_matches(filing.matches, filing.names)
        self._show_defaults()
        self._choices_changed()
        self.filing_changed.emit()

    def filing_failed(self, message: str) -> None:
        """Filing the rows again failed on the worker: say so; the import stays closed (the rows shown were
        filed with earlier choices), cancelling and importing again is the way on."""
        self._refiling = False
        self._filing_error = TEXTS["refile_failed"].format(error=message)
        self._update_button()

    def _take_rows(self, plan: ImportPlan) -> None:
        """Keep what the prepared rows say, to restore when a default is taken back."""
        self._original = [(r.strategy_id, r.strategy_name, r.program_id, r.program_name, r.unit_id, r.unit_name)
                          for r in plan.rows]
        self._unfiled = [i for i, r in enumerate(plan.rows) if r.program_id is None and not r.program_name]
        self._no_unit = [i for i, r in enumerate(plan.rows) if r.unit_id is None and not r.unit_name]
        for row in plan.rows:
            if row.problems:
                row.action = "skip"

    def _show_defaults(self) -> None:
        self.program_label.setText(TEXTS["default_program"].format(count=len(self._unfiled)))
        self.unit_label.setText(TEXTS["default_unit"].format(count=len(self._no_unit)))
        self.program_combo.setEnabled(bool(self._unfiled))
        self.unit_combo.setEnabled(bool(self._no_unit))

    def _written(self) -> list[Written]:
        """How the files wrote each row's strategy and program, and which still wait for a name choice."""
        waiting = self.names.undecided()
        strategies = {m.name for m in waiting if m.kind == STRATEGY}
        programs = {(m.strategy, m.name) for m in waiting if m.kind == PROGRAM}
        out = []
        for staged, row in zip(self._written_rows, self.plan.rows, strict=True):
            context = row.strategy_name if staged.strategy else ""
            out.append(Written(staged.strategy, staged.plan, staged.strategy in strategies,
                               bool(staged.plan) and (context, staged.plan) in programs))
        return out

    # --- showing -----------------------------------------------------------------------------------------

    def _fill_create_list(self) -> None:
        plan = self.plan
        lines = created_lines(plan.new_strategies, plan.new_programs, plan.new_units, plan.new_equipment_types)
        self.create_list.setPlainText("\n".join(f"• {line}" for line in lines) if lines else TEXTS["create_none"])
        self.confirm_check.setVisible(bool(lines))
        self._creates = bool(lines)
        self._to_create = set(lines)
        if self.confirm_check.isChecked() and not self._to_create <= self._confirmed:
            self.confirm_check.setChecked(False)  # something more to create: confirm again

    def _confirm_toggled(self, checked: bool) -> None:
        self._confirmed = set(self._to_create) if checked else set()
        self._update_button()

    def _update_button(self, *_args: object) -> None:
        plan = self.plan
        count = len(plan.to_write)
        rows = len(plan.rows)
        self.intro.setText(TEXTS["summary_intro"].format(rows=rows, files=len(plan.files), write=count))
        problems = sum(1 for r in plan.rows if r.problems)
        self.problems_label.setText(TEXTS["problems_note"].format(count=problems) if problems else "")
        self.problems_label.setVisible(bool(problems))
        waiting = len(self.names.undecided())
        note = (TEXTS["refiling"] if self._refiling else self._filing_error
                or (TEXTS["names_waiting"].format(count=waiting) if waiting else ""))
        self.names_note.setText(note)
        self.names_note.setVisible(bool(note))
        self.import_button.setText(TEXTS["import_button"].format(count=count))
        self.import_button.setEnabled(count > 0 and not note
                                      and (not self._creates or self.confirm_check.isChecked()))

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
