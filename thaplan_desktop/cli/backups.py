"""``thaplan backup``, ``thaplan backups`` and ``thaplan restore``: backup copies from the command line.

Backups live in the user data folder (``backups/``), one folder per database file, the newest 20 kept
(see ``db/backup.py``). ``restore`` first backs up the content it replaces, and refuses while a copy of
ThaPlan is editing the file. Qt-free and, on a file, SQLAlchemy-free, so these commands start fast. A plan
on the office server is backed up as a SQLite file (``thaplan copy``) and restored onto the server with
``thaplan copy --force``; the server's own backups (pg_dump) are its administrator's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from thaplan_desktop.cli.common import CommandError, add_db_argument


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan backup``."""
    add_db_argument(parser)


def run_backup(args: argparse.Namespace) -> int:
    """``thaplan backup --db PATH|URL``: a backup copy now."""
    from thaplan_desktop.db.backup import backup_database
    from thaplan_desktop.db.files import check_integrity, stored_revision
    from thaplan_desktop.db.location import ServerAddress
    from thaplan_desktop.paths import backups_dir

    if isinstance(args.db, ServerAddress):
        from thaplan_desktop.db.backup import backup_server

        target = backup_server(args.db, backups_dir(), "manual")
        print(f"สำรองแผนจากเซิร์ฟเวอร์เป็นไฟล์ SQLite แล้ว: {target}")
        print(f"กู้คืนด้วย: thaplan copy --from {target} --to {args.db} --force")
        return 0
    stored_revision(args.db)
    check_integrity(args.db)
    target = backup_database(args.db, backups_dir(), "manual")
    print(f"สำรองข้อมูลแล้ว: {target}")
    return 0


def add_backups_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan backups``."""
    add_db_argument(parser)


def run_backups(args: argparse.Namespace) -> int:
    """``thaplan backups --db PATH``: the backups of a file, newest first, with Buddhist-era dates."""
    from thaplan_desktop.db.backup import backup_folder, backup_infos, project_count
    from thaplan_desktop.paths import backups_dir

    infos = backup_infos(args.db, backups_dir())
    if not infos:
        print(f"ยังไม่มีไฟล์สำรองของ {args.db.name} (โฟลเดอร์สำรอง: {backup_folder(args.db, backups_dir())})")
        return 0
    print(f"ไฟล์สำรองของ {args.db.name} ({len(infos)} ไฟล์ ใหม่สุดก่อน) ในโฟลเดอร์ {infos[0].path.parent}")
    for number, info in enumerate(infos, start=1):
        projects = project_count(info.path)
        count = f"{projects} รายการ" if projects is not None else "อ่านไม่ได้"
        print(f"{number:>3}. {info.taken_label}  {info.reason_label}  ({count}, {info.size_label})")
        print(f"     {info.path}")
    print("กู้คืนด้วย: thaplan restore ลำดับหรือชื่อไฟล์สำรอง --db " + str(args.db)
          + (" (หรือ thaplan copy --from ไฟล์สำรอง --to ฐานข้อมูล --force)" if "://" in str(args.db) else ""))
    return 0


def add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan restore``."""
    parser.add_argument("backup", help="ไฟล์สำรอง หรือลำดับจาก thaplan backups (1 = ใหม่สุด)")
    add_db_argument(parser)


def run_restore(args: argparse.Namespace) -> int:
    """``thaplan restore BACKUP --db PATH``: put a backup's content back, after backing up the current one."""
    from thaplan_desktop.db.backup import backup_infos, restore_database
    from thaplan_desktop.paths import backups_dir

    backup = Path(args.backup)
    if args.backup.isdigit() and not backup.exists():
        infos = backup_infos(args.db, backups_dir())
        number = int(args.backup)
        if not 1 <= number <= len(infos):
            raise CommandError(f"ไม่มีไฟล์สำรองลำดับที่ {number} ของ {args.db.name} (มี {len(infos)} ไฟล์)")
        backup = infos[number - 1].path
    elif not backup.is_file():
        raise CommandError(f"ไม่พบไฟล์สำรอง {backup}")
    from thaplan_desktop.db.location import ServerAddress

    if isinstance(args.db, ServerAddress):
        from thaplan_desktop.db.backup import restore_server

        saved: Path | None = restore_server(backup, args.db, backups_dir())
    else:
        saved = restore_database(backup, args.db, backups_dir())
    print(f"กู้คืน {args.db} จากไฟล์สำรอง {backup.name} แล้ว")
    if saved is not None:
        print(f"ข้อมูลเดิมก่อนกู้คืนถูกสำรองไว้ที่ {saved}")
    return 0
