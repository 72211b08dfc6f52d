"""What every ``thaplan`` subcommand shares: the Thai argument parser, ``--db``/``--year``/``--edition``,
opening a plan with the GUI's rules, the one-line Thai error report, and text columns for Thai output.

Nothing heavy is imported at module level (no SQLAlchemy, ReportLab, openpyxl, Qt or PyThaiNLP): each
command imports what it needs when it runs, so ``thaplan info`` starts fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from thaplan_desktop.logs import setup_logging

if TYPE_CHECKING:
    from thaplan_desktop.domain.model import Edition, PlanData
    from thaplan_desktop.safety import SafeWorkspace

log = logging.getLogger(__name__)


class CommandError(Exception):
    """A command that cannot be carried out; the message is Thai."""


class ThaiArgumentParser(argparse.ArgumentParser):
    """An argument parser whose errors are one Thai line."""

    def error(self, message: str) -> NoReturn:
        """Write the Thai form of argparse's message and exit with status 2."""
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


def report_error(exc: Exception) -> int:
    """Write a failed command's exception as one Thai line on stderr; return the exit code.

    Known failures (bad input, a foreign or damaged file, an unknown edition) exit 1 with their own
    message; an unexpected exception exits 2, and its traceback goes to the log file, never the screen.
    """
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


# --- shared arguments ---------------------------------------------------------------------------------

def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = True,
                    help_text: str = "ไฟล์ฐานข้อมูล (.sqlite)") -> None:
    """``--db PATH``."""
    parser.add_argument("--db", type=Path, required=required, help=help_text)


def add_edition_arguments(parser: argparse.ArgumentParser, *,
                          edition_help: str = "main = ฉบับหลัก หรือเลขฉบับเพิ่มเติม เช่น 1") -> None:
    """``--year`` and ``--edition main|N``: which edition of the plan a command works on."""
    parser.add_argument("--year", type=int, help="ปีงบประมาณ (พ.ศ.) เช่น 2563; ไม่ระบุ = ปีล่าสุดในไฟล์")
    parser.add_argument("--edition", default="main", help=edition_help)


# --- files and plans ----------------------------------------------------------------------------------

def prepare_new_file(path: Path, force: bool) -> None:
    """Refuse to overwrite an existing file unless ``force``; with it, remove the old file first."""
    if path.exists():
        if not force:
            raise CommandError(f"มีไฟล์ {path} อยู่แล้ว (ใช้ --force เพื่อเขียนทับ)")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_workspace(path: Path, *, for_writing: bool = True) -> SafeWorkspace:
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


def read_plan(args: argparse.Namespace) -> tuple[Edition, PlanData]:
    """The edition chosen by ``--db``, ``--year`` and ``--edition``, and its whole plan, read-only."""
    with open_workspace(args.db, for_writing=False) as workspace:
        edition = workspace.find_edition(args.year, str(args.edition))
        return edition, workspace.plan_data(edition.id)


# --- Thai text in columns -----------------------------------------------------------------------------

def display_width(text: str) -> int:
    """Columns a text takes in a terminal: Thai vowels and tone marks above and below take none."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Mn" else 1 for c in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` filled with spaces to ``width`` columns (on the left when ``right``-aligned)."""
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap
