"""What every ``thaplan`` subcommand shares: the Thai argument parser, ``--db``/``--year``/``--edition``,
opening a plan with the GUI's rules, the one-line Thai error report, and text columns for Thai output.

Nothing heavy is imported at module level (no SQLAlchemy, ReportLab, openpyxl, Qt or PyThaiNLP): each
command imports what it needs when it runs, so ``thaplan info`` starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import logging
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from thaplan_desktop.logs import setup_logging

if TYPE_CHECKING:
    from thaplan_desktop.db.location import Location, ServerAddress
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


def text_argument(text: str) -> str:
    """A text argument (a name, a unit): refused when it holds control characters (ESC, NUL, a line break …)
    or bytes that are no UTF-8 — such text would end up in the plan and in every document made from it."""
    from thaplan_desktop.domain.thai import has_controls, visible_controls

    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise argparse.ArgumentTypeError("มีตัวอักษรที่อ่านไม่ได้ (ไม่ใช่ UTF-8) กรุณาพิมพ์ใหม่")
    if has_controls(text, multiline=False):
        raise argparse.ArgumentTypeError(f"มีอักขระควบคุมซึ่งใช้ในชื่อไม่ได้: “{visible_controls(text)}”")
    return text


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
    if "thaplan_desktop.exporting.output" in sys.modules:
        known += (sys.modules["thaplan_desktop.exporting.output"].OutputRefused,)
    if isinstance(exc, known):
        sys.stderr.write(f"thaplan: {exc}\n")
        return 1
    explained = explain_failure(exc)
    if explained is not None:
        log.info("command failed: %s", explained, exc_info=exc)
        sys.stderr.write(f"thaplan: {explained}\n")
        return 1
    log.exception("unexpected error")
    try:
        where = f" รายละเอียดอยู่ในบันทึก {setup_logging()}"
    except OSError:
        where = " (บันทึกรายละเอียดไม่ได้: โฟลเดอร์ข้อมูลของโปรแกรมเขียนไม่ได้)"
    sys.stderr.write(f"thaplan: เกิดข้อผิดพลาดที่ไม่คาดคิด ({type(exc).__name__}){where}\n")
    return 2


_OS_ERRORS = {
    errno.ENOSPC: "พื้นที่ดิสก์เต็ม",
    getattr(errno, "EDQUOT", -1): "เกินโควตาพื้นที่ดิสก์ของผู้ใช้",
    errno.EROFS: "อยู่บนสื่อหรือโฟลเดอร์ที่อ่านได้อย่างเดียว (เช่น แผ่นซีดีหรือโฟลเดอร์ที่ใช้ร่วมแบบอ่านอย่างเดียว)",
    errno.EACCES: "ไม่มีสิทธิ์เข้าถึง",
    errno.EPERM: "ไม่มีสิทธิ์เข้าถึง",
    errno.ENOENT: "ไม่พบไฟล์หรือโฟลเดอร์",
    errno.EISDIR: "เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
    errno.ENOTDIR: "ส่วนหนึ่งของเส้นทางไม่ใช่โฟลเดอร์",
    errno.ENAMETOOLONG: "ชื่อไฟล์ยาวเกินไป",
    errno.EIO: "อ่านหรือเขียนดิสก์ไม่สำเร็จ (ดิสก์อาจมีปัญหา)",
}


def explain_failure(exc: BaseException) -> str | None:
    """A Thai line for a failure of the files or the disk (an OSError, or SQLite's own error under
    SQLAlchemy's), saying what is wrong: disk full, read-only, no permission, damaged …; None for others."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError):
            what = _OS_ERRORS.get(cause.errno or 0)
            where = f" ({cause.filename})" if cause.filename else ""
            if what is not None:
                saved = " — ข้อมูลในแผนยังเหมือนเดิม" if cause.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) else ""
                return f"อ่านหรือเขียนไฟล์ไม่ได้{where}: {what}{saved}"
            return f"อ่านหรือเขียนไฟล์ไม่ได้{where}: {cause.strerror or type(cause).__name__}"
        text = str(cause).lower() if type(cause).__module__ == "sqlite3" else ""
        if text:
            if "disk is full" in text:
                return "พื้นที่ดิสก์เต็ม บันทึกไม่สำเร็จ — ข้อมูลในแผนยังเหมือนเดิม กรุณาเพิ่มพื้นที่ว่างแล้วลองอีกครั้ง"
            if "readonly" in text or "read-only" in text:
                return "ไฟล์แผนหรือโฟลเดอร์ของไฟล์เขียนไม่ได้ (อ่านอย่างเดียว) จึงบันทึกไม่ได้"
            if "unable to open" in text:
                return "เปิดไฟล์ฐานข้อมูลไม่ได้: ไม่มีสิทธิ์ หรือโฟลเดอร์ของไฟล์เขียนไม่ได้"
            if "malformed" in text or "not a database" in text or "corrupt" in text:
                return ("ไฟล์ฐานข้อมูลเสียหาย — กู้คืนจากไฟล์สำรองได้ด้วยคำสั่ง thaplan backups"
                        " หรือเมนู ไฟล์ → สำรอง/กู้คืนข้อมูล")
            if "disk i/o" in text:
                return "อ่านหรือเขียนดิสก์ไม่สำเร็จ (ดิสก์เต็มหรือมีปัญหา) — ข้อมูลในแผนยังเหมือนเดิม"
            if "locked" in text or "busy" in text:
                return "ไฟล์ฐานข้อมูลกำลังถูกใช้อยู่ในอีกโปรแกรมหนึ่ง กรุณาลองอีกครั้ง"
        cause = getattr(cause, "orig", None) or cause.__cause__ or cause.__context__
    return None


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
    """Write JSON to stdout as UTF-8 whatever the console's code page (Windows pipes are not UTF-8).

    ``json.dumps`` escapes C0 controls but writes DEL and the C1 controls (CSI, ``\\x9b``, drives a terminal)
    as they are: those are written as ``\\u`` escapes, the same JSON, harmless on a terminal."""
    import re

    text = re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        print(text)
        return
    sys.stdout.flush()
    buffer.write((text + "\n").encode("utf-8"))
    buffer.flush()


