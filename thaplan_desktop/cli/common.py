"""What every ``thaplan`` subcommand shares: the Thai argument parser, ``--db``/``--year``/``--edition``,
opening a plan with the GUI's rules, the one-line Thai error report, and text columns for Thai output.

Nothing heavy is imported at module level (no SQLAlchemy, ReportLab, openpyxl, Qt or PyThaiNLP): each
command imports what it needs when it runs, so ``thaplan info`` starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from thaplan_desktop.logs import setup_logging

if TYPE_CHECKING:
    from thaplan_desktop.db.location import Location
    from thaplan_desktop.domain.model import Edition, PlanData
    from thaplan_desktop.safety import SafeWorkspace

log = logging.getLogger(__name__)


class CommandError(Exception):
    """A command that cannot be carried out; the message is Thai."""


# argparse's own words (its help headings and its error messages), in Thai: argparse looks each one up
# through the module's gettext functions ``_`` and ``ngettext`` when it uses it.
ARGPARSE_THAI = {
    "usage: ": "วิธีใช้: ",
    "positional arguments": "ค่าที่ต้องระบุ",
    "options": "ตัวเลือก",
    "subcommands": "คำสั่งย่อย",
    "show this help message and exit": "แสดงคำอธิบายนี้แล้วจบ",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "ต้องระบุ %s",
    "one of the arguments %s is required": "ต้องระบุอย่างใดอย่างหนึ่งใน %s",
    "unrecognized arguments: %s": "ไม่รู้จักตัวเลือก %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ไม่รู้จัก %(value)r (เลือกได้: %(choices)s)",
    "invalid %(type)s value: %(value)r": "ค่า %(value)r ใช้ไม่ได้",
    "expected one argument": "ต้องมีค่าตามหลังหนึ่งค่า",
    "expected at most one argument": "มีค่าตามหลังได้ไม่เกินหนึ่งค่า",
    "expected at least one argument": "ต้องมีค่าตามหลังอย่างน้อยหนึ่งค่า",
    "expected %s argument": "ต้องมีค่าตามหลัง %s ค่า",
    "expected %s arguments": "ต้องมีค่าตามหลัง %s ค่า",
    "not allowed with argument %s": "ใช้ร่วมกับ %s ไม่ได้",
    "ambiguous option: %(option)s could match %(matches)s": "ตัวเลือก %(option)s กำกวม อาจหมายถึง %(matches)s",
    "ignored explicit argument %r": "ตัวเลือกนี้ไม่รับค่า %r",
    "unexpected option string: %s": "ไม่คาดว่าจะพบตัวเลือก %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: %(message)s\n",
}


def _thai_gettext(message: str) -> str:
    return ARGPARSE_THAI.get(message, message)


def _thai_ngettext(singular: str, plural: str, n: int) -> str:
    return _thai_gettext(singular if n == 1 else plural)


argparse._ = _thai_gettext  # type: ignore[attr-defined]
argparse.ngettext = _thai_ngettext  # type: ignore[attr-defined]


class ThaiArgumentParser(argparse.ArgumentParser):
    """An argument parser that speaks Thai: its help headings and its errors (one line, exit status 2)."""

    def error(self, message: str) -> NoReturn:
        """Write argparse's (Thai) message as one line and exit with status 2."""
        sys.stderr.write(f"thaplan: {' '.join(message.split())}\n")
        raise SystemExit(2)


def fiscal_year(text: str) -> int:
    """``--year``: a Buddhist-era fiscal year (2563); a Christian-era one (2020) is taken as 2020 + 543.

    The conversion is said on stderr, so that the officer sees which year was used.
    """
    from thaplan_desktop.domain.thai import to_arabic_digits

    value = to_arabic_digits(text.strip())
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"ปีงบประมาณต้องเป็นตัวเลขปี พ.ศ. เช่น 2563 (ได้รับ “{text}”)")
    given = int(value)
    year = given + 543 if given < 2300 else given
    if not 2400 <= year <= 2800:
        raise argparse.ArgumentTypeError(f"ปีงบประมาณ {given} ใช้ไม่ได้: ต้องเป็นปี พ.ศ. เช่น 2563 (หรือ ค.ศ. เช่น 2020)")
    if year != given:
        sys.stderr.write(f"thaplan: ปี {given} เป็นปีคริสต์ศักราช ใช้ปีงบประมาณ พ.ศ. {year}\n")
    return year


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

DB_HELP = ("ไฟล์แผน (.sqlite) หรือฐานข้อมูลของสำนักงาน เช่น postgresql+psycopg://ผู้ใช้@เครื่อง/แผน"
           " (รหัสผ่านจาก PGPASSWORD, ~/.pgpass หรือพวงกุญแจของระบบ ห้ามใส่ใน URL)")


def plan_location(text: str) -> Location:
    """``--db``: a file's path, or the URL of a plan on the office's PostgreSQL server (no password in it)."""
    from thaplan_desktop.db.files import DatabaseError
    from thaplan_desktop.db.location import parse_location

    try:
        return parse_location(text)
    except DatabaseError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = True,
                    help_text: str = DB_HELP) -> None:
    """``--db PATH|URL``."""
    parser.add_argument("--db", type=plan_location, required=required, help=help_text)


