"""``thaplan export-progress``, ``import-progress`` and ``report progress``: the plan in use from the command line.

- ``export-progress --unit กองช่าง --out p.xlsx`` writes the workbook a department fills in with its
  projects' progress (``exporting/xlsx/progress_workbook``);
- ``import-progress FILE...`` reads those workbooks back (or a foreign workbook, or the JSON of
  INTERFACES.md), prints every match and every row it could not match, and imports all of them in one
  operation after a backup — or nothing (``importing/progress``, ``importing/progress_match``);
- ``report progress --as-of DATE [--round 6m|12m|q1..q4] --json | --out r.xlsx|r.pdf`` prints the report's
  JSON or writes the report workbook or its PDF (``tracking/report``, ``exporting/xlsx/progress_report``,
  ``exporting/reports/progress``); the PDF of a recorded round with an announcement date carries its
  ประกาศ, any other is a draft (ร่าง on every page);
- ``report round --round 6m|12m|q1..q4 [--reported DATE] …`` records a round of the monitoring report and
  the dates of its procedure (``cli/rounds``).

Dates are Buddhist-era ISO (``2563-03-31``); Christian-era ISO below 2300 and the Thai forms are accepted,
and the Buddhist-era date used is said on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from thaplan_desktop.cli import rounds
from thaplan_desktop.cli.common import (
    CommandError,
    ThaiArgumentParser,
    add_db_argument,
    add_edition_arguments,
    open_workspace,
    parse_date_option,
    print_json,
    text_argument,
)
from thaplan_desktop.cli.reading import reading_plan

if TYPE_CHECKING:
    from thaplan_desktop.domain.model import Edition, PlanData
    from thaplan_desktop.domain.tracking import ReportRound, TrackingRecords
    from thaplan_desktop.tracking.report import ProgressReport

EXIT_OK = 0
ROUNDS = ("6m", "12m", "q1", "q2", "q3", "q4")
TEXTS = {
    "no_unit": "ไม่มีหน่วยงาน “{unit}” ในแผน (หน่วยงานที่มี: {known})",
    "no_projects": "หน่วยงาน “{unit}” ไม่มีโครงการใน{edition} ปีงบประมาณ {year}",
    "exported": "บันทึกแบบรายงานผลการดำเนินงานของ{unit} ({count} รายการ) ที่ {path} แล้ว",
    "unreadable": "นำเข้าไม่ได้ (ยังไม่ได้บันทึกไฟล์ใดเลย): {message}",
    "file": "ไฟล์ {name}: {rows} แถว ({kind}) ข้อมูล ณ วันที่ {as_of}{christian}",
    "ours": "แบบรายงานผลจากโปรแกรม จับคู่ด้วยรหัสอ้างอิง",
    "foreign": "จับคู่ด้วยชื่อโครงการ",
    "christian": " (ในไฟล์เป็นปี ค.ศ.)",
    "row_as_of": "ตามที่ระบุในแต่ละรายการ หรือ {date}",
    "summary": "จับคู่ได้ {matched} แถว, จับคู่ไม่ได้ {unmatched} แถว, มีปัญหา {problems} แถว",
    "refused_problems": "ไม่ได้นำเข้า: มี {count} แถวที่นำเข้าไม่ได้ (ดูเครื่องหมาย ! ด้านบน) แก้ไขไฟล์แล้วนำเข้าใหม่",
    "refused_unmatched": "ไม่ได้นำเข้า: มี {count} แถวที่จับคู่กับโครงการในแผนไม่ได้ "
                         "(แก้ชื่อให้ตรง หรือใช้ --skip-unmatched เพื่อข้ามแถวเหล่านี้)",
    "skipped": "ข้าม {count} แถวที่จับคู่ไม่ได้ (--skip-unmatched)",
    "nothing": "ไม่มีข้อมูลที่เปลี่ยนแปลง: ไม่ได้บันทึกอะไร",
    "imported": "นำเข้าแล้ว: {projects} โครงการ ({statuses} สถานะ, {payments} รายการเบิกจ่าย) ใน{edition} "
                "ปีงบประมาณ {year}{backup}",
    "backed_up": " (สำรองข้อมูลไว้ก่อนนำเข้าแล้ว)",
    "one_transaction": " (บนเซิร์ฟเวอร์: นำเข้าในครั้งเดียวทั้งหมด การสำรองฐานข้อมูลเป็นหน้าที่ของผู้ดูแลระบบ)",
    "flag": "หมายเหตุ: “{name}” {flag}",
    "as_of_needed": "กรุณาระบุ --as-of (เช่น 2563-03-31) หรือ --round",
    "out_or_json": "กรุณาระบุ --json หรือ --out ไฟล์ .xlsx หรือ .pdf",
    "bad_out": "รูปแบบไฟล์ {suffix} ไม่รองรับ: ใช้ .xlsx หรือ .pdf (หรือ --json)",
    "written_pdf": "บันทึกรายงานผลการติดตาม (PDF) ข้อมูล ณ วันที่ {as_of} ที่ {path} แล้ว: {pages} หน้า, "
                   "{count} รายการ ({seconds:.1f} วินาที)",
    "pdf_draft": "รายงานนี้ยังไม่ใช่รอบที่ประกาศผลแล้ว: ทุกหน้าพิมพ์คำว่า “ร่าง” และยังไม่มีหน้าประกาศ "
                 "(บันทึกวันที่ประกาศผลด้วย thaplan report round --announced)",
    "pdf_announced": "มีหน้าประกาศผลการติดตามและประเมินผล ลงวันที่ {date}",
    "missing": "คำเตือน: แบบอักษรไม่มีอักขระ {characters} จึงพิมพ์เป็น ?",
    "written": "บันทึกรายงานผลการติดตาม ข้อมูล ณ วันที่ {as_of} ที่ {path} แล้ว: แผ่นงาน {sheets}; {count} รายการ",
}


def _progress_data(args: argparse.Namespace) -> tuple[Edition, PlanData, TrackingRecords]:
    with reading_plan(args.db) as workspace:
        edition = workspace.find_edition(args.year, str(args.edition))
        plan, records = workspace.progress_data(edition.id)
    return edition, plan, records


# --- export-progress ------------------------------------------------------------------------------------

def add_export_progress_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan export-progress``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--unit", required=True, type=text_argument, help="หน่วยงานที่จะรายงานผล เช่น กองช่าง")
    parser.add_argument("--out", type=Path, required=True, help="ไฟล์ Excel ที่จะสร้าง เช่น กองช่าง-ผลการดำเนินงาน.xlsx")


def run_export_progress(args: argparse.Namespace) -> int:
    """Write the progress workbook of one unit's projects."""
    from thaplan_desktop.domain.thai import normalise_space
    from thaplan_desktop.exporting.output import checked_target
    from thaplan_desktop.exporting.xlsx.progress_workbook import export_progress_workbook

    unit = normalise_space(args.unit)
    checked_target(args.out)  # refused before the plan is read: never over a plan, its files or a device
    edition, plan, records = _progress_data(args)
    if not any(normalise_space(u.name) == unit for u in plan.units):
        raise CommandError(TEXTS["no_unit"].format(unit=unit, known=", ".join(u.name for u in plan.units)))
    result = export_progress_workbook(plan, records, args.out, unit, today=dt.date.today())
    if not result.projects:  # nothing was written
        raise CommandError(TEXTS["no_projects"].format(unit=unit, edition=edition.label, year=edition.fiscal_year))
    print(TEXTS["exported"].format(unit=unit, count=result.projects, path=result.path))
    return EXIT_OK


