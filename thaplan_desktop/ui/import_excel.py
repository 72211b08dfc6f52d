"""ไฟล์ → นำเข้า Excel: department workbooks into the shown edition, with a preview first and one undo step.

``run(context)`` (hook ``import_excel``) lets the officer choose one or several files (.xlsx .xlsm .xls
.ods, or the importer's preview .json); ``import_files(context, paths)`` is the same from a list of paths
and ``import_dropped(window, paths)`` is what the main window calls for files dropped on it.

On the worker each file is read (``importing.read_file``: staged projects and warnings, or an
``ImportFailure`` with a Thai message) and resolved against the plan (``importing.apply.prepare_import``);
nothing changes yet. ``ImportPreviewDialog`` then shows every row (what happens to it, name, budget,
months, strategy/program, unit, where it came from, its warnings), lets the officer untick rows, choose
what to do with duplicates (ข้าม / แทนที่ / เก็บทั้งคู่), give a program and a unit to rows the file does
not classify, and confirm the strategies, programs, units and equipment types to be created. Confirming
runs ``apply_import`` on the worker as one operation (one undo step) and shows what was done, in Thai.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, month_runs
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.ui.export_pdf import last_folder, message_box, remember_folder, show_status

log = logging.getLogger(__name__)

TEXTS: dict[str, Any] = {
    "title": "นำเข้าโครงการจากไฟล์ Excel",
    "choose": "เลือกไฟล์ของกองที่จะนำเข้า (เลือกได้หลายไฟล์)",
    "filter": ("ไฟล์ตาราง (*.xlsx *.xlsm *.xls *.ods *.json);;Excel (*.xlsx *.xlsm *.xls);;"
               "OpenDocument (*.ods);;ไฟล์ตัวอย่างการนำเข้า (*.json);;ทุกไฟล์ (*)"),
    "no_plan": "ยังไม่ได้เปิดแผน จึงนำเข้าไม่ได้",
    "reading": "กำลังอ่านไฟล์ {name} ({index}/{count})…",
    "resolving": "กำลังเทียบกับข้อมูลในแผน…",
    "cancel": "ยกเลิก",
    "cancelled": "ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดเปลี่ยน",
    "nothing_read": "อ่านไฟล์ไม่ได้เลย:\n{errors}",
    "no_rows": "ไม่พบรายการโครงการในไฟล์ที่เลือก",
    "failed": "นำเข้าไม่สำเร็จ ไม่มีข้อมูลใดเปลี่ยน:\n{error}",
    "summary_intro": "พบ {rows} รายการจาก {files} ไฟล์ — จะนำเข้า {write} รายการ",
    "failures": "อ่านไม่ได้ {count} ไฟล์ (ไม่นำเข้า):",
    "file_warnings": "ข้อสังเกตจากการอ่านไฟล์:",
    "columns": ("นำเข้า", "ผลที่จะเกิด", "ชื่อโครงการ/รายการ", "งบประมาณ (บาท)", "ระยะเวลา",
                "แผนงาน", "ยุทธศาสตร์ / ประเภทครุภัณฑ์", "หน่วยงาน", "ที่มา (แผ่นงาน แถว · ไฟล์)", "หมายเหตุ"),
    "action_add": "เพิ่มใหม่",
    "action_replace": "แทนที่ของเดิม",
    "action_keep": "เพิ่ม (ซ้ำ)",
    "action_skip_dup": "ข้าม (ซ้ำ)",
    "action_unticked": "ไม่นำเข้า",
    "action_problem": "นำเข้าไม่ได้",
    "equipment": "ครุภัณฑ์: ",
    "no_program": "— ยังไม่จัดเข้าแผนงาน —",
    "ok": "ตกลง",
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
    "columns_title": "แก้การจับคู่คอลัมน์",
    "columns_intro": ("เลือกว่าแต่ละข้อมูลอยู่ในคอลัมน์ใดของแผ่นงาน แล้วกด อ่านไฟล์ใหม่"
                      " (คอลัมน์เดือนไม่ต้องเลือก โปรแกรมหาเอง)"),
    "columns_sheet": "{file} — แผ่นงาน “{sheet}” (หัวตารางแถวที่ {row})",
    "columns_none": "(ไม่มีคอลัมน์นี้)",
    "columns_reread": "อ่านไฟล์ใหม่",
    "applying": "กำลังนำเข้า…",
    "done_title": "นำเข้าเรียบร้อย",
    "done": "นำเข้าแล้ว: เพิ่ม {added} รายการ, แทนที่ {replaced} รายการ, ข้าม {skipped} รายการ",
    "done_created": "สร้างใหม่:",
    "done_undo": "หากไม่ถูกต้อง เลือก แก้ไข → เลิกทำ (Ctrl+Z) ครั้งเดียวเพื่อยกเลิกการนำเข้านี้ทั้งหมด",
    "status_done": "นำเข้า {added} รายการแล้ว",
}

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".json")

_PROBLEM_BRUSH = QBrush(QColor("#f8d7da"))
_DUPLICATE_BRUSH = QBrush(QColor("#fff3cd"))
_SKIPPED_BRUSH = QBrush(QColor("#e9ecef"))
_NEW_BRUSH = QBrush(QColor("#0b6e4f"))

_running: list[Any] = []  # reads in progress and open previews: kept alive until they end


@dataclass(slots=True)
class ReadOutcome:
    """What the worker read: results per readable file, Thai messages of the others, the resolved plan."""

    results: list[Any] = field(default_factory=list)  # ImportResult
    failures: list[str] = field(default_factory=list)
    plan: Any = None  # ImportPlan
    error: BaseException | None = None
    cancelled: bool = False


# --- choosing and reading files ---------------------------------------------------------------------------

def run(context: Any) -> ImportReader | None:
    """ไฟล์ → นำเข้า Excel: choose files, read them on the worker, then show the preview."""
    if context.session.edition_id is None:
        message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    chosen, _filter = QFileDialog.getOpenFileNames(context.window, TEXTS["choose"], str(last_folder(context.window)),
                                                   TEXTS["filter"])
    if not chosen:
        return None
    remember_folder(context.window, Path(chosen[0]))
    return import_files(context, [Path(p) for p in chosen])


def import_dropped(window: Any, paths: Iterable[str | Path]) -> ImportReader | None:
    """Files dropped on the main window: import those the importer reads (others are ignored).

    Returns None when none of the paths is a supported file or no plan is open.
    """
    from thaplan_desktop.ui.hooks import AppContext

    wanted = [Path(p) for p in paths if Path(p).suffix.lower() in SUPPORTED_SUFFIXES]
    if not wanted:
        return None
    return import_files(AppContext(window=window, session=window.session, state=window.state), wanted)


def accepts_drop(paths: Iterable[str | Path]) -> bool:
    """True when some of the paths can be imported (for the window's dragEnterEvent)."""
    return any(Path(p).suffix.lower() in SUPPORTED_SUFFIXES for p in paths)


def import_files(context: Any, paths: list[Path]) -> ImportReader | None:
    """Read ``paths`` on the worker and show the preview for the shown edition."""
    if context.session.edition_id is None:
        message_box(context.window, TEXTS["title"], TEXTS["no_plan"], warning=False)
        return None
    reader = ImportReader(context, paths)
    reader.start()
    return reader


class _Relay(QObject):
    progress = Signal(int, int, str)


class ImportReader(QObject):
    """Reads the files and prepares the import on the worker, with a cancellable progress dialog."""

    def __init__(self, context: Any, paths: list[Path]) -> None:
        super().__init__(context.window)
        self.context = context
        self.paths = paths
        self.overrides: dict[str, dict[str, dict[Any, int | None]]] = {}  # file name → ColumnOverrides
        self.cancel_event = threading.Event()
        self.preview: ImportPreviewDialog | None = None
        self.outcome: ReadOutcome | None = None
        self.relay = _Relay(self)
        self.relay.progress.connect(self._progress)
        self.dialog: QProgressDialog | None = None

    def start(self) -> None:
        """Queue the read on the worker (again, after the columns were corrected)."""
        if self not in _running:
            _running.append(self)
        self.outcome = None
        self.cancel_event = threading.Event()
        self.dialog = QProgressDialog(TEXTS["resolving"], TEXTS["cancel"], 0, len(self.paths) + 1,
                                      self.context.window)
        self.dialog.setWindowTitle(TEXTS["title"])
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self.dialog.canceled.connect(self.cancel_event.set)
        edition_id = self.context.session.edition_id
        paths, cancel, relay = list(self.paths), self.cancel_event, self.relay
        overrides = {name: {sheet: dict(fields) for sheet, fields in sheets.items()}
                     for name, sheets in self.overrides.items()}

        def work(workspace: Any) -> ReadOutcome:
            from thaplan_desktop.importing import ImportFailure, read_file
            from thaplan_desktop.importing.apply import ImportOptions, prepare_import

            outcome = ReadOutcome()
            try:
                for index, path in enumerate(paths):
                    if cancel.is_set():
                        outcome.cancelled = True
                        return outcome
                    relay.progress.emit(index, len(paths) + 1,
                                        TEXTS["reading"].format(name=path.name, index=index + 1, count=len(paths)))
                    try:
                        outcome.results.append(read_file(path, overrides.get(path.name)))
                    except ImportFailure as exc:
                        outcome.failures.append(str(exc))
                relay.progress.emit(len(paths), len(paths) + 1, TEXTS["resolving"])
                if outcome.results and not cancel.is_set():
                    outcome.plan = prepare_import(workspace, edition_id, outcome.results, ImportOptions())
                outcome.cancelled = cancel.is_set()
            except Exception as exc:  # reported by this screen, not as the window's generic error
                outcome.error = exc
            return outcome

        self.context.session.read(work, done=self._read)

    def _progress(self, value: int, maximum: int, text: str) -> None:
        if self.outcome is None and self.dialog is not None:
            self.dialog.setMaximum(maximum)
            self.dialog.setValue(value)
            self.dialog.setLabelText(text)

    def _read(self, outcome: ReadOutcome) -> None:
        self.outcome = outcome
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel_event.set)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if self in _running:
            _running.remove(self)
        window = self.context.window
        if outcome.cancelled:
            show_status(window, TEXTS["cancelled"], 5000)
            return
        if outcome.error is not None:
            _warn(window, TEXTS["failed"].format(error=_message(outcome.error)))
            return
        if outcome.plan is None:
            _warn(window, TEXTS["nothing_read"].format(errors="\n".join(outcome.failures)))
            return
        if not outcome.plan.rows:
            text = TEXTS["no_rows"]
            if outcome.failures:
                text += "\n\n" + "\n".join(outcome.failures)
            _warn(window, text)
            return
        self.preview = ImportPreviewDialog(outcome.plan, outcome.results, outcome.failures, self.context.state,
                                           window)
        self.preview.accepted.connect(lambda: apply_plan(self.context, outcome.plan))
        self.preview.remap_requested.connect(self.remap)
        self.preview.open()

    def remap(self, overrides: dict[str, dict[str, dict[Any, int | None]]]) -> None:
        """Read the files again with corrected columns (file name → sheet → field → column) and preview anew."""
        for file_name, sheets in overrides.items():
            for sheet, fields in sheets.items():  # earlier corrections of the same sheet still hold
                self.overrides.setdefault(file_name, {}).setdefault(sheet, {}).update(fields)
        self.start()


