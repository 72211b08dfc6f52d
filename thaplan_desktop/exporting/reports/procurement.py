"""The procurement plan's annex (แผนการจัดซื้อจัดจ้าง) as a PDF: ``write_procurement_pdf``.

Printed from ``exporting.procurement.ProcurementAnnex`` alone (the rows and wording the Excel annex has) with
the plan's Thai typography, on portrait A4: the title lines centred at the top of the first page, then per
unit (หน่วยงาน) a ruled table — ลำดับ | รหัสแผนจัดซื้อจัดจ้าง | ชื่อโครงการ | งบประมาณโครงการ |
คาดว่าจะประกาศจัดซื้อจัดจ้าง (เดือน/ปี) — under the unit's line (repeated with "(ต่อ)" where a unit runs over a
page), with its รวม row; รวมทั้งสิ้น closes the last table. One set of column widths for every unit; names are
printed exactly as in the plan, broken only between words. The annex of an edition not announced yet says
ร่าง on every page, as the plan's own PDF does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reportlab.platypus.flowables import Flowable

from thaplan_desktop.domain.money import format_money
from thaplan_desktop.exporting.pdf.flowables import ThaiParagraph
from thaplan_desktop.exporting.pdf.forms import header_size
from thaplan_desktop.exporting.pdf.layout import TITLE_LEADING, Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.table import CELL_PAD_X, CONTINUED_SIZE
from thaplan_desktop.exporting.procurement import GRAND_TOTAL, HEADERS, TOTAL, UNIT_LINE, ProcurementAnnex
from thaplan_desktop.exporting.reports.document import (
    PORTRAIT_HEIGHT,
    PORTRAIT_WIDTH,
    ProgressCallback,
    ReportOptions,
    WrittenReport,
    typesetter,
    write_pdf,
)
from thaplan_desktop.exporting.reports.tables import (
    BODY_SIZE,
    Cell,
    ColumnSpec,
    Row,
    caption_lines,
    fitted_columns,
    table,
)

__all__ = ["write_procurement_pdf"]

TEXTS = {
    "subject": "แผนการจัดซื้อจัดจ้าง: รายการที่จะจัดซื้อจัดจ้าง จำแนกตามหน่วยงาน",
    "building": "กำลังจัดหน้าแผนการจัดซื้อจัดจ้าง",
    "none": "-",
    "empty": "ไม่มีรายการที่จะจัดซื้อจัดจ้างในแผนฉบับนี้",
}
_TITLE_SIZE = 18.0


def _specs(ts: Typesetter, annex: ProcurementAnnex, size: float) -> list[ColumnSpec]:
    most = max((row.number for row in annex.rows), default=1)
    number = max(ts.width(str(most), size), ts.widest_word(HEADERS[0], header_size(size), True),
                 ts.width("(ต่อ)", CONTINUED_SIZE)) + 2 * CELL_PAD_X
    # code, budget and month as wide as their texts (and their headers' words): the names take the rest
    return [ColumnSpec(HEADERS[0], Align.CENTER, fixed=number), ColumnSpec(HEADERS[1], Align.CENTER, whole=True),
            ColumnSpec(HEADERS[2]), ColumnSpec(HEADERS[3], Align.RIGHT, whole=True),
            ColumnSpec(HEADERS[4], Align.CENTER, whole=True)]


def _rows(annex: ProcurementAnnex) -> list[list[Row]]:
    """Each unit's rows with its รวม; รวมทั้งสิ้น after the last unit's."""
    tables = []
    for group in annex.groups:
        rows = [Row((Cell(0, str(r.number)), Cell(1, r.code or TEXTS["none"]), Cell(2, r.name),
                     Cell(3, format_money(r.budget)), Cell(4, r.month_text or TEXTS["none"])), tag=str(r.project_id))
                for r in group.rows]
        rows.append(Row((Cell(0, TOTAL, colspan=3, bold=True, align=Align.CENTER),
                         Cell(3, format_money(group.total), bold=True, shrink=True), Cell(4, "")), kind="total"))
        tables.append(rows)
    if tables:
        tables[-1].append(Row((Cell(0, GRAND_TOTAL, colspan=3, bold=True, align=Align.CENTER),
                               Cell(3, format_money(annex.total), bold=True, shrink=True), Cell(4, "")),
                              kind="total"))
    return tables


def build_story(ts: Typesetter, annex: ProcurementAnnex, size: float = BODY_SIZE) -> list[Flowable]:
    """The title lines, then a table per unit."""
    title = TextStyle(size=_TITLE_SIZE, leading_factor=TITLE_LEADING, bold=True, align=Align.CENTER)
    story: list[Flowable] = [ThaiParagraph(ts, line, title) for line in annex.title_lines]
    story[-1] = ThaiParagraph(ts, annex.title_lines[-1], title.but(space_after=8.0))
    tables = _rows(annex)
    if not tables:
        story.append(ThaiParagraph(ts, TEXTS["empty"], TextStyle(size=16.0, leading_factor=1.4, align=Align.CENTER)))
        return story
    specs = _specs(ts, annex, size)
    columns = fitted_columns(ts, specs, [row for rows in tables for row in rows], PORTRAIT_WIDTH, size)
    for group, rows in zip(annex.groups, tables, strict=True):
        story.append(table(ts, specs, rows, width=PORTRAIT_WIDTH, size=size, columns=columns,
                           captions=caption_lines([UNIT_LINE.format(unit=group.unit)]), number_col=0,
                           page_room=PORTRAIT_HEIGHT, space_before=6.0))
    return story


def _names(annex: ProcurementAnnex, author: str) -> Iterable[str]:
    return [author, *(UNIT_LINE.format(unit=g.unit) for g in annex.groups), *(g.unit for g in annex.groups)]


def write_procurement_pdf(annex: ProcurementAnnex, path: Path | str, *, author: str, draft: bool,
                          options: ReportOptions | None = None, progress: ProgressCallback | None = None,
                          cancel: Callable[[], bool] | None = None) -> WrittenReport:
    """Write ``annex`` as its PDF to ``path`` (whole or not at all; ``ExportCancelled`` when cancelled).

    ``author``: the office (the document's author); ``draft``: the edition is not announced yet (ร่าง marks).
    """
    options = options or ReportOptions()
    if progress is not None:
        progress(0.0, TEXTS["building"])
    ts = typesetter(options, _names(annex, author))
    story = build_story(ts, annex)
    return write_pdf(path, story, ts, title=annex.title_lines[0], subject=TEXTS["subject"], author=author,
                     running_title=annex.title_lines[0], draft=draft, options=options,
                     expected_pages=1 + len(annex.rows) // 18, progress=progress, cancel=cancel,
                     message=TEXTS["building"], first_page="portrait")
