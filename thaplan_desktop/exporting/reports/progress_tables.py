"""The monitoring report's tables, from the report model (``tracking.report``) alone.

- ``status_table``: projects by status per strategy (ยุทธศาสตร์) and program (แผนงาน) — how many, and the
  share of each status (each its own fraction rounded on its own, as in ผด.01) —, a รวม row per strategy, the
  totals by kind (ผด.02, ผด.02/1) when the plan has both, and รวมทั้งสิ้น;
- ``money_table``: the same rows with the budget in the plan, the contracted amount, the amount disbursed,
  its share of the budget, and what remains;
- ``unit_table``: the counts and money per unit (หน่วยงานรับผิดชอบหลัก);
- ``project_tables``: every project grouped as ผด.02 and ผด.02/1 (a table per program under its strategy or
  equipment type, one set of column widths for all), its status, progress, money and remarks;
- ``spending_table``: planned against disbursed spending by month and cumulative;
- ``problem_tables``: the problems and obstacles collected, the cancelled projects with their reasons, the
  projects that should have started.

Wording is ``tracking.forms``'s (shared with the Excel report) and this module's ``TEXTS``. A zero amount
prints as "-", as the forms' tables do.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportlab.platypus.flowables import Flowable

from thaplan_desktop.charts.description import ChartDescription
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import format_money, format_percent
from thaplan_desktop.exporting.pdf.flowables import ThaiParagraph
from thaplan_desktop.exporting.pdf.forms import header_size
from thaplan_desktop.exporting.pdf.layout import BODY_LEADING, Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.table import CELL_PAD_X, CONTINUED_SIZE, FormTable
from thaplan_desktop.exporting.reports.document import heading
from thaplan_desktop.exporting.reports.tables import (
    BODY_SIZE,
    Caption,
    Cell,
    ColumnSpec,
    HeaderCell,
    Row,
    caption_lines,
    fitted_columns,
    table,
    total_row,
)
from thaplan_desktop.tracking import forms
from thaplan_desktop.tracking.report import Figures, ProgressReport, percent, remarks
from thaplan_desktop.tracking.status import STATUS_LABELS, STATUS_ORDER

__all__ = ["money_table", "problem_tables", "project_tables", "spending_table", "status_table", "unit_table"]

TEXTS = {
    "label": "ยุทธศาสตร์/แผนงาน",
    "projects": "จำนวนโครงการ",
    "count": "จำนวน",
    "share": "ร้อยละ",
    "unit": "หน่วยงาน",
    "no_unit": "ไม่ระบุหน่วยงาน",
    "remaining": "คงเหลือ (บาท)",
    "none": "-",
    "block_total": "รวม {count} รายการ",
    "problems": "ปัญหาและอุปสรรค ({count} รายการ)",
    "cancelled": "โครงการที่ยกเลิก ({count} รายการ)",
    "late": "โครงการที่ควรเริ่มดำเนินการแล้ว (ตามเดือนในแผน) แต่ยังไม่ได้ดำเนินการ ({count} รายการ)",
    "reason": "เหตุผลที่ยกเลิก",
    "nothing": "ไม่มี",
    "amount_line": "{label} {amount} บาท",
}
_INDENT = BODY_SIZE
_REMARKS_WIDTH = 4.5 * 72.0 / 2.54  # problems are sentences: a column a sentence can be read in


def money(amount: Decimal | None) -> str:
    """An amount as the forms print it, "-" for none or zero."""
    return format_money(amount) if amount else TEXTS["none"]


def _count(n: int) -> str:
    return f"{n:,}"


def _captions(caption: str) -> list[Caption]:
    """A table's numbered title above it, repeated with "(ต่อ)" on the pages it runs over."""
    return caption_lines([caption]) if caption else []


def _kind_label(kind: ProjectKind) -> str:
    return f"{forms.TOTAL}{forms.KIND_LABELS[kind.value]}"


