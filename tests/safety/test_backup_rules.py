"""Backups: when they are made, how many are kept, and restore, from the workspace and the command line."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from thaplan_desktop.cli import main
from thaplan_desktop.db.backup import (
    KEEP_BACKUPS,
    backup_before_import,
    backup_database,
    backup_folder,
    backup_if_due,
    backup_infos,
)
from thaplan_desktop.db.files import DatabaseError
from thaplan_desktop.domain.fiscal import be_year
from thaplan_desktop.paths import backups_dir
from thaplan_desktop.safety import backup_now, backups_of, open_for_editing, restore_backup
from thaplan_desktop.workspace import ProjectFields, Workspace


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in con.execute("SELECT name FROM project"))
    finally:
        con.close()


def _add(path: Path, name: str) -> None:
    ws = open_for_editing(path)
    try:
        ws.add_project(ws.find_edition().id, ProjectFields(name=name, budget=1, months={1}))
    finally:
        ws.close()


def test_opening_for_editing_backs_up_at_most_once_a_day(demo_db):
    for _ in range(3):
        open_for_editing(demo_db).close()
    backups = backups_of(demo_db)
    assert [b.reason for b in backups] == ["open"]
    assert _names(backups[0].path) == _names(demo_db)
    assert backups[0].reason_label == "สำรองประจำวันเมื่อเปิดไฟล์"


def test_the_daily_backup_is_made_again_the_next_day_only_if_the_file_changed(demo_db):
    day = dt.datetime(2026, 10, 1, 9, 0)
    folder = backups_dir()
    assert backup_if_due(demo_db, folder, now=day) is not None
    assert backup_if_due(demo_db, folder, now=day.replace(hour=14)) is None  # same day
    day2 = day + dt.timedelta(days=1)
    assert backup_if_due(demo_db, folder, now=day2) is None  # nothing changed since the last copy
    with Workspace.open(demo_db) as ws:
        ws.add_project(ws.find_edition().id, ProjectFields(name="งานวันที่สอง", budget=1, months={1}))
    made = backup_if_due(demo_db, folder, now=day2.replace(hour=10))
    assert made is not None
    assert "งานวันที่สอง" in _names(made)
    assert backup_if_due(demo_db, folder, now=day2.replace(hour=16)) is None
    assert [b.taken for b in backup_infos(demo_db, folder)] == [day2.replace(hour=10), day]


def test_any_backup_made_today_counts_as_the_daily_one(demo_db):
    backup_now(demo_db)
    open_for_editing(demo_db).close()
    assert [b.reason for b in backups_of(demo_db)] == ["manual"]


def test_a_backup_is_made_before_every_import_even_on_a_day_that_has_one(demo_db):
    open_for_editing(demo_db).close()
    _add(demo_db, "งานหลังเปิดไฟล์")
    first = backup_before_import(demo_db)
    _add(demo_db, "งานหลังนำเข้าครั้งแรก")  # (a copy the same as the newest is not made again)
    second = backup_before_import(demo_db)
    assert first != second
    assert [b.reason for b in backups_of(demo_db)] == ["import", "import", "open"]
    assert backups_of(demo_db)[0].reason_label == "ก่อนนำเข้าข้อมูล"


def test_a_backup_can_be_made_while_another_copy_is_editing(demo_db):
    ws = open_for_editing(demo_db)
    try:
        ws.add_project(ws.find_edition().id, ProjectFields(name="ยังเปิดอยู่", budget=1, months={1}))
        copy = backup_now(demo_db)
    finally:
        ws.close()
    assert "ยังเปิดอยู่" in _names(copy)
    assert not Path(f"{copy}-wal").exists()  # a backup is one self-contained file


def test_only_the_newest_twenty_are_kept_and_files_never_share_backups(demo_db, tmp_path):
    twin_folder = tmp_path / "อีกโฟลเดอร์"
    twin_folder.mkdir()
    twin = twin_folder / demo_db.name  # same name, another file
    similar = demo_db.with_name(demo_db.stem + "-2.sqlite")  # a name that starts the same
    shutil.copy(demo_db, twin)
    shutil.copy(demo_db, similar)
    backup_database(twin, backups_dir(), "manual")
    backup_database(similar, backups_dir(), "manual")
    made = [backup_database(demo_db, backups_dir(), "manual") for _ in range(KEEP_BACKUPS + 5)]
    kept = backups_of(demo_db)
    assert [b.path for b in kept] == made[::-1][:KEEP_BACKUPS]
    assert len(backups_of(twin)) == 1
    assert len(backups_of(similar)) == 1
    assert backup_folder(twin, backups_dir()) != backup_folder(demo_db, backups_dir())


def test_half_written_backups_are_never_listed(demo_db):
    folder = backup_folder(demo_db, backups_dir())
    folder.mkdir(parents=True)
    (folder / f"{demo_db.stem}-20261001-090000-000000-open.sqlite.partial").write_bytes(b"SQLite format 3\x00")
    assert backups_of(demo_db) == []
    backup_now(demo_db)
    assert [p.name.endswith(".partial") for p in folder.iterdir()] == [False]


def test_restore_backs_up_what_it_replaces_first(demo_db):
    before = _names(demo_db)
    backup = backup_now(demo_db)
    _add(demo_db, "งานหลังสำรอง")
    saved = restore_backup(backup, demo_db)
    assert _names(demo_db) == before
    assert saved is not None
    assert "งานหลังสำรอง" in _names(saved)
    assert backups_of(demo_db)[0].reason == "before-restore"
    ws = open_for_editing(demo_db)  # the restored file opens and edits normally
    try:
        assert not ws.read_only
        ws.add_project(ws.find_edition().id, ProjectFields(name="หลังกู้คืน", budget=1, months={1}))
    finally:
        ws.close()


def test_restore_is_refused_while_the_file_is_being_edited(demo_db):
    backup = backup_now(demo_db)
    ws = open_for_editing(demo_db)
    try:
        with pytest.raises(DatabaseError, match="กำลังเปิดแก้ไขอยู่"):
            restore_backup(backup, demo_db)
    finally:
        ws.close()


def test_restore_over_a_damaged_file_keeps_the_damaged_bytes(demo_db):
    backup = backup_now(demo_db)
    demo_db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    saved = restore_backup(backup, demo_db)
    assert saved is not None
    assert saved.read_bytes().endswith(b"\xff" * 100)
    assert _names(demo_db) == _names(backup)


def test_a_damaged_or_newer_backup_is_not_restored(demo_db, tmp_path):
    content = demo_db.read_bytes()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database")
    with pytest.raises(DatabaseError):
        restore_backup(broken, demo_db)
    newer = tmp_path / "newer.sqlite"
    shutil.copy(demo_db, newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = 'ffff'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="รุ่นที่ใหม่กว่า"):
        restore_backup(newer, demo_db)
    assert demo_db.read_bytes() == content


def test_the_backup_commands(demo_db, capsys):
    assert main(["backups", "--db", str(demo_db)]) == 0
    assert "ยังไม่มีไฟล์สำรอง" in capsys.readouterr().out

    assert main(["backup", "--db", str(demo_db)]) == 0
    assert "สำรองข้อมูลแล้ว" in capsys.readouterr().out
    before = _names(demo_db)
    _add(demo_db, "งานที่จะถูกกู้คืนทับ")

    assert main(["backups", "--db", str(demo_db)]) == 0
    listing = capsys.readouterr().out
    assert f" {be_year(dt.date.today().year)} เวลา " in listing  # Buddhist-era dates
    assert "สำรองด้วยตนเอง" in listing
    assert f"{len(before)} รายการ" in listing

    manual = next(i for i, b in enumerate(backups_of(demo_db), start=1) if b.reason == "manual")
    assert main(["restore", str(manual), "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "ข้อมูลเดิมก่อนกู้คืนถูกสำรองไว้ที่" in out
    assert _names(demo_db) == before

    assert main(["restore", "99", "--db", str(demo_db)]) == 1
    assert "ไม่มีไฟล์สำรองลำดับที่ 99" in capsys.readouterr().err
