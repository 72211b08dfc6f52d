"""``thaplan export-pdf``, ``export-xlsx`` and ``export-template``: an edition of the plan as files.

``export-pdf`` writes the official document (progress on stderr when it is a terminal; Ctrl+C cancels and
leaves no partial file); ``export-xlsx`` the forms ผด.01, ผด.02 and ผด.02/1 as a workbook;
``export-template`` the workbook a department fills in. Each reads the plan read-only, so it also works
while the window edits the file. ReportLab and openpyxl are imported only by the command that uses them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from thaplan_desktop.cli.common import (
    CommandError,
    add_db_argument,
    add_edition_arguments,
    text_argument,
)
from thaplan_desktop.cli.reading import read_plan

EXIT_OK = 0


# --- export-pdf -----------------------------------------------------------------------------------

def add_export_pdf_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan export-pdf``."""
    add_db_argument(parser, help_text="ไฟล์ฐานข้อมูลของแผน")
    add_edition_arguments(
        parser, edition_help="ฉบับของแผน: main (ฉบับหลัก), เลขฉบับเพิ่มเติม เช่น 1, หรือ amended-1 (แก้ไขครั้งที่ 1)")
    parser.add_argument("--out", type=Path, required=True, help="ไฟล์ PDF ที่จะเขียน")
    parser.add_argument("--thai-digits", action="store_true", help="พิมพ์ตัวเลขเป็นเลขไทย (๐–๙) ทั้งเล่ม")
    parser.add_argument("--font", default="auto",
                        help="แบบอักษร: auto (TH SarabunPSK/TH Sarabun New ถ้ามีในเครื่อง ไม่เช่นนั้น Laksaman), "
                             "laksaman, th-sarabun หรือไฟล์ .ttf")
    parser.add_argument("--no-subtotals", dest="subtotals", action="store_false",
                        help="ไม่พิมพ์แถว “รวม” ท้ายแต่ละแผนงานในแบบ ผด.02 และ ผด.02/1")
    parser.add_argument("--shade-months", action="store_true",
                        help="ระบายสีช่องเดือนที่ดำเนินการแทนการเขียนลูกศร")
    parser.add_argument("--announcement-first", action="store_true",
                        help="พิมพ์หน้าประกาศต่อจากปก (ปกติอยู่ท้ายเล่ม)")
    parser.add_argument("--no-announcement", dest="announcement", action="store_false",
                        help="ไม่พิมพ์หน้าประกาศ แม้ฉบับนี้ประกาศใช้แล้ว")
    parser.add_argument("--summary-with-equipment", action="store_true",
                        help="นับครุภัณฑ์ (ผด.02/1) รวมในบัญชีสรุป ผด.01 ด้วย")
    parser.add_argument("--quiet", action="store_true", help="ไม่แสดงความคืบหน้า")


def run_export_pdf(args: argparse.Namespace) -> int:
    """Open the database, load the edition, write the PDF; print where it went."""
    from thaplan_desktop.exporting.output import checked_target
    from thaplan_desktop.exporting.pdf import ExportOptions, FontNotFoundError, export_pdf

    check_font_file(args.font)
    if args.out.parent.is_dir():
        checked_target(args.out)  # refused before the plan is read
    _edition, plan = read_plan(args)
    options = ExportOptions(
        thai_digits=args.thai_digits, font=args.font, subtotals=args.subtotals,
        announcement=args.announcement, announcement_first=args.announcement_first,
        month_marks="shade" if args.shade_months else "arrows",
        summary_includes_equipment=args.summary_with_equipment,
    )

    show = not args.quiet and sys.stderr.isatty()

    def progress(fraction: float, message: str) -> None:
        if show:
            sys.stderr.write(f"\r{message} {fraction * 100:3.0f}%")
            sys.stderr.flush()

    try:  # the engine writes through the export rules: never over the plan or a device; whole or not at all
        result = export_pdf(plan, args.out, options, progress=progress)
    except FontNotFoundError as exc:
        sys.stderr.write(f"\nthaplan: {exc}\n")
        return 1
    if show:
        sys.stderr.write("\n")
    print(f"เขียน {args.out} แล้ว: {result.pages} หน้า, {result.projects} รายการ "
          f"(แบบอักษร {result.font_family}, {result.seconds:.1f} วินาที)")
    if not plan.edition.announced:
        print("ฉบับนี้ยังไม่ได้ประกาศใช้: ทุกหน้าพิมพ์คำว่า “ร่าง” และยังไม่มีหน้าประกาศ (บันทึกด้วย thaplan announce)")
    if result.missing_characters:
        print(f"คำเตือน: แบบอักษรไม่มีอักขระ {result.missing_characters} จึงพิมพ์เป็น ?")
    return EXIT_OK


