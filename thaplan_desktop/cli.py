"""The ``thaplan`` command: the GUI by default, subcommands for batch work.

Subcommands never import Qt, so they run on machines with no display and start fast. Errors are one
Thai line on stderr and a non-zero exit, never a traceback (the traceback goes to the log file).
Other packages add subcommands through ``_SUBCOMMANDS`` below: each entry names a module with an
``add_arguments(parser)`` and a ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from thaplan_desktop import __version__
from thaplan_desktop.logs import setup_logging

log = logging.getLogger(__name__)

# name → (module, Thai help). Each module has add_arguments(parser) and run(args) -> int.
_SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("thaplan_desktop.cli", "สร้างไฟล์ฐานข้อมูลใหม่ที่มีแผนตัวอย่าง (อบต.ท่าสะท้อน ปีงบประมาณ 2563)"),
    "new": ("thaplan_desktop.cli", "สร้างไฟล์แผนใหม่ที่ว่างเปล่า"),
    "info": ("thaplan_desktop.cli", "แสดงข้อมูลองค์กร ฉบับของแผน และสรุปโครงการ/งบประมาณ (ผด.01)"),
    "backup": ("thaplan_desktop.backup_cli", "สำรองไฟล์ฐานข้อมูลไว้ในโฟลเดอร์สำรองของผู้ใช้ (เก็บ 20 ไฟล์ล่าสุด)"),
    "backups": ("thaplan_desktop.backup_cli", "แสดงรายการไฟล์สำรองของไฟล์ฐานข้อมูล ใหม่สุดก่อน"),
    "restore": ("thaplan_desktop.backup_cli", "กู้คืนไฟล์ฐานข้อมูลจากไฟล์สำรอง (สำรองข้อมูลปัจจุบันไว้ก่อน)"),
    "import-preview": ("thaplan_desktop.importing.cli", "แสดงโครงการที่อ่านได้จากไฟล์ Excel/ODS ของกอง (--json ให้ผลแบบ JSON)"),
    "import": ("thaplan_desktop.importing.cli", "นำเข้าโครงการจากไฟล์ Excel/ODS เข้าแผน (ทั้งหมดหรือไม่เข้าเลย)"),
    "export-xlsx": ("thaplan_desktop.importing.cli", "ส่งออกแบบ ผด.01 ผด.02 และ ผด.02/1 เป็นไฟล์ Excel"),
    "export-template": ("thaplan_desktop.importing.cli", "สร้างไฟล์ Excel แบบฟอร์มให้กองกรอกโครงการ"),
    "export-pdf": ("thaplan_desktop.exporting.pdf.cli", "ส่งออกแผนการดำเนินงานเป็นเอกสาร PDF ฉบับทางการ"),
    "status": ("thaplan_desktop.workflow.cli", "แสดงขั้นตอนการจัดทำแผนและกำหนดเวลาตามระเบียบ พร้อมจำนวนวันที่เหลือ"),
}


class CommandError(Exception):
    """A command that cannot be carried out; the message is Thai."""


class _ThaiArgumentParser(argparse.ArgumentParser):
    """An argument parser whose errors are one Thai line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        text = message
        if "the following arguments are required" in message:
            text = "ต้องระบุ " + message.split(":", 1)[1].strip()
        elif "invalid choice" in message:
            text = "ไม่รู้จักคำสั่งหรือค่าที่ระบุ: " + message
        elif "unrecognized arguments" in message:
            text = "ไม่รู้จักตัวเลือก: " + message.split(":", 1)[1].strip()
        elif "invalid int value" in message:
            text = "ต้องเป็นตัวเลข: " + message
        elif "expected one argument" in message:
            text = "ตัวเลือกนี้ต้องมีค่าตามหลัง: " + message
        sys.stderr.write(f"thaplan: {text}\n")
        raise SystemExit(2)


