"""A plan on the office's PostgreSQL server: connecting, creating the schema (``db init``), upgrading, refusing.

The same SQLAlchemy models and Alembic migrations as a SQLite file. Writing transactions run at READ
COMMITTED and begin with the writers' lock (``office.begin_write``); reads run in REPEATABLE READ
read-only transactions, so that one read of a whole plan sees one moment. A database is ThaPlan's when it
holds ``alembic_version``; an older revision is refused until the administrator runs ``thaplan db upgrade``
(a window never upgrades a server: other officers may be working on it), a newer one always.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError

from thaplan_desktop.db.files import DatabaseError, _script_revisions
from thaplan_desktop.db.location import ServerAddress, scrub
from thaplan_desktop.db.office import register_origin

__all__ = ["connect_server", "create_server_schema", "open_server", "server_revision", "upgrade_server"]

log = logging.getLogger(__name__)

TEXTS = {
    "connect": "เชื่อมต่อฐานข้อมูล {address} ไม่ได้: {reason}",
    "not_thaplan": "ฐานข้อมูล {name} บนเซิร์ฟเวอร์ยังไม่ได้เตรียมสำหรับ ThaPlan — ผู้ดูแลระบบสร้างได้ด้วยคำสั่ง"
                   " thaplan db init --db {address}",
    "not_empty": "ฐานข้อมูล {name} มีตารางอื่นอยู่แล้ว จึงไม่สร้างโครงสร้างของ ThaPlan ทับ (ใช้ฐานข้อมูลว่างที่สร้างใหม่)",
    "already": "ฐานข้อมูล {name} เตรียมสำหรับ ThaPlan ไว้แล้ว (รุ่น {revision})",
    "newer": "ฐานข้อมูล {name} ปรับรุ่นด้วย ThaPlan ที่ใหม่กว่ารุ่นนี้ กรุณาปรับรุ่นโปรแกรมก่อน",
    "older": "ฐานข้อมูล {name} บนเซิร์ฟเวอร์ต้องปรับรุ่นก่อนใช้ (รุ่น {revision}) — ผู้ดูแลระบบปรับได้ด้วยคำสั่ง"
             " thaplan db upgrade --db {address} (ระหว่างนั้นควรปิดหน้าต่าง ThaPlan ที่เปิดฐานข้อมูลนี้)",
}


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    first = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    return scrub(first)


def connect_server(address: ServerAddress) -> Engine:
    """An engine on the server's database; DatabaseError (Thai, no password) when it cannot connect."""
    engine = create_engine(address.url, connect_args=address.connect_args(), pool_pre_ping=True,
                           isolation_level="READ COMMITTED", hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _session(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '30s'")  # a writer waits for another, never for ever
        dbapi_connection.commit()

    register_origin(engine)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise DatabaseError(TEXTS["connect"].format(address=address, reason=_reason(exc))) from exc
    return engine


def server_revision(connection: Connection) -> str | None:
    """The schema revision of a server database; None when it has no ThaPlan schema."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


def create_server_schema(address: ServerAddress) -> Engine:
    """``db init``: create the schema (and the roles, triggers and policies) on an empty database."""
    from thaplan_desktop.db.engine import upgrade_to_head

    engine = connect_server(address)
    try:
        with engine.connect() as connection:
            revision = server_revision(connection)
            tables = inspect(connection).get_table_names()
        if revision is not None:
            raise DatabaseError(TEXTS["already"].format(name=address.name, revision=revision))
        if tables:
            raise DatabaseError(TEXTS["not_empty"].format(name=address.name))
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    log.info("ThaPlan schema created on %s", address)
    return engine


def _known_revision(engine: Engine, address: ServerAddress) -> tuple[str, str]:
    """(the server's schema revision, this version's head); refused (Thai) when the database is no ThaPlan
    plan or was made by a newer ThaPlan."""
    with engine.connect() as connection:
        revision = server_revision(connection)
    head, known = _script_revisions()
    if revision is None:
        raise DatabaseError(TEXTS["not_thaplan"].format(name=address.name, address=address))
    if revision not in known:
        raise DatabaseError(TEXTS["newer"].format(name=address.name))
    return revision, head


def open_server(address: ServerAddress) -> Engine:
    """An engine on a ThaPlan database at this version; refused (Thai) when it is missing, older or newer."""
    engine = connect_server(address)
    try:
        revision, head = _known_revision(engine, address)
        if revision != head:
            raise DatabaseError(TEXTS["older"].format(name=address.name, revision=revision, address=address))
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade_server(address: ServerAddress) -> tuple[str, str] | None:
    """``db upgrade``: bring the server's schema to this version; (old, new) revisions, None when current."""
    from thaplan_desktop.db.engine import upgrade_to_head

    engine = connect_server(address)
    try:
        revision, head = _known_revision(engine, address)
        if revision == head:
            return None
        upgrade_to_head(engine)
        return revision, head
    finally:
        engine.dispose()