# --- files and plans ----------------------------------------------------------------------------------

@contextmanager
def new_plan_file(path: Location, force: bool) -> Iterator[Path | None]:
    """Make way for a new plan at ``path`` and hold its editing lock while it is made.

    An existing file is refused unless ``force``; with it, it is refused while a copy of ThaPlan edits it,
    else backed up (reason ``before-replace``, like a restore) and only then removed. Yields the backup of
    what was replaced (None when nothing was). A failure inside the block removes the half-made file.

    On a server database: with ``force``, the plan there is backed up (a SQLite file, like every backup of
    a server plan) and deleted first; without it, a database that holds a plan is refused by
    ``Workspace.create``. A failure removes the half-made plan, never one that was there before.
    """
    from thaplan_desktop.db.location import ServerAddress

    if isinstance(path, ServerAddress):
        with _new_server_plan(path, force) as saved:
            yield saved
        return
    from thaplan_desktop.db.backup import save_before_replacing
    from thaplan_desktop.db.lock import try_lock
    from thaplan_desktop.paths import backups_dir

    exists = path.exists() or path.is_symlink()
    if exists and not force:
        raise CommandError(f"มีไฟล์ {path} อยู่แล้ว (ใช้ --force เพื่อเขียนทับ)")
    if exists and not path.is_file():
        raise CommandError(f"{path} ไม่ใช่ไฟล์ธรรมดา (เช่น เป็นโฟลเดอร์) จึงไม่เขียนทับ")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = try_lock(path)  # LockRefused (a link where the lock goes) and OSError reach the user as they are
    if lock is None:
        raise CommandError(f"ไฟล์ {path.name} กำลังถูกแก้ไขในโปรแกรม ThaPlan อีกหน้าต่างหนึ่ง จึงไม่เขียนทับ"
                           " — ปิดหน้าต่างนั้นก่อนแล้วลองอีกครั้ง")
    with lock:
        saved = None
        if exists:
            saved = save_before_replacing(path, backups_dir())
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        try:
            yield saved
        except BaseException:
            for suffix in ("", "-wal", "-shm", "-journal"):  # never leave half a plan behind
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            raise


@contextmanager
def _new_server_plan(address: ServerAddress, force: bool) -> Iterator[Path | None]:
    from thaplan_desktop.db.backup import backup_server
    from thaplan_desktop.db.transfer import clear_server_plan, server_holds_plan
    from thaplan_desktop.paths import backups_dir

    held = server_holds_plan(address)
    saved = None
    if held and force:
        saved = backup_server(address, backups_dir(), "before-replace")
        clear_server_plan(address)
    try:
        yield saved
    except BaseException:
        if force or not held:  # the plan there now is the half-made one
            clear_server_plan(address)
        raise


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