def chosen_subcommand(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is one, skipping the value of ``--db``)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif word in _SUBCOMMANDS:
            return word
    return None


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser of the whole command; only the ``chosen`` subcommand's module is imported.

    Every subcommand is listed with its help text, but its arguments (and its module, which may load
    ReportLab or openpyxl) are added only for the one being run, so each command starts fast.
    """
    parser = _ThaiArgumentParser(
        prog="thaplan",
        description="ThaPlan Desktop — จัดทำแผนการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น",
    )
    parser.add_argument("--version", action="version", version=f"ThaPlan Desktop {__version__}")
    parser.add_argument("--db", type=Path, help="ไฟล์ฐานข้อมูลที่จะเปิดในหน้าต่างโปรแกรม")
    parser.add_argument("--demo", action="store_true",
                        help="เปิดโปรแกรมบนแผนตัวอย่าง (สร้างไว้ในโฟลเดอร์ข้อมูลผู้ใช้ถ้ายังไม่มี)")
    sub = parser.add_subparsers(dest="command", metavar="คำสั่ง", parser_class=_ThaiArgumentParser)
    for name, (module_name, help_text) in _SUBCOMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name != chosen:
            continue
        module = sys.modules[__name__] if module_name == __name__ else importlib.import_module(module_name)
        adder = getattr(module, f"add_{name.replace('-', '_')}_arguments", None) or module.add_arguments
        adder(sub_parser)
        runner = getattr(module, f"run_{name.replace('-', '_')}", None) or module.run
        sub_parser.set_defaults(run=runner)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``thaplan`` and ``python -m thaplan_desktop``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(chosen_subcommand(argv))
    args = parser.parse_args(argv)
    try:
        setup_logging()
    except OSError:  # a read-only home must not stop batch work
        pass
    if args.command is None:
        db = args.db
        if args.demo:
            db = _demo_database()
        from thaplan_desktop.ui.app import run_gui  # Qt only here

        return run_gui(db)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        sys.stderr.write("thaplan: ยกเลิกแล้ว\n")
        return 130
    except Exception as exc:  # every failure becomes one Thai line
        return _report(exc)


def _report(exc: Exception) -> int:
    from thaplan_desktop.db.files import DatabaseError
    from thaplan_desktop.domain.fiscal import DateError
    from thaplan_desktop.domain.model import EditionNotFound
    from thaplan_desktop.domain.money import MoneyError

    known: tuple[type[Exception], ...] = (CommandError, DatabaseError, EditionNotFound, MoneyError, DateError)
    if "thaplan_desktop.workspace" in sys.modules:  # never import SQLAlchemy just to report an error
        known += (sys.modules["thaplan_desktop.workspace"].WorkspaceError,)
    if isinstance(exc, known):
        sys.stderr.write(f"thaplan: {exc}\n")
        return 1
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        sys.stderr.write(f"thaplan: อ่านหรือเขียนไฟล์ไม่ได้{where}: {exc.strerror or exc}\n")
        return 1
    log.exception("unexpected error")
    sys.stderr.write(
        f"thaplan: เกิดข้อผิดพลาดที่ไม่คาดคิด ({type(exc).__name__}: {exc}) รายละเอียดอยู่ในบันทึก {setup_logging()}\n"
    )
    return 2


def _demo_database() -> Path:
    """The demo plan in the user data folder, built on first use."""
    from thaplan_desktop.demo import build_demo
    from thaplan_desktop.paths import data_dir

    path = data_dir() / "demo.sqlite"
    if not path.exists():
        build_demo(path).close()
    return path


# --- shared arguments ---------------------------------------------------------------------------------

def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """``--db PATH``."""
    parser.add_argument("--db", type=Path, required=required, help="ไฟล์ฐานข้อมูล (.sqlite)")


def add_edition_arguments(parser: argparse.ArgumentParser) -> None:
    """``--year`` and ``--edition main|N``."""
    parser.add_argument("--year", type=int, help="ปีงบประมาณ (พ.ศ.) เช่น 2563; ไม่ระบุ = ปีล่าสุดในไฟล์")
    parser.add_argument("--edition", default="main", help="main = ฉบับหลัก หรือเลขฉบับเพิ่มเติม เช่น 1")


def prepare_new_file(path: Path, force: bool) -> None:
    """Refuse to overwrite an existing file unless ``force``; with it, remove the old file first."""
    if path.exists():
        if not force:
            raise CommandError(f"มีไฟล์ {path} อยู่แล้ว (ใช้ --force เพื่อเขียนทับ)")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_workspace(path: Path, *, for_writing: bool = True):  # type: ignore[no-untyped-def]
    """Open a database for a subcommand with the GUI's rules (lock, backups, upgrade).

    A command that writes is refused, with the Thai reason, while another copy of ThaPlan is editing
    the file; one that only reads (``for_writing=False``) goes on read-only.
    """
    from thaplan_desktop.safety import open_for_editing

    workspace = open_for_editing(path)
    if workspace.read_only and for_writing:
        workspace.close()
        raise CommandError(workspace.notice or f"ไฟล์ {path.name} เปิดแก้ไขไม่ได้ในขณะนี้")
    return workspace


# --- demo ---------------------------------------------------------------------------------------------

def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan demo``."""
    add_db_argument(parser)
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์เดิม")


