"""``thaplan copy``: a whole plan from a SQLite file to the office server or back, ids and UUIDs kept.

To take the plan to a meeting offline, to move an office onto its server, and the server's backups (a
plan copied into a SQLite file is a backup any ThaPlan can open). Both ends must be of this version. The
target must hold no plan, unless ``force`` (then its plan is replaced, in the same transaction). Every
table is copied in dependency order with its ids, then counted and its money summed on both sides; any
difference rolls the copy back. The change log stays with its database: it is the history of that
server or file, not of the plan. A file target is written under a temporary name and renamed when whole.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from thaplan_desktop.db.engine import create_database, make_engine
from thaplan_desktop.db.files import DatabaseError, check_integrity, head_revision, stored_revision
from thaplan_desktop.db.location import Location, ServerAddress
from thaplan_desktop.db.lock import try_lock
from thaplan_desktop.db.models import Base, OrganisationRow, ProjectRow
from thaplan_desktop.db.office import begin_write
from thaplan_desktop.db.server import connect_server, create_server_schema, open_server, server_revision

__all__ = ["CopyReport", "clear_plan", "clear_server_plan", "copy_plan", "has_plan"]

TEXTS = {
    "same": "ต้นทางกับปลายทางเป็นแผนเดียวกัน",
    "not_empty": "{target} มีแผนอยู่แล้ว (ใช้ --force เพื่อแทนที่ทั้งหมด)",
    "old_source": "{source} สร้างด้วย ThaPlan รุ่นก่อน ต้องปรับรุ่นก่อนคัดลอก: thaplan db upgrade --db {source}",
    "old_target": "{target} เป็นฐานข้อมูลรุ่นอื่น (รุ่น {revision}) ต้องปรับรุ่นก่อนคัดลอก: thaplan db upgrade --db {target}",
    "busy": "{target} กำลังเปิดแก้ไขอยู่ในโปรแกรม ThaPlan กรุณาปิดก่อนแล้วจึงคัดลอกทับ",
    "mismatch": "คัดลอกไม่สำเร็จ: ตรวจนับแล้วไม่ตรงกัน ({what}) ปลายทางยังคงเดิม",
    "denied": "บัญชีผู้ใช้บนเซิร์ฟเวอร์ไม่มีสิทธิ์เขียนแผนทั้งฉบับ (ต้องเป็นผู้ดูแลระบบหรือสำนักปลัด/กองยุทธศาสตร์): {reason}",
    "no_plan": "{source} ยังไม่มีแผน (ไม่มีข้อมูลองค์กร) จึงไม่มีอะไรให้คัดลอก",
}

_NOT_COPIED = {"change_log"}
_CHUNK = 2_000


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What was copied: rows per table and the money per money column (satang), as checked on both sides."""

    counts: dict[str, int] = field(default_factory=dict)
    money: dict[str, int] = field(default_factory=dict)

    @property
    def projects(self) -> int:
        """Project and equipment rows copied."""
        return self.counts.get("project", 0)

    @property
    def budget_satang(self) -> int:
        """The budgets of every project and equipment row, in satang."""
        return self.money.get("project.budget_satang", 0)


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in _NOT_COPIED]


def _tally(connection: Connection) -> CopyReport:
    counts, money = {}, {}
    for table in _tables():
        counts[table.name] = int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for column in table.c:
            if column.name.endswith("_satang"):
                total = connection.execute(select(func.coalesce(func.sum(column), 0))).scalar_one()
                money[f"{table.name}.{column.name}"] = int(total)
    return CopyReport(counts, money)


def has_plan(connection: Connection) -> bool:
    """True when the database holds a plan (an organisation or any project)."""
    return (connection.execute(select(OrganisationRow.id).limit(1)).first() is not None
            or connection.execute(select(ProjectRow.id).limit(1)).first() is not None)


def clear_plan(connection: Connection) -> None:
    """Delete every row of the plan (children first), in the caller's transaction."""
    for table in reversed(_tables()):
        connection.execute(delete(table))


def server_holds_plan(address: ServerAddress) -> bool:
    """True when a server database holds a plan (``new`` and ``demo`` back it up before replacing it)."""
    engine = connect_server(address)
    try:
        with engine.connect() as connection:
            return server_revision(connection) is not None and has_plan(connection)
    finally:
        engine.dispose()


