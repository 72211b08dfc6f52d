"""``thaplan export-procurement``: the procurement plan's annex (แผนการจัดซื้อจัดจ้าง) of an edition as a file.

Writes the rows the officer marked as procured, or that the default rule puts there (``domain.procurement``),
grouped by unit, with the e-GP plan code, the name exactly as in the plan, the budget and the expected
month of the announcement, to ``.xlsx`` (``exporting.xlsx.procurement``) or ``.pdf``
(``exporting.reports.procurement``: ร่าง on every page until the edition is announced), chosen by the
extension. The plan is read read-only, so it also works while the window edits the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from thaplan_desktop.cli.common import CommandError, add_db_argument, add_edition_arguments
from thaplan_desktop.cli.reading import reading_plan

if TYPE_CHECKING:
    from thaplan_desktop.exporting.procurement import ProcurementAnnex

TEXTS = {
    "out_help": "ไฟล์ที่จะเขียน: .xlsx หรือ .pdf (ตามนามสกุล)",
    "font_help": "แบบอักษรของ PDF: auto, laksaman, th-sarabun หรือไฟล์ .ttf (ค่าปกติ auto)",
    "bad_suffix": "ส่งออกได้เป็นไฟล์ .xlsx หรือ .pdf เท่านั้น: {path}",
    "wrote": "บันทึก {path} แล้ว: แผนการจัดซื้อจัดจ้าง {rows} รายการ จาก {units} หน่วยงาน งบประมาณรวม {total} บาท",
    "pages": "PDF {pages} หน้า",
    "draft": "ฉบับนี้ยังไม่ได้ประกาศใช้: ทุกหน้าพิมพ์คำว่า “ร่าง”",
    "missing": "คำเตือน: แบบอักษรไม่มีอักขระ {characters} จึงพิมพ์เป็น ?",
}


def add_export_procurement_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan export-procurement``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help=TEXTS["out_help"])
    parser.add_argument("--font", default="auto", help=TEXTS["font_help"])


def run_export_procurement(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Write the procurement plan's annex of the chosen edition."""
    out = out or sys.stdout
    suffix = args.out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise CommandError(TEXTS["bad_suffix"].format(path=args.out))
    from thaplan_desktop.domain.money import format_money
    from thaplan_desktop.exporting.output import checked_target
    from thaplan_desktop.exporting.procurement import procurement_annex
    from thaplan_desktop.exporting.xlsx.procurement import export_procurement_xlsx

    checked_target(args.out)  # refused before the plan is read: never over a plan, its files or a device
    if suffix == ".pdf":
        from thaplan_desktop.cli.exports import check_font_file

        check_font_file(args.font)
    with reading_plan(args.db) as workspace:
        edition = workspace.find_edition(args.year, str(args.edition))
        plan = workspace.plan_data(edition.id)
        choices = workspace.procurement_choices(edition.id)
    annex = procurement_annex(plan, choices)
    if suffix == ".pdf":
        return _write_pdf(annex, args.out, args.font, author=plan.organisation.name,
                          draft=not plan.edition.announced, total=format_money(annex.total), out=out)
    report = export_procurement_xlsx(annex, args.out)
    print(TEXTS["wrote"].format(path=report.path, rows=report.rows, units=report.units,
                                total=format_money(annex.total)), file=out)
    return 0


def _write_pdf(annex: ProcurementAnnex, path: Path, font: str, *, author: str, draft: bool, total: str,
               out: TextIO) -> int:
    from thaplan_desktop.exporting.pdf import FontNotFoundError
    from thaplan_desktop.exporting.reports.document import ReportOptions
    from thaplan_desktop.exporting.reports.procurement import write_procurement_pdf

    try:
        written = write_procurement_pdf(annex, path, author=author, draft=draft, options=ReportOptions(font=font))
    except FontNotFoundError as exc:
        raise CommandError(str(exc)) from exc
    print(TEXTS["wrote"].format(path=path, rows=len(annex.rows), units=len(annex.groups), total=total)
          + f" ({TEXTS['pages'].format(pages=written.pages)})", file=out)
    if draft:
        print(TEXTS["draft"], file=out)
    if written.missing_characters:
        print(TEXTS["missing"].format(characters=written.missing_characters), file=out)
    return 0
