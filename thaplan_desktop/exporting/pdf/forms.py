"""Part 2 of the document: the forms ผด.01, ผด.02 and ผด.02/1 as tables, from plain plan data.

Wording of titles and column headers is kept here, in one place, so an office can correct it
(DOMAIN.md §4). Grouping: ผด.02 by strategy then program, ผด.02/1 by equipment type then program;
numbering restarts at 1 in each program block. Each form starts a page; the page template (template.py)
prints its three title lines on the first page and a one-line running title beside the form code on the
following ones. Column widths are fitted once per form to all its rows (fit.py). The blocks follow each
other, each table repeating its caption and header on every page it runs over; rows are kept whole (a
row taller than a page continues with its number and "(ต่อ)").
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
from thaplan_desktop.exporting.pdf.fit import ColumnNeed, fit_columns
from thaplan_desktop.exporting.pdf.layout import TABLE_LEADING, TITLE_LEADING, Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.table import (
    CELL_PAD_X,
    CLEARANCE,
    CONTINUED_SIZE,
    Caption,
    Cell,
    Column,
    FormTable,
    HeaderCell,
    Row,
    TableStyle,
)

CM = 72.0 / 2.54

# Page geometry shared with the page template (template.py): A4 landscape, 1.0 cm side margins.
FORM_MARGIN_X = 1.0 * CM
TABLE_WIDTH = 29.7 * CM - 2 * FORM_MARGIN_X  # 27.7 cm
# No column is made wider than this to hold a single word: a word wider than a third of the page is cut.
WORD_CAP = 29.7 * CM / 3.0

# Month cells: the month labels are turned a quarter (reading upwards), so a month column is only as
# wide as a label is high, 3 pt from each rule, and a third of the year label above it ("พ.ศ. 2562"
# over ต.ค.–ธ.ค.): 12 columns of about 0.65 cm instead of 1 cm for "เม.ย." lying down.
MONTH_HEADER_SIZE = 11.0
YEAR_HEADER_SIZE = 10.0


def header_size(body_size: float) -> float:
    """The size of the column headers for a body size (12 pt for 14 pt text)."""
    return body_size - 2.0


def table_style(size: float) -> TableStyle:
    """Body and header styles of the form tables for a body size (about 14 pt)."""
    body = TextStyle(size=size, leading_factor=TABLE_LEADING, space_slack=0.12)
    header = TextStyle(size=header_size(size), leading_factor=TITLE_LEADING, bold=True, align=Align.CENTER)
    return TableStyle(body=body, header=header)


def _money(amount: Decimal) -> str:
    return format_money(amount)


# --- ผด.01 -------------------------------------------------------------------------------------------

def pd01_table(ts: Typesetter, plan: PlanData, plan_title: str, summary: PlanSummary, *,
               body_size: float = 14.0, title_size: float = 16.0, page_room: float | None = None) -> FormTable:
    """The ผด.01 table: strategies, their programs, a รวม row per strategy, รวมทั้งสิ้น."""
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
    data = [r for r in rows if r.kind == "data"]
    totals = [r for r in rows if r.kind == "total"]

    def texts(col: int, of: list[Row]) -> list[str]:
        return [str(c.text) for r in of for c in r.cells if c.col == col and c.colspan == 1]

    needs = [ColumnNeed(texts(0, data), texts(0, totals), PD01_HEADERS[0], pad=CELL_PAD_X, indent=body_size)]
    needs += [ColumnNeed(texts(c, data), texts(c, totals), PD01_HEADERS[c], pad=CELL_PAD_X) for c in range(1, 5)]
    needs.append(ColumnNeed(texts(5, data), (), PD01_HEADERS[5], pad=CELL_PAD_X))
    widths = fit_columns(ts, needs, TABLE_WIDTH, body_size=body_size, header_size=header_size(body_size),
                         cap=WORD_CAP, header_weight=2.0)
    aligns = (Align.LEFT, Align.CENTER, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.LEFT)
    columns = [Column(w, a) for w, a in zip(widths, aligns, strict=True)]
    return FormTable(ts, columns, header, rows, table_style(body_size), page_room=page_room)


# --- ผด.02 and ผด.02/1 ----------------------------------------------------------------------------------

def year_size(ts: Typesetter, fiscal_year: int) -> float:
    """The size of the year labels over the months: 10 pt, smaller (down to 8.5 pt) where a wider year
    (in Thai digits) would otherwise widen every month column."""
    label = max(top - bottom for top, bottom in (ts.single_line(a, MONTH_HEADER_SIZE).ink()
                                                 for a in FISCAL_MONTH_ABBR))
    room = min((label + 2 * CLEARANCE) * len(months) - 2 * CLEARANCE for _t, months in year_headers(fiscal_year))
    widest = max(ts.width(text, YEAR_HEADER_SIZE, True) for text, _m in year_headers(fiscal_year))
    return max(8.5, min(YEAR_HEADER_SIZE, YEAR_HEADER_SIZE * room / widest)) if widest else YEAR_HEADER_SIZE


def month_width(ts: Typesetter, fiscal_year: int) -> float:
    """Width of a month column: the ink of the highest month label turned a quarter, and a third of the
    widest year label, each ``CLEARANCE`` from the rules."""
    label = max(top - bottom for top, bottom in (ts.single_line(a, MONTH_HEADER_SIZE).ink()
                                                 for a in FISCAL_MONTH_ABBR))
    size = year_size(ts, fiscal_year)
    year = max(ts.width(text, size, True) / len(months) for text, months in year_headers(fiscal_year))
    return max(label + 2 * CLEARANCE, year + 2 * CLEARANCE / 3.0)


def pd02_columns(ts: Typesetter, plan: PlanData, blocks: Sequence[Block], *, equipment: bool,
                 body_size: float = 14.0) -> list[Column]:
    """The columns of ผด.02 (ผด.02/1) fitted to all the form's rows, the same on every page of it.

    ที่ and งบประมาณ hold their widest number and amount on one line (the subtotals and the grand total
    too); the months their label; โครงการ, รายละเอียด, สถานที่ and หน่วยงาน their widest word, and then
    what is left where it saves the most lines (``fit.fit_columns``).
    """
    headers = PD021_HEADERS if equipment else PD02_HEADERS
    units = {u.id: u.name for u in plan.units}
    projects = [p for block in blocks for p in block.projects]
    most = max((len(b.projects) for b in blocks), default=1)
    totals = [_money(sum((p.budget for p in b.projects), Decimal("0.00"))) for b in blocks]
    if equipment:  # ผด.02/1 closes with its รวมทั้งสิ้น
        totals.append(_money(sum((p.budget for p in projects), Decimal("0.00"))))
    pad = CELL_PAD_X
    number = max(ts.width(str(most), body_size), ts.widest_word(headers[0], header_size(body_size), True),
                 ts.width("(ต่อ)", CONTINUED_SIZE)) + 2 * pad
    month = month_width(ts, plan.edition.fiscal_year)
    needs = [
        ColumnNeed(fixed=number),
        ColumnNeed([p.name for p in projects], (), headers[1], pad=pad),
        ColumnNeed([p.details for p in projects], (), headers[2], pad=pad),
        ColumnNeed([_money(p.budget) for p in projects], totals, headers[3], whole=True, pad=pad),
        ColumnNeed([p.location for p in projects], (), headers[4], pad=pad),
        ColumnNeed([units.get(p.unit_id, "") if p.unit_id is not None else "" for p in projects], (), headers[5],
                   pad=pad),
    ] + [ColumnNeed(fixed=month)] * 12
    widths = fit_columns(ts, needs, TABLE_WIDTH, body_size=body_size, header_size=header_size(body_size), cap=WORD_CAP,
                         header_weight=max(1.0, len(projects) / float(__import__("os").environ.get("HW", "6"))))
    aligns = (Align.CENTER, Align.LEFT, Align.LEFT, Align.RIGHT, Align.LEFT, Align.LEFT)
    cols = [Column(w, a) for w, a in zip(widths[:6], aligns, strict=True)]
    return cols + [Column(w, Align.CENTER) for w in widths[6:]]


def _pd02_header(fiscal_year: int, headers: tuple[str, ...], year_label_size: float = YEAR_HEADER_SIZE
                 ) -> list[HeaderCell]:
    cells = [HeaderCell(0, i, text, rowspan=2) for i, text in enumerate(headers)]
    (first_label, first_months), (second_label, second_months) = year_headers(fiscal_year)
    cells.append(HeaderCell(0, 6, first_label, colspan=len(first_months), size=year_label_size))
    cells.append(HeaderCell(0, 6 + len(first_months), second_label, colspan=len(second_months),
                            size=year_label_size))
    cells += [HeaderCell(1, 6 + i, abbr, size=MONTH_HEADER_SIZE, bold=False, rotated=True)
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


def _subtotal_row(projects: Sequence[Project], noun: str, label: str = TOTAL) -> Row:
    total = sum((p.budget for p in projects), Decimal("0.00"))
    return Row((
        Cell(0, f"{label} {len(projects)} {noun}", colspan=3, bold=True, align=Align.CENTER),
        Cell(3, _money(total), bold=True, shrink=True),
        Cell(4, "", colspan=14),
    ), kind="total")


def grand_total_row(blocks: Sequence[Block], *, equipment: bool) -> Row:
    """รวมทั้งสิ้น of a whole form: all its items and their budget."""
    return _subtotal_row([p for b in blocks for p in b.projects], "รายการ" if equipment else "โครงการ", GRAND_TOTAL)


def block_table(ts: Typesetter, plan: PlanData, plan_title: str, block: Block, *, equipment: bool,
                subtotals: bool, columns: Sequence[Column] | None = None, body_size: float = 14.0,
                title_size: float = 16.0, on_drawn: Callable[[int], None] | None = None,
                page_room: float | None = None, shade_months: bool = False, marks: Sequence[Flowable] = (),
                space_before: float = 0.0, closing: Sequence[Row] = (), follows: bool = False) -> FormTable:
    """The table of one block of ผด.02 or ผด.02/1, with its group lines, header and month arrows.

    ``columns`` are the form's (``pd02_columns``), fitted to this block alone when not given;
    ``closing`` rows (the form's รวมทั้งสิ้น) come after the block's own rows; ``follows``: the block
    comes after one of the same strategy (or equipment type), whose line it then need not repeat on the
    same page.
    """
    headers = PD021_HEADERS if equipment else PD02_HEADERS
    units = {u.id: u.name for u in plan.units}
    rows = [_project_row(i, p, units.get(p.unit_id, "") if p.unit_id is not None else "")
            for i, p in enumerate(block.projects, start=1)]
    if subtotals:
        rows.append(_subtotal_row(list(block.projects), "รายการ" if equipment else "โครงการ"))
    rows += closing
    group_style = TextStyle(size=title_size, leading_factor=TITLE_LEADING, bold=True)
    captions: list[Caption] = []
    for k, line in enumerate(block.group_lines):
        last = k == len(block.group_lines) - 1
        style = group_style.but(space_after=title_size * 0.3) if last else group_style
        # On the pages a block runs over, its program line "1.2 แผนงาน… (ต่อ)" says where it belongs.
        captions.append(Caption(line, style, continued_suffix=last, repeated=last))
    if columns is None:
        columns = pd02_columns(ts, plan, [block], equipment=equipment, body_size=body_size)
    header = _pd02_header(plan.edition.fiscal_year, headers, year_size(ts, plan.edition.fiscal_year))
    return FormTable(ts, columns, header, rows,
                     table_style(body_size), captions=captions, month_col=6, number_col=0, on_drawn=on_drawn,
                     page_room=page_room, shade_months=shade_months, marks=marks, space_before=space_before,
                     follows=follows)