def _summary_rows(report: ProgressReport, span: int, figures: Callable[[Figures, bool], list[Cell]]) -> list[Row]:
    """Strategy heading, its programs, its รวม; totals by kind (when both kinds are there); รวมทั้งสิ้น."""
    rows: list[Row] = []
    for strategy in report.strategies:
        if len(strategy.programs) == 1 and strategy.programs[0].label == strategy.label:  # rows under no program
            rows.append(Row((Cell(0, strategy.label), *figures(strategy.figures, False))))
            continue
        rows.append(Row((Cell(0, strategy.label, colspan=span, bold=True),), kind="group", keep_with_next=True))
        for program in strategy.programs:
            rows.append(Row((Cell(0, program.label, indent=_INDENT), *figures(program.figures, False))))
        rows.append(Row((Cell(0, forms.TOTAL, bold=True, align=Align.CENTER), *figures(strategy.figures, True)),
                        kind="total"))
    kinds = [kind for kind in ProjectKind if report.kinds[kind].projects]
    if len(kinds) > 1:
        for kind in kinds:
            rows.append(Row((Cell(0, _kind_label(kind), bold=True), *figures(report.kinds[kind], True)), kind="total"))
    rows.append(Row((Cell(0, forms.GRAND_TOTAL, bold=True, align=Align.CENTER), *figures(report.totals, True)),
                    kind="total"))
    return rows


def status_table(ts: Typesetter, report: ProgressReport, width: float, page_room: float | None = None,
                 caption: str = "") -> FormTable:
    """Projects by status, per strategy and program: counts and shares."""

    def figures(f: Figures, bold: bool) -> list[Cell]:
        shares = f.status_percentages()
        cells = [Cell(1, _count(f.projects), bold=bold, shrink=bold)]
        for k, status in enumerate(STATUS_ORDER):
            cells += [Cell(2 + 2 * k, _count(f.count(status)), bold=bold, shrink=bold),
                      Cell(3 + 2 * k, format_percent(shares[status]), bold=bold, shrink=bold)]
        return cells

    specs = [ColumnSpec(TEXTS["label"], indent=_INDENT), ColumnSpec(TEXTS["projects"], Align.CENTER, whole=True)]
    for _status in STATUS_ORDER:
        specs += [ColumnSpec(TEXTS["count"], Align.CENTER, whole=True), ColumnSpec(TEXTS["share"], Align.RIGHT,
                                                                                    whole=True)]
    rows = _summary_rows(report, len(specs), figures)
    header = [HeaderCell(0, 0, TEXTS["label"], rowspan=2), HeaderCell(0, 1, TEXTS["projects"], rowspan=2)]
    for k, status in enumerate(STATUS_ORDER):
        header += [HeaderCell(0, 2 + 2 * k, STATUS_LABELS[status], colspan=2),
                   HeaderCell(1, 2 + 2 * k, TEXTS["count"]), HeaderCell(1, 3 + 2 * k, TEXTS["share"])]
    return table(ts, specs, rows, width=width, header=header, page_room=page_room, captions=_captions(caption), space_before=10.0)


def money_table(ts: Typesetter, report: ProgressReport, width: float, page_room: float | None = None,
                caption: str = "") -> FormTable:
    """Budget, contracted, disbursed (and its share of the budget) and remaining, per strategy and program."""
    headers = forms.SUMMARY_HEADERS

    def figures(f: Figures, bold: bool) -> list[Cell]:
        return [Cell(1, _count(f.projects), bold=bold, shrink=bold), Cell(2, money(f.budget), bold=bold, shrink=True),
                Cell(3, money(f.contracted), bold=bold, shrink=True), Cell(4, money(f.disbursed), bold=bold, shrink=True),
                Cell(5, format_percent(f.disbursed_percent), bold=bold, shrink=bold),
                Cell(6, money(f.budget - f.disbursed), bold=bold, shrink=True)]

    specs = [ColumnSpec(TEXTS["label"], indent=_INDENT), ColumnSpec(TEXTS["projects"], Align.CENTER, whole=True),
             # amounts never break (a number is one word): fitted like text, their headers share the room
             ColumnSpec(headers[14], Align.RIGHT), ColumnSpec(headers[15], Align.RIGHT),
             ColumnSpec(headers[16], Align.RIGHT), ColumnSpec(headers[17], Align.RIGHT),
             ColumnSpec(TEXTS["remaining"], Align.RIGHT)]
    return table(ts, specs, _summary_rows(report, len(specs), figures), width=width, page_room=page_room,
                 captions=_captions(caption), space_before=10.0)


