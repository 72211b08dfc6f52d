"""Opening a database file: engine and pragmas, schema creation and upgrades (Alembic), refusals.

Every connection runs with WAL, ``synchronous=FULL`` (a committed edit survives a power cut), foreign
keys on and a busy timeout, so a second copy of the application waits instead of failing. Opening a file
checks that it is a ThaPlan database before anything is written; an older schema is upgraded after a
backup copy is made; a newer one (from a later version of the application) is refused untouched.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A database that cannot be opened or created; the message is Thai, fit for the user."""


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    """An engine on ``path`` whose every connection has ThaPlan's pragmas."""
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if readonly else f"sqlite:///{path}"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        if not readonly:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    return engine


@functools.cache
def _script_revisions() -> tuple[str, tuple[str, ...]]:
    """The head revision and every revision the application knows, newest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(_MIGRATIONS))
    revisions = tuple(rev.revision for rev in script.walk_revisions())
    head = script.get_current_head()
    assert head is not None
    return head, revisions


def head_revision() -> str:
    """The schema revision this version of the application writes."""
    return _script_revisions()[0]


def upgrade_to_head(engine: Engine) -> None:
    """Run the Alembic migrations up to head on ``engine``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def create_database(path: Path) -> Engine:
    """Create a new, empty ThaPlan database at ``path`` (which must not exist yet)."""
    if path.exists():
        raise DatabaseError(f"มีไฟล์ {path} อยู่แล้ว")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    try:
        upgrade_to_head(engine)
    except Exception:
        engine.dispose()
        _remove_database_files(path)
        raise
    return engine


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


def open_database(path: Path, *, before_upgrade: Callable[[Path], object] | None = None) -> Engine:
    """Open an existing database, upgrading an older schema; ``before_upgrade(path)`` makes the backup."""
    revision = stored_revision(path)
    head, known = _script_revisions()
    if revision not in known:
        raise DatabaseError(
            f"ไฟล์ {path.name} สร้างด้วย ThaPlan รุ่นที่ใหม่กว่ารุ่นนี้ กรุณาปรับรุ่นโปรแกรมก่อนเปิดไฟล์นี้"
        )
    engine = make_engine(path)
    if revision != head:
        if before_upgrade is not None:
            before_upgrade(path)
        upgrade_to_head(engine)
    return engine


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
