"""Bad files: opening what is not a sound ThaPlan database says so in Thai and changes nothing on disk.

Through ``open_for_editing``, the GUI's way in: no byte of the file changes, no lock, journal or backup
file is left behind.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from thaplan_desktop.db.backup import backup_infos
from thaplan_desktop.db.files import DatabaseError
from thaplan_desktop.paths import backups_dir
from thaplan_desktop.safety import open_for_editing


def _refused_untouched(path: Path, match: str = "ThaPlan|เสียหาย") -> str:
    content = path.read_bytes()
    listing = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(DatabaseError, match=match) as caught:
        open_for_editing(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == listing
    assert backup_infos(path, backups_dir()) == []
    return str(caught.value)


@pytest.mark.parametrize("content", [
    b"",
    "ไม่ใช่ฐานข้อมูล แต่เป็นข้อความธรรมดา".encode(),
    bytes(range(256)) * 40,
    b"SQLite format 3\x00" + b"\x00" * 50,
], ids=["empty", "text", "random", "bare-header"])
def test_files_that_are_not_databases_are_refused_untouched(tmp_path, content):
    path = tmp_path / "แผน.sqlite"
    path.write_bytes(content)
    message = _refused_untouched(path)
    assert "แผน.sqlite" in message


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.execute("INSERT INTO contacts VALUES ('สมชาย')")
    con.commit()
    con.close()
    _refused_untouched(path, "ไม่ใช่ฐานข้อมูลของ ThaPlan")


@pytest.mark.parametrize("journal", ["wal", "delete"])
@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9])
def test_a_truncated_plan_is_refused_untouched(demo_db, fraction, journal):
    if journal == "delete":  # as an older copy, or one made by another tool, would be
        con = sqlite3.connect(demo_db)
        con.execute("PRAGMA journal_mode=DELETE")
        con.close()
    content = demo_db.read_bytes()
    demo_db.write_bytes(content[: int(len(content) * fraction) // 512 * 512])
    _refused_untouched(demo_db)


def test_a_missing_file_is_reported_in_thai(tmp_path):
    with pytest.raises(DatabaseError, match="ไม่พบไฟล์"):
        open_for_editing(tmp_path / "ไม่มี.sqlite")
    assert list(tmp_path.iterdir()) == []
