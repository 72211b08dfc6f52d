"""Where an exported file may be written, and writing it whole or not at all: every exporter goes through here.

:func:`checked_target` refuses (``OutputRefused``, Thai) an output path that would destroy something: a
database file (any SQLite file: the plan itself, its backups, another plan), the write-ahead log, shared
memory, journal or editing lock of a ThaPlan plan, a folder, or anything that is not a regular file (a
device such as ``/dev/sda``, a pipe). A symbolic link is followed, and the same checks are made on the file
it points to, which is the one written.

:func:`atomic_output` gives an exporter a temporary file in the target's folder and, when the exporter is
done, makes it the target in one rename, after checking the target again: a failed, cancelled or killed
export leaves the old file as it was, and never half a new one. The file's permissions follow the user's
umask (as any file the user makes), whatever the exporter's own temporary file had. Each temporary file
is listed, while it exists, in the user data folder (``pending-outputs.txt``), so that one left behind by a
crash or a ``kill`` is removed at the next start (:func:`remove_stale_outputs`); on SIGTERM the command
line ends the export cleanly and removes it at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import socket
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PART_SUFFIX = ".thaplan.part"
REGISTRY = "pending-outputs.txt"
_PLAN_FILES = ("-wal", "-shm", "-journal", ".lock")
_STALE_SECONDS = 24 * 3600  # a file listed by another computer is left alone for a day


class OutputRefused(OSError):
    """An output path that would destroy something; the message is Thai and names the path.

    A file error, so that every screen shows it as it shows a file it cannot write (its Thai message whole).
    """


def checked_target(path: Path | str) -> Path:
    """The file an export to ``path`` would write (a symbolic link followed), or ``OutputRefused``."""
    given = Path(path)
    target = Path(os.path.realpath(given))
    shown = given if given == target else f"{given} (ซึ่งชี้ไปที่ {target})"
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputRefused(f"ตรวจไฟล์ปลายทาง {shown} ไม่ได้: {exc.strerror or exc}") from exc
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputRefused(f"{shown} เป็นโฟลเดอร์ กรุณาระบุชื่อไฟล์ที่จะเขียน")
        if not stat.S_ISREG(info.st_mode):
            raise OutputRefused(f"{shown} ไม่ใช่ไฟล์ธรรมดา (เช่น เป็นอุปกรณ์หรือท่อข้อมูล) จึงไม่เขียนทับ")
        if _is_database(target):
            raise OutputRefused(f"{shown} เป็นไฟล์ฐานข้อมูล (เช่น ไฟล์แผนหรือไฟล์สำรอง) จึงไม่เขียนทับ "
                                "กรุณาเลือกชื่อไฟล์อื่น")
    for suffix in _PLAN_FILES:
        if target.name.endswith(suffix) and _is_database(target.with_name(target.name[: -len(suffix)])):
            raise OutputRefused(f"{shown} เป็นไฟล์ประกอบของแผน {target.name[: -len(suffix)]} "
                                "(ไฟล์บันทึกรายการหรือไฟล์ล็อก) จึงไม่เขียนทับ กรุณาเลือกชื่อไฟล์อื่น")
    if not target.parent.is_dir():
        raise OutputRefused(f"ไม่พบโฟลเดอร์ {target.parent} ของไฟล์ {given}")
    return target


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


@contextlib.contextmanager
def atomic_output(path: Path | str) -> Iterator[Path]:
    """A temporary path for the exporter to write; on leaving without an error it becomes ``path``.

    Refuses (``OutputRefused``) what :func:`checked_target` refuses, before anything is written and again
    just before the rename. The exporter may replace the temporary file by its own (the PDF writer does).
    """
    target = checked_target(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}{PART_SUFFIX}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_BINARY", 0), 0o666)  # the umask decides the permissions, as for any file
    mode = stat.S_IMODE(os.fstat(fd).st_mode)
    os.close(fd)
    _register(temporary)
    try:
        yield temporary
        if checked_target(path) != target:
            raise OutputRefused(f"ไฟล์ปลายทาง {path} ถูกเปลี่ยนระหว่างส่งออก จึงไม่ได้เขียนทับ")
        if not os.path.lexists(temporary) or not os.path.isfile(temporary):
            raise OSError(errno.ENOENT, "ไม่พบไฟล์ที่ส่งออก", str(temporary))
        os.chmod(temporary, mode)
        with open(temporary, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(temporary, target)
        _sync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
        _unregister(temporary)


def _sync_folder(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - folders cannot be opened there
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- temporary files left behind ------------------------------------------------------------------------

def _registry() -> Path | None:
    try:
        from thaplan_desktop.paths import data_dir

        return data_dir() / REGISTRY
    except OSError:
        return None


def _entries(registry: Path) -> list[tuple[str, int, float, str]]:
    try:
        text = registry.read_text(encoding="utf-8")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        parts = line.split("\t", 3)
        if len(parts) != 4:
            continue
        host, pid, since, name = parts
        try:
            found.append((host, int(pid), float(since), name))
        except ValueError:
            continue
    return found


def _write_entries(registry: Path, entries: list[tuple[str, int, float, str]]) -> None:
    text = "".join(f"{host}\t{pid}\t{since}\t{name}\n" for host, pid, since, name in entries)
    partial = registry.with_name(registry.name + f".{os.getpid()}")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, registry)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


def _register(temporary: Path) -> None:
    registry = _registry()
    if registry is not None:
        entries = _entries(registry)
        entries.append((socket.gethostname(), os.getpid(), time.time(), str(temporary)))
        _write_entries(registry, entries)


def _unregister(temporary: Path) -> None:
    registry = _registry()
    if registry is not None:
        entries = _entries(registry)
        kept = [e for e in entries if e[3] != str(temporary)]
        if len(kept) != len(entries):
            _write_entries(registry, kept)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - no signal 0 there: trust the age alone
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_outputs() -> list[Path]:
    """Remove the temporary export files that a crashed or killed copy of ThaPlan left behind; return them.

    A file is removed when the process that listed it is gone (on this computer) or, for another computer's,
    after a day; only files named as this module names them are touched.
    """
    registry = _registry()
    if registry is None or not registry.exists():
        return []
    host = socket.gethostname()
    now = time.time()
    removed: list[Path] = []
    kept = []
    for entry in _entries(registry):
        owner, pid, since, name = entry
        live = _alive(pid) if owner == host else now - since < _STALE_SECONDS
        path = Path(name)
        if live:
            kept.append(entry)
            continue
        if path.name.endswith(PART_SUFFIX) and path.name.startswith("."):
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISREG(path.lstat().st_mode):
                    path.unlink()
                    removed.append(path)
    _write_entries(registry, kept)
    return removed