def run_demo(args: argparse.Namespace) -> int:
    """``thaplan demo --db PATH [--force]``."""
    from thaplan_desktop.demo import build_demo

    prepare_new_file(args.db, args.force)
    try:
        workspace = build_demo(args.db)
    except Exception:
        prepare_new_file(args.db, force=True)  # never leave half a demo behind
        raise
    with workspace:
        edition = workspace.find_edition()
        count = len(workspace.projects(edition.id))
        org = workspace.organisation()
    print(f"สร้างแผนตัวอย่างของ{org.name} ปีงบประมาณ {edition.fiscal_year} ({count} รายการ) ที่ {args.db}")
    return 0


# --- new ----------------------------------------------------------------------------------------------

def add_new_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan new``."""
    add_db_argument(parser)
    parser.add_argument("--name", required=True, help="ชื่อเต็ม เช่น องค์การบริหารส่วนตำบลท่าสะท้อน")
    parser.add_argument("--district", required=True, help="อำเภอ")
    parser.add_argument("--province", required=True, help="จังหวัด")
    parser.add_argument("--year", type=int, required=True, help="ปีงบประมาณ (พ.ศ.) เช่น 2563")
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์เดิม")


def run_new(args: argparse.Namespace) -> int:
    """``thaplan new --db PATH --name … --district … --province … --year N``."""
    from thaplan_desktop.workspace import Workspace

    prepare_new_file(args.db, args.force)
    district = args.district.removeprefix("อำเภอ").strip()
    province = args.province.removeprefix("จังหวัด").strip()
    with Workspace.create(args.db, name=args.name, district=district, province=province,
                          fiscal_year=args.year) as workspace:
        org = workspace.organisation()
    print(f"สร้างแผนการดำเนินงานของ{org.name} ปีงบประมาณ {args.year} ที่ {args.db}")
    return 0


# --- info ---------------------------------------------------------------------------------------------

def add_info_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan info``."""
    add_db_argument(parser)
    add_edition_arguments(parser)


def run_info(args: argparse.Namespace) -> int:
    """``thaplan info``: organisation, editions, and the ผด.01 summary as text."""
    from decimal import Decimal

    from thaplan_desktop.db import queries
    from thaplan_desktop.db.files import head_revision, stored_revision
    from thaplan_desktop.domain.fiscal import format_thai_date
    from thaplan_desktop.domain.model import select_edition
    from thaplan_desktop.domain.money import format_money, format_percent
    from thaplan_desktop.domain.summary import SummaryRow
    from thaplan_desktop.exporting.form_content import summary_of

    if stored_revision(args.db) != head_revision():
        open_workspace(args.db).close()  # upgrades the schema, after a backup
    # Read-only and without SQLAlchemy: info starts fast and never writes.
    with queries.read_only(args.db) as query:
        editions = queries.load_editions(query)
        edition = select_edition(editions, args.year, args.edition)
        data = queries.load_plan_data(query, edition)
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
    header = (_pad("ยุทธศาสตร์/แผนงาน", label_width) + _rpad("โครงการ", 9) + _rpad("ร้อยละ", 9)
              + _rpad("งบประมาณ (บาท)", 18) + _rpad("ร้อยละ", 9))
    print(header)
    print("-" * _width(header))

    def line(label: str, row: SummaryRow) -> None:
        print(_pad(_clip(label, label_width - 1), label_width) + _rpad(str(row.count), 9)
              + _rpad(format_percent(row.count_percent), 9) + _rpad(format_money(row.budget), 18)
              + _rpad(format_percent(row.budget_percent), 9))

    for s_index, block in enumerate(summary.strategies, start=1):
        print(f"{s_index}. {block.strategy.name}")
        for p_index, (program, row) in enumerate(block.programs, start=1):
            line(f"   {s_index}.{p_index} {program.name}", row)
        line("   รวม", block.total)
    if summary.unfiled is not None:
        line(summary.unfiled.label, summary.unfiled)
    print("-" * _width(header))
    line("รวมทั้งสิ้น", summary.total)
    equipment = [p for p in data.projects if p.kind == "equipment"]
    if equipment:
        budget = sum((p.budget for p in equipment), Decimal(0))
        print(f"ครุภัณฑ์ (ผด.02/1): {len(equipment)} รายการ งบประมาณ {format_money(budget)} บาท")
        everything = sum((p.budget for p in data.projects), Decimal(0))
        print(f"รวมทั้งฉบับ (ผด.02 และ ผด.02/1): {len(data.projects)} รายการ งบประมาณ {format_money(everything)} บาท")
    return 0


def _width(text: str) -> int:
    """Display width of Thai text: combining vowels and tone marks take no column."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Mn" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _rpad(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


def _clip(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