def _warn(parent: QWidget, text: str) -> QMessageBox:
    return message_box(parent, TEXTS["title"], text)


def _message(exc: BaseException) -> str:
    from thaplan_desktop.ui.session import user_message

    return user_message(exc)


# --- applying -------------------------------------------------------------------------------------------

def apply_plan(context: Any, plan: Any) -> None:
    """Write the confirmed plan in one operation on the worker (one undo step), then show the summary."""
    window = context.window

    def done(refresh: Any) -> None:
        summary = refresh.result
        show_status(window, TEXTS["status_done"].format(added=summary.added + summary.replaced), 8000)
        show_summary(window, summary)

    def failed(exc: BaseException) -> None:
        _warn(window, TEXTS["failed"].format(error=_message(exc)))

    context.session.apply_import(plan, label=TEXTS["applying"], done=done, failed=failed)


def summary_text(summary: Any) -> str:
    """The Thai account of an applied import."""
    lines = [TEXTS["done"].format(added=summary.added, replaced=summary.replaced, skipped=summary.skipped)]
    created = ([TEXTS["new_strategy"].format(name=n) for n in summary.created_strategies]
               + [TEXTS["new_program"].format(program=p, strategy=s) for s, p in summary.created_programs]
               + [TEXTS["new_unit"].format(name=n) for n in summary.created_units]
               + [TEXTS["new_type"].format(name=n) for n in summary.created_equipment_types])
    if created:
        lines += ["", TEXTS["done_created"]] + [f"• {c}" for c in created]
    lines += ["", TEXTS["done_undo"]]
    return "\n".join(lines)


