"""Several officers on one plan: conflicts, per-user undo, the change feed, rights enforced by the server,
copies between a file and the server, and every migration on both kinds of database."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from dbsnapshot import dump, rows
from office_users import as_user as _as
from office_users import make_users as _users
from sqlalchemy import create_engine

from thaplan_desktop.db import engine as db_engine
from thaplan_desktop.db.location import parse_location, scrub
from thaplan_desktop.db.models import Base
from thaplan_desktop.db.office import office_tables
from thaplan_desktop.db.transfer import copy_plan
from thaplan_desktop.workspace import (
    ConflictError,
    DatabaseError,
    EditionFields,
    OrganisationFields,
    PermissionDenied,
    ProjectFields,
    ServerAddress,
    Workspace,
)

# --- helpers --------------------------------------------------------------------------------------------


def _projects(location) -> set[tuple]:
    return {(r["id"], r["uuid"], r["name"], r["budget_satang"], r["unit_id"]) for r in rows(location, "project")}


def _first_project(ws: Workspace, unit: str | None = None):
    units = {u.id: u.name for u in ws.units()}
    projects = ws.projects(ws.find_edition().id)
    return next(p for p in projects if unit is None or units.get(p.unit_id) == unit)


# --- migrations -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_migration_runs_up_and_down_on_both_kinds_of_database(backend, tmp_path, request):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    else:
        server = request.getfixturevalue("pg_server")
        name = server.create_database()
        request.addfinalizer(lambda: server.drop_database(name))
        url = server.url(name)
    script = ScriptDirectory(str(db_engine._MIGRATIONS))
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    config = Config()
    config.set_main_option("script_location", str(db_engine._MIGRATIONS))
    engine = create_engine(url)
    try:
        for revision in revisions:  # one at a time, as an older plan meets them
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection, opts={"render_as_batch": True}),
                                    Base.metadata) == []
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == revisions[-1]
    finally:
        engine.dispose()


def test_every_versioned_table_has_the_server_triggers_and_rights(pg_database):
    with psycopg.connect(pg_database.url.render_as_string(hide_password=False).replace("+psycopg", "")) as conn:
        triggers = {(t, n) for t, n in conn.execute(
            "SELECT event_object_table, trigger_name FROM information_schema.triggers")}
        secured = {r[0] for r in conn.execute("SELECT relname FROM pg_class WHERE relrowsecurity")}
    for table, scope in office_tables().items():
        assert {(table, "thaplan_stamp"), (table, "thaplan_log"), (table, "thaplan_notify")} <= triggers, table
        assert (table in secured) == (scope is not None), table


# --- conflicts ------------------------------------------------------------------------------------------

def test_an_edit_of_a_row_someone_changed_since_is_refused_naming_who_and_what_it_is_now(pg_server, pg_database):
    plan = pg_database
    Workspace.create(plan, name="องค์การบริหารส่วนตำบลท่าสะท้อน", district="พุนพิน", province="สุราษฎร์ธานี",
                     fiscal_year=2563).close()
    _users(pg_server, plan, somchai=("planner", []), somsri=("planner", []))
    with Workspace.open(_as(pg_server, plan, "somchai")) as a, Workspace.open(_as(pg_server, plan, "somsri")) as b:
        edition = a.find_edition().id
        a.add_project(edition, ProjectFields(name="ถนนลาดยางสายบ้านนา", budget=Decimal("1000"), unit_name="กองช่าง"))
        project = a.projects(edition)[0]
        b.projects(edition)  # both windows show the project
        b.update_project(project.id, ProjectFields(budget=Decimal("250000")))
        with pytest.raises(ConflictError) as refused:
            a.update_project(project.id, ProjectFields(name="ถนนคอนกรีต"))
        message = str(refused.value)
        assert "somsri" in message
        assert "ถนนลาดยางสายบ้านนา" in message
        assert "250,000.00 บาท" in message
        assert refused.value.changes.projects == {project.id}
        assert a.project(project.id).name == "ถนนลาดยางสายบ้านนา"  # nothing of a's edit was written
        a.update_project(project.id, ProjectFields(name="ถนนคอนกรีต"))  # after reading it again, it goes
        assert b.project(project.id).budget == Decimal("250000")
        assert rows(plan, "project")[0]["changed_by"] == "somchai"


def test_a_deleted_row_is_refused_as_deleted(plan_location):
    with Workspace.create(plan_location, name="เทศบาลตำบลท่าข้าม", district="พุนพิน", province="สุราษฎร์ธานี",
                          fiscal_year=2563) as a:
        edition = a.find_edition().id
        a.add_project(edition, ProjectFields(name="ประปาหมู่บ้าน", budget=Decimal("10")))
        project = a.projects(edition)[0]
        with Workspace.open(plan_location) as b:
            b.delete_projects([project.id])
        with pytest.raises(ConflictError, match="ถูกลบโดย"):
            a.update_project(project.id, ProjectFields(budget=Decimal("20")))


def test_undo_is_per_user_and_refuses_to_undo_over_someone_elses_later_change(plan_location):
    with Workspace.create(plan_location, name="เทศบาลตำบลท่าข้าม", district="พุนพิน", province="สุราษฎร์ธานี",
                          fiscal_year=2563) as a, Workspace.open(plan_location) as b:
        edition = a.find_edition().id
        a.add_projects(edition, [ProjectFields(name="ก", budget=Decimal(1)), ProjectFields(name="ข", budget=Decimal(2))])
        first, second = a.projects(edition)
        a.update_project(first.id, ProjectFields(name="ก แก้โดย a"))
        b.update_project(second.id, ProjectFields(name="ข แก้โดย b"))
        assert b.undo_label() == "แก้ไขโครงการ"
        assert a.undo_label() == "แก้ไขโครงการ"
        a.undo()  # a's own edit goes; b's stays
        assert [p.name for p in a.projects(edition)] == ["ก", "ข แก้โดย b"]
        a.redo()
        b.update_project(first.id, ProjectFields(budget=Decimal(99)))  # b now changes a's row
        with pytest.raises(ConflictError, match="ย้อนกลับ “แก้ไขโครงการ” ไม่ได้"):
            a.undo()
        assert a.project(first.id).name == "ก แก้โดย a"
        assert a.project(first.id).budget == Decimal(99)
        assert a.undo_label() == "เพิ่มโครงการ"  # the refused step left the history


def test_an_import_is_all_or_nothing_when_a_row_it_replaces_was_changed(demo_location):
    from thaplan_desktop.workspace import BatchProject, ImportBatch

    with Workspace.open(demo_location) as a, Workspace.open(demo_location) as b:
        edition = a.find_edition().id
        before = len(a.projects(edition))
        target = a.projects(edition)[3]
        batch = ImportBatch(edition_id=edition, label="นำเข้า", projects=(
            BatchProject(ProjectFields(name="ใหม่ 1", budget=Decimal(5))),
            BatchProject(ProjectFields(name=target.name, budget=Decimal(7)), replaces=target.id),
            BatchProject(ProjectFields(name="ใหม่ 2", budget=Decimal(6)))))
        b.update_project(target.id, ProjectFields(details="กองคลังแก้ไขระหว่างนำเข้า"))
        with pytest.raises(ConflictError):
            a.import_batch(batch)
        assert len(a.projects(edition)) == before
        assert a.project(target.id).details == "กองคลังแก้ไขระหว่างนำเข้า"


# --- the change feed ------------------------------------------------------------------------------------

def test_a_window_learns_of_others_changes_and_not_of_its_own(demo_location):
    with Workspace.open(demo_location) as window, Workspace.open(demo_location) as other:
        edition = window.find_edition().id
        assert window.others_changes() is None  # sets the cursor
        project = window.projects(edition)[0]
        window.update_project(project.id, ProjectFields(name="แก้ในหน้าต่างนี้"))
        assert window.others_changes() is None
        other.update_project(project.id + 1, ProjectFields(budget=Decimal("12")))
        other.add_strategy("ยุทธศาสตร์จากอีกเครื่อง")
        seen = window.others_changes()
        assert seen is not None
        assert seen.projects == {project.id + 1}
        assert seen.tree
        assert window.others_changes() is None
        stamp, notes = window.changes_since(0)
        assert stamp == window.change_stamp()
        assert {n.action for n in notes} >= {"update", "insert"}


def test_waiting_for_changes_wakes_when_another_workspace_commits(demo_location):
    with Workspace.open(demo_location) as window, Workspace.open(demo_location) as other:
        project = other.projects(other.find_edition().id)[0]
        woke: list[bool] = []
        waiter = threading.Thread(target=lambda: woke.append(window.wait_for_changes(30)))
        waiter.start()
        for n in range(100):  # the waiter starts listening at some point; keep committing until it wakes
            other.update_project(project.id, ProjectFields(details=f"รอบที่ {n}"))
            other.projects(other.find_edition().id)
            waiter.join(0.1)
            if not waiter.is_alive():
                break
        waiter.join()
        assert woke == [True]


# --- rights ---------------------------------------------------------------------------------------------

@pytest.fixture
def server_demo(pg_server, pg_demo):
    """A private copy of the demo plan on the test server (rights are the server's alone)."""
    name = pg_server.create_database(template=pg_demo)
    yield parse_location(pg_server.url(name))
    pg_server.drop_database(name)


def test_a_department_changes_only_its_own_units_projects_even_with_hand_written_sql(pg_server, server_demo):
    plan = server_demo
    _users(pg_server, plan, kongchang=("department", ["กองช่าง"]), reader=("reader", []))
    with Workspace.open(_as(pg_server, plan, "kongchang")) as ws:
        rights = ws.rights()
        assert rights.role == "department"
        assert len(rights.unit_ids) == 1
        own, other = _first_project(ws, "กองช่าง"), _first_project(ws, "สำนักปลัด")
        ws.update_project(own.id, ProjectFields(budget=Decimal("123")))
        with pytest.raises(PermissionDenied, match="kongchang"):
            ws.update_project(other.id, ProjectFields(budget=Decimal("1")))
        with pytest.raises(PermissionDenied):
            ws.add_strategy("ยุทธศาสตร์ของกอง")
    before = {r["id"]: r for r in rows(plan, "project")}
    url = _as(pg_server, plan, "kongchang").url
    with psycopg.connect(host=url.query["host"], port=int(url.query["port"]), user="kongchang",
                         dbname=url.database, autocommit=True) as conn:
        assert conn.execute("UPDATE project SET budget_satang = 1 WHERE id = %s", (other.id,)).rowcount == 0
        assert conn.execute("DELETE FROM project WHERE id = %s", (other.id,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE project SET unit_id = %s WHERE id = %s", (other.unit_id, own.id))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO project (edition_id, kind, name, details, budget_satang, location, months_mask,"
                         " dev_plan_ref, position, provenance, source_file, source_sheet, uuid, unit_id)"
                         " VALUES (%s, 'project', 'x', '', 1, '', 0, '', 0, 'typed', '', '', 'u-1', %s)",
                         (other.edition_id, other.unit_id))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE strategy SET name = 'x'")
        conn.execute("UPDATE project SET details = 'ตรง', changed_by = 'someone else' WHERE id = %s", (own.id,))
    after = {r["id"]: r for r in rows(plan, "project")}
    assert after[other.id] == before[other.id]
    assert after[own.id]["changed_by"] == "kongchang"
    assert after[own.id]["version"] > before[own.id]["version"]
    with Workspace.open(_as(pg_server, plan, "reader")) as ws:
        assert ws.rights().role == "reader"
        assert not ws.rights().can_edit
    from thaplan_desktop.safety import open_for_editing

    with open_for_editing(_as(pg_server, plan, "reader")) as ws:
        assert ws.read_only
        assert "อ่านแผนอย่างเดียว" in ws.notice


def test_on_a_file_the_changer_is_the_operating_system_login(tmp_path):
    from thaplan_desktop.db.office import os_user

    plan = tmp_path / "p.sqlite"
    with Workspace.create(plan, name="เทศบาลตำบลท่าข้าม", district="พุนพิน", province="สุราษฎร์ธานี",
                          fiscal_year=2563) as ws:
        ws.add_project(ws.find_edition().id, ProjectFields(name="ก"))
        assert ws.rights().role == "owner"
        assert ws.user == os_user()
    assert rows(plan, "project")[0]["changed_by"] == os_user()
    assert {r["changed_by"] for r in rows(plan, "change_log")} == {os_user()}


# --- copy and backups -----------------------------------------------------------------------------------

def test_copy_to_the_server_and_back_keeps_every_row_id_and_uuid(demo_db, pg_database, tmp_path):
    report = copy_plan(demo_db, pg_database)
    assert report.projects == 115  # both editions: ฉบับหลัก 111, เพิ่มเติม ฉบับที่ 1 four
    assert report.budget_satang == 3_455_192_278
    back = tmp_path / "back.sqlite"
    copy_plan(pg_database, back)
    assert dump(back) == dump(demo_db)
    with pytest.raises(DatabaseError, match="--force"):
        copy_plan(demo_db, pg_database)
    with Workspace.open(pg_database) as ws:  # new rows after a copy get fresh ids
        edition = ws.find_edition().id
        ws.add_project(edition, ProjectFields(name="หลังคัดลอก"))
        assert max(p.id for p in ws.projects(edition)) == max(r["id"] for r in rows(demo_db, "project")) + 1
    copy_plan(demo_db, pg_database, force=True)
    assert _projects(pg_database) == _projects(demo_db)


def test_copy_carries_the_crest_and_the_preface_month_both_ways(demo_db, pg_database, tmp_path):
    """The ตราครุฑ (bytes) and the คำนำ's month (a date) of 0007 travel to the server and back unchanged."""
    crest = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # every byte value, as an image holds them
    with Workspace.open(demo_db) as ws:
        ws.update_document(ws.find_edition().id, OrganisationFields(crest=crest),
                           EditionFields(preface_date=dt.date(2019, 9, 1)))
    copy_plan(demo_db, pg_database)
    with Workspace.open(pg_database) as ws:
        assert ws.organisation().crest == crest
        assert ws.find_edition().preface_date == dt.date(2019, 9, 1)
    back = tmp_path / "back.sqlite"
    copy_plan(pg_database, back)
    assert rows(back, "organisation")[0]["crest"] == crest
    assert dump(back) == dump(demo_db)


def test_a_server_backup_is_a_sqlite_file_listed_and_restorable(pg_database, demo_db):
    from thaplan_desktop.safety import backup_now, backups_of, restore_backup

    copy_plan(demo_db, pg_database)
    backup = backup_now(pg_database)
    assert backup.suffix == ".sqlite"
    assert [b.path for b in backups_of(pg_database)] == [backup]
    with Workspace.open(pg_database) as ws:
        ws.delete_projects([p.id for p in ws.projects(ws.find_edition().id)])
    restore_backup(backup, pg_database)
    assert _projects(pg_database) == _projects(demo_db)
    assert [b.reason for b in backups_of(pg_database)] == ["before-restore", "manual"]


# --- addresses ------------------------------------------------------------------------------------------

def test_a_url_never_carries_a_password_and_logs_never_show_one():
    with pytest.raises(DatabaseError, match="รหัสผ่าน"):
        parse_location("postgresql+psycopg://somchai:secret@server/plan")
    assert scrub("cannot reach postgresql://somchai:secret@server/plan") == "cannot reach postgresql://somchai:***@server/plan"
    address = parse_location("postgresql://somchai@server:5433/plan")
    assert isinstance(address, ServerAddress)
    assert address.name == "plan"
    assert address.key == "somchai@server:5433/plan"
    assert parse_location("แผน.sqlite") == Path("แผน.sqlite")


def test_an_unreachable_server_is_one_thai_line_without_the_password(tmp_path):
    address = parse_location(f"postgresql+psycopg://nobody@/plan?host={tmp_path}&port=1")
    with pytest.raises(DatabaseError, match="เชื่อมต่อฐานข้อมูล"):
        Workspace.open(address)


# --- the command line -----------------------------------------------------------------------------------

def test_the_command_line_sets_up_a_server_plan_and_takes_it_back_offline(pg_server, demo_db, tmp_path, capsys):
    from thaplan_desktop.cli import main

    url = pg_server.url(pg_server.create_database())
    assert main(["db", "init", "--db", url]) == 0
    assert main(["copy", "--from", str(demo_db), "--to", url]) == 0
    assert "115 รายการ งบประมาณรวม 34,551,922.78 บาท" in capsys.readouterr().out
    assert main(["copy", "--from", str(demo_db), "--to", url]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["info", "--db", url]) == 0
    assert "รวมทั้งฉบับ (ผด.02 และ ผด.02/1): 111 รายการ งบประมาณ 32,929,922.78 บาท" in capsys.readouterr().out
    assert main(["backup", "--db", url]) == 0
    assert main(["backups", "--db", url]) == 0
    assert "(115 รายการ" in capsys.readouterr().out
    assert main(["copy", "--from", url, "--to", str(tmp_path / "offline.sqlite")]) == 0
    assert _projects(tmp_path / "offline.sqlite") == _projects(demo_db)
    with pytest.raises(SystemExit):
        main(["info", "--db", "postgresql+psycopg://somchai:secret@server/plan"])
    err = capsys.readouterr().err
    assert "รหัสผ่าน" in err
    assert "secret" not in err
