"""``thaplan demo``, ``thaplan new`` and ``thaplan info``: make a plan file, and read one's summary.

``info`` reads without SQLAlchemy (``db.queries``) and imports nothing heavy, so it starts fast; it prints
the organisation, the editions in the file and the ผด.01 summary (the same figures as the printed form).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from thaplan_desktop.cli.common import (
    CommandError,
    add_db_argument,
    add_edition_arguments,
    display_width,
    fiscal_year,
    new_plan_file,
    pad,
    parse_date_option,
    text_argument,
)
from thaplan_desktop.cli.reading import reading_plan

if TYPE_CHECKING:
    from thaplan_desktop.domain.summary import SummaryRow


# --- demo ---------------------------------------------------------------------------------------------

def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan demo``."""
    add_db_argument(parser)
    parser.add_argument("--year", type=int, help="ปีงบประมาณ (พ.ศ.) ของแผนตัวอย่าง; ไม่ระบุ = ปีงบประมาณของวันนี้")
    parser.add_argument("--today", help="สร้างข้อมูลการติดตามถึงวันที่นี้ เช่น 2563-05-15 (ไม่ระบุ = วันนี้)")
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์เดิม")


def run_demo(args: argparse.Namespace) -> int:
    """``thaplan demo --db PATH [--year N] [--today DATE] [--force]``."""
    import datetime as dt

    from thaplan_desktop.demo import build_demo
    from thaplan_desktop.domain.fiscal import format_thai_date

    today = parse_date_option(args.today, "--today") if args.today else dt.date.today()
    if args.year is not None and not 2400 <= args.year <= 2700:
        raise CommandError(f"ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น 2563 (ได้รับ {args.year})")
    with new_plan_file(args.db, args.force) as saved, \
            build_demo(args.db, fiscal_year=args.year, today=today) as workspace:
        org = workspace.organisation()
        editions = [(e, len(workspace.projects(e.id))) for e in workspace.editions()]
    year = editions[0][0].fiscal_year
    print(f"สร้างแผนตัวอย่างของ{org.name} ปีงบประมาณ {year} ที่ {args.db} "
          f"(ข้อมูลการติดตามถึงวันที่ {format_thai_date(today)})")
    for edition, count in editions:
        state = "ประกาศใช้แล้ว" if edition.status == "announced" else "ร่าง อยู่ระหว่างจัดทำ"
        print(f"  {edition.label}: {count} รายการ ({state})")
    _said_saved(saved)
    return 0


def _said_saved(saved: Path | None) -> None:
    if saved is not None:
        print(f"ไฟล์เดิมถูกสำรองไว้ก่อนเขียนทับที่ {saved} (กู้คืนได้ด้วย thaplan restore)")


# --- new ----------------------------------------------------------------------------------------------

def add_new_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan new``."""
    add_db_argument(parser)
    parser.add_argument("--name", required=True, type=text_argument,
                        help="ชื่อเต็ม เช่น องค์การบริหารส่วนตำบลท่าสะท้อน")
    parser.add_argument("--district", required=True, type=text_argument, help="อำเภอ")
    parser.add_argument("--province", required=True, type=text_argument, help="จังหวัด")
    parser.add_argument("--year", type=fiscal_year, required=True,
                        help="ปีงบประมาณ (พ.ศ.) เช่น 2563 (ปี ค.ศ. เช่น 2020 ก็ได้)")
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์เดิม")


def run_new(args: argparse.Namespace) -> int:
    """``thaplan new --db PATH --name … --district … --province … --year N``."""
    from thaplan_desktop.workspace import Workspace

    district = args.district.removeprefix("อำเภอ").strip()
    province = args.province.removeprefix("จังหวัด").strip()
    with new_plan_file(args.db, args.force) as saved, \
            Workspace.create(args.db, name=args.name, district=district, province=province,
                             fiscal_year=args.year) as workspace:
        org = workspace.organisation()
    print(f"สร้างแผนการดำเนินงานของ{org.name} ปีงบประมาณ {args.year} ที่ {args.db}")
    _said_saved(saved)
    return 0


# --- info ---------------------------------------------------------------------------------------------

def add_info_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan info``."""
    add_db_argument(parser)
    add_edition_arguments(parser)


def run_info(args: argparse.Namespace) -> int:
    """``thaplan info``: organisation, editions, and the ผด.01 summary as text."""
    from decimal import Decimal

    from thaplan_desktop.domain.fiscal import format_thai_date
    from thaplan_desktop.domain.money import format_money, format_percent
    from thaplan_desktop.exporting.form_content import summary_of

    with reading_plan(args.db) as plan:
        editions = plan.editions()
        edition = plan.find_edition(args.year, str(args.edition))
        data = plan.plan_data(edition.id)
    org = data.organisation

    print(f"{org.name} อำเภอ{org.district} จังหวัด{org.province}")
    print("ฉบับของแผนในไฟล์:")
    for e in editions:
        status = "ประกาศใช้แล้ว" if e.status == "announced" else "ร่าง"
        trigger = f", นับจาก {format_thai_date(e.trigger_date)}" if e.trigger_date else ""
        mark = "*" if e.id == edition.id else " "
        print(f" {mark} ปีงบประมาณ {e.fiscal_year} {e.label} ({status}{trigger})")
    title = f"แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {edition.fiscal_year}"
    if edition.label != "ฉบับหลัก":
        title += f" ({edition.label})"
    print()
    print(f"บัญชีสรุปจำนวนโครงการและงบประมาณ (ผด.01) — {title}")
    summary = summary_of(data)  # the same figures as the printed ผด.01: projects of ผด.02

    label_width = 58
    header = (pad("ยุทธศาสตร์/แผนงาน", label_width) + _rpad("โครงการ", 9) + _rpad("ร้อยละ", 9)
              + _rpad("งบประมาณ (บาท)", 18) + _rpad("ร้อยละ", 9))
    print(header)
    print("-" * display_width(header))

    def line(label: str, row: SummaryRow) -> None:
        print(pad(_clip(label, label_width - 1), label_width) + _rpad(str(row.count), 9)
              + _rpad(format_percent(row.count_percent), 9) + _rpad(format_money(row.budget), 18)
              + _rpad(format_percent(row.budget_percent), 9))

    for s_index, block in enumerate(summary.strategies, start=1):
        print(f"{s_index}. {block.strategy.name}")
        for p_index, (program, row) in enumerate(block.programs, start=1):
            line(f"   {s_index}.{p_index} {program.name}", row)
        line("   รวม", block.total)
    if summary.unfiled is not None:
        line(summary.unfiled.label, summary.unfiled)
    print("-" * display_width(header))
    line("รวมทั้งสิ้น", summary.total)
    equipment = [p for p in data.projects if p.kind == "equipment"]
    if equipment:
        budget = sum((p.budget for p in equipment), Decimal(0))
        print(f"ครุภัณฑ์ (ผด.02/1): {len(equipment)} รายการ งบประมาณ {format_money(budget)} บาท")
        everything = sum((p.budget for p in data.projects), Decimal(0))
        print(f"รวมทั้งฉบับ (ผด.02 และ ผด.02/1): {len(data.projects)} รายการ งบประมาณ {format_money(everything)} บาท")
    return 0


def _rpad(text: str, width: int) -> str:
    return pad(text, width, right=True)


def _clip(text: str, width: int) -> str:
    """``text`` shortened with “…” to at most ``width`` columns."""
    while display_width(text) > width:
        text = text[:-2] + "…"
    return text
