"""Backup copies of a database file, made with SQLite's online backup API (safe while in use), and restore.

When copies are made (see ``thaplan_desktop.safety`` for where each is called):
- ``open``: when a file is opened for editing, at most once a day — skipped when a backup of the file was
  already made today (local date, any reason) or when nothing changed since the newest backup, so that
  a file opened every day for reading does not push its older, different copies out of the last 20;
- ``import``: before every import (``backup_before_import``), always;
- ``upgrade``: before every schema upgrade, always;
- ``manual``: ``thaplan backup`` and ไฟล์ → สำรอง/กู้คืนข้อมูล, always;
- ``before-restore``: ``restore_database`` first copies the file it is about to replace.

Each file's backups live in their own folder under the backups folder, named after the file and a short
hash of its full path (two files named ``plan.sqlite`` in different folders never share or rotate each
other's copies). An automatic copy whose content is the same as the newest backup's is not kept (twenty
failed imports or upgrade attempts must not push the real copies out); the newest ``KEEP_BACKUPS`` are kept, and
with them the newest copy of each of the last ``KEEP_DAYS`` days on which copies were made. A copy is
written under a temporary name, synced, checked and only then renamed, so a crash never leaves half a
backup looking like a whole one. Copies are single self-contained files (rollback-journal mode, no ``-wal``
beside them). ``before-replace``: ``thaplan new --force`` and ``demo --force`` copy the file they replace.

A plan on the office's PostgreSQL server is backed up the same way, as a SQLite file written by
``thaplan copy`` (``backup_server``): portable, opened by any ThaPlan, put back with ``restore_server``
(``thaplan copy --force``). Its folder is named after the database and a hash of server, user and
database. The server's own backups (pg_dump) stay its administrator's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from thaplan_desktop.db.files import (
    DatabaseError,
    _script_revisions,
    check_integrity,
    reading_uri,
    sqlite_uri,
    stored_revision,
)
from thaplan_desktop.db.location import ServerAddress
from thaplan_desktop.db.lock import try_lock

log = logging.getLogger(__name__)

KEEP_BACKUPS = 20
KEEP_DAYS = 7

REASON_LABELS = {
    "open": "สำรองประจำวันเมื่อเปิดไฟล์",
    "import": "ก่อนนำเข้าข้อมูล",
    "upgrade": "ก่อนปรับรุ่นฐานข้อมูล",
    "manual": "สำรองด้วยตนเอง",
    "before-restore": "ก่อนกู้คืนข้อมูล",
    "before-replace": "ก่อนสร้างไฟล์ใหม่ทับ",
}

_NAME = re.compile(r"-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.sqlite$")
_PARTIAL = ".partial"
# Header bytes that differ between two copies of unchanged content: the file change counter (24-27), the
# version-valid-for number (92-95) and the SQLite version that last wrote the file (96-99).
_VOLATILE_HEADER = ((24, 28), (92, 100))


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup copy: where it is, when it was made (local time), why, and its size in bytes."""

    path: Path
    taken: dt.datetime
    reason: str
    size: int

    @property
    def reason_label(self) -> str:
        """Why the copy was made, in Thai."""
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def taken_label(self) -> str:
        """When the copy was made, as ``27 พ.ย. 2569 เวลา 10:32:05 น.`` (Buddhist era)."""
        from thaplan_desktop.domain.fiscal import format_thai_date

        return f"{format_thai_date(self.taken.date(), short=True)} เวลา {self.taken:%H:%M:%S} น."

    @property
    def size_label(self) -> str:
        """The size for people: ``132 KB``, ``2.4 MB``."""
        if self.size >= 1 << 20:
            return f"{self.size / (1 << 20):.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"


