"""``thaplan export-procurement``: the procurement plan's annex (แผนการจัดซื้อจัดจ้าง) of an edition as a file.

Writes the rows the officer marked as procured, or that the default rule puts there (``domain.procurement``),
grouped by unit, with the e-GP plan code, the name exactly as in the plan, the budget and the expected
month of the announcement, to ``.xlsx``. ``.pdf`` says in Thai that it is not available yet. The plan is
read read-only, so it also works while the window edits the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from thaplan_desktop.cli.common import CommandError, add_db_argument, add_edition_arguments, open_for_reading

TEXTS = {
    "out_help": "ไฟล์ที่จะเขียน: .xlsx (ส่วน .pdf ยังไม่พร้อมในรุ่นนี้)",
    "pdf_later": "ยังส่งออกแผนการจัดซื้อจัดจ้างเป็น PDF ไม่ได้ในรุ่นนี้ (ใช้ไฟล์ .xlsx แทน)",
    "bad_suffix": "ส่งออกได้เป็นไฟล์ .xlsx เท่านั้น: {path}",
    "wrote": "บันทึก {path} แล้ว: แผนการจัดซื้อจัดจ้าง {rows} รายการ จาก {units} หน่วยงาน งบประมาณรวม {total} บาท",
}


def add_export_procurement_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan export-procurement``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help=TEXTS["out_help"])


def run_export_procurement(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Write the procurement plan's annex of the chosen edition."""
    out = out or sys.stdout
    suffix = args.out.suffix.lower()
    if suffix == ".pdf":
        raise CommandError(TEXTS["pdf_later"])
    if suffix != ".xlsx":
        raise CommandError(TEXTS["bad_suffix"].format(path=args.out))
    from thaplan_desktop.domain.money import format_money
    from thaplan_desktop.exporting.output import checked_target
    from thaplan_desktop.exporting.procurement import procurement_annex
    from thaplan_desktop.exporting.xlsx.procurement import export_procurement_xlsx

    checked_target(args.out)  # refused before the plan is read: never over a plan, its files or a device
    with open_for_reading(args.db) as workspace:
        edition = workspace.find_edition(args.year, str(args.edition))
        plan = workspace.plan_data(edition.id)
        choices = workspace.procurement_choices(edition.id)
    annex = procurement_annex(plan, choices)
    report = export_procurement_xlsx(annex, args.out)
    print(TEXTS["wrote"].format(path=report.path, rows=report.rows, units=report.units,
                                total=format_money(annex.total)), file=out)
    return 0
