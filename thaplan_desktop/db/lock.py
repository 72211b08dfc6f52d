"""The editing lock: at most one copy of ThaPlan edits a database file at a time.

Two copies of the application on one file (two windows, two users of a shared folder) must never lose an
edit: each copy keeps its own undo history and its own view of the rows, so a second writer could silently
overwrite the first one's work (an undo restores whole rows). The rule is therefore: the first copy
to open a file holds its editing lock and edits; any later copy opens the file read-only, is told why in
Thai, and sees the editor's committed changes whenever it reads again.

The lock is an operating-system lock on a small file beside the database (``plan.sqlite.lock``):
``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows. The system releases it when the process ends
in any way, a crash or a power cut included, so a stale lock never keeps anyone out. The lock file also
says who holds it (computer, user, since when), for the message. It is removed on release.

The lock file is only ever one we made: it is created exclusively and opened without following a
symbolic link, and an existing one must be a plain file with one name that is empty or says it is
ThaPlan's. Anything else at its path (a link to another file, a hard link, a folder, someone's document)
is refused with :class:`LockRefused`, untouched — the lock is written into, so it must never be a way to
overwrite another file.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import os
import socket
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from thaplan_desktop.db.files import DatabaseError

LOCK_SUFFIX = ".lock"
APPLICATION = "ThaPlan Desktop"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class LockRefused(DatabaseError):
    """Something that is not ThaPlan's lock file sits where the lock file goes; the message is Thai."""
_WINDOWS_LOCK_OFFSET = 1 << 30  # Windows locks are mandatory: lock a byte far away, keep the text readable


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds an editing lock, as its lock file says."""

    computer: str = ""
    user: str = ""
    pid: int = 0
    since: dt.datetime | None = None


def lock_path(database: Path) -> Path:
    """The lock file of ``database``."""
    return database.with_name(database.name + LOCK_SUFFIX)


class EditLock:
    """The editing lock of one database file, held by this process until ``release``."""

    def __init__(self, database: Path, fd: int) -> None:
        self.database = database
        self.path = lock_path(database)
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        """True until released."""
        return self._fd is not None

    def release(self) -> None:
        """Give the lock up and remove the lock file (safe to call twice)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            try:
                os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            except OSError:
                pass
            os.close(fd)
            try:  # fails harmlessly while another copy has the file open
                self.path.unlink()
            except OSError:
                pass
        else:
            try:  # unlink while still holding the lock; acquirers check they locked the current file
                self.path.unlink()
            except OSError:
                pass
            os.close(fd)

    def __enter__(self) -> EditLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # a forgotten lock still goes when its owner is collected
        try:
            self.release()
        except Exception:  # at interpreter exit; the system releases the lock anyway
            pass


def try_lock(database: Path) -> EditLock | None:
    """Take the editing lock of ``database``; None when another copy holds it.

    Raises OSError when the lock file cannot be created (a read-only folder): such a file cannot be
    edited safely either.
    """
    path = lock_path(database)
    for _attempt in range(20):
        fd = _open_lock_file(path)
        try:
            if not _lock_fd(fd):
                os.close(fd)
                return None
            if sys.platform != "win32":
                # The holder we waited for may have removed the file between our open and lock: then we
                # locked an orphan and must retry on the file now at ``path``.
                try:
                    current = os.stat(path, follow_symlinks=False)
                except FileNotFoundError:
                    os.close(fd)
                    continue
                mine = os.fstat(fd)
                if (current.st_dev, current.st_ino) != (mine.st_dev, mine.st_ino):
                    os.close(fd)
                    continue
            _write_holder(fd)
            return EditLock(database, fd)
        except BaseException:
            try:
                os.close(fd)
            except OSError:
                pass
            raise
    return None


def _open_lock_file(path: Path) -> int:
    """A descriptor of the lock file: created exclusively, or an existing one that is ThaPlan's own."""
    flags = os.O_RDWR | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    try:
        return os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        pass
    refused = LockRefused(f"ที่ตำแหน่งไฟล์ล็อก {path.name} มีไฟล์อื่นที่ไม่ใช่ไฟล์ล็อกของ ThaPlan (เช่น ลิงก์ไปยังไฟล์อื่น) "
                          "จึงไม่เปิดแก้ไขเพื่อไม่ให้ไฟล์นั้นถูกเขียนทับ กรุณาตรวจสอบและลบไฟล์นั้นก่อน")
    if sys.platform == "win32" and os.path.islink(path):  # pragma: no cover - no O_NOFOLLOW there
        raise refused
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o644)  # its holder just removed it
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EMLINK):
            raise refused from exc
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or not _ours(fd):
            raise refused
    except BaseException:
        os.close(fd)
        raise
    return fd


def _ours(fd: int) -> bool:
    """The open file is empty, or holds what ThaPlan writes into its lock file."""
    data = os.pread(fd, 4096, 0) if hasattr(os, "pread") else b""
    text = data.strip(b"\x00 \r\n")
    if not text:
        return True
    try:
        found = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(found, dict) and found.get("application") == APPLICATION


def holder(database: Path) -> Holder | None:
    """Who holds the editing lock of ``database``, as far as its lock file tells (None: unknown)."""
    try:
        fd = os.open(lock_path(database), os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        raw = os.read(fd, 4096)
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        data = json.loads(raw.decode("utf-8").strip("\x00 \n") or "{}")
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    since = None
    if data.get("since"):
        try:
            since = dt.datetime.fromisoformat(str(data["since"]))
        except ValueError:
            since = None
    return Holder(computer=str(data.get("computer", "")), user=str(data.get("user", "")),
                  pid=int(data.get("pid", 0) or 0), since=since)


NETWORK_FILESYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "ncpfs", "9p", "fuse.sshfs",
                                 "fuse.rclone", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre"})


def on_network_drive(path: Path, *, mountinfo: str | None = None) -> bool:
    """True when ``path`` is on a network folder (a mapped drive, ``\\\\server\\share``, NFS or SMB mount).

    SQLite's write-ahead log relies on shared memory that network file systems do not keep coherent
    between computers, so ThaPlan warns when a plan is kept there. ``mountinfo`` is for tests.
    """
    full = str(Path(path).resolve())
    if sys.platform == "win32":  # pragma: no cover - Windows only
        if full.startswith("\\\\"):
            return True
        import ctypes

        drive_remote = 4
        return bool(ctypes.windll.kernel32.GetDriveTypeW(full[:3]) == drive_remote)
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:  # macOS and others: no cheap way to tell
            return False
    best, fstype = "", ""
    for line in mountinfo.splitlines():
        fields = line.split()
        if "-" not in fields:
            continue
        point = fields[4].replace("\\040", " ")
        kind = fields[fields.index("-") + 1]
        inside = full == point or full.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, fstype = point, kind
    return fstype in NETWORK_FILESYSTEMS


def _lock_fd(fd: int) -> bool:
    """Lock ``fd`` without waiting; False when someone else holds it."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _write_holder(fd: int) -> None:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment
        user = ""
    text = json.dumps({"computer": socket.gethostname(), "user": user, "pid": os.getpid(),
                       "since": dt.datetime.now().replace(microsecond=0).isoformat(),
                       "application": APPLICATION}, ensure_ascii=False)
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, text.encode("utf-8") + b"\n")