def project_count(path: Path) -> int | None:
    """How many projects and equipment items a backup holds (None when it cannot be read)."""
    try:
        connection = sqlite3.connect(sqlite_uri(path), uri=True)
        try:
            return int(connection.execute("SELECT count(*) FROM project").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def copy_database(source: Path, target: Path) -> Path:
    """Copy ``source`` into a new file ``target`` consistently, even while another connection writes to it.

    The copy is checked (``quick_check``) and made durable before it appears under its name.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + _PARTIAL)
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(reading_uri(source), uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                result = dst.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise DatabaseError(f"สำเนาของ {source.name} ไม่สมบูรณ์ ({result})")
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(partial)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _stem(source: Path | ServerAddress) -> str:
    return source.name if isinstance(source, ServerAddress) else Path(source).stem


def backup_folder(source: Path | ServerAddress, root: Path) -> Path:
    """The folder under ``root`` holding the backups of ``source`` (a file, or a server database)."""
    if isinstance(source, ServerAddress):
        full = source.key
    else:
        full = str(Path(source).resolve())
        if sys.platform == "win32":  # pragma: no cover - case-insensitive file names
            full = full.casefold()
    digest = hashlib.sha1(full.encode("utf-8")).hexdigest()[:8]
    return root / f"{_stem(source)}-{digest}"


def backup_server(source: ServerAddress, folder: Path, reason: str, *, keep: int = KEEP_BACKUPS) -> Path:
    """A dated backup of a server plan under ``folder`` (the backups root), as a SQLite file; returns it.

    The rules of :func:`backup_database` hold: an automatic copy holding the same plan as the newest backup
    is not kept (that backup is returned), and the backups are rotated alike.
    """
    from thaplan_desktop.db.transfer import copy_plan

    newest = next(iter(backup_infos(source, folder)), None)
    target = _new_name(source, folder, reason)
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_plan(source, target)
    _fsync(target)
    if reason != "manual" and newest is not None and _same_plan(target, newest.path):
        target.unlink()
        log.info("backup of %s (%s) not kept: the same plan as %s", source, reason, newest.path)
        return newest.path
    _rotate(source, folder, keep)
    log.info("backup of %s made (%s): %s", source, reason, target)
    return target


def restore_server(backup: Path, target: ServerAddress, folder: Path) -> Path:
    """Put a backup's plan onto the server in place of the plan there, after backing that up; that backup."""
    from thaplan_desktop.db.transfer import copy_plan

    check_integrity(backup)
    saved = backup_server(target, folder, "before-restore")
    copy_plan(backup, target, force=True)
    log.info("restored %s from %s (previous content saved as %s)", target, backup, saved)
    return saved


def backup_database(source: Path, folder: Path, reason: str, *, keep: int = KEEP_BACKUPS) -> Path:
    """A dated backup of ``source`` under ``folder`` (the backups root); returns it.

    An automatic copy (every reason but ``manual``, which the officer asked for) whose content is the same
    as the newest backup's is not kept, and that backup is returned: it already holds this content. Then
    the backups are rotated (the module docstring says which stay).
    """
    newest = next(iter(backup_infos(source, folder)), None)
    target = _new_name(source, folder, reason)
    copy_database(source, target)
    if reason != "manual" and newest is not None and _same_content(target, newest.path):
        target.unlink()
        log.info("backup of %s (%s) not kept: the same content as %s", source, reason, newest.path)
        return newest.path
    _rotate(source, folder, keep)
    log.info("backup of %s made (%s): %s", source, reason, target)
    return target


def backup_infos(source: Path | ServerAddress, folder: Path) -> list[BackupInfo]:
    """Backups of ``source`` under ``folder`` (the backups root), newest first, with when and why."""
    own = backup_folder(source, folder)
    if not own.is_dir():
        return []
    infos = []
    for path in own.glob("*.sqlite"):
        match = _NAME.search(path.name)
        if match is None:
            continue
        try:
            taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        infos.append(BackupInfo(path, taken, match["reason"], size))
    return sorted(infos, key=lambda info: (info.taken, info.path.name), reverse=True)


def backup_if_due(source: Path, folder: Path, *, now: dt.datetime | None = None) -> Path | None:
    """The daily backup made when a file is opened for editing; None when it is not due.

    Not due when a backup of ``source`` was made today (local date, for any reason), or when the file
    has not changed since its newest backup (the fresh copy is then discarded).
    """
    now = now or dt.datetime.now()
    infos = backup_infos(source, folder)
    if infos and infos[0].taken.date() >= now.date():
        return None
    target = _new_name(source, folder, "open", now=now)
    copy_database(source, target)
    if infos and _same_content(target, infos[0].path):
        target.unlink()
        return None
    _rotate(source, folder, KEEP_BACKUPS)
    log.info("daily backup of %s made: %s", source, target)
    return target


def backup_before_import(source: Path) -> Path:
    """Back ``source`` up before an import changes it; call before every import. Raises on failure.

    An import whose backup failed must not go ahead: the caller lets the DatabaseError or OSError
    reach the user (its message, or the file error, is shown in Thai).
    """
    from thaplan_desktop.paths import backups_dir

    return backup_database(Path(source), backups_dir(), "import")


def restore_database(backup: Path, target: Path, folder: Path) -> Path | None:
    """Put the content of ``backup`` into ``target``, first backing up what it replaces.

    Refused (DatabaseError, Thai) when the backup is damaged, from a newer version, or when a copy of
    ThaPlan is editing ``target``: close it first. The content is written through SQLite in one
    transaction, so a crash midway leaves ``target`` as it was. Returns the backup made of the replaced
    file (None when ``target`` did not exist).
    """
    backup, target = Path(backup), Path(target)
    revision = stored_revision(backup)
    if revision not in _script_revisions()[1]:
        raise DatabaseError(f"ไฟล์สำรอง {backup.name} สร้างด้วย ThaPlan รุ่นที่ใหม่กว่ารุ่นนี้ จึงกู้คืนไม่ได้")
    check_integrity(backup)
    if backup.resolve() == target.resolve():
        raise DatabaseError("ไฟล์สำรองกับไฟล์ที่จะกู้คืนเป็นไฟล์เดียวกัน")
    try:
        lock = try_lock(target)
    except OSError as exc:
        raise DatabaseError(f"เขียนไฟล์ในโฟลเดอร์ของ {target.name} ไม่ได้ จึงกู้คืนไม่ได้") from exc
    if lock is None:
        raise DatabaseError(
            f"ไฟล์ {target.name} กำลังเปิดแก้ไขอยู่ในโปรแกรม ThaPlan กรุณาปิดไฟล์นั้นก่อนแล้วจึงกู้คืน"
        )
    with lock:
        if not target.exists():
            copy_database(backup, target)
            return None
        try:
            check_integrity(target)
            damaged = False
        except DatabaseError:
            damaged = True
        saved = _save_replaced(target, folder)
        if not damaged:
            _write_into(backup, target)
        else:  # the file being replaced is itself damaged (its bytes were kept above): start it afresh
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            fresh = target.with_name(target.name + ".restoring")
            fresh.unlink(missing_ok=True)
            copy_database(backup, fresh)
            os.replace(fresh, target)
        check_integrity(target)
        log.info("restored %s from %s (previous content saved as %s)", target, backup, saved)
        return saved


def _save_replaced(target: Path, folder: Path, reason: str = "before-restore") -> Path:
    """Back up a file about to be replaced (by a restore, or a new plan), even when SQLite cannot read it."""
    try:
        return backup_database(target, folder, reason)
    except (sqlite3.DatabaseError, DatabaseError):
        copy = _new_name(target, folder, reason)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(target.read_bytes())  # kept byte for byte, whatever it holds
        _fsync(copy)
        wal = Path(f"{target}-wal")
        if wal.is_file() and wal.stat().st_size:  # SQLite finds it beside the copy under this name
            Path(f"{copy}-wal").write_bytes(wal.read_bytes())
        return copy


def save_before_replacing(target: Path, folder: Path) -> Path:
    """Back up a file that a new plan is about to replace (``new --force``, ``demo --force``), whatever it holds."""
    return _save_replaced(target, folder, "before-replace")


def _write_into(backup: Path, target: Path) -> None:
    """Copy ``backup`` over the live database ``target`` with the backup API (one transaction)."""
    src = sqlite3.connect(sqlite_uri(backup, "ro"), uri=True)
    try:
        dst = sqlite3.connect(sqlite_uri(target, "rw"), uri=True, timeout=10)
        try:
            dst.execute("PRAGMA synchronous=FULL")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _new_name(source: Path | ServerAddress, folder: Path, reason: str, *, now: dt.datetime | None = None) -> Path:
    own = backup_folder(source, folder)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target = own / f"{_stem(source)}-{stamp}-{reason}.sqlite"
    while target.exists():  # two copies within one microsecond
        stamp = stamp[:-6] + f"{(int(stamp[-6:]) + 1) % 1_000_000:06d}"
        target = own / f"{_stem(source)}-{stamp}-{reason}.sqlite"
    return target


def _rotate(source: Path | ServerAddress, folder: Path, keep: int) -> None:
    """Remove the backups no rule keeps: the newest ``keep``, and the newest of each of the last
    :data:`KEEP_DAYS` days that have backups, stay."""
    own = backup_folder(source, folder)
    infos = backup_infos(source, folder)  # newest first
    kept = {info.path for info in infos[:keep]}
    days: set[dt.date] = set()
    for info in infos:
        day = info.taken.date()
        if day not in days and len(days) < KEEP_DAYS:
            days.add(day)
            kept.add(info.path)
    for old in infos:
        if old.path in kept:
            continue
        old.path.unlink(missing_ok=True)
        Path(f"{old.path}-wal").unlink(missing_ok=True)
    for stale in own.glob(f"*{_PARTIAL}"):  # left by a crash during a copy
        stale.unlink(missing_ok=True)


def _same_content(a: Path, b: Path) -> bool:
    """True when two copies hold the same pages (header counters aside)."""
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        first_a, first_b = bytearray(fa.read(100)), bytearray(fb.read(100))
        for start, end in _VOLATILE_HEADER:
            first_a[start:end] = first_b[start:end] = b"\x00" * (end - start)
        if first_a != first_b:
            return False
        while True:
            chunk_a, chunk_b = fa.read(1 << 16), fb.read(1 << 16)
            if chunk_a != chunk_b:
                return False
            if not chunk_a:
                return True


# A copy's own bookkeeping, not the plan: each copy of a server plan writes its own change log as it goes.
_NOT_PLAN = frozenset({"change_log"})


def _same_plan(a: Path, b: Path) -> bool:
    """True when two copies of a server plan hold the same tables and rows (their change logs aside): copies
    made of unchanged content differ in the bytes of the change log each writes (and in the order in which
    their schema's text lists a table's constraints), never in the plan."""
    try:
        first = sqlite3.connect(sqlite_uri(a, "ro"), uri=True)
        second = sqlite3.connect(sqlite_uri(b, "ro"), uri=True)
    except sqlite3.Error:
        return False
    try:
        listing = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        tables = [row[0] for row in first.execute(listing)]
        if tables != [row[0] for row in second.execute(listing)]:
            return False
        for table in tables:
            if table in _NOT_PLAN:
                continue
            query = f'SELECT * FROM "{table}" ORDER BY rowid'
            if any(x != y for x, y in zip_longest(first.execute(query), second.execute(query))):
                return False
        return True
    except sqlite3.Error:
        return False
    finally:
        first.close()
        second.close()


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - directories cannot be opened there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