def unit_table(ts: Typesetter, report: ProgressReport, width: float, page_room: float | None = None,
               caption: str = "") -> FormTable:
    """Counts by status and money per unit, with รวมทั้งสิ้น."""
    headers = forms.SUMMARY_HEADERS
    specs = [ColumnSpec(TEXTS["unit"]), ColumnSpec(TEXTS["projects"], Align.CENTER, whole=True)]
    specs += [ColumnSpec(STATUS_LABELS[s], Align.CENTER) for s in STATUS_ORDER]  # room shared by their headers
    specs += [ColumnSpec(headers[14], Align.RIGHT), ColumnSpec(headers[16], Align.RIGHT),
              ColumnSpec(headers[17], Align.RIGHT)]

    def cells(f: Figures, bold: bool) -> list[Cell]:
        out = [Cell(1, _count(f.projects), bold=bold, shrink=bold)]
        out += [Cell(2 + k, _count(f.count(s)), bold=bold, shrink=bold) for k, s in enumerate(STATUS_ORDER)]
        return out + [Cell(8, money(f.budget), bold=bold, shrink=True), Cell(9, money(f.disbursed), bold=bold, shrink=True),
                      Cell(10, format_percent(f.disbursed_percent), bold=bold, shrink=bold)]

    rows = [Row((Cell(0, name), *cells(figures, False))) for name, figures in report.units]
    unitless = Figures.of(r for r in report.rows if not r.unit)
    if unitless.projects:
        rows.append(Row((Cell(0, TEXTS["no_unit"]), *cells(unitless, False))))
    rows.append(Row((Cell(0, forms.GRAND_TOTAL, bold=True, align=Align.CENTER), *cells(report.totals, True)),
                    kind="total"))
    return table(ts, specs, rows, width=width, page_room=page_room, captions=_captions(caption), space_before=10.0)


# --- per project -------------------------------------------------------------------------------------------

def _project_specs(ts: Typesetter, most: int, size: float) -> list[ColumnSpec]:
    headers = forms.PROJECT_HEADERS
    number = max(ts.width(str(most), size), ts.widest_word(headers[0], header_size(size), True),
                 ts.width("(ต่อ)", CONTINUED_SIZE)) + 2 * CELL_PAD_X
    return [ColumnSpec(headers[0], Align.CENTER, fixed=number), ColumnSpec(headers[1]), ColumnSpec(headers[2]),
            ColumnSpec(headers[3], Align.RIGHT, whole=True), ColumnSpec(headers[4]),
            ColumnSpec(headers[5], Align.CENTER, whole=True), ColumnSpec(headers[6], Align.RIGHT, whole=True),
            ColumnSpec(headers[7], Align.RIGHT, whole=True), ColumnSpec(headers[8], Align.RIGHT, whole=True),
            ColumnSpec(headers[9], fixed=_REMARKS_WIDTH)]


def project_tables(ts: Typesetter, report: ProgressReport, width: float, page_room: float | None = None,
                   size: float = BODY_SIZE) -> list[Flowable]:
    """A heading per kind (ผด.02, ผด.02/1), then a table per block with its group lines and its รวม row."""
    blocks = []
    for block in report.blocks:
        rows = []
        for number, row in enumerate(block.rows, start=1):
            progress = f"{row.progress}" if row.progress is not None else TEXTS["none"]
            rows.append(Row((
                Cell(0, str(number)), Cell(1, row.project.name), Cell(2, row.unit),
                Cell(3, money(row.budget), shrink=True), Cell(4, STATUS_LABELS[row.status]), Cell(5, progress),
                Cell(6, money(row.contracted), shrink=True), Cell(7, money(row.disbursed), shrink=True),
                Cell(8, money(row.remaining), shrink=True), Cell(9, remarks(row)),
            ), tag=str(row.project.id)))
        total = block.total
        rows.append(Row((
            Cell(0, TEXTS["block_total"].format(count=_count(total.projects)), colspan=3, bold=True, align=Align.CENTER),
            Cell(3, money(total.budget), bold=True, shrink=True), Cell(4, "", colspan=2),
            Cell(6, money(total.contracted), bold=True, shrink=True), Cell(7, money(total.disbursed), bold=True, shrink=True),
            Cell(8, money(total.budget - total.disbursed), bold=True, shrink=True), Cell(9, ""),
        ), kind="total"))
        blocks.append((block, rows))
    if not blocks:
        return []
    specs = _project_specs(ts, max(len(b.rows) for b, _r in blocks), size)
    columns = fitted_columns(ts, specs, [r for _b, rows in blocks for r in rows], width, size)
    out: list[Flowable] = []
    kind = None
    for block, rows in blocks:
        if block.kind is not kind:
            kind = block.kind
            out.append(heading(ts, forms.KIND_LABELS[kind.value], size=16.0, space_before=6.0 if out else 0.0))
        out.append(table(ts, specs, rows, width=width, size=size, columns=columns,
                         captions=caption_lines(block.group_lines), number_col=0, page_room=page_room,
                         space_before=6.0))
    return out


