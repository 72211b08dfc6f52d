"""``thaplan export-pdf``: write an edition of the plan as the official PDF document.

``thaplan export-pdf --db PATH [--year 2563] [--edition main|N|amended-N] --out plan.pdf [--thai-digits]
[--font auto|laksaman|th-sarabun|FILE.ttf] [--no-subtotals] [--shade-months] [--announcement-first]
[--no-announcement] [--quiet]``

The lead's ``cli.py`` registers it with ``add_arguments``/``run`` (``export_pdf_command`` is the same as
``run``). Progress goes to stderr as a percentage when it is a terminal; Ctrl+C cancels and leaves no partial file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thaplan_desktop.exporting.pdf.document import ExportOptions, export_pdf
from thaplan_desktop.exporting.pdf.fonts import FontNotFoundError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``export-pdf``."""
    parser.add_argument("--db", type=Path, required=True, help="ไฟล์ฐานข้อมูลของแผน")
    parser.add_argument("--year", type=int, help="ปีงบประมาณ (พ.ศ.) เช่น 2563; ไม่ระบุ = ปีล่าสุดในไฟล์")
    parser.add_argument("--edition", default="main",
                        help="ฉบับของแผน: main (ฉบับหลัก), เลขฉบับเพิ่มเติม เช่น 1, หรือ amended-1 (แก้ไขครั้งที่ 1)")
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
                        help="ไม่พิมพ์หน้าประกาศ แม้ฉบับนี้มีวันที่ประกาศแล้ว")
    parser.add_argument("--quiet", action="store_true", help="ไม่แสดงความคืบหน้า")


def run(args: argparse.Namespace) -> int:
    """Open the database, load the edition, write the PDF; print where it went."""
    from thaplan_desktop.cli import open_workspace

    with open_workspace(args.db, for_writing=False) as workspace:
        edition = workspace.find_edition(args.year, str(args.edition))
        plan = workspace.plan_data(edition.id)
    options = ExportOptions(
        thai_digits=args.thai_digits, font=args.font, subtotals=args.subtotals,
        announcement=args.announcement, announcement_first=args.announcement_first,
        month_marks="shade" if args.shade_months else "arrows",
    )

    show = not args.quiet and sys.stderr.isatty()

    def progress(fraction: float, message: str) -> None:
        if show:
            sys.stderr.write(f"\r{message} {fraction * 100:3.0f}%")
            sys.stderr.flush()

    try:
        result = export_pdf(plan, args.out, options, progress=progress)
    except FontNotFoundError as exc:
        sys.stderr.write(f"\nthaplan: {exc}\n")
        return 1
    if show:
        sys.stderr.write("\n")
    print(f"เขียน {result.path} แล้ว: {result.pages} หน้า, {result.projects} รายการ "
          f"(แบบอักษร {result.font_family}, {result.seconds:.1f} วินาที)")
    if result.missing_characters:
        print(f"คำเตือน: แบบอักษรไม่มีอักขระ {result.missing_characters} จึงพิมพ์เป็น ?")
    return 0


export_pdf_command = run
