"""The work calendar (ปฏิทินการทำงาน) as a PDF for print: ``write_calendar_pdf``.

Printed from ``calendar.PlanCalendar`` alone (the rows, runs and deadlines the window's calendar and the .ics
file have) with the plan's Thai typography, on landscape A4: for each unit (หน่วยงาน, in the unit list's
order; rows without one last) one page per quarter of the fiscal year (ไตรมาสที่ 1 = ต.ค.–ธ.ค. …). A page
lists the unit's projects that run in the quarter — ที่ | โครงการ | สถานที่ | งบประมาณ | the quarter's three
months — with the plan's month arrows over each run (a run that goes on past the quarter runs to its
edge), then the deadlines that fall in the quarter (the procedure's and the monitoring report's). A unit's
quarter without projects says so; a quarter without deadlines prints no deadline list. Bookmarks: a unit, its quarters. Until the edition is announced every page
says ร่าง, as the plan's own PDF does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.calendar.model import NO_UNIT, CalendarItem, PlanCalendar
from thaplan_desktop.calendar.months import CalendarMonth
from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.exporting.pdf.flowables import ThaiParagraph
from thaplan_desktop.exporting.pdf.forms import header_size
from thaplan_desktop.exporting.pdf.layout import BODY_LEADING, Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.table import CELL_PAD_X, CONTINUED_SIZE, Column
from thaplan_desktop.exporting.reports.document import (
    CM,
    LANDSCAPE_HEIGHT,
    LANDSCAPE_WIDTH,
    ProgressCallback,
    ReportOptions,
    WrittenReport,
    heading,
    mark,
    typesetter,
    write_pdf,
)
from thaplan_desktop.exporting.reports.tables import (
    BODY_SIZE,
    Cell,
    ColumnSpec,
    HeaderCell,
    Row,
    caption_lines,
    fitted_columns,
    table,
)

__all__ = ["QUARTERS", "quarter_items", "write_calendar_pdf"]

TEXTS = {
    "title": "ปฏิทินการทำงาน ประจำปีงบประมาณ พ.ศ. {year}{edition}",
    "unit_title": "{unit}",
    "quarter": "ไตรมาสที่ {number} ({first} – {last})",
    "page_title": "{unit} ไตรมาสที่ {number} ({first} – {last})",
    "months": "ระยะเวลาดำเนินการ",
    "nothing": "ไม่มีโครงการของหน่วยงานนี้ที่ดำเนินการในไตรมาสนี้",
    "deadlines": "กำหนดเวลาในไตรมาสที่ {number} (ขั้นตอนการจัดทำแผนและการรายงานผลการติดตาม)",
    "deadline": "{date}  {what}{done}",
    "done": " (ดำเนินการแล้ว)",
    "subject": "ปฏิทินการทำงานตามแผนการดำเนินงาน รายหน่วยงาน รายไตรมาส",
    "building": "กำลังจัดหน้าปฏิทินการทำงาน",
    "none": "-",
    "no_projects": "ไม่มีโครงการในปฏิทิน",
}
HEADERS = ("ที่", "โครงการ", "สถานที่ดำเนินการ", "งบประมาณ (บาท)")
QUARTERS = ((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12))  # fiscal months of each quarter (1 = ต.ค.)
_MONTH_WIDTH = 3.0 * CM


def quarter_items(items: Iterable[CalendarItem], quarter: int) -> list[CalendarItem]:
    """The items (in their order) that run in any month of ``quarter`` (1..4)."""
    months = set(QUARTERS[quarter - 1])
    return [item for item in items if item.months & months]


def _by_unit(calendar: PlanCalendar) -> list[tuple[str, list[CalendarItem]]]:
    """The calendar's items by unit: the unit list's order, rows without a unit last."""
    grouped: dict[str, list[CalendarItem]] = {}
    for item in calendar.items:
        if not item.months:
            continue  # nothing to print in any quarter
        grouped.setdefault(item.unit or NO_UNIT, []).append(item)
    order = [u for u in calendar.units if u in grouped] + [u for u in grouped if u not in calendar.units]
    return [(unit, grouped[unit]) for unit in order]


def _specs(ts: Typesetter, size: float, most: int) -> list[ColumnSpec]:
    headers = HEADERS
    number = max(ts.width(str(most), size), ts.widest_word(headers[0], header_size(size), True),
                 ts.width("(ต่อ)", CONTINUED_SIZE)) + 2 * CELL_PAD_X
    return [ColumnSpec(headers[0], Align.CENTER, fixed=number), ColumnSpec(headers[1]), ColumnSpec(headers[2]),
            ColumnSpec(headers[3], Align.RIGHT, whole=True),
            *(ColumnSpec("", Align.CENTER, fixed=_MONTH_WIDTH) for _ in range(3))]


def _rows(items: list[CalendarItem], quarter: int) -> list[Row]:
    first = QUARTERS[quarter - 1][0]
    rows = []
    for number, item in enumerate(items, start=1):
        months = frozenset(m - first + 1 for m in item.months if m in QUARTERS[quarter - 1])
        rows.append(Row((Cell(0, str(number)), Cell(1, item.name), Cell(2, item.location or TEXTS["none"]),
                         Cell(3, format_money(item.budget), shrink=True), Cell(4, ""), Cell(5, ""), Cell(6, "")),
                        months=months, tag=f"{item.project_id}-q{quarter}"))
    return rows


def _header(fiscal_year: int, quarter: int) -> list[HeaderCell]:
    headers = HEADERS
    cells = [HeaderCell(0, k, text, rowspan=2) for k, text in enumerate(headers)]
    cells.append(HeaderCell(0, 4, TEXTS["months"], colspan=3))
    for k, month in enumerate(QUARTERS[quarter - 1]):
        cells.append(HeaderCell(1, 4 + k, CalendarMonth.of_fiscal(fiscal_year, month).label()))
    return cells


def _deadlines(ts: Typesetter, calendar: PlanCalendar, quarter: int, width: float) -> list[Flowable]:
    months = {CalendarMonth.of_fiscal(calendar.fiscal_year, m) for m in QUARTERS[quarter - 1]}
    found = [d for d in calendar.deadlines if CalendarMonth.of_date(d.day) in months]
    if not found:
        return []  # nothing to say: no line that could take a page of its own
    style = TextStyle(size=BODY_SIZE + 1, leading_factor=BODY_LEADING, left_indent=0.6 * CM)
    out: list[Flowable] = [heading(ts, TEXTS["deadlines"].format(number=quarter), size=15.0, space_before=10.0)]
    return out + [ThaiParagraph(ts, TEXTS["deadline"].format(date=format_thai_date(d.day), what=d.what,
                                                             done=TEXTS["done"] if d.done else ""), style)
                  for d in found]


def build_story(ts: Typesetter, calendar: PlanCalendar, size: float = BODY_SIZE) -> list[Flowable]:
    """Per unit, a page per quarter."""
    units = _by_unit(calendar)
    if not units:
        return [heading(ts, TEXTS["no_projects"])]
    year = calendar.fiscal_year
    everything = [r for _u, items in units for q in range(1, 5) for r in _rows(quarter_items(items, q), q)]
    specs = _specs(ts, size, max(len(items) for _u, items in units))
    widths = fitted_columns(ts, specs, everything, LANDSCAPE_WIDTH, size) if everything else [
        Column(LANDSCAPE_WIDTH / len(specs)) for _ in specs]
    story: list[Flowable] = []
    for u, (unit, items) in enumerate(units):
        for quarter in range(1, 5):
            months = QUARTERS[quarter - 1]
            first = CalendarMonth.of_fiscal(year, months[0]).label()
            last = CalendarMonth.of_fiscal(year, months[-1]).label()
            if story:
                story.append(PageBreak())
            if quarter == 1:
                story.append(mark(f"unit-{u}", unit, 0))
            story.append(mark(f"unit-{u}-q{quarter}", TEXTS["quarter"].format(number=quarter, first=first, last=last),
                              1))
            title = TEXTS["page_title"].format(unit=unit, number=quarter, first=first, last=last)
            chosen = quarter_items(items, quarter)
            if chosen:
                story.append(table(ts, specs, _rows(chosen, quarter), width=LANDSCAPE_WIDTH, size=size,
                                   columns=widths, header=_header(year, quarter), captions=caption_lines([title]),
                                   number_col=0, page_room=LANDSCAPE_HEIGHT, month_col=4))
            else:
                story += [heading(ts, title, size=15.0),
                          ThaiParagraph(ts, TEXTS["nothing"], TextStyle(size=BODY_SIZE + 1, leading_factor=1.4))]
            story += _deadlines(ts, calendar, quarter, LANDSCAPE_WIDTH)
    return story


def _names(calendar: PlanCalendar) -> list[str]:
    return [calendar.organisation, *calendar.units, NO_UNIT]


def write_calendar_pdf(calendar: PlanCalendar, path: Path | str, *, draft: bool,
                       options: ReportOptions | None = None, progress: ProgressCallback | None = None,
                       cancel: Callable[[], bool] | None = None) -> WrittenReport:
    """Write ``calendar`` (already filtered as asked) as its PDF to ``path``, whole or not at all.

    ``draft``: the edition is not announced yet (ร่าง marks).
    """
    options = options or ReportOptions()
    if progress is not None:
        progress(0.0, TEXTS["building"])
    ts = typesetter(options, _names(calendar))
    edition = "" if calendar.edition_key == "main" else f" ({calendar.edition_label})"
    title = TEXTS["title"].format(year=calendar.fiscal_year, edition=edition)
    story = build_story(ts, calendar)
    return write_pdf(path, story, ts, title=title, subject=TEXTS["subject"], author=calendar.organisation,
                     running_title=f"{title} {calendar.organisation}", draft=draft, options=options,
                     expected_pages=4 * max(1, len(_by_unit(calendar))), progress=progress, cancel=cancel,
                     message=TEXTS["building"], first_page="landscape")
