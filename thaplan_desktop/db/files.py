"""Recognising a ThaPlan database file without SQLAlchemy: its header, tables and schema revision.

Read-only and standard-library only, so that refusing a foreign file touches nothing and read-only
commands start fast. The schema revisions come from the Alembic migration files themselves.
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A database that cannot be opened or created; the message is Thai, fit for the user."""


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([^'\"\s]+?)['\"]?\s*$", re.MULTILINE)


@functools.cache
def _script_revisions() -> tuple[str, frozenset[str]]:
    """The head revision and every revision the application knows.

    Read from the ``revision = …`` lines of the migration files rather than through Alembic, whose
    import alone would double the start-up time of every subcommand; Alembic runs only to upgrade.
    """
    revisions: dict[str, str | None] = {}
    for script in (_MIGRATIONS / "versions").glob("*.py"):
        found = {match[1]: match[2] for match in _REVISION_LINE.finditer(script.read_text(encoding="utf-8"))}
        if "revision" in found:
            down = found.get("down_revision")
            revisions[found["revision"]] = None if down in (None, "None") else down
    heads = set(revisions) - set(revisions.values())
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop(), frozenset(revisions)


def sqlite_uri(path: Path, mode: str = "ro") -> str:
    """A ``file:`` URI for sqlite3 with every special character of ``path`` escaped (``?``, ``#``, ``%``, Thai)."""
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def reading_uri(path: Path) -> str:
    """A read-only URI for a connection that only reads a plan (``info``, the exports, a backup copy).

    In a folder this user cannot write (a CD, a shared folder with read rights) SQLite could not create the
    shared-memory file a WAL database needs and would say "attempt to write a readonly database": the file is
    then read as immutable, as it stands (nothing can be writing to it from here either).
    """
    folder = Path(path).resolve().parent
    if not os.access(folder, os.W_OK) or _read_only_mount(folder):
        return sqlite_uri(path) + "&immutable=1"
    return sqlite_uri(path)


def _read_only_mount(folder: Path) -> bool:
    """True when the folder is on a file system mounted read-only (``os.access`` says yes to root there)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # Windows has no statvfs
        return False


def probe_uri(path: Path) -> str:
    """A read-only URI for looking at a file before opening it, which leaves nothing beside it.

    A read-only connection to a WAL-mode file creates ``-wal`` and ``-shm`` files it cannot remove; with
    no ``-wal`` or ``-journal`` present (no copy has the file open, nothing left by a crash) the main file
    holds everything, so it is read as immutable and nothing is created beside a file that may be refused.
    """
    uri = sqlite_uri(path)
    if Path(f"{path}-wal").exists() or Path(f"{path}-journal").exists():
        return reading_uri(path)
    return uri + "&immutable=1"


def check_integrity(path: Path) -> None:
    """Raise DatabaseError unless SQLite's ``quick_check`` finds ``path`` sound; reads only."""
    try:
        connection = sqlite3.connect(probe_uri(path), uri=True)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"ไฟล์ {path.name} เสียหายหรือไม่ใช่ฐานข้อมูลของ ThaPlan") from exc
    if rows != ["ok"]:
        raise DatabaseError(
            f"ไฟล์ {path.name} เสียหาย (เช่น ถูกตัดหรือคัดลอกไม่ครบ) จึงไม่ได้เปิด — กู้คืนจากไฟล์สำรองได้ที่เมนู"
            " ไฟล์ → สำรอง/กู้คืนข้อมูล หรือคำสั่ง thaplan backups"
        )


def head_revision() -> str:
    """The schema revision this version of the application writes."""
    return _script_revisions()[0]


def stored_revision(path: Path) -> str:
    """The schema revision written in a file; raises DatabaseError when it is no ThaPlan database.

    Reads the file read-only, so a refused file stays exactly as it was.
    """
    if path.is_dir():
        raise DatabaseError(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล: กรุณาระบุไฟล์ .sqlite ของแผน")
    if not path.exists():
        raise DatabaseError(f"ไม่พบไฟล์ฐานข้อมูล {path}")
    if not path.is_file():
        raise DatabaseError(f"{path} ไม่ใช่ไฟล์ธรรมดา จึงไม่ใช่ไฟล์ฐานข้อมูล")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except PermissionError as exc:
        raise DatabaseError(f"ไม่มีสิทธิ์อ่านไฟล์ {path}: กรุณาตรวจสิทธิ์ของไฟล์ หรือคัดลอกไฟล์มาไว้ในเครื่องก่อน") from exc
    if header != SQLITE_MAGIC:
        raise DatabaseError(f"ไฟล์ {path.name} ไม่ใช่ฐานข้อมูลของ ThaPlan")
    try:
        connection = sqlite3.connect(probe_uri(path), uri=True)
        try:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "organisation", "project"} <= names:
                raise DatabaseError(f"ไฟล์ {path.name} ไม่ใช่ฐานข้อมูลของ ThaPlan")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"ไฟล์ {path.name} เสียหายหรือไม่ใช่ฐานข้อมูลของ ThaPlan") from exc
    if row is None:
        raise DatabaseError(f"ไฟล์ {path.name} ไม่ใช่ฐานข้อมูลของ ThaPlan")
    return str(row[0])


