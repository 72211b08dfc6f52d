"""``thaplan calendar``: the plan as a working calendar — one month on screen or as JSON, or an .ics file.

``--month 2563-03`` prints what starts, runs and ends that month, by unit, and the deadlines that fall in
it; with ``--json`` it prints the JSON of INTERFACES.md instead. ``--ics FILE`` writes the whole year for
a calendar program. ``--unit`` and ``--strategy`` narrow either. Without ``--year`` the month's own fiscal
year is used (``--month 2562-11`` → 2563); with neither, the latest year in the file. ``--pdf FILE`` writes
the printed calendar: per unit, a page per quarter (``exporting.reports.work_calendar``; ร่าง on every page
until the edition is announced). The plan is read read-only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from thaplan_desktop.cli.common import CommandError, add_db_argument, add_edition_arguments, open_for_reading

if TYPE_CHECKING:
    from thaplan_desktop.calendar.model import MonthView, PlanCalendar

TEXTS = {
    "month_help": "เดือนที่จะแสดง เช่น 2563-03 หรือ มี.ค. 2563",
    "json_help": "พิมพ์ผลเป็น JSON (ใช้กับ --month)",
    "ics_help": "เขียนปฏิทินทั้งปีเป็นไฟล์ .ics สำหรับโปรแกรมปฏิทิน",
    "pdf_help": "เขียนปฏิทินการทำงานสำหรับพิมพ์เป็นไฟล์ .pdf: แต่ละหน่วยงาน ไตรมาสละหน้า",
    "font_help": "แบบอักษรของ PDF: auto, laksaman, th-sarabun หรือไฟล์ .ttf (ค่าปกติ auto)",
    "unit_help": "แสดงเฉพาะหน่วยงานนี้ เช่น กองช่าง",
    "strategy_help": "แสดงเฉพาะยุทธศาสตร์นี้ (เลขหรือชื่อ) เช่น 1",
    "pdf_suffix": "--pdf ต้องเป็นไฟล์ .pdf: {path}",
    "wrote_pdf": "เขียน {path} แล้ว: ปฏิทินการทำงาน {units} หน่วยงาน {projects} รายการ ({pages} หน้า)",
    "draft": "ฉบับนี้ยังไม่ได้ประกาศใช้: ทุกหน้าพิมพ์คำว่า “ร่าง”",
    "json_needs_month": "--json ใช้คู่กับ --month เท่านั้น",
    "one_of": "ต้องระบุอย่างใดอย่างหนึ่ง: --month เดือน, --ics ไฟล์ หรือ --pdf ไฟล์",
    "heading": "ปฏิทินการทำงาน {month} — {organisation} ปีงบประมาณ {year} {edition}{scope}",
    "scope_unit": " — {unit}",
    "outside": "(เดือนนี้ไม่อยู่ในปีงบประมาณ {year}: แสดงเฉพาะกำหนดเวลา)",
    "nothing": "ไม่มีโครงการที่ดำเนินการในเดือนนี้",
    "unit": "{unit}: ดำเนินการ {running} รายการ",
    "starting": "  เริ่ม: {name}",
    "continuing": "  ต่อเนื่อง: {name}",
    "ending": "  สิ้นสุด: {name}",
    "single": "  เริ่มและสิ้นสุดในเดือนนี้: {name}",
    "deadlines": "กำหนดเวลา",
    "deadline": "- {date}: {what}{done}",
    "done": " (ดำเนินการแล้ว)",
    "wrote_ics": "เขียน {path} แล้ว: กิจกรรมตามแผน {projects} รายการ กำหนดเวลา {deadlines} รายการ",
}


def add_calendar_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan calendar``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    # One of the three, checked in run_calendar so that the refusal is Thai like every other.
    parser.add_argument("--month", help=TEXTS["month_help"])
    parser.add_argument("--ics", type=Path, metavar="FILE", help=TEXTS["ics_help"])
    parser.add_argument("--pdf", type=Path, metavar="FILE", help=TEXTS["pdf_help"])
    parser.add_argument("--json", action="store_true", help=TEXTS["json_help"])
    parser.add_argument("--font", default="auto", help=TEXTS["font_help"])
    parser.add_argument("--unit", help=TEXTS["unit_help"])
    parser.add_argument("--strategy", help=TEXTS["strategy_help"])


def run_calendar(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thaplan calendar --db PLAN [--year] [--edition] [--unit U] [--strategy S] --month M [--json] | --ics F``."""
    from thaplan_desktop.calendar.load import load_calendar
    from thaplan_desktop.calendar.model import CalendarError, CalendarFilter, resolve_strategy
    from thaplan_desktop.calendar.months import parse_month

    out = out or sys.stdout
    if sum(value is not None for value in (args.month, args.ics, args.pdf)) != 1:
        raise CommandError(TEXTS["one_of"])
    if args.json and args.month is None:
        raise CommandError(TEXTS["json_needs_month"])
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise CommandError(TEXTS["pdf_suffix"].format(path=args.pdf))
    for target in (args.ics, args.pdf):
        if target is not None:
            from thaplan_desktop.exporting.output import checked_target

            checked_target(target)  # refused before the plan is read: never over a plan, its files or a device
    if args.pdf is not None:
        from thaplan_desktop.cli.exports import check_font_file

        check_font_file(args.font)
    month = None
    if args.month is not None:
        month, note = parse_month(args.month)
        if note:
            sys.stderr.write(f"thaplan: {note}\n")
    year = args.year if args.year is not None or month is None else month.fiscal_year
    with open_for_reading(args.db) as workspace:
        edition = workspace.find_edition(year, str(args.edition))
        try:
            strategy_id = resolve_strategy(workspace.strategies(), args.strategy) if args.strategy else None
            calendar = load_calendar(workspace, edition.id, filter=CalendarFilter(args.unit, strategy_id))
        except CalendarError as exc:
            raise CommandError(str(exc)) from exc
    if args.pdf is not None:
        return _write_pdf(calendar, args.pdf, args.font, draft=not edition.announced, out=out)
    if month is None:
        from thaplan_desktop.exporting.ics import export_ics

        result = export_ics(calendar, args.ics)
        print(TEXTS["wrote_ics"].format(path=result.path, projects=result.project_events,
                                        deadlines=result.deadline_events), file=out)
        return 0
    view = calendar.month(month)
    if args.json:
        from thaplan_desktop.calendar.contract import month_json

        print(json.dumps(month_json(view), ensure_ascii=False, indent=2), file=out)
        return 0
    heading = TEXTS["heading"].format(
        month=month.label(), organisation=calendar.organisation, year=calendar.fiscal_year,
        edition=calendar.edition_label, scope=TEXTS["scope_unit"].format(unit=args.unit) if args.unit else "")
    print(heading, file=out)
    _print_month(view, calendar.fiscal_year, out)
    return 0