def clear_server_plan(address: ServerAddress) -> None:
    """Delete the plan on a server database (``thaplan new --force`` and ``demo --force``), in one transaction."""
    engine = connect_server(address)
    try:
        with engine.connect() as connection:
            revision = server_revision(connection)
        if revision is None:
            return
        if revision != head_revision():
            raise DatabaseError(TEXTS["old_target"].format(target=address, revision=revision))
        with engine.execution_options(thaplan_write=True).begin() as connection:
            begin_write(connection, "")
            clear_plan(connection)
    finally:
        engine.dispose()


@contextmanager
def _source(location: Location) -> Iterator[Engine]:
    if isinstance(location, ServerAddress):
        engine = open_server(location)
    else:
        if stored_revision(location) != head_revision():
            raise DatabaseError(TEXTS["old_source"].format(source=location))
        check_integrity(location)
        engine = make_engine(location, readonly=True)
    try:
        yield engine
    finally:
        engine.dispose()


def _server_target(address: ServerAddress) -> Engine:
    engine = connect_server(address)
    with engine.connect() as connection:
        revision = server_revision(connection)
    if revision is None:
        engine.dispose()
        return create_server_schema(address)
    if revision != head_revision():
        engine.dispose()
        raise DatabaseError(TEXTS["old_target"].format(target=address, revision=revision))
    return engine


def _write(source: Engine, target: Engine, *, force: bool, target_name: str) -> CopyReport:
    writer = target.execution_options(thaplan_write=True)
    with source.connect() as read:
        if source.dialect.name == "postgresql":
            read.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        if read.execute(select(OrganisationRow.id).limit(1)).first() is None:
            raise DatabaseError(TEXTS["no_plan"].format(source=source.url.database or "ต้นทาง"))
        with writer.begin() as write:
            begin_write(write, "")
            if has_plan(write):
                if not force:
                    raise DatabaseError(TEXTS["not_empty"].format(target=target_name))
                clear_plan(write)
            for table in _tables():
                rows = read.execute(select(table))
                while chunk := rows.fetchmany(_CHUNK):
                    write.execute(insert(table), [dict(r._mapping) for r in chunk])
            if target.dialect.name == "postgresql":
                _reset_sequences(write)
            expected, copied = _tally(read), _tally(write)
            if expected != copied:
                differ = [k for k in {**expected.counts, **expected.money}
                          if expected.counts.get(k, expected.money.get(k)) != copied.counts.get(k, copied.money.get(k))]
                raise DatabaseError(TEXTS["mismatch"].format(what=", ".join(differ)))
    return copied


def _reset_sequences(connection: Connection) -> None:
    """Set each id sequence past the copied ids, so the next new row gets a fresh one."""
    for table in _tables():
        if "id" in table.c and table.c.id.autoincrement is not False and table.c.id.primary_key:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'),"
                f" coalesce((SELECT max(id) FROM \"{table.name}\"), 0) + 1, false)"
                f" WHERE pg_get_serial_sequence('\"{table.name}\"', 'id') IS NOT NULL"))


def copy_plan(source: Location, target: Location, *, force: bool = False) -> CopyReport:
    """Copy the whole plan at ``source`` to ``target`` (either a file or a server database); what was copied.

    Refuses (DatabaseError, Thai) an older or newer schema on either side, a target holding a plan
    without ``force``, a file target another copy of ThaPlan is editing, and any count or money total
    that differs after the copy (nothing is kept then).
    """
    if str(source) == str(target) or (isinstance(source, Path) and isinstance(target, Path)
                                       and source.resolve() == target.resolve()):
        raise DatabaseError(TEXTS["same"])
    with _source(source) as source_engine:
        try:
            if isinstance(target, ServerAddress):
                engine = _server_target(target)
                try:
                    return _write(source_engine, engine, force=force, target_name=str(target))
                finally:
                    engine.dispose()
            return _copy_to_file(source_engine, target, force=force)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42501":
                raise DatabaseError(TEXTS["denied"].format(reason=str(exc.orig).splitlines()[0])) from exc
            raise


def _copy_to_file(source: Engine, target: Path, *, force: bool) -> CopyReport:
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        engine = create_database(partial)
        try:
            report = _write(source, engine, force=False, target_name=str(target))
            engine.dispose()
            single = sqlite3.connect(partial)
            try:
                single.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                single.close()
        except BaseException:
            engine.dispose()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
            raise
        engine.dispose()
        os.replace(partial, target)
        return report
    if stored_revision(target) != head_revision():
        raise DatabaseError(TEXTS["old_target"].format(target=target, revision=stored_revision(target)))
    lock = try_lock(target)
    if lock is None:
        raise DatabaseError(TEXTS["busy"].format(target=target))
    with lock:
        engine = make_engine(target)
        try:
            return _write(source, engine, force=force, target_name=str(target))
        finally:
            engine.dispose()
