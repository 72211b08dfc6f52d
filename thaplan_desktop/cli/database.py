"""``thaplan db …``: the plan file's schema — ``db upgrade`` brings an older plan to this version.

Reading commands never upgrade a file; they say that ``thaplan db upgrade`` (or opening the plan in the
window) will. The upgrade makes an ``upgrade`` backup first and runs in one transaction.
"""

from __future__ import annotations

import argparse

from thaplan_desktop.cli.common import CommandError, add_db_argument

TEXTS = {
    "group": "งานของฐานข้อมูลแผน",
    "upgrade": "ปรับรุ่นฐานข้อมูลของไฟล์แผนที่สร้างด้วย ThaPlan รุ่นก่อน (สำรองไฟล์เดิมไว้ก่อน)",
    "upgraded": "ปรับรุ่นฐานข้อมูลของ {name} แล้ว (รุ่น {old} → {new}) สำรองไฟล์เดิมไว้ที่ {backup}",
    "current": "ไฟล์ {name} เป็นฐานข้อมูลรุ่นล่าสุดแล้ว (รุ่น {revision}) ไม่ต้องปรับรุ่น",
    "which": "ระบุงาน เช่น thaplan db upgrade --db ไฟล์แผน.sqlite",
}


def add_db_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan db``: one sub-subcommand per task."""
    from thaplan_desktop.cli.common import ThaiArgumentParser

    tasks = parser.add_subparsers(dest="db_task", metavar="งาน", parser_class=ThaiArgumentParser)
    upgrade = tasks.add_parser("upgrade", help=TEXTS["upgrade"], description=TEXTS["upgrade"])
    add_db_argument(upgrade)


def run_db(args: argparse.Namespace) -> int:
    """``thaplan db upgrade --db PATH``."""
    if args.db_task != "upgrade":
        raise CommandError(TEXTS["which"])
    from thaplan_desktop.db.files import head_revision, stored_revision
    from thaplan_desktop.safety import upgrade_file

    old = stored_revision(args.db)
    backup = upgrade_file(args.db)
    if backup is None:
        print(TEXTS["current"].format(name=args.db.name, revision=old))
    else:
        print(TEXTS["upgraded"].format(name=args.db.name, old=old, new=head_revision(), backup=backup))
    return 0