# --- spending by month ---------------------------------------------------------------------------------------

def spending_table(ts: Typesetter, report: ProgressReport, months: ChartDescription, width: float) -> FormTable:
    """Planned and disbursed, in each month and cumulative, with the share of the cumulative plan disbursed; the
    month names are the chart's (``months``: the spending chart of the same figures)."""
    headers = forms.SPENDING_HEADERS
    rows = []
    for month, category in zip(report.spending, months.categories, strict=True):
        share = (format_percent(percent(month.disbursed_cumulative, month.planned_cumulative))
                 if month.disbursed_cumulative is not None else TEXTS["none"])
        rows.append(Row((Cell(0, category.label), Cell(1, money(month.planned)), Cell(2, money(month.planned_cumulative)),
                         Cell(3, money(month.disbursed)), Cell(4, money(month.disbursed_cumulative)), Cell(5, share))))
    planned = sum((m.planned for m in report.spending), Decimal("0.00"))
    disbursed = sum((m.disbursed or Decimal(0) for m in report.spending), Decimal("0.00"))
    rows.append(total_row(forms.TOTAL, 1, [(1, money(planned)), (2, ""), (3, money(disbursed)), (4, ""),
                                           (5, format_percent(percent(disbursed, planned)))]))
    specs = [ColumnSpec(headers[0])] + [ColumnSpec(h, Align.RIGHT, whole=True) for h in headers[1:]]
    result = table(ts, specs, rows, width=min(width, 20.0 * 72.0 / 2.54))
    result.hAlign = "CENTER"
    return result


def spending_notes(ts: Typesetter, report: ProgressReport) -> list[Flowable]:
    """Lines under the spending table: the budget no month plans, and what was disbursed after the year."""
    style = TextStyle(size=BODY_SIZE + 1, leading_factor=BODY_LEADING, space_before=4.0)
    return [ThaiParagraph(ts, TEXTS["amount_line"].format(label=label, amount=format_money(amount)), style)
            for label, amount in ((forms.UNSCHEDULED, report.unscheduled), (forms.AFTER_YEAR, report.disbursed_after_year))
            if amount]


# --- problems ------------------------------------------------------------------------------------------------

def problem_tables(ts: Typesetter, report: ProgressReport, width: float, page_room: float | None = None
                   ) -> list[Flowable]:
    """The problems and obstacles, the cancelled projects, and the projects that should have started."""
    headers = forms.PROBLEM_HEADERS
    sections = (
        (TEXTS["problems"], headers[4], [(p.name, p.unit, STATUS_LABELS[p.status], p.problems) for p in report.problems]),
        (TEXTS["cancelled"], TEXTS["reason"],
         [(c.project.name, c.unit, STATUS_LABELS[c.status], c.reason) for c in report.cancelled]),
        (TEXTS["late"], headers[4], [(x.project.name, x.unit, STATUS_LABELS[x.status], x.problems) for x in report.late]),
    )
    out: list[Flowable] = []
    plain = TextStyle(size=BODY_SIZE + 1, leading_factor=BODY_LEADING, left_indent=_INDENT)
    for title, last, lines in sections:
        out.append(heading(ts, title.format(count=_count(len(lines))), size=16.0, space_before=8.0 if out else 0.0))
        if not lines:
            out.append(ThaiParagraph(ts, TEXTS["nothing"], plain))
            continue
        specs = [ColumnSpec(headers[0], Align.CENTER, whole=True), ColumnSpec(headers[1]), ColumnSpec(headers[2]),
                 ColumnSpec(headers[3]), ColumnSpec(last)]
        rows = [Row((Cell(0, str(n)), Cell(1, name), Cell(2, unit), Cell(3, status), Cell(4, text)))
                for n, (name, unit, status, text) in enumerate(lines, start=1)]
        out.append(table(ts, specs, rows, width=width, number_col=0, page_room=page_room))
    return out
