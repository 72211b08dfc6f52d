"""Recognising a ThaPlan database file without SQLAlchemy: its header, tables and schema revision.

Read-only and standard-library only, so that refusing a foreign file touches nothing and read-only
commands start fast. The schema revisions come from the Alembic migration files themselves.
"""

from __future__ import annotations

import functools
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


def head_revision() -> str:
    """The schema revision this version of the application writes."""
    return _script_revisions()[0]


def stored_revision(path: Path) -> str:
    """The schema revision written in a file; raises DatabaseError when it is no ThaPlan database.

    Reads the file read-only, so a refused file stays exactly as it was.
    """
    if not path.is_file():
        raise DatabaseError(f"ไม่พบไฟล์ฐานข้อมูล {path}")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise DatabaseError(f"ไฟล์ {path.name} ไม่ใช่ฐานข้อมูลของ ThaPlan")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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


