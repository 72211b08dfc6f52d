"""Opening a plan so that nothing accepted is ever lost: the one way the GUI opens and creates files.

``open_for_editing(path)`` applies every rule of issue #7 in order:
1. the file must be a sound ThaPlan database of a version this program knows (else DatabaseError, Thai,
   and the file untouched);
2. the editing lock (``db/lock.py``): the first copy of ThaPlan on a file edits it; a second copy gets a
   read-only workspace (``read_only`` True, ``notice`` says why in Thai), sees the editor's committed
   changes whenever it reads again, and any edit it tries is refused with that message;
3. an older schema is upgraded in one transaction, after an ``upgrade`` backup;
4. otherwise the daily ``open`` backup (at most one a day, none when nothing changed; see ``db/backup.py``).
   A failed daily backup does not keep the officer from working: it is logged and said in ``notice``.

A plan on the office's PostgreSQL server (a ``ServerAddress``) follows the server's rules instead: no lock
file (several officers edit at once; row versions keep their edits apart), no upgrade from a window (the
administrator runs ``thaplan db upgrade``), no daily copy (the administrator's pg_dump); a user the
server lets only read gets a read-only workspace whose ``notice`` says so. Backups on request are SQLite
files made by ``thaplan copy``. ``check_server`` tries a server plan before the window opens it (the
connection dialog's test) and says what is wrong as one of ``SERVER_PROBLEMS``, never in the driver's words.

Qt-free, so the command line uses it as well.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Unpack

from thaplan_desktop.db.backup import (
    BackupInfo,
    backup_before_import,
    backup_database,
    backup_folder,
    backup_if_due,
    backup_infos,
    backup_server,
    project_count,
    restore_database,
    restore_server,
)
from thaplan_desktop.db.engine import open_database
from thaplan_desktop.db.files import DatabaseError, _script_revisions, head_revision, stored_revision
from thaplan_desktop.db.location import (
    Location,
    ServerAddress,
    keyring_available,
    parse_location,
    remember_password,
    scrub,
    use_password,
)
from thaplan_desktop.db.lock import EditLock, LockRefused, holder, on_network_drive, try_lock
from thaplan_desktop.db.server import connect_server, open_server, server_revision, upgrade_server
from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.paths import backups_dir
from thaplan_desktop.workspace import NewPlan, Rights, Workspace, WorkspaceError

__all__ = ["SERVER_PROBLEMS", "BackupInfo", "SafeWorkspace", "ServerCheck", "backup_before_import",
           "backup_folder_of", "backup_now", "backups_of", "check_server", "connection_problem", "create_for_editing",
           "keyring_available", "open_for_editing", "open_for_reading", "project_count", "remember_password",
           "restore_backup", "upgrade_file", "upgrade_plan", "use_password"]

log = logging.getLogger(__name__)

NEEDS_UPGRADE = ("ไฟล์ {name} สร้างด้วย ThaPlan รุ่นก่อน ต้องปรับรุ่นฐานข้อมูลก่อนใช้คำสั่งนี้:"
                 " เปิดไฟล์ในโปรแกรม ThaPlan หรือใช้คำสั่ง thaplan db upgrade --db {path}"
                 " (ระบบจะสำรองไฟล์เดิมไว้ก่อนปรับรุ่น)")
NETWORK_NOTICE = ("ไฟล์ {name} อยู่ในโฟลเดอร์เครือข่าย ซึ่งเสี่ยงต่อข้อมูลเสียหายหากเครือข่ายขาดระหว่างบันทึก"
                  " ควรคัดลอกไฟล์แผนมาเก็บไว้ในเครื่องนี้แล้วเปิดจากที่นั่น")


class SafeWorkspace(Workspace):
    """A workspace opened by ``open_for_editing``: it holds the file's editing lock, or is read-only.

    A read-only one (``read_only``, with the Thai ``notice`` saying why) refuses every change: the
    workspace itself checks that before each operation, undo and redo.
    """

    _lock: EditLock | None = None

    def file_stamp(self) -> tuple[int, ...]:
        """Changes whenever a commit reaches the file; a read-only window polls it to know when to reload.

        (Size and modification time of the file and its write-ahead log: cheap, no database access. On a
        server: the newest change's number in the change feed.)
        """
        if self.on_server:
            return (self.change_stamp(),)
        stamp: list[int] = []
        for suffix in ("", "-wal"):
            try:
                info = Path(f"{self.path}{suffix}").stat()
            except OSError:
                stamp += [0, 0]
            else:
                stamp += [info.st_size, info.st_mtime_ns]
        return tuple(stamp)

    def close(self) -> None:
        """Release the database file and its editing lock."""
        try:
            super().close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None


def _location(where: Location | str) -> Location:
    return parse_location(where) if isinstance(where, str) else where


def open_for_editing(where: Location | str) -> SafeWorkspace:
    """Open a plan as the GUI does, with the backup, upgrade and two-copies rules (module docstring)."""
    location = _location(where)
    if isinstance(location, ServerAddress):
        workspace = SafeWorkspace(location, open_server(location))
        try:
            workspace.notice = workspace.rights_notice()
            workspace.read_only = not workspace.rights().can_edit
        except BaseException:
            workspace.close()
            raise
        return workspace
    path = location
    try:
        lock = try_lock(path)
    except LockRefused as refused:  # a link or a stranger's file where the lock goes: never written into
        lock, reason = None, str(refused)
    except OSError:
        lock = None
        reason = (f"โฟลเดอร์ของไฟล์ {path.name} เขียนไม่ได้ (เช่น เป็นแผ่นซีดีหรือโฟลเดอร์ที่ใช้ร่วมแบบอ่านอย่างเดียว)"
                  " จึงเปิดแบบอ่านอย่างเดียว")
    else:
        reason = _busy_message(path) if lock is None else ""
    if lock is None:
        workspace = SafeWorkspace(path, open_database(path, readonly=True), read_only=True, notice=reason)
        log.info("%s opened read-only: %s", path, reason)
        return workspace
    notices: list[str] = []
    engine = None
    try:
        upgraded: list[Path] = []

        def before_upgrade(p: Path) -> None:
            upgraded.append(backup_database(p, backups_dir(), "upgrade"))

        engine = open_database(path, before_upgrade=before_upgrade)
        if on_network_drive(path):
            notices.append(NETWORK_NOTICE.format(name=path.name))
        if not upgraded:
            try:
                backup_if_due(path, backups_dir())
            except (OSError, DatabaseError) as exc:
                log.warning("daily backup of %s failed", path, exc_info=exc)
                notices.append(f"สำรองข้อมูลประจำวันไม่สำเร็จ ({exc}) — ข้อมูลในไฟล์ยังอยู่ครบ"
                               " ควรสำรองด้วยตนเองที่เมนู ไฟล์ → สำรอง/กู้คืนข้อมูล")
    except BaseException:
        if engine is not None:
            engine.dispose()
        lock.release()
        raise
    workspace = SafeWorkspace(path, engine, notice=" ".join(notices))
    workspace._lock = lock
    return workspace


def open_for_reading(where: Location | str) -> SafeWorkspace:
    """Open a plan only to read it (``info``, ``status``, the exports): nothing is ever written.

    No lock, no backup, no upgrade: a file of an older schema is refused with a Thai message that says how
    to upgrade it (open it in the window, or ``thaplan db upgrade``, both after a backup).
    """
    location = _location(where)
    if isinstance(location, ServerAddress):
        return SafeWorkspace(location, open_server(location), read_only=True)
    path = location
    _check_file(path)
    if stored_revision(path) != head_revision():
        raise DatabaseError(NEEDS_UPGRADE.format(name=path.name, path=path))
    return SafeWorkspace(path, open_database(path, readonly=True), read_only=True)


def upgrade_file(where: Location | str) -> Path | None:
    """Bring a plan of an older schema to this version after an ``upgrade`` backup; return that backup.

    None when the file is already current (nothing is written then). Refused while another copy of
    ThaPlan is editing the file. (A server database: see ``upgrade_server``.)
    """
    path = _location(where)
    if isinstance(path, ServerAddress):
        raise DatabaseError("upgrade_file is for plan files; a server is upgraded by upgrade_server")
    _check_file(path)
    if stored_revision(path) == head_revision():
        return None
    workspace = open_for_editing(path)
    try:
        if workspace.read_only:
            raise DatabaseError(workspace.notice)
    finally:
        workspace.close()
    return backups_of(path)[0].path


def create_for_editing(path: Path | str, **organisation: Unpack[NewPlan]) -> SafeWorkspace:
    """Create a new plan file (``Workspace.create`` arguments) and keep it open for editing, locked."""
    path = Path(path)
    if path.exists():
        raise DatabaseError(f"มีไฟล์ {path} อยู่แล้ว")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = try_lock(path)
    if lock is None:
        raise DatabaseError(_busy_message(path))
    try:
        workspace = SafeWorkspace.create(path, **organisation)
    except BaseException:
        lock.release()
        raise
    workspace._lock = lock
    return workspace


def backup_now(where: Location | str) -> Path:
    """A backup made on request (ไฟล์ → สำรอง/กู้คืนข้อมูล, ``thaplan backup``); safe while the plan is open.

    A server plan is written as a SQLite file (``thaplan copy``), listed with the file backups.
    """
    location = _location(where)
    if isinstance(location, ServerAddress):
        return backup_server(location, backups_dir(), "manual")
    _check_file(location)
    return backup_database(location, backups_dir(), "manual")


def backup_folder_of(where: Location | str) -> Path:
    """The folder holding the backups of a plan."""
    return backup_folder(_location(where), backups_dir())


def backups_of(where: Location | str) -> list[BackupInfo]:
    """The backups of a plan, newest first."""
    return backup_infos(_location(where), backups_dir())


def restore_backup(backup: Path | str, where: Location | str) -> Path | None:
    """Replace a plan's content by a backup, after backing up what it replaces.

    A file must not be open for editing anywhere, this program included: the GUI closes its
    workspace, calls this, and opens the file again with ``open_for_editing``. A server plan is
    replaced in one transaction (``thaplan copy --force``); the other officers' windows see the change.
    Returns the backup made of the replaced content (None when a file did not exist).
    """
    location = _location(where)
    if isinstance(location, ServerAddress):
        return restore_server(Path(backup), location, backups_dir())
    return restore_database(Path(backup), location, backups_dir())


def upgrade_plan(where: Location | str) -> tuple[str, Path | None] | None:
    """``thaplan db upgrade``: a file after an ``upgrade`` backup, a server in one transaction.

    None when the plan is current; else (the old revision, the backup made — None on a server, whose
    backups are its administrator's).
    """
    location = _location(where)
    if isinstance(location, ServerAddress):
        upgraded = upgrade_server(location)
        return None if upgraded is None else (upgraded[0], None)
    old = stored_revision(location)
    backup = upgrade_file(location)
    return None if backup is None else (old, backup)


# --- a server plan tried before the window opens it ----------------------------------------------------

# What can be wrong with a server plan, as ``ServerCheck.problem`` (the window says each in Thai).
SERVER_PROBLEMS = ("no_server", "not_running", "timeout", "password_needed", "wrong_password", "no_user",
                   "no_database", "not_allowed", "not_thaplan", "no_plan", "older", "newer", "no_rights", "other")

# libpq's and psycopg's words (lower case) → the problem; the first that appears in the message wins.
_DRIVER_WORDS = (
    ("password authentication failed", "wrong_password"),
    ("no password supplied", "password_needed"),
    ("failed to resolve host", "no_server"),
    ("could not translate host name", "no_server"),
    ("name or service not known", "no_server"),
    ("timeout expired", "timeout"),
    ("timed out", "timeout"),
    ("connection refused", "not_running"),
    ("no such file or directory", "not_running"),
    ("no pg_hba.conf entry", "not_allowed"),
    ("permission denied for database", "not_allowed"),
)


@dataclass(frozen=True, slots=True)
class ServerCheck:
    """What ``check_server`` found: the plan there and what the user may do, or the problem.

    ``problem`` is "" when the window can open the plan, else one of ``SERVER_PROBLEMS``; ``detail`` keeps
    the driver's own (English) words for the log, never for the officer.
    """

    problem: str = ""
    organisation: str = ""
    fiscal_year: int = 0
    user: str = ""
    rights: Rights | None = None
    notice: str = ""  # the user's rights in Thai ("" for one who may change everything)
    detail: str = ""

    @property
    def ok(self) -> bool:
        """True when the window can open the plan."""
        return not self.problem


def connection_problem(message: str) -> str:
    """The problem (``SERVER_PROBLEMS``) a failed connection's message names ("other" when none)."""
    lowered = message.lower()
    if "does not exist" in lowered:
        if 'role "' in lowered:
            return "no_user"
        if 'database "' in lowered:
            return "no_database"
    return next((problem for words, problem in _DRIVER_WORDS if words in lowered), "other")


def check_server(address: ServerAddress) -> ServerCheck:
    """Try a server plan as the window would open it: connect, the schema's version, the user's rights, the plan.

    Writes nothing and never raises for what an officer can get wrong (a server's name, a password, a
    database without a plan): that comes back as ``problem``.
    """
    try:
        engine = connect_server(address)
    except DatabaseError as exc:
        detail = scrub(str(getattr(exc.__cause__, "orig", None) or exc.__cause__ or exc))
        log.info("connecting to %s failed: %s", address, detail)
        return ServerCheck(problem=connection_problem(detail), detail=detail)
    try:
        with engine.connect() as connection:
            revision = server_revision(connection)
    except Exception as exc:  # a login without any of ThaPlan's rights may not even read the schema's version
        return _refused(address, exc)
    finally:
        engine.dispose()
    head, known = _script_revisions()
    if revision is None or revision != head:
        problem = "not_thaplan" if revision is None else "newer" if revision not in known else "older"
        return ServerCheck(problem=problem, detail=str(revision or ""))
    try:
        workspace = open_for_editing(address)
    except Exception as exc:
        return _refused(address, exc)
    try:
        rights = workspace.rights()
        if rights.role == "none":
            return ServerCheck(problem="no_rights", user=workspace.user, rights=rights)
        try:
            organisation = workspace.organisation()
            edition = workspace.find_edition()
        except (LookupError, WorkspaceError) as exc:
            return ServerCheck(problem="no_plan", user=workspace.user, rights=rights, detail=str(exc))
        return ServerCheck(organisation=organisation.name, fiscal_year=edition.fiscal_year, user=workspace.user,
                           rights=rights, notice=workspace.notice)
    finally:
        workspace.close()


def _refused(address: ServerAddress, exc: Exception) -> ServerCheck:
    log.info("opening %s failed", address, exc_info=exc)
    detail = scrub(str(getattr(exc, "orig", None) or exc))
    return ServerCheck(problem="no_rights" if "permission denied" in detail.lower() else "other", detail=detail)


def _check_file(path: Path) -> None:
    """Raise DatabaseError (Thai) unless ``path`` is a sound ThaPlan database; reads only."""
    from thaplan_desktop.db.files import check_integrity

    stored_revision(path)
    check_integrity(path)


def _busy_message(path: Path) -> str:
    who = holder(path)
    detail = ""
    if who is not None:
        parts = []
        if who.computer:
            parts.append(f"เครื่อง {who.computer}")
        if who.user:
            parts.append(f"ผู้ใช้ {who.user}")
        if who.since is not None:
            parts.append(f"ตั้งแต่ {format_thai_date(who.since.date(), short=True)} เวลา {who.since:%H:%M} น.")
        if parts:
            detail = f" ({' '.join(parts)})"
    return (f"ไฟล์ {path.name} กำลังถูกแก้ไขในโปรแกรม ThaPlan อีกหน้าต่างหนึ่ง{detail} จึงเปิดแบบอ่านอย่างเดียว"
            " เพื่อไม่ให้การแก้ไขทับกัน — ดูข้อมูลล่าสุดได้โดยโหลดใหม่ หากต้องการแก้ไข ให้ปิดหน้าต่างนั้นแล้วเปิดไฟล์นี้อีกครั้ง")
