"""``thaplan db …`` and ``thaplan copy``: the plan's database — create, upgrade, rights, copy between places.

``db init`` creates the schema on an empty server database (or a new file): on PostgreSQL with the roles,
triggers and row-level security of several officers. ``db upgrade`` brings an older plan to this version
(a file after an ``upgrade`` backup; a server in one transaction). ``db grant`` gives a server's database
user its role. ``copy --from A --to B`` copies a whole plan between a file and a server, either way.
Reading commands never upgrade a plan; they say that ``thaplan db upgrade`` (or opening the file in the
window) will.
"""

from __future__ import annotations

import argparse

from thaplan_desktop.cli.common import DB_HELP, CommandError, add_db_argument, plan_location

TEXTS = {
    "group": "งานของฐานข้อมูลแผน: init สร้างโครงสร้าง, upgrade ปรับรุ่น, grant กำหนดสิทธิ์ผู้ใช้บนเซิร์ฟเวอร์",
    "init": "สร้างโครงสร้างฐานข้อมูลของ ThaPlan บนฐานข้อมูลว่างของเซิร์ฟเวอร์ PostgreSQL (หรือไฟล์ใหม่)",
    "initialised": "สร้างโครงสร้างฐานข้อมูลของ ThaPlan ที่ {where} แล้ว (รุ่น {revision})",
    "next": "ขั้นต่อไป: สร้างแผนด้วย thaplan new --db {where} … หรือย้ายแผนเดิมขึ้นมาด้วย"
            " thaplan copy --from แผน.sqlite --to {where}",
    "upgrade": "ปรับรุ่นฐานข้อมูลของแผนที่สร้างด้วย ThaPlan รุ่นก่อน (ไฟล์: สำรองไฟล์เดิมไว้ก่อน)",
    "upgraded": "ปรับรุ่นฐานข้อมูลของ {name} แล้ว (รุ่น {old} → {new}) สำรองไฟล์เดิมไว้ที่ {backup}",
    "upgraded_server": "ปรับรุ่นฐานข้อมูล {name} บนเซิร์ฟเวอร์แล้ว (รุ่น {old} → {new})",
    "current": "{name} เป็นฐานข้อมูลรุ่นล่าสุดแล้ว (รุ่น {revision}) ไม่ต้องปรับรุ่น",
    "grant": "กำหนดสิทธิ์ผู้ใช้ฐานข้อมูลบนเซิร์ฟเวอร์: planner แก้ไขได้ทั้งหมด, department แก้ไขได้เฉพาะโครงการของหน่วยงาน,"
             " reader อ่านอย่างเดียว",
    "granted": "ผู้ใช้ {user} ได้สิทธิ์ {role}{units} ในฐานข้อมูล {name} แล้ว",
    "unit_needed": "สิทธิ์ department ต้องระบุหน่วยงานอย่างน้อยหนึ่งหน่วย (--unit กองช่าง)",
    "no_unit": "ไม่มีหน่วยงาน “{unit}” ในแผน (มี: {known})",
    "server_only": "คำสั่งนี้ใช้กับฐานข้อมูลบนเซิร์ฟเวอร์เท่านั้น (--db postgresql+psycopg://…)",
    "which": "ระบุงาน เช่น thaplan db init --db postgresql+psycopg://ผู้ใช้@เครื่อง/แผน หรือ thaplan db upgrade --db แผน.sqlite",
    "copy": "คัดลอกแผนทั้งฉบับระหว่างไฟล์ .sqlite กับฐานข้อมูลบนเซิร์ฟเวอร์ (ทั้งสองทาง) รหัสและ UUID คงเดิม",
    "from": "แผนต้นทาง: ไฟล์ .sqlite หรือ postgresql+psycopg://ผู้ใช้@เครื่อง/แผน",
    "to": "ปลายทาง: ไฟล์ .sqlite (สร้างใหม่ได้) หรือฐานข้อมูลบนเซิร์ฟเวอร์ (ว่าง หรือใช้ --force)",
    "force": "แทนที่แผนที่มีอยู่ที่ปลายทางทั้งหมด",
    "copied": "คัดลอกแผนจาก {source} ไปยัง {target} แล้ว: {projects} รายการ งบประมาณรวม {budget} บาท"
              " (ตรวจนับครบทุกตาราง: {rows} แถว)",
}

ROLE_NAMES = {"planner": "สำนักปลัด/กองยุทธศาสตร์ (แก้ไขได้ทั้งหมด)", "department": "กอง (แก้ไขโครงการของหน่วยงาน)",
              "reader": "อ่านอย่างเดียว"}


