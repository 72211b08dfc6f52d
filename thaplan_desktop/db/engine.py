"""Opening a database file: engine and pragmas, schema creation and upgrades (Alembic), refusals.

Every connection runs with WAL, ``synchronous=FULL`` (a committed edit survives a power cut: the WAL is
synced on every commit), foreign keys on and a busy timeout, so a second connection waits instead of
failing. Transactions are real SQLite transactions: the connection is in autocommit mode at the driver
level and SQLAlchemy's ``begin`` emits ``BEGIN`` itself (pysqlite would otherwise start a transaction only
before the first INSERT/UPDATE/DELETE, leaving schema changes of an upgrade and the reads before a write
outside it). Opening a file checks that it is a sound ThaPlan database before anything is written; an
older schema is upgraded, in one transaction, after a backup copy is made; a newer one (from a later
version of the application) is refused untouched. A file another copy of ThaPlan is editing is opened
read-only (``readonly=True``): it is never upgraded then, only read.

A writing transaction (a connection with the execution option ``thaplan_write``) begins with
``BEGIN IMMEDIATE``: it takes the file's write lock before its first read, so two writers wait for each other
instead of one failing on a stale snapshot. A workspace's engine (``feed=True``) also writes the change
log through temporary triggers (``db/office.py``). The same module upgrades a PostgreSQL database
(``upgrade_to_head``); connecting to one is ``db/server.py``'s.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from thaplan_desktop.db.files import (
    _MIGRATIONS,
    DatabaseError,
    _script_revisions,
    check_integrity,
    head_revision,
    reading_uri,
    sqlite_uri,
    stored_revision,
)
from thaplan_desktop.db.office import (
    install_postgres,
    install_sqlite_feed,
    origin_of,
    os_user,
    register_origin,
)

__all__ = ["DatabaseError", "check_integrity", "create_database", "head_revision", "make_engine",
           "open_database", "sqlite_uri", "stored_revision", "upgrade_to_head"]

BUSY_TIMEOUT_MS = 10_000


def make_engine(path: Path, *, readonly: bool = False, create: bool = False,
                foreign_keys: bool = True, feed: bool = False) -> Engine:
    """An engine on ``path`` whose every connection has ThaPlan's pragmas.

    ``readonly`` opens the file with SQLite's ``mode=ro`` (writes fail in SQLite itself); without
    ``create`` a missing file is an error instead of a new empty database. ``foreign_keys=False`` is for
    schema upgrades only, which rebuild tables (see ``upgrade_to_head``). ``feed`` gives the engine an
    origin and has its connections log their changes (a workspace's engine).
    """
    uri = reading_uri(path) if readonly else sqlite_uri(path, "rwc" if create else "rw")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                               isolation_level=None)

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        if not readonly:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        write = connection.get_execution_options().get("thaplan_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    if feed and not readonly:
        register_origin(engine)
        user = os_user()

        @event.listens_for(engine, "checkout")
        def _feed(dbapi_connection: sqlite3.Connection, record, _proxy) -> None:  # type: ignore[no-untyped-def]
            if not record.info.get("feed"):  # once per connection, as soon as the file has its change log
                install_sqlite_feed(dbapi_connection, origin_of(engine), user)
                record.info["feed"] = dbapi_connection.execute(
                    "SELECT 1 FROM sqlite_temp_master WHERE type = 'trigger'").fetchone() is not None

    return engine


def upgrade_to_head(engine: Engine) -> None:
    """Run the Alembic migrations up to head on ``engine``, all in one transaction.

    On PostgreSQL the office's roles, triggers, policies and grants are then (re)installed in the same
    transaction, so a table that joined them since the last upgrade gets them too.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        if connection.dialect.name == "postgresql":
            install_postgres(connection)
            return
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:  # rolls the whole upgrade back
            raise DatabaseError(f"ปรับรุ่นฐานข้อมูลไม่สำเร็จ: ข้อมูลอ้างอิงไม่ครบ ({len(problems)} แถว) ไฟล์ยังคงเดิม")


def _upgrade_file(path: Path) -> None:
    """Upgrade ``path`` on a connection with foreign keys off.

    Alembic's batch mode rebuilds a table by copy, drop and rename; with foreign keys on, dropping a
    parent table would cascade-delete its children (every project of an edition). SQLite's own advice
    is to switch them off for the rebuild and run ``foreign_key_check`` before committing, as
    ``upgrade_to_head`` does.
    """
    engine = make_engine(path, foreign_keys=False)
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()


def create_database(path: Path) -> Engine:
    """Create a new, empty ThaPlan database at ``path`` (which must not exist yet)."""
    if path.exists():
        raise DatabaseError(f"มีไฟล์ {path} อยู่แล้ว")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path, create=True, feed=True)
    try:
        upgrade_to_head(engine)
    except Exception:
        engine.dispose()
        _remove_database_files(path)
        raise
    return engine


def open_database(path: Path, *, before_upgrade: Callable[[Path], object] | None = None,
                  readonly: bool = False) -> Engine:
    """Open an existing database, upgrading an older schema; ``before_upgrade(path)`` makes the backup.

    Nothing is written before the file is known to be a sound ThaPlan database of a known revision. A
    failed backup or upgrade leaves the file as it was. ``readonly`` never upgrades.
    """
    revision = stored_revision(path)
    head, known = _script_revisions()
    if revision not in known:
        raise DatabaseError(
            f"ไฟล์ {path.name} สร้างด้วย ThaPlan รุ่นที่ใหม่กว่ารุ่นนี้ กรุณาปรับรุ่นโปรแกรมก่อนเปิดไฟล์นี้"
        )
    check_integrity(path)
    if readonly:
        if revision != head:
            raise DatabaseError(
                f"ไฟล์ {path.name} ต้องปรับรุ่นฐานข้อมูลก่อนใช้ แต่ขณะนี้เปิดได้แบบอ่านอย่างเดียว"
                " (มีโปรแกรม ThaPlan อีกหน้าต่างหนึ่งเปิดไฟล์นี้อยู่) กรุณาปิดหน้าต่างนั้นแล้วเปิดใหม่"
            )
        return make_engine(path, readonly=True)
    if revision != head:
        if before_upgrade is not None:
            before_upgrade(path)
        _upgrade_file(path)
    return make_engine(path, feed=True)


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
