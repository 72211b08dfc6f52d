"""Command-line entry points of importing and Excel export, for the lead's ``thaplan`` argparse command.

Each command has ``add_<name>_arguments(parser)`` and ``<name>_command(args) -> int`` (the exit code):
``import-preview FILE [--json]``, ``import --db PATH FILE...``, ``export-xlsx --db PATH --out FILE`` and
``export-template --db PATH --unit NAME --out FILE``. Messages are Thai; a failure is a message and a
non-zero exit, never a traceback. Run as ``python -m thaplan_desktop.importing.cli import-preview FILE``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from thaplan_desktop.domain.fiscal import describe_months
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.importing.errors import ImportFailure
from thaplan_desktop.importing.pipeline import read_file
from thaplan_desktop.importing.staged import ImportResult, dumps_preview, failure_json_dict

EXIT_OK = 0
EXIT_FAILED = 1


# --- import-preview -------------------------------------------------------------------------------

def add_import_preview_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan import-preview``."""
    parser.add_argument("file", metavar="FILE", help="สมุดงาน .xlsx .xlsm .xls .ods หรือไฟล์ JSON ของรายการโครงการ")
    parser.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON (ok, projects, error)")


def import_preview_command(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Read one file and print what would be imported; exit 1 when the file cannot be read."""
    out = out or sys.stdout
    err = err or (out if out is not sys.stdout else sys.stderr)
    try:
        result = read_file(args.file)
    except ImportFailure as failure:
        if args.json:
            _write_utf8(dumps_preview(failure_json_dict(failure.message)), out)
        else:
            print(f"thaplan: นำเข้าไม่ได้: {failure.message}", file=err)
        return EXIT_FAILED
    if args.json:
        _write_utf8(dumps_preview(result.to_json_dict()), out)
    else:
        print(format_preview(result), file=out)
    return EXIT_OK


def _write_utf8(text: str, out: TextIO) -> None:
    """Write the JSON as UTF-8 whatever the console's code page (Windows pipes are not UTF-8)."""
    buffer = getattr(out, "buffer", None)
    if out is sys.stdout and buffer is not None:
        out.flush()
        buffer.write((text + "\n").encode("utf-8"))
        buffer.flush()
    else:
        print(text, file=out)


run_import_preview = import_preview_command


def format_preview(result: ImportResult) -> str:
    """A readable Thai table of the staged projects, the columns found and the warnings."""
    lines = [f"ไฟล์: {result.file_name}"]
    for sheet in result.sheets:
        status = {"table": "ตารางโครงการ", "summary": "แบบสรุป (ข้าม)", "no_table": "ไม่พบตาราง (ข้าม)",
                  "empty": "ว่าง (ข้าม)", "hidden": "ซ่อนอยู่ (ข้าม)"}.get(sheet.status, sheet.status)
        head = f"แผ่นงาน “{sheet.name}”: {status}"
        if sheet.header_row:
            head += f", หัวตารางแถวที่ {sheet.header_row}, {sheet.rows} รายการ"
        lines.append(head)
        if sheet.columns:
            lines.append("  คอลัมน์: " + " | ".join(sheet.columns.values()))
        if sheet.month_columns:
            letters = list(sheet.month_columns)
            lines.append(f"  เดือน: คอลัมน์ {letters[0]}–{letters[-1]}")
        lines.extend(f"  หมายเหตุ: {n}" for n in sheet.notes)
    lines.append("")
    header = ["#", "แถว", "ชนิด", "ชื่อ", "งบประมาณ", "เดือน", "หน่วยงาน", "ยุทธศาสตร์ / แผนงาน"]
    table = [header]
    for i, p in enumerate(result.projects, start=1):
        group = " / ".join(x for x in (_clip(p.equipment_type or p.strategy, 30), p.plan) if x)
        table.append([
            str(i), f"{p.source_sheet}!{p.source_row}" if p.source_sheet else str(p.source_row or ""),
            "ครุภัณฑ์" if p.kind.value == "equipment" else "โครงการ", _clip(p.name, 50),
            format_money(p.budget) if p.budget is not None else "-",
            describe_months(p.months) if p.months else "-", _clip(p.unit, 24), _clip(group, 60),
        ])
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        lines.append("  ".join(_pad(cell, widths[i], right=i in (0, 4)) for i, cell in enumerate(row)).rstrip())
    total = sum((p.budget for p in result.projects if p.budget is not None), Decimal("0.00"))
    lines.append("")
    lines.append(f"รวม {len(result.projects)} รายการ งบประมาณ {format_money(total) if result.projects else '0'} บาท")
    warnings = [(p, w) for p in result.projects for w in p.warnings]
    if warnings or result.warnings:
        lines.append("")
        lines.append("คำเตือน:")
        lines.extend(f"  {w}" for w in result.warnings)
        lines.extend(f"  แผ่นงาน “{p.source_sheet}” แถวที่ {p.source_row} ({_clip(p.name, 40)}): {w}"
                     for p, w in warnings)
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


_COMBINING = {chr(c) for c in range(0x0E31, 0x0E3B) if c not in (0x0E32, 0x0E33)} | {
    chr(c) for c in range(0x0E47, 0x0E4F)}


def _width(text: str) -> int:
    """Display width in a terminal: Thai vowels and tone marks above and below take no column."""
    return sum(0 if ch in _COMBINING else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


# --- import ---------------------------------------------------------------------------------------

def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan import``."""
    from thaplan_desktop.cli import add_db_argument, add_edition_arguments

    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("files", metavar="FILE", nargs="+",
                        help="สมุดงานของหน่วยงาน (.xlsx .xlsm .xls .ods) หรือไฟล์ JSON ของรายการโครงการ")
    parser.add_argument("--no-create", action="store_true",
                        help="ไม่สร้างยุทธศาสตร์ แผนงาน หน่วยงาน หรือประเภทครุภัณฑ์ใหม่ (ถ้าขาด ให้ยกเลิกการนำเข้า)")
    parser.add_argument("--duplicates", choices=("skip", "replace", "keep"), default="skip",
                        help="รายการที่ซ้ำกับโครงการเดิม (ชื่อ หน่วยงาน งบประมาณเดียวกัน): "
                             "skip = ข้าม (ค่าเริ่มต้น), replace = แทนที่, keep = เก็บทั้งสอง")


def import_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Read every file, then import all of them into the edition in one operation, or nothing."""
    from thaplan_desktop.cli import CommandError, open_workspace
    from thaplan_desktop.importing.apply import Duplicates, ImportOptions, apply_import, prepare_import

    out = out or sys.stdout
    results = []
    for file in args.files:
        try:
            results.append(read_file(file))
        except ImportFailure as failure:
            raise CommandError(f"นำเข้าไม่ได้ (ยังไม่ได้บันทึกไฟล์ใดเลย): {failure.message}") from failure
    options = ImportOptions(duplicates=Duplicates(args.duplicates), create_missing=not args.no_create)
    with open_workspace(args.db) as workspace:
        edition = workspace.find_edition(args.year, args.edition)
        plan = prepare_import(workspace, edition.id, results, options)
        summary = apply_import(workspace, plan)
    for result in results:
        print(f"อ่าน {result.file_name}: {len(result.projects)} รายการ", file=out)
        for warning in result.warnings:
            print(f"  หมายเหตุ: {warning}", file=out)
    for label, items in (("สร้างยุทธศาสตร์ใหม่", summary.created_strategies),
                         ("สร้างแผนงานใหม่", [f"{p} (ใน{s})" for s, p in summary.created_programs]),
                         ("เพิ่มหน่วยงานใหม่", summary.created_units),
                         ("เพิ่มประเภทครุภัณฑ์ใหม่", summary.created_equipment_types)):
        for item in items:
            print(f"{label}: {item}", file=out)
    for row in plan.duplicates:
        verb = {"skip": "ข้ามรายการซ้ำ", "replace": "แทนที่รายการเดิม", "add": "เก็บรายการซ้ำไว้ทั้งสอง"}[row.action]
        print(f"{verb}: {row.staged.name} ({row.where})", file=out)
    for row in plan.rows:
        for note in row.notes:
            print(f"หมายเหตุ: {row.where}: {note}", file=out)
    total = summary.added + summary.replaced
    print(f"นำเข้าแล้ว {total} รายการ (เพิ่ม {summary.added}, แทนที่ {summary.replaced}, ข้าม {summary.skipped}) "
          f"ใน{edition.label} ปีงบประมาณ {edition.fiscal_year}", file=out)
    return EXIT_OK


run_import = import_command


# --- export-xlsx ------------------------------------------------------------------------------------

def add_export_xlsx_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan export-xlsx``."""
    from thaplan_desktop.cli import add_db_argument, add_edition_arguments

    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="ไฟล์ Excel ที่จะสร้าง เช่น plan.xlsx")
    parser.add_argument("--marks", choices=("arrows", "fill"), default="arrows",
                        help="ทำเครื่องหมายเดือนด้วยลูกศร (arrows, ค่าเริ่มต้น) หรือแรเงาช่อง (fill)")
    parser.add_argument("--no-subtotals", action="store_true", help="ไม่ใส่แถว “รวม” ใต้แต่ละแผนงาน")
    parser.add_argument("--thai-digits", action="store_true", help="พิมพ์ตัวเลขเป็นเลขไทย (๐–๙)")


def export_xlsx_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Write ผด.01, ผด.02 and ผด.02/1 of an edition to an Excel workbook."""
    from thaplan_desktop.cli import open_workspace
    from thaplan_desktop.exporting.xlsx import XlsxOptions, export_forms

    out = out or sys.stdout
    with open_workspace(args.db, for_writing=False) as workspace:
        edition = workspace.find_edition(args.year, args.edition)
        plan = workspace.plan_data(edition.id)
    options = XlsxOptions(month_marks=args.marks, subtotals=not args.no_subtotals, thai_digits=args.thai_digits)
    report = export_forms(plan, args.out, options)
    print(f"บันทึก {report.path} แล้ว: แผ่นงาน {', '.join(report.sheets)}; "
          f"โครงการ {report.projects} รายการ ครุภัณฑ์ {report.equipment} รายการ", file=out)
    return EXIT_OK


run_export_xlsx = export_xlsx_command


# --- export-template --------------------------------------------------------------------------------

def add_export_template_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan export-template``."""
    from thaplan_desktop.cli import add_db_argument, add_edition_arguments

    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--unit", required=True, help="หน่วยงานที่จะกรอกแบบฟอร์ม เช่น กองช่าง")
    parser.add_argument("--out", type=Path, required=True, help="ไฟล์ Excel ที่จะสร้าง เช่น กองช่าง.xlsx")
    parser.add_argument("--rows", type=int, default=60, help="จำนวนแถวที่เตรียมไว้ในแต่ละแผ่นงาน (ค่าเริ่มต้น 60)")
    parser.add_argument("--no-equipment", action="store_true", help="ไม่ใส่แผ่นงานครุภัณฑ์ (ผด.02/1)")


def export_template_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Write the workbook a department fills in."""
    from thaplan_desktop.cli import CommandError, open_workspace
    from thaplan_desktop.domain.thai import normalise_space
    from thaplan_desktop.exporting.xlsx import TemplateOptions, export_template

    out = out or sys.stdout
    unit = normalise_space(args.unit)
    if not unit:
        raise CommandError("กรุณาระบุหน่วยงาน (--unit)")
    if not 1 <= args.rows <= 2000:
        raise CommandError("จำนวนแถว (--rows) ต้องอยู่ระหว่าง 1 ถึง 2000")
    with open_workspace(args.db, for_writing=False) as workspace:
        edition = workspace.find_edition(args.year, args.edition)
        plan = workspace.plan_data(edition.id)
    known = any(u.name == unit for u in plan.units)
    path = export_template(plan, args.out, unit, TemplateOptions(rows=args.rows, equipment=not args.no_equipment))
    print(f"บันทึกแบบฟอร์มสำหรับ{unit} ที่ {path} แล้ว", file=out)
    if not known:
        print(f"หมายเหตุ: “{unit}” ยังไม่อยู่ในรายการหน่วยงานของแผน จะถูกเพิ่มเมื่อนำเข้า", file=out)
    return EXIT_OK


run_export_template = export_template_command


# --- running this module directly -----------------------------------------------------------------

# name, Thai help, add-arguments function, command function: what ``thaplan`` wires as subcommands.
COMMANDS = (
    ("import-preview", "แสดงรายการที่จะนำเข้าจากไฟล์ของหน่วยงาน โดยไม่บันทึก", add_import_preview_arguments,
     import_preview_command),
    ("import", "นำเข้าโครงการจากไฟล์ของหน่วยงานเข้าแผน (ทั้งหมดหรือไม่มีเลย)", add_import_arguments, import_command),
    ("export-xlsx", "ส่งออกแบบ ผด.01 ผด.02 และ ผด.02/1 เป็นไฟล์ Excel", add_export_xlsx_arguments,
     export_xlsx_command),
    ("export-template", "สร้างแบบฟอร์ม Excel ให้หน่วยงานกรอกโครงการ", add_export_template_arguments,
     export_template_command),
)


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser with this module's subcommands (the lead's ``thaplan`` wires the same)."""
    parser = argparse.ArgumentParser(prog="python -m thaplan_desktop.importing.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text, adder, runner in COMMANDS:
        command = sub.add_parser(name, help=help_text, description=help_text)
        adder(command)
        command.set_defaults(func=runner)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the chosen command (errors as one Thai line, as ``thaplan`` does)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except Exception as exc:  # the same one-line Thai report as the main command
        from thaplan_desktop.cli import _report

        return _report(exc)


if __name__ == "__main__":
    sys.exit(main())