# --- import-progress ------------------------------------------------------------------------------------

def add_import_progress_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan import-progress``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--as-of", help="วันที่ที่ข้อมูลเป็นจริง เช่น 2563-03-31 เมื่อไฟล์ไม่ได้ระบุ (ไม่ระบุ = วันนี้)")
    parser.add_argument("--skip-unmatched", action="store_true",
                        help="นำเข้าแถวที่จับคู่ได้ และข้ามแถวที่จับคู่กับโครงการไม่ได้หรือกำกวม")
    parser.add_argument("files", metavar="FILE", nargs="+",
                        help="แบบรายงานผล (.xlsx .xls .ods) หรือไฟล์ JSON ผลการดำเนินงาน")


def run_import_progress(args: argparse.Namespace) -> int:
    """Read every file, show every match, then import all of them in one operation after a backup, or nothing."""
    from thaplan_desktop.domain.fiscal import format_be_iso
    from thaplan_desktop.importing.errors import ImportFailure
    from thaplan_desktop.importing.progress import read_progress_file
    from thaplan_desktop.importing.progress_match import plan_progress_import

    as_of = parse_date_option(args.as_of, "--as-of") if args.as_of else None
    today = dt.date.today()
    files = []
    for name in args.files:
        try:
            files.append(read_progress_file(name))
        except ImportFailure as failure:
            raise CommandError(TEXTS["unreadable"].format(message=failure.message)) from failure
    with open_workspace(args.db) as workspace:
        edition = workspace.find_edition(args.year, str(args.edition))
        plan, records = workspace.progress_data(edition.id)
        result = plan_progress_import(plan, records, files, as_of=as_of, today=today)
        for file in files:
            print(TEXTS["file"].format(
                name=file.file_name, rows=len(file.rows), kind=TEXTS["ours"] if file.ours else TEXTS["foreign"],
                as_of=format_be_iso(file.as_of or as_of or today),
                christian=TEXTS["christian"] if file.as_of_christian else ""))
        for line in result.preview_lines():
            print(line)
        matched = len(result.rows) - len(result.unmatched)
        print(TEXTS["summary"].format(matched=matched, unmatched=len(result.unmatched),
                                      problems=len(result.problems)))
        if result.problems:
            raise CommandError(TEXTS["refused_problems"].format(count=len(result.problems)))
        if result.unmatched:
            if not args.skip_unmatched:
                raise CommandError(TEXTS["refused_unmatched"].format(count=len(result.unmatched)))
            print(TEXTS["skipped"].format(count=len(result.unmatched)))
        batch = result.batch()
        if not batch.updates:
            print(TEXTS["nothing"])
            return EXIT_OK
        workspace.import_progress(batch, today=today)
        after = workspace.tracking_records(edition.id)
        on_server = workspace.on_server
    statuses = sum(1 for u in batch.updates if u.status is not None)
    payments = sum(len(u.disbursements) for u in batch.updates)
    print(TEXTS["imported"].format(projects=len({u.project_id for u in batch.updates}), statuses=statuses,
                                   payments=payments, edition=edition.label, year=edition.fiscal_year,
                                   backup=TEXTS["one_transaction" if on_server else "backed_up"]))
    _print_flags(plan, after, {u.project_id for u in batch.updates}, today)
    return EXIT_OK


def _print_flags(plan: PlanData, records: TrackingRecords, project_ids: set[int], today: dt.date) -> None:
    """Say which imported projects are now disbursed over their budget or contract (allowed, flagged)."""
    from thaplan_desktop.tracking import forms
    from thaplan_desktop.tracking.views import progress_rows

    for row in progress_rows(plan, records, today):
        if row.project.id not in project_ids:
            continue
        if row.over_budget:
            print(TEXTS["flag"].format(name=row.project.name, flag=forms.FLAGS["over_budget"]))
        elif row.over_contract:
            print(TEXTS["flag"].format(name=row.project.name, flag=forms.FLAGS["over_contract"]))


# --- report progress ------------------------------------------------------------------------------------

def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan report``: ``progress`` (the report), ``round`` (recording a round's dates)."""
    sub = parser.add_subparsers(dest="report", metavar="รายงาน", required=True, parser_class=ThaiArgumentParser)
    progress = sub.add_parser("progress", help="รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน",
                              description="รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน ณ วันที่กำหนด")
    add_db_argument(progress)
    add_edition_arguments(progress)
    progress.add_argument("--as-of", help="ข้อมูล ณ วันที่ เช่น 2563-03-31 (ไม่ระบุได้เมื่อระบุ --round)")
    progress.add_argument("--round", choices=ROUNDS,
                          help="รอบการรายงาน: 6m (6 เดือน) 12m (12 เดือน) หรือ q1–q4 (ไตรมาส)")
    progress.add_argument("--json", action="store_true", help="พิมพ์ผลสรุปเป็น JSON")
    progress.add_argument("--out", type=Path, help="ไฟล์รายงานที่จะสร้าง (.xlsx หรือ .pdf ตามนามสกุล)")
    progress.add_argument("--font", default="auto",
                          help="แบบอักษรของ PDF: auto, laksaman, th-sarabun หรือไฟล์ .ttf (ค่าปกติ auto)")
    round_parser = sub.add_parser(
        "round", help="บันทึกรอบการรายงานผล: วันที่รายงานต่อสภา ประกาศผล ปิดประกาศ และปลดประกาศ",
        description="บันทึกรอบการรายงานผลการติดตามและประเมินผลและวันที่ตามขั้นตอน (รายงานต่อสภาท้องถิ่น"
                    "และคณะกรรมการพัฒนาท้องถิ่น ประกาศผลภายใน 15 วัน ปิดประกาศอย่างน้อย 30 วัน)")
    rounds.add_round_arguments(round_parser)


def run_report(args: argparse.Namespace) -> int:
    """``thaplan report progress …`` or ``thaplan report round …``."""
    if args.report == "round":
        return rounds.run_round(args)
    from thaplan_desktop.domain.fiscal import format_be_iso
    from thaplan_desktop.domain.tracking import RoundKind
    from thaplan_desktop.tracking.report import build_report, report_json
    from thaplan_desktop.tracking.rounds import round_as_of

    if not args.json and args.out is None:
        raise CommandError(TEXTS["out_or_json"])
    suffix = args.out.suffix.lower() if args.out is not None else ""
    if args.out is not None and suffix not in (".xlsx", ".pdf"):
        raise CommandError(TEXTS["bad_out"].format(suffix=args.out.suffix or "(ไม่มีนามสกุล)"))
    if args.out is not None:
        from thaplan_desktop.exporting.output import checked_target

        checked_target(args.out)  # refused before the plan is read: never over a plan, its files or a device
    kind = RoundKind(args.round) if args.round else None
    if args.as_of:
        as_of = parse_date_option(args.as_of, "--as-of")
    elif kind is None:
        raise CommandError(TEXTS["as_of_needed"])
    with reading_plan(args.db) as workspace:
        edition = workspace.find_edition(args.year, str(args.edition))
        plan, records = workspace.progress_data(edition.id)
        recorded = workspace.report_rounds(edition.fiscal_year)
        if not args.as_of:
            assert kind is not None
            of_kind = [r for r in recorded if r.round is kind]
            as_of = of_kind[0].as_of if of_kind else round_as_of(kind, edition.fiscal_year)
    report = build_report(plan, records, as_of, round=kind)
    if args.json:
        print_json(json.dumps(report_json(report), ensure_ascii=False, indent=1))
    if args.out is None:
        return EXIT_OK
    if suffix == ".pdf":
        lines = _write_report_pdf(report, recorded, args.out, args.font)
    else:
        from thaplan_desktop.exporting.xlsx.progress_report import export_progress_report

        written = export_progress_report(report, args.out)
        lines = [TEXTS["written"].format(as_of=format_be_iso(as_of), path=written.path,
                                         sheets=", ".join(written.sheets), count=written.projects)]
    if args.json:  # stdout is the JSON: say it on stderr
        import sys

        sys.stderr.write("".join(line + "\n" for line in lines))
    else:
        for line in lines:
            print(line)
    return EXIT_OK


def _write_report_pdf(report: ProgressReport, recorded: list[ReportRound], out: Path, font: str) -> list[str]:
    """Write the report's PDF (its ประกาศ when it is an announced round); the lines that say what was written."""
    from thaplan_desktop.cli.exports import check_font_file
    from thaplan_desktop.domain.fiscal import format_be_iso, format_thai_date
    from thaplan_desktop.exporting.pdf import FontNotFoundError
    from thaplan_desktop.exporting.reports.document import ReportOptions
    from thaplan_desktop.exporting.reports.progress import (
        announced,
        matching_round,
        with_round,
        write_progress_pdf,
    )

    check_font_file(font)
    record = matching_round(recorded, report)
    report = with_round(report, record)
    try:
        written = write_progress_pdf(report, out, record=record, options=ReportOptions(font=font))
    except FontNotFoundError as exc:
        raise CommandError(str(exc)) from exc
    lines = [TEXTS["written_pdf"].format(as_of=format_be_iso(report.as_of), path=out, pages=written.pages,
                                         count=len(report.rows), seconds=written.seconds)]
    if record is not None and announced(report, record) and record.announced_on is not None:
        lines.append(TEXTS["pdf_announced"].format(date=format_thai_date(record.announced_on)))
    else:
        lines.append(TEXTS["pdf_draft"])
    if written.missing_characters:
        lines.append(TEXTS["missing"].format(characters=written.missing_characters))
    return lines