def _write_pdf(calendar: PlanCalendar, path: Path, font: str, *, draft: bool, out: TextIO) -> int:
    from thaplan_desktop.exporting.pdf import FontNotFoundError
    from thaplan_desktop.exporting.reports.document import ReportOptions
    from thaplan_desktop.exporting.reports.work_calendar import write_calendar_pdf

    try:
        written = write_calendar_pdf(calendar, path, draft=draft, options=ReportOptions(font=font))
    except FontNotFoundError as exc:
        raise CommandError(str(exc)) from exc
    printed = [item for item in calendar.items if item.months]  # a row without months has nothing to print
    print(TEXTS["wrote_pdf"].format(path=path, units=len({item.unit for item in printed}), projects=len(printed),
                                    pages=written.pages), file=out)
    if draft:
        print(TEXTS["draft"], file=out)
    return 0


def _print_month(view: MonthView, fiscal_year: int, out: TextIO) -> None:
    from thaplan_desktop.domain.fiscal import format_thai_date

    if not view.in_year:
        print(TEXTS["outside"].format(year=fiscal_year), file=out)
    elif not view.running:
        print(TEXTS["nothing"], file=out)
    for unit in view.by_unit():
        print(TEXTS["unit"].format(unit=unit.unit, running=len(unit.running)), file=out)
        starting = {i.project_id for i in unit.starting}
        ending = {i.project_id for i in unit.ending}
        for item in unit.running:
            if item.project_id in starting and item.project_id in ending:
                key = "single"
            elif item.project_id in starting:
                key = "starting"
            elif item.project_id in ending:
                key = "ending"
            else:
                key = "continuing"
            print(TEXTS[key].format(name=item.name), file=out)
    if view.deadlines:
        print(TEXTS["deadlines"], file=out)
        for deadline in view.deadlines:
            print(TEXTS["deadline"].format(date=format_thai_date(deadline.day), what=deadline.what,
                                           done=TEXTS["done"] if deadline.done else ""), file=out)