def add_edition_arguments(parser: argparse.ArgumentParser, *,
                          edition_help: str = "main = ฉบับหลัก หรือเลขฉบับเพิ่มเติม เช่น 1") -> None:
    """``--year`` and ``--edition main|N``: which edition of the plan a command works on."""
    parser.add_argument("--year", type=fiscal_year,
                        help="ปีงบประมาณ (พ.ศ.) เช่น 2563 (ปี ค.ศ. เช่น 2020 ก็ได้); ไม่ระบุ = ปีล่าสุดในไฟล์")
    parser.add_argument("--edition", default="main", help=edition_help)


def parse_date_option(text: str, option: str) -> dt.date:
    """A date typed on the command line (INTERFACES.md): Buddhist-era ISO, Christian-era ISO, Thai forms.

    A Christian-era date is converted and the Buddhist-era date used is said on stderr (stdout may be JSON).
    """
    from thaplan_desktop.domain.fiscal import DateError, format_be_iso, parse_date_input

    try:
        day, christian = parse_date_input(text)
    except DateError as exc:
        raise CommandError(f"อ่านวันที่ {option} ไม่ได้: {exc}") from exc
    if christian:
        sys.stderr.write(f"thaplan: {option} {text} เป็นปี ค.ศ. ใช้วันที่ {format_be_iso(day)} (พ.ศ.)\n")
    return day


def print_json(text: str) -> None:
    """Write JSON to stdout as UTF-8 whatever the console's code page (Windows pipes are not UTF-8)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        print(text)
        return
    sys.stdout.flush()
    buffer.write((text + "\n").encode("utf-8"))
    buffer.flush()


# --- files and plans ----------------------------------------------------------------------------------

def prepare_new_file(path: Location, force: bool) -> None:
    """Refuse to overwrite an existing file unless ``force``; with it, remove the old file first.

    On a server database: with ``force``, the plan there is deleted first (a new plan is refused on a
    database that holds one, by ``Workspace.create``).
    """
    from thaplan_desktop.db.location import ServerAddress

    if isinstance(path, ServerAddress):
        if force:
            from thaplan_desktop.db.transfer import clear_server_plan

            clear_server_plan(path)
        return
    if path.exists():
        if not force:
            raise CommandError(f"มีไฟล์ {path} อยู่แล้ว (ใช้ --force เพื่อเขียนทับ)")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_workspace(path: Location) -> SafeWorkspace:
    """Open a database for a subcommand that writes, with the GUI's rules (lock, backups, upgrade).

    Refused, with the Thai reason, while another copy of ThaPlan is editing the file.
    """
    from thaplan_desktop.safety import open_for_editing

    workspace = open_for_editing(path)
    if workspace.read_only:
        workspace.close()
        raise CommandError(workspace.notice or f"ไฟล์ {path.name} เปิดแก้ไขไม่ได้ในขณะนี้")
    return workspace


def open_for_reading(path: Location) -> SafeWorkspace:
    """Open a database for a subcommand that only reads: no lock, no backup, no upgrade, nothing written."""
    from thaplan_desktop.safety import open_for_reading as open_plan

    return open_plan(path)


def read_plan(args: argparse.Namespace) -> tuple[Edition, PlanData]:
    """The edition chosen by ``--db``, ``--year`` and ``--edition``, and its whole plan, read-only."""
    with open_for_reading(args.db) as workspace:
        edition = workspace.find_edition(args.year, str(args.edition))
        return edition, workspace.plan_data(edition.id)


# --- progress and safe output -------------------------------------------------------------------------

class ProgressLine:
    """A long command's progress on one terminal line: ``progress(fraction, message)``, then ``done()``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False
        self.width = 0

    def __call__(self, fraction: float, message: str) -> None:
        line = f"{safe_text(message)} {min(max(fraction, 0.0), 1.0) * 100:3.0f}%"
        self.stream.write("\r" + pad(line, self.width))
        self.stream.flush()
        self.width = max(self.width, display_width(line))
        self.shown = True

    def done(self) -> None:
        """End the progress line (nothing when none was shown)."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


def safe_text(text: str) -> str:
    """Text fit for the terminal: control characters (ESC, BEL …) shown as symbols, never sent as such."""
    from thaplan_desktop.domain.thai import visible_controls

    return visible_controls(text)


class SafeStream:
    """stdout or stderr of a command: whatever is written, a control character reaches the terminal only as
    its symbol (tab, line feed and carriage return pass), so no name or file name can drive the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters made visible."""
        from thaplan_desktop.domain.thai import visible_controls

        return self._stream.write(visible_controls(text, returns=True))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


# --- Thai text in columns -----------------------------------------------------------------------------

def display_width(text: str) -> int:
    """Columns a text takes in a terminal: Thai vowels and tone marks above and below take none."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Mn" else 1 for c in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` filled with spaces to ``width`` columns (on the left when ``right``-aligned)."""
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap
