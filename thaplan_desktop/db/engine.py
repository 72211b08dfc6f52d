"""Opening a database file: engine and pragmas, schema creation and upgrades (Alembic), refusals.

Every connection runs with WAL, ``synchronous=FULL`` (a committed edit survives a power cut), foreign
keys on and a busy timeout, so a second copy of the application waits instead of failing. Opening a file
checks that it is a ThaPlan database before anything is written; an older schema is upgraded after a
backup copy is made; a newer one (from a later version of the application) is refused untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from thaplan_desktop.db.files import (
    _MIGRATIONS,
    DatabaseError,
    _script_revisions,
    head_revision,
    stored_revision,
)

__all__ = ["DatabaseError", "create_database", "head_revision", "make_engine", "open_database",
           "stored_revision", "upgrade_to_head"]

BUSY_TIMEOUT_MS = 10_000


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