def add_db_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan db``: one sub-subcommand per task."""
    from thaplan_desktop.cli.common import ThaiArgumentParser

    tasks = parser.add_subparsers(dest="db_task", metavar="งาน", parser_class=ThaiArgumentParser)
    init = tasks.add_parser("init", help=TEXTS["init"], description=TEXTS["init"])
    add_db_argument(init)
    upgrade = tasks.add_parser("upgrade", help=TEXTS["upgrade"], description=TEXTS["upgrade"])
    add_db_argument(upgrade)
    grant = tasks.add_parser("grant", help=TEXTS["grant"], description=TEXTS["grant"])
    add_db_argument(grant)
    grant.add_argument("--user", required=True, help="ชื่อผู้ใช้ฐานข้อมูล (ผู้ดูแลระบบสร้างพร้อมรหัสผ่านไว้ก่อน)")
    grant.add_argument("--role", required=True, choices=("planner", "department", "reader"), help="สิทธิ์")
    grant.add_argument("--unit", action="append", default=[], help="หน่วยงานของสิทธิ์ department (ระบุซ้ำได้)")


def run_db(args: argparse.Namespace) -> int:
    """``thaplan db init|upgrade|grant --db PATH|URL``."""
    task = {"init": _init, "upgrade": _upgrade, "grant": _grant}.get(args.db_task)
    if task is None:
        raise CommandError(TEXTS["which"])
    return task(args)


def _init(args: argparse.Namespace) -> int:
    from thaplan_desktop.db.engine import create_database
    from thaplan_desktop.db.files import head_revision
    from thaplan_desktop.db.location import ServerAddress
    from thaplan_desktop.db.server import create_server_schema

    engine = create_server_schema(args.db) if isinstance(args.db, ServerAddress) else create_database(args.db)
    engine.dispose()
    print(TEXTS["initialised"].format(where=args.db, revision=head_revision()))
    print(TEXTS["next"].format(where=args.db))
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    from thaplan_desktop.db.files import head_revision, stored_revision
    from thaplan_desktop.db.location import ServerAddress
    from thaplan_desktop.safety import upgrade_plan

    done = upgrade_plan(args.db)
    if done is None:
        from thaplan_desktop.db.server import connect_server, server_revision

        if isinstance(args.db, ServerAddress):
            engine = connect_server(args.db)
            with engine.connect() as connection:
                revision = server_revision(connection)
            engine.dispose()
        else:
            revision = stored_revision(args.db)
        print(TEXTS["current"].format(name=args.db.name, revision=revision))
    elif done[1] is None:
        print(TEXTS["upgraded_server"].format(name=args.db.name, old=done[0], new=head_revision()))
    else:
        print(TEXTS["upgraded"].format(name=args.db.name, old=done[0], new=head_revision(), backup=done[1]))
    return 0


def _grant(args: argparse.Namespace) -> int:
    from thaplan_desktop.db.location import ServerAddress
    from thaplan_desktop.db.office import grant
    from thaplan_desktop.db.server import open_server
    from thaplan_desktop.domain.thai import normalise_space

    if not isinstance(args.db, ServerAddress):
        raise CommandError(TEXTS["server_only"])
    if args.role == "department" and not args.unit:
        raise CommandError(TEXTS["unit_needed"])
    engine = open_server(args.db)
    try:
        with engine.begin() as connection:
            from sqlalchemy import text

            units = {name: unit_id for unit_id, name in connection.execute(text("SELECT id, name FROM unit"))}
            ids = []
            for unit in args.unit:
                name = normalise_space(unit)
                if name not in units:
                    raise CommandError(TEXTS["no_unit"].format(unit=name, known=", ".join(units)))
                ids.append(units[name])
            grant(connection, args.user, args.role, ids)
    finally:
        engine.dispose()
    names = f" ({', '.join(args.unit)})" if args.unit else ""
    print(TEXTS["granted"].format(user=args.user, role=ROLE_NAMES[args.role], units=names, name=args.db.name))
    return 0


# --- copy ---------------------------------------------------------------------------------------------

def add_copy_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan copy``."""
    parser.add_argument("--from", dest="source", type=plan_location, required=True,
                        help=TEXTS["from"] + f" ({DB_HELP})")
    parser.add_argument("--to", dest="target", type=plan_location, required=True, help=TEXTS["to"])
    parser.add_argument("--force", action="store_true", help=TEXTS["force"])


def run_copy(args: argparse.Namespace) -> int:
    """``thaplan copy --from A --to B [--force]``."""
    from decimal import Decimal

    from thaplan_desktop.db.transfer import copy_plan
    from thaplan_desktop.domain.money import format_money

    report = copy_plan(args.source, args.target, force=args.force)
    print(TEXTS["copied"].format(source=args.source, target=args.target, projects=report.projects,
                                 budget=format_money(Decimal(report.budget_satang) / 100, always_satang=True),
                                 rows=sum(report.counts.values())))
    return 0
