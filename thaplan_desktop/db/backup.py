"""Backup copies of a database file, made with SQLite's online backup API (safe while in use)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

KEEP_BACKUPS = 20


def copy_database(source: Path, target: Path) -> Path:
    """Copy ``source`` into ``target`` consistently, even while another connection writes to it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def backup_database(source: Path, folder: Path, reason: str, *, keep: int = KEEP_BACKUPS) -> Path:
    """A dated backup of ``source`` in ``folder``; only the newest ``keep`` backups of that file are kept."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{source.stem}-{stamp}-{reason}.sqlite"
    copy_database(source, target)
    backups = list_backups(source, folder)
    for old in backups[keep:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(source: Path, folder: Path) -> list[Path]:
    """Backups of ``source`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{source.stem}-*.sqlite"), key=lambda p: p.name, reverse=True)