_FONT_NAMES = ("auto", "laksaman", "th-sarabun")
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf")


def check_font_file(choice: str) -> None:
    """``--font FILE``: refused, saying why, when it is a folder, cannot be read or is no TrueType font."""
    key = (choice or "auto").strip()
    if key.lower() in _FONT_NAMES:
        return
    path = Path(key).expanduser()
    if path.is_dir():
        raise CommandError(f"--font: {path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์แบบอักษร (.ttf)")
    if not path.exists():
        return  # the exporter says it is not found
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except PermissionError as exc:
        raise CommandError(f"--font: ไม่มีสิทธิ์อ่านไฟล์แบบอักษร {path}") from exc
    if head not in _FONT_MAGIC:
        raise CommandError(f"--font: {path} ไม่ใช่ไฟล์แบบอักษร TrueType (.ttf) ที่อ่านได้")
    from thaplan_desktop.exporting.pdf import register_fonts

    try:
        register_fonts(key)  # registered once: the export uses these faces
    except Exception as exc:  # ReportLab and HarfBuzz raise many kinds on a damaged font
        raise CommandError(f"--font: ไฟล์แบบอักษร {path} เสียหายหรือไม่ใช่แบบอักษรที่ใช้ได้") from exc


# --- export-xlsx ------------------------------------------------------------------------------------

def add_export_xlsx_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan export-xlsx``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="ไฟล์ Excel ที่จะสร้าง เช่น plan.xlsx")
    parser.add_argument("--marks", choices=("arrows", "fill"), default="arrows",
                        help="ทำเครื่องหมายเดือนด้วยลูกศร (arrows, ค่าเริ่มต้น) หรือแรเงาช่อง (fill)")
    parser.add_argument("--no-subtotals", action="store_true", help="ไม่ใส่แถว “รวม” ใต้แต่ละแผนงาน")
    parser.add_argument("--thai-digits", action="store_true", help="พิมพ์ตัวเลขเป็นเลขไทย (๐–๙)")


def run_export_xlsx(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Write ผด.01, ผด.02 and ผด.02/1 of an edition to an Excel workbook."""
    from thaplan_desktop.exporting.output import checked_target
    from thaplan_desktop.exporting.xlsx import XlsxOptions, export_forms

    out = out or sys.stdout
    checked_target(args.out)  # refused before the plan is read
    _edition, plan = read_plan(args)
    options = XlsxOptions(month_marks=args.marks, subtotals=not args.no_subtotals, thai_digits=args.thai_digits)
    report = export_forms(plan, args.out, options)
    print(f"บันทึก {report.path} แล้ว: แผ่นงาน {', '.join(report.sheets)}; "
          f"โครงการ {report.projects} รายการ ครุภัณฑ์ {report.equipment} รายการ", file=out)
    return EXIT_OK


# --- export-template --------------------------------------------------------------------------------

def add_export_template_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan export-template``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--unit", required=True, type=text_argument, help="หน่วยงานที่จะกรอกแบบฟอร์ม เช่น กองช่าง")
    parser.add_argument("--out", type=Path, required=True, help="ไฟล์ Excel ที่จะสร้าง เช่น กองช่าง.xlsx")
    parser.add_argument("--rows", type=int, default=60, help="จำนวนแถวที่เตรียมไว้ในแต่ละแผ่นงาน (ค่าเริ่มต้น 60)")
    parser.add_argument("--no-equipment", action="store_true", help="ไม่ใส่แผ่นงานครุภัณฑ์ (ผด.02/1)")


def run_export_template(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Write the workbook a department fills in."""
    from thaplan_desktop.domain.thai import normalise_space
    from thaplan_desktop.exporting.output import checked_target
    from thaplan_desktop.exporting.xlsx import TemplateOptions, export_template

    out = out or sys.stdout
    unit = normalise_space(args.unit)
    if not unit:
        raise CommandError("กรุณาระบุหน่วยงาน (--unit)")
    if not 1 <= args.rows <= 2000:
        raise CommandError("จำนวนแถว (--rows) ต้องอยู่ระหว่าง 1 ถึง 2000")
    checked_target(args.out)  # refused before the plan is read
    _edition, plan = read_plan(args)
    known = any(u.name == unit for u in plan.units)
    path = export_template(plan, args.out, unit, TemplateOptions(rows=args.rows, equipment=not args.no_equipment))
    print(f"บันทึกแบบฟอร์มสำหรับ{unit} ที่ {path} แล้ว", file=out)
    if not known:
        print(f"หมายเหตุ: “{unit}” ยังไม่อยู่ในรายการหน่วยงานของแผน จะถูกเพิ่มเมื่อนำเข้า", file=out)
    return EXIT_OK