def show_summary(parent: QWidget, summary: Any) -> QMessageBox:
    """Show what the import did (non-blocking message box)."""
    box = message_box(parent, TEXTS["done_title"], summary_text(summary), warning=False)
    box.setObjectName("import_summary")
    return box


# --- the preview ----------------------------------------------------------------------------------------

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

    def __init__(self, plan: Any, results: list[Any], failures: list[str], state: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from thaplan_desktop.importing.apply import Duplicates

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
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a1c1c;" if failures else "")
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(note)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(TEXTS["columns"]))
        self.table.setObjectName("import_rows")
        self.table.setHorizontalHeaderLabels(list(TEXTS["columns"]))
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
        self.duplicate_buttons: dict[Any, QRadioButton] = {}
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
        strategies = {s.id: s for s in getattr(state, "strategies", ())}
        for program in getattr(state, "programs", ()):
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
        for unit in getattr(state, "units", ()):
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

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Give the table the room the choices below do not need."""
        super().showEvent(event)
        lower = min(self.choices_pane.sizeHint().height(), self.splitter.height() // 2)
        self.splitter.setSizes([self.splitter.height() - lower, lower])

    # --- choices -----------------------------------------------------------------------------------------

    @property
    def duplicates(self) -> Any:
        """The chosen ``Duplicates``."""
        return next(choice for choice, button in self.duplicate_buttons.items() if button.isChecked())

    def set_duplicates(self, choice: Any) -> None:
        """Choose what to do with duplicates (as the radio buttons do)."""
        self.duplicate_buttons[choice].setChecked(True)

    def _duplicates_toggled(self, _button: Any, checked: bool) -> None:
        if checked:
            self._choices_changed()

    def _choices_changed(self, *_args: Any) -> None:
        from dataclasses import replace

        from thaplan_desktop.importing.apply import Duplicates

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
            strategy = next((s for s in getattr(self.state, "strategies", ()) if s.id == program.strategy_id), None)
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
    def _classification(row: Any) -> tuple[str, str]:
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
        lines = ([TEXTS["new_strategy"].format(name=n) for n in plan.new_strategies]
                 + [TEXTS["new_program"].format(program=p, strategy=s) for s, p in plan.new_programs]
                 + [TEXTS["new_unit"].format(name=n) for n in plan.new_units]
                 + [TEXTS["new_type"].format(name=n) for n in plan.new_equipment_types])
        self.create_list.setPlainText("\n".join(f"• {line}" for line in lines) if lines else TEXTS["create_none"])
        self.confirm_check.setVisible(bool(lines))
        self._creates = bool(lines)

    def _update_button(self, *_args: Any) -> None:
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


class ColumnMappingDialog(QDialog):
    """Which column of each read sheet holds which field, as detected; the officer may correct it.

    ``overrides()`` gives only the changes, as ``read_file`` takes them per file: file name → sheet →
    ``Field`` → 0-based column (None: the sheet has no such column).
    """

    def __init__(self, results: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from thaplan_desktop.importing import Field
        from thaplan_desktop.importing.header import column_letter
        from thaplan_desktop.importing.vocabulary import FIELD_TITLES

        self.setObjectName("column_mapping")
        self.setWindowTitle(TEXTS["columns_title"])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(TEXTS["columns_intro"])
        intro.setWordWrap(True)
        layout.addWidget(intro)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        fields = [Field.NAME, Field.DETAILS, Field.BUDGET, Field.LOCATION, Field.UNIT, Field.PERIOD,
                  Field.STRATEGY, Field.PLAN, Field.EQUIPMENT_TYPE]
        # (file name, sheet name, field, combo, detected column)
        self.combos: list[tuple[str, str, Any, QComboBox, int | None]] = []
        for result in results:
            for sheet in result.sheets:
                if sheet.status != "table" or not sheet.column_labels:
                    continue
                box = QGroupBox(TEXTS["columns_sheet"].format(file=result.file_name, sheet=sheet.name,
                                                              row=sheet.header_row or "-"))
                form = QFormLayout(box)
                for fld in fields:
                    combo = QComboBox()
                    combo.setObjectName(f"column_{sheet.name}_{fld.value}")
                    if fld is not Field.NAME:
                        combo.addItem(TEXTS["columns_none"], None)
                    for column, label in sorted(sheet.column_labels.items()):
                        text = f"{column_letter(column)}: {label}" if label else column_letter(column)
                        combo.addItem(text, column)
                    detected = sheet.mapping.get(fld.value)
                    index = combo.findData(detected) if detected is not None else combo.findData(None)
                    combo.setCurrentIndex(max(0, index))
                    form.addRow(FIELD_TITLES[fld] + ":", combo)
                    self.combos.append((result.file_name, sheet.name, fld, combo, detected))
                inner.addWidget(box)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(TEXTS["columns_reread"])
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(TEXTS["cancel_button"])
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self, sheet: str, field_value: str, column: int | None) -> None:
        """Set one field's column (as its combo does); for tests and callers that know the column."""
        for _file, sheet_name, fld, combo, _detected in self.combos:
            if sheet_name == sheet and fld.value == field_value:
                combo.setCurrentIndex(combo.findData(column))
                return
        raise KeyError(f"{sheet}/{field_value}")

    def overrides(self) -> dict[str, dict[str, dict[Any, int | None]]]:
        """The corrected columns only, per file and sheet."""
        found: dict[str, dict[str, dict[Any, int | None]]] = {}
        for file_name, sheet, fld, combo, detected in self.combos:
            chosen = combo.currentData()
            if chosen != detected:
                found.setdefault(file_name, {}).setdefault(sheet, {})[fld] = chosen
        return found
