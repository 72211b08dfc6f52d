"""Safe upgrades: a file of the first released schema (0001) opens with today's code, after a backup, every row kept.

``tests/data/schema_0001_demo.sqlite`` was written by the application at revision 0001 (commit ea806e5's
schema, checked equal to ``alembic upgrade 0001``): อบต.ท่าสะท้อน 2563 with strategies, programs, six
projects and equipment in two editions, Thai text, satang budgets and a logo. The tests hold whatever
the head revision is. Upgrades are one transaction: a migration that fails midway leaves the file as it
was, and a migration that rebuilds a parent table (Alembic batch mode) keeps the rows that refer to it.
"""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from thaplan_desktop.db import engine as engine_module
from thaplan_desktop.db import files as files_module
from thaplan_desktop.db.backup import backup_infos
from thaplan_desktop.db.files import DatabaseError, head_revision, stored_revision
from thaplan_desktop.paths import backups_dir
from thaplan_desktop.safety import open_for_editing

FIRST = Path(__file__).resolve().parents[1] / "data" / "schema_0001_demo.sqlite"


def _tables(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows (sorted), read with plain sqlite3."""
    con = sqlite3.connect(path)
    try:
        result = {}
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"):
            columns = [row[1] for row in con.execute(f'PRAGMA table_info("{name}")')]
            result[name] = (columns, sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr))
        return result
    finally:
        con.close()


def _rows_kept(old: Path, new: Path) -> None:
    before, after = _tables(old), _tables(new)
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            continue
        assert table in after, f"table {table} vanished"
        con = sqlite3.connect(new)
        try:
            column_list = ", ".join(f'"{c}"' for c in columns)
            kept = sorted(con.execute(f'SELECT {column_list} FROM "{table}"').fetchall(), key=repr)
        finally:
            con.close()
        assert kept == rows, f"rows of {table} changed"


@pytest.fixture
def first_release(tmp_path) -> Path:
    path = tmp_path / "แผน 2563.sqlite"
    shutil.copy(FIRST, path)
    return path


def test_the_stored_file_is_of_the_first_released_schema():
    assert stored_revision(FIRST) == "0001"
    assert sum(len(rows) for _c, rows in [_tables(FIRST)["project"]]) == 6


def test_opening_a_first_release_file_upgrades_it_after_a_backup_keeping_every_row(first_release):
    ws = open_for_editing(first_release)
    try:
        assert not ws.read_only
        assert stored_revision(first_release) == head_revision()
        projects = [p for e in ws.editions() for p in ws.projects(e.id)]
        assert len(projects) == 6
        assert len({p.uuid for p in projects}) == 6
        assert all(len(p.uuid) == 36 for p in projects)
        road = next(p for p in projects if p.name.startswith("โครงการก่อสร้างถนน"))
        assert road.budget == Decimal("498000.00")
        assert "0.15 เมตร" in road.details
        assert {p.budget for p in projects} >= {Decimal("35500.50"), Decimal("0.01")}
        assert ws.organisation().logo == b"\x89PNG\r\n\x1a\n-not-a-real-logo"
    finally:
        ws.close()
    _rows_kept(FIRST, first_release)

    backups = backup_infos(first_release, backups_dir())
    if head_revision() != "0001":
        assert [b.reason for b in backups] == ["upgrade"]  # and no separate daily copy of the same day
        assert stored_revision(backups[0].path) == "0001"
        assert _tables(backups[0].path) == _tables(FIRST)

    again = open_for_editing(first_release)  # a second opening neither upgrades nor backs up again
    again.close()
    assert len(backup_infos(first_release, backups_dir())) == len(backups)


def _extra_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Make the application believe a migration ``9999`` (``body`` as its upgrade) follows today's head."""
    migrations = tmp_path / "migrations"
    shutil.copytree(files_module._MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    source = "\n".join([
        '"""probe migration written by a test"""',
        "import sqlalchemy as sa",
        "from alembic import op",
        'revision = "9999"',
        f'down_revision = "{head_revision()}"',
        "branch_labels = None",
        "depends_on = None",
        "",
        "def upgrade() -> None:",
        textwrap.indent(textwrap.dedent(body).strip(), "    "),
        "",
        "def downgrade() -> None:",
        "    pass",
        "",
    ])
    (migrations / "versions" / "9999_probe.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(files_module, "_MIGRATIONS", migrations)
    monkeypatch.setattr(engine_module, "_MIGRATIONS", migrations)
    files_module._script_revisions.cache_clear()


@pytest.fixture
def _fresh_revisions():
    yield
    files_module._script_revisions.cache_clear()


@pytest.mark.usefixtures("_fresh_revisions")
def test_an_upgrade_that_fails_midway_leaves_the_file_as_it_was(first_release, tmp_path, monkeypatch):
    _extra_migration(tmp_path, monkeypatch, """
        op.add_column("project", sa.Column("probe", sa.Integer(), nullable=True))
        op.execute("DELETE FROM project")
        raise RuntimeError("the migration breaks halfway")
    """)
    with pytest.raises(RuntimeError, match="halfway"):
        open_for_editing(first_release)
    assert stored_revision(first_release) == "0001"
    assert _tables(first_release) == _tables(FIRST)
    assert not Path(f"{first_release}.lock").exists()
    assert [b.reason for b in backup_infos(first_release, backups_dir())] == ["upgrade"]


@pytest.mark.usefixtures("_fresh_revisions")
def test_an_upgrade_rebuilding_a_parent_table_keeps_the_rows_that_refer_to_it(first_release, tmp_path,
                                                                              monkeypatch):
    # Batch mode copies "edition", drops it and renames the copy: with foreign keys on, the drop would
    # cascade-delete every project of every edition.
    _extra_migration(tmp_path, monkeypatch, """
        with op.batch_alter_table("edition", recreate="always") as batch:
            batch.add_column(sa.Column("probe", sa.Integer(), nullable=True))
    """)
    open_for_editing(first_release).close()
    assert stored_revision(first_release) == "9999"
    _rows_kept(FIRST, first_release)


def test_a_file_from_a_newer_version_is_refused_untouched_by_open_for_editing(first_release):
    con = sqlite3.connect(first_release)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    before = first_release.read_bytes()
    with pytest.raises(DatabaseError, match="รุ่นที่ใหม่กว่า"):
        open_for_editing(first_release)
    assert first_release.read_bytes() == before
    assert sorted(p.name for p in first_release.parent.iterdir()) == [first_release.name]
    assert backup_infos(first_release, backups_dir()) == []
