"""The import preview's table of rows: what happens to each row and where it will be filed.

``fill_rows`` writes every row of the prepared ``ImportPlan`` into the preview's ``QTableWidget``: its tick,
what happens to it (added, replaces, skipped, cannot go in), name, budget, months, the program and the
strategy (or equipment type) it will be filed under — the plan's names, "(ใหม่)" for what the import
creates, "(รอเลือก)" while the officer has not decided a near-miss name, and in blue with the file's own
words in the tooltip where a name was matched to the plan's — its unit, where it came from and its notes.
``created_lines`` and ``months_text`` are the Thai texts the preview and the summary share.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, month_runs
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.importing.apply import ImportPlan, RowPlan

TEXTS = {
    "action_add": "เพิ่มใหม่",
    "action_replace": "แทนที่ของเดิม",
    "action_keep": "เพิ่ม (ซ้ำ)",
    "action_skip_dup": "ข้าม (ซ้ำ)",
    "action_unticked": "ไม่นำเข้า",
    "action_problem": "นำเข้าไม่ได้",
    "equipment": "ครุภัณฑ์: ",
    "no_program": "— ยังไม่จัดเข้าแผนงาน —",
    "no_unit": "—",
    "new_mark": " (ใหม่)",
    "waiting_mark": " (รอเลือก)",
    "written": "ในไฟล์เขียนว่า “{name}”",
    "source": "{sheet} แถว {row} · {file}",
    "duplicate_note": "ซ้ำกับโครงการที่มีในแผน (ชื่อ หน่วยงาน และงบประมาณเดียวกัน)",
    "whole_year": "ตลอดปี",
    "new_strategy": "ยุทธศาสตร์: {name}",
    "new_program": "แผนงาน: {program} (ใน{strategy})",
    "new_unit": "หน่วยงาน: {name}",
    "new_type": "ประเภทครุภัณฑ์: {name}",
}

COLUMN_TITLES = (  # the table's column headings
    "นำเข้า", "ผลที่จะเกิด", "ชื่อโครงการ/รายการ", "งบประมาณ (บาท)", "ระยะเวลา", "แผนงาน",
    "ยุทธศาสตร์ / ประเภทครุภัณฑ์", "หน่วยงาน", "ที่มา (แผ่นงาน แถว · ไฟล์)", "หมายเหตุ")
PROGRAM_COLUMN, PARENT_COLUMN = 5, 6

_PROBLEM_BRUSH = QBrush(QColor("#f8d7da"))
_DUPLICATE_BRUSH = QBrush(QColor("#fff3cd"))
_SKIPPED_BRUSH = QBrush(QColor("#e9ecef"))
_NEW_BRUSH = QBrush(QColor("#0b6e4f"))
_MATCHED_BRUSH = QBrush(QColor("#1f4e9c"))
_WAITING_BRUSH = QBrush(QColor("#8a5a00"))


@dataclass(frozen=True, slots=True)
class Written:
    """How the file wrote a row's strategy and program, and whether each still waits for the officer's
    choice (a program waits with its strategy)."""

    strategy: str = ""
    program: str = ""
    strategy_waiting: bool = False
    program_waiting: bool = False


@dataclass(frozen=True, slots=True)
class Cell:
    """A classification cell: its text, colour (None: the usual) and tooltip."""

    text: str
    brush: QBrush | None = None
    tip: str = ""


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


def _named(name: str, known: bool, written: str, waiting: bool) -> Cell:
    """A strategy or program cell: the plan's name, or the file's to be created, or waiting."""
    if waiting:
        return Cell(name + TEXTS["waiting_mark"], _WAITING_BRUSH, TEXTS["written"].format(name=written or name))
    if not known:
        return Cell(name + TEXTS["new_mark"], _NEW_BRUSH, name)
    if written and normalise_space(written) != normalise_space(name):
        return Cell(name, _MATCHED_BRUSH, f"{name}\n{TEXTS['written'].format(name=written)}")
    return Cell(name, None, name)


def classification(row: RowPlan, written: Written) -> tuple[Cell, Cell]:
    """(program, strategy or equipment type) cells of a row as the preview shows them."""
    if row.program_name:
        program = _named(row.program_name, row.program_id is not None, written.program,
                         written.program_waiting or written.strategy_waiting)
    else:
        program = Cell(TEXTS["no_program"])
    if row.staged.kind is ProjectKind.EQUIPMENT and row.equipment_type_name:
        known = row.equipment_type_id is not None
        parent = Cell(row.equipment_type_name + ("" if known else TEXTS["new_mark"]), None if known else _NEW_BRUSH,
                      row.equipment_type_name)
    elif row.strategy_name:
        parent = _named(row.strategy_name, row.strategy_id is not None, written.strategy, written.strategy_waiting)
    else:
        parent = Cell("")
    return program, parent


def _action(row: RowPlan, ticked: bool) -> tuple[str, QBrush | None]:
    if row.problems:
        return TEXTS["action_problem"], _PROBLEM_BRUSH
    if not ticked:
        return TEXTS["action_unticked"], _SKIPPED_BRUSH
    if row.duplicate_of is not None:
        return ({"skip": TEXTS["action_skip_dup"], "replace": TEXTS["action_replace"]}.get(
            row.action, TEXTS["action_keep"]), _DUPLICATE_BRUSH)
    return TEXTS["action_add"], None


def fill_rows(table: QTableWidget, plan: ImportPlan, ticked: Sequence[bool], written: Sequence[Written]) -> None:
    """Write every row of ``plan`` into ``table`` (signals blocked: filling is not the officer ticking)."""
    table.blockSignals(True)
    table.setRowCount(len(plan.rows))
    for i, row in enumerate(plan.rows):
        staged = row.staged
        action, brush = _action(row, ticked[i])
        name = (TEXTS["equipment"] + staged.name) if staged.kind is ProjectKind.EQUIPMENT else staged.name
        budget = format_money(staged.budget) if staged.budget is not None else ""
        program, parent = classification(row, written[i])
        unit = (row.unit_name or TEXTS["no_unit"]) + (TEXTS["new_mark"] if row.unit_id is None and row.unit_name
                                                      else "")
        source = TEXTS["source"].format(file=staged.source_file, sheet=staged.source_sheet,
                                        row=staged.source_row if staged.source_row is not None else "-")
        remarks = list(row.problems)
        if row.duplicate_of is not None:
            remarks.append(TEXTS["duplicate_note"])
        remarks += row.notes + staged.warnings
        cells = ("", action, name, budget, months_text(staged.months), program.text, parent.text, unit, source,
                 " · ".join(remarks))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 0:
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if not row.problems:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if ticked[i] and not row.problems
                                   else Qt.CheckState.Unchecked)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(text if column != 9 else "\n".join(remarks))
            if column == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if brush is not None:
                item.setBackground(brush)
            shown = {PROGRAM_COLUMN: program, PARENT_COLUMN: parent}.get(column)
            if shown is not None:
                if shown.brush is not None:
                    item.setForeground(shown.brush)
                item.setToolTip(shown.tip or shown.text)
            elif column == 7 and TEXTS["new_mark"].strip() in text:
                item.setForeground(_NEW_BRUSH)
            table.setItem(i, column, item)
    table.blockSignals(False)
