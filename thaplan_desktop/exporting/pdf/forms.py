"""Part 2 of the document: the forms ผด.01, ผด.02 and ผด.02/1 as tables, from plain plan data.

Wording of titles and column headers is kept here, in one place, so an office can correct it
(DOMAIN.md §4). Grouping: ผด.02 by strategy then program, ผด.02/1 by equipment type then program;
numbering restarts at 1 in each program block. Each form starts a page; its title lines are printed at
the top of every page by the page template (document.py); the blocks follow each other, each table
repeating its caption (strategy line, program line, "(ต่อ)") and header on every page it runs over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from reportlab.platypus.flowables import Flowable

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, year_headers
from thaplan_desktop.domain.model import PlanData, Project
from thaplan_desktop.domain.money import format_money, format_percent
from thaplan_desktop.domain.summary import PlanSummary, SummaryRow
from thaplan_desktop.exporting.form_content import (
    GRAND_TOTAL,
    PD01_HEADERS,
    PD02_HEADERS,
    PD021_HEADERS,
    TOTAL,
    UNFILED_PROGRAM,
    Block,
)
from thaplan_desktop.exporting.pdf.layout import TABLE_LEADING, TITLE_LEADING, Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.table import (
    CELL_PAD_X,
    Caption,
    Cell,
    Column,
    FormTable,
    HeaderCell,
    Row,
    TableStyle,
)

CM = 72.0 / 2.54

# Page geometry shared with the page template (document.py): A4 landscape, 1.0 cm side margins.
FORM_MARGIN_X = 1.0 * CM
TABLE_WIDTH = 29.7 * CM - 2 * FORM_MARGIN_X  # 27.7 cm

# Column widths of ผด.02 and ผด.02/1 (DOMAIN.md §4). The month cells, ที่ and งบประมาณ are measured in
# the export's font (just wide enough for "เม.ย." at the month label size and for "13,232,440.00");
# โครงการ/ครุภัณฑ์, สถานที่ and หน่วยงาน get fixed widths and รายละเอียด (the longest text by far: about
# twice a project's name, three times an item's) everything left. The fixed widths were chosen by laying
# out the demo plan's rows (fewest lines in all). Widths in cm are for a 14 pt table and scale with it.
_MONTH_HEADER_SIZE = 11.0
_MONTH_PAD = 0.5
_WIDEST_MONEY = "13,232,440.00"
# สถานที่ and หน่วยงาน: at least 2.3 cm, so that neither the widest word of their headers ("ดำเนินการ",
# "รับผิดชอบ") nor a common one of their cells ("สำนักปลัด", a village or organisation name) is broken.
# ผด.02/1 gives หน่วยงาน 3.05 cm, room for "รับผิดชอบหลัก" on one line: its blocks are mostly one item, so
# a header one line shorter saves more than the slightly taller rows cost (two blocks fit on a page).
_PD02_FIXED_CM = (3.6, 2.3, 2.3)  # โครงการ, สถานที่ดำเนินการ, หน่วยงานรับผิดชอบหลัก
_PD021_FIXED_CM = (3.0, 2.3, 3.05)  # ครุภัณฑ์, สถานที่ดำเนินการ, หน่วยงานรับผิดชอบหลัก
_PD01_WIDTHS_CM = (9.0, 2.4, 2.6, 3.5, 2.6)  # หน่วยดำเนินการ takes the rest (7.6 cm)


def table_style(size: float) -> TableStyle:
    """Body and header styles of the form tables for a body size (about 14 pt)."""
    body = TextStyle(size=size, leading_factor=TABLE_LEADING, space_slack=0.25)
    header = TextStyle(size=size - 1.0, leading_factor=TITLE_LEADING, bold=True, align=Align.CENTER)
    return TableStyle(body=body, header=header)


def _money(amount: Decimal) -> str:
    return format_money(amount)


# --- ผด.01 -------------------------------------------------------------------------------------------

def pd01_table(ts: Typesetter, plan: PlanData, plan_title: str, summary: PlanSummary, *,
               body_size: float = 14.0, title_size: float = 16.0) -> FormTable:
    """The ผด.01 table: strategies, their programs, a รวม row per strategy, รวมทั้งสิ้น."""
    columns = [Column(_PD01_WIDTHS_CM[0] * CM, Align.LEFT)] + [
        Column(w * CM, Align.RIGHT) for w in _PD01_WIDTHS_CM[1:5]
    ] + [Column(TABLE_WIDTH - sum(_PD01_WIDTHS_CM) * CM, Align.LEFT)]
    columns[1] = Column(columns[1].width, Align.CENTER)
    header = [HeaderCell(0, i, text) for i, text in enumerate(PD01_HEADERS)]
    rows: list[Row] = []

    def figures(r: SummaryRow, label: str, bold: bool, indent: float = 0.0, align: Align | None = None) -> Row:
        return Row((
            Cell(0, label, bold=bold, indent=indent, align=align),
            Cell(1, str(r.count), bold=bold),
            Cell(2, format_percent(r.count_percent), bold=bold),
            Cell(3, _money(r.budget), bold=bold, shrink=True),
            Cell(4, format_percent(r.budget_percent), bold=bold),
            Cell(5, ", ".join(r.units) if not bold else "", bold=bold),
        ), kind="total" if bold else "data")

    for s_index, block in enumerate(summary.strategies, start=1):
        number = block.strategy.number or s_index
        rows.append(Row((Cell(0, f"{number}. {block.strategy.name}", colspan=6, bold=True),), kind="group",
                        keep_with_next=True))
        for p_index, (program, row) in enumerate(block.programs, start=1):
            rows.append(figures(row, f"{number}.{p_index} {program.name}", False, indent=body_size))
        rows.append(figures(block.total, TOTAL, True, align=Align.CENTER))
    if summary.unfiled is not None:
        rows.append(figures(summary.unfiled, UNFILED_PROGRAM, False))
    rows.append(figures(summary.total, GRAND_TOTAL, True, align=Align.CENTER))
    return FormTable(ts, columns, header, rows, table_style(body_size))


# --- ผด.02 and ผด.02/1 ----------------------------------------------------------------------------------

def pd02_column_widths(ts: Typesetter, body_size: float = 14.0, *, equipment: bool = False) -> list[float]:
    """Widths (points) of the 6 text columns and the 12 month columns of ผด.02 (ผด.02/1).

    They add up to ``TABLE_WIDTH``. The month cells, ที่ and งบประมาณ are measured in the typesetter's
    font, so a narrower font leaves more room to รายละเอียด.
    """
    pad = CELL_PAD_X
    month = max(ts.width(abbr, _MONTH_HEADER_SIZE, False) for abbr in FISCAL_MONTH_ABBR) + 2 * _MONTH_PAD
    number = max(ts.width("ที่", body_size - 1.0, True), ts.width("99", body_size, False)) + 2 * pad
    money = ts.width(_WIDEST_MONEY, body_size, False) + 2 * pad + 1.0  # a bold subtotal may shrink a bit
    scale = body_size / 14.0
    name, place, unit = (w * CM * scale for w in (_PD021_FIXED_CM if equipment else _PD02_FIXED_CM))
    details = TABLE_WIDTH - 12 * month - number - money - name - place - unit
    return [number, name, details, money, place, unit] + [month] * 12


def _pd02_columns(ts: Typesetter, body_size: float, equipment: bool) -> list[Column]:
    aligns = (Align.CENTER, Align.LEFT, Align.LEFT, Align.RIGHT, Align.LEFT, Align.LEFT)
    widths = pd02_column_widths(ts, body_size, equipment=equipment)
    cols = [Column(w, a) for w, a in zip(widths[:6], aligns, strict=True)]
    return cols + [Column(w, Align.CENTER, pad=_MONTH_PAD) for w in widths[6:]]


def _pd02_header(fiscal_year: int, headers: tuple[str, ...]) -> list[HeaderCell]:
    cells = [HeaderCell(0, i, text, rowspan=2) for i, text in enumerate(headers)]
    (first_label, first_months), (second_label, second_months) = year_headers(fiscal_year)
    cells.append(HeaderCell(0, 6, first_label, colspan=len(first_months)))
    cells.append(HeaderCell(0, 6 + len(first_months), second_label, colspan=len(second_months)))
    cells += [HeaderCell(1, 6 + i, abbr, size=_MONTH_HEADER_SIZE, bold=False)
              for i, abbr in enumerate(FISCAL_MONTH_ABBR)]
    return cells


def _project_row(number: int, project: Project, unit_name: str) -> Row:
    return Row((
        Cell(0, str(number)),
        Cell(1, project.name),
        Cell(2, project.details),
        Cell(3, _money(project.budget), shrink=True),
        Cell(4, project.location),
        Cell(5, unit_name),
    ), months=frozenset(project.months), tag=str(project.id))


def _subtotal_row(projects: list[Project], noun: str) -> Row:
    total = sum((p.budget for p in projects), Decimal("0.00"))
    return Row((
        Cell(0, f"{TOTAL} {len(projects)} {noun}", colspan=3, bold=True, align=Align.CENTER),
        Cell(3, _money(total), bold=True, shrink=True),
        Cell(4, "", colspan=14),
    ), kind="total")


def block_table(ts: Typesetter, plan: PlanData, plan_title: str, block: Block, *, equipment: bool,
                subtotals: bool, body_size: float = 14.0, title_size: float = 16.0,
                on_drawn: Callable[[int], None] | None = None, page_room: float | None = None,
                shade_months: bool = False, marks: Sequence[Flowable] = (),
                space_before: float = 0.0) -> FormTable:
    """The table of one block of ผด.02 or ผด.02/1, with title, group lines, header and month arrows."""
    headers = PD021_HEADERS if equipment else PD02_HEADERS
    units = {u.id: u.name for u in plan.units}
    rows = [_project_row(i, p, units.get(p.unit_id, "") if p.unit_id is not None else "")
            for i, p in enumerate(block.projects, start=1)]
    if subtotals:
        rows.append(_subtotal_row(list(block.projects), "รายการ" if equipment else "โครงการ"))
    group_style = TextStyle(size=title_size, leading_factor=TITLE_LEADING, bold=True)
    captions: list[Caption] = []
    for k, line in enumerate(block.group_lines):
        last = k == len(block.group_lines) - 1
        style = group_style.but(space_after=title_size * 0.3) if last else group_style
        captions.append(Caption(line, style, continued_suffix=last))
    return FormTable(ts, _pd02_columns(ts, body_size, equipment), _pd02_header(plan.edition.fiscal_year, headers), rows,
                     table_style(body_size), captions=captions, month_col=6, on_drawn=on_drawn,
                     page_room=page_room, shade_months=shade_months, marks=marks,
                     space_before=space_before)
