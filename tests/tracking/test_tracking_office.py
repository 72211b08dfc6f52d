"""The plan in use shared by an office: tracking rows under the same rights, versions and change feed as the
plan's own rows, the tracking migration's data carried through the office-server migration, and the reading
commands on a server URL reading only."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from dbsnapshot import dump, rows
from office_users import as_user, make_users, sql_as
from small_plan import TODAY
from sqlalchemy import create_engine, inspect

from thaplan_desktop.cli import main
from thaplan_desktop.db import engine as db_engine
from thaplan_desktop.db.backup import backup_infos
from thaplan_desktop.db.files import head_revision
from thaplan_desktop.db.location import parse_location
from thaplan_desktop.domain.tracking import RoundKind, TrackingStatus
from thaplan_desktop.paths import backups_dir
from thaplan_desktop.workspace import (
    ConflictError,
    DisbursementUpdate,
    NewDisbursement,
    NewStatus,
    PermissionDenied,
    ProcurementFields,
    ProgressBatch,
    ProgressUpdate,
    RoundFields,
    ServerAddress,
    TrackingFields,
    Workspace,
)

D = dt.date
S = TrackingStatus
TRACKING = ("tracking_status", "project_tracking", "disbursement", "spending_schedule", "report_round")


@pytest.fixture
def server_small(pg_server, small_server_template):
    """A private copy of the small plan on the test server (rights are the server's alone)."""
    name, _plan = small_server_template
    copy = pg_server.create_database(template=name)
    yield parse_location(pg_server.url(copy))
    pg_server.drop_database(copy)


# --- rights ---------------------------------------------------------------------------------------------

def test_a_department_tracks_only_its_own_units_projects_even_with_hand_written_sql(pg_server, server_small,
                                                                                     small_template):
    plan, ids = server_small, small_template.ids
    make_users(pg_server, plan, kongchang=("department", ["กองช่าง"]), nayok=("reader", []),
               somchai=("planner", []))
    own, other = ids["ถนน 2"], ids["อบรม"]  # กองช่าง's; สำนักปลัด's
    with Workspace.open(as_user(pg_server, plan, "kongchang")) as ws:
        ws.record_status(own, NewStatus(S.IN_PROGRESS, D(2020, 4, 30), 20), today=TODAY)
        ws.add_disbursement(own, NewDisbursement(D(2020, 4, 30), Decimal("5000")), today=TODAY)
        ws.update_tracking(own, TrackingFields(problems="รอวัสดุ"), today=TODAY)
        with pytest.raises(PermissionDenied) as refused:
            ws.add_disbursement(other, NewDisbursement(D(2020, 4, 30), Decimal("5000")), today=TODAY)
        assert "kongchang" in str(refused.value)
        assert "รายการเบิกจ่ายของโครงการ “อบรม”" in str(refused.value)
        with pytest.raises(PermissionDenied, match="สถานะของโครงการ “อบรม”"):
            ws.record_status(other, NewStatus(S.DONE, D(2020, 4, 30)), today=TODAY)
        with pytest.raises(PermissionDenied, match="โครงการ “อบรม”"):  # procurement choices are columns of project
            ws.set_procurement({other: ProcurementFields(procured=True)})
        with pytest.raises(PermissionDenied):  # the report's rounds are the planning office's
            ws.set_report_round(2563, RoundKind.SIX_MONTHS, RoundFields(as_of=D(2020, 3, 31)))
        everyone = ws.tracking_records(small_template.edition_id)
        assert everyone.statuses_of(ids["งานประเพณี"])
        assert everyone.disbursements_of(ids["เครื่องพิมพ์"])
    before = {table: dump(plan)[table] for table in TRACKING}
    printer = next(r for r in rows(plan, "disbursement") if r["project_id"] == ids["เครื่องพิมพ์"])
    mine = next(r for r in rows(plan, "disbursement") if r["project_id"] == own)
    with sql_as(pg_server, plan, "kongchang") as conn:
        for statement, values in (
            ("INSERT INTO disbursement (project_id, paid_on, amount_satang, note, entered_by)"
             " VALUES (%s, '2020-04-30', 100, 'x', 'x')", (other,)),
            ("INSERT INTO tracking_status (project_id, effective_on, status, reason, entered_by)"
             " VALUES (%s, '2020-04-30', 'done', '', 'x')", (other,)),
            ("INSERT INTO spending_schedule (project_id, month, amount_satang) VALUES (%s, 1, 100)", (other,)),
            ("UPDATE disbursement SET project_id = %s WHERE id = %s", (other, mine["id"])),  # moved to another unit
            ("INSERT INTO report_round (organisation_id, fiscal_year, round, as_of, note)"
             " VALUES (1, 2563, '6m', '2020-03-31', '')", ()),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, values)
        assert conn.execute("UPDATE disbursement SET amount_satang = 1 WHERE id = %s", (printer["id"],)).rowcount == 0
        assert conn.execute("DELETE FROM tracking_status WHERE project_id IN (%s, %s)",
                            (ids["งานประเพณี"], ids["เครื่องพิมพ์"])).rowcount == 0  # สำนักปลัด's
        assert conn.execute("DELETE FROM project_tracking WHERE project_id = %s", (ids["ลานกีฬา"],)).rowcount == 1
    after = {table: dump(plan)[table] for table in TRACKING}
    assert after["disbursement"] == before["disbursement"]
    assert after["tracking_status"] == before["tracking_status"]
    assert len(after["project_tracking"]) == len(before["project_tracking"]) - 1  # its own unit's row only
    with sql_as(pg_server, plan, "nayok") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("DELETE FROM disbursement")
    with Workspace.open(as_user(pg_server, plan, "somchai")) as ws:
        ws.set_report_round(2563, RoundKind.SIX_MONTHS, RoundFields(as_of=D(2020, 3, 31)))
        ws.add_disbursement(other, NewDisbursement(D(2020, 4, 30), Decimal("700")), today=TODAY)
    assert {r["changed_by"] for r in rows(plan, "report_round")} == {"somchai"}


# --- several officers on one plan in use ----------------------------------------------------------------

def test_a_tracking_row_someone_changed_since_is_a_conflict_naming_who_and_what(small):
    road = small.ids["ถนน 1"]
    with Workspace.open(small.path) as a, Workspace.open(small.path) as b:
        first, second = a.tracking_records(small.edition_id).disbursements_of(road)
        b.tracking_records(small.edition_id)  # both windows show the payments
        a.update_disbursement(first.id, DisbursementUpdate(amount=Decimal("40000")), today=TODAY)
        with pytest.raises(ConflictError) as refused:
            b.update_disbursement(first.id, DisbursementUpdate(note="งวดแรก"), today=TODAY)
        message = str(refused.value)
        assert "รายการเบิกจ่ายของโครงการ “ถนน 1”" in message
        assert f"แก้ไขโดย {a.user}" in message
        assert "จำนวนเงิน 40,000.00 บาท" in message
        assert refused.value.changes.tracking == {road}
        assert [d.note for d in b.tracking_records(small.edition_id).disbursements_of(road)] == ["งวดที่ 1", "งวดที่ 2"]
        b.update_disbursement(first.id, DisbursementUpdate(note="งวดแรก"), today=TODAY)  # read again: it goes
        # A status entry replaced on its date by one, then by the other who saw the old one.
        a.tracking_records(small.edition_id)
        a.record_status(road, NewStatus(S.IN_PROGRESS, D(2020, 1, 10), 50), today=TODAY)
        with pytest.raises(ConflictError, match="สถานะของโครงการ “ถนน 1”.*ความก้าวหน้า \\(ร้อยละ\\) 50"):
            b.record_status(road, NewStatus(S.IN_PROGRESS, D(2020, 1, 10), 60), today=TODAY)
        # A payment deleted by one is deleted, not "not found", for the other who still sees it.
        b.tracking_records(small.edition_id)
        a.delete_disbursement(second.id)
        with pytest.raises(ConflictError, match="ถูกลบโดย"):
            b.update_disbursement(second.id, DisbursementUpdate(amount=Decimal("1")), today=TODAY)
        # Undo refuses to go over someone else's later change of the same row.
        changes = a.update_tracking(road, TrackingFields(officer="นายช่างใหม่"), today=TODAY)
        assert changes.tracking == {road}
        b.tracking_records(small.edition_id)
        b.update_tracking(road, TrackingFields(problems="ฝนตกหนักมาก"), today=TODAY)
        with pytest.raises(ConflictError, match="ย้อนกลับ"):
            a.undo()
    assert [r["amount_satang"] for r in rows(small.path, "disbursement") if r["project_id"] == road] == [4_000_000]


def test_a_progress_import_over_an_entry_someone_changed_since_the_preview_writes_nothing(small):
    road, other_road = small.ids["ถนน 1"], small.ids["ถนน 2"]
    batch = ProgressBatch("นำเข้าผลการดำเนินงาน", (
        ProgressUpdate(other_road, NewStatus(S.IN_PROGRESS, D(2020, 4, 30), 10),
                       disbursements=(NewDisbursement(D(2020, 4, 30), Decimal("900")),)),
        ProgressUpdate(road, NewStatus(S.IN_PROGRESS, D(2020, 1, 10), 45)),  # replaces the entry of that date
    ))
    with Workspace.open(small.path) as a, Workspace.open(small.path) as b:
        a.progress_data(small.edition_id)  # the import's preview
        b.record_status(road, NewStatus(S.IN_PROGRESS, D(2020, 1, 10), 42), today=TODAY)
        before = dump(small.path)
        with pytest.raises(ConflictError, match="สถานะของโครงการ “ถนน 1”"):
            a.import_progress(batch, today=TODAY)
        assert dump(small.path) == before  # all or nothing: ถนน 2's status and payment are not there either
        a.progress_data(small.edition_id)
        a.import_progress(batch, today=TODAY)  # previewed again, it goes
    assert [r["progress"] for r in rows(small.path, "tracking_status") if r["project_id"] == other_road] == [10]


def test_a_window_learns_whose_tracking_others_changed_deletions_included(small):
    fair, road, field = small.ids["งานประเพณี"], small.ids["ถนน 2"], small.ids["ลานกีฬา"]
    built = max(r["id"] for r in rows(small.path, "change_log"))  # the plan's own making
    with Workspace.open(small.path) as a, Workspace.open(small.path) as b:
        assert a.others_changes() is None  # the window has just read the plan
        (entry,) = b.tracking_records(small.edition_id).statuses_of(fair)
        b.delete_status(entry.id)
        b.add_disbursement(road, NewDisbursement(D(2020, 4, 30), Decimal("500")), today=TODAY)
        a.set_schedule(field, None)  # a's own change is not news to a
        news = a.others_changes()
        assert news is not None
        assert news.tracking == {fair, road}
        assert {"tracking_status", "disbursement"} <= news.other_tables
        assert a.others_changes() is None
    log = [r for r in rows(small.path, "change_log") if r["table_name"] in TRACKING and r["id"] > built]
    assert {r["project_id"] for r in log} == {fair, road, field}


# --- the migration and db upgrade -----------------------------------------------------------------------

def _alembic(location, revision: str, *, down: bool) -> None:
    url = location.url if isinstance(location, ServerAddress) else f"sqlite:///{location}"
    config = Config()
    config.set_main_option("script_location", str(db_engine._MIGRATIONS))
    engine = create_engine(url)  # on SQLite without foreign keys, as the application upgrades a file
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def _columns(location, table: str) -> set[str]:
    url = location.url if isinstance(location, ServerAddress) else f"sqlite:///{location}"
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {c["name"] for c in inspect(connection).get_columns(table)}
    finally:
        engine.dispose()


def test_a_plan_in_use_of_the_tracking_schema_upgrades_to_the_office_schema_and_back(small, capsys):
    before = dump(small.path)
    _alembic(small.path, "0005", down=True)  # the plan as main's tracking and procurement left it
    assert "version" not in _columns(small.path, "disbursement")
    assert not {"change_log", "office_member"} & set(dump(small.path))
    assert {t: dump(small.path)[t] for t in TRACKING} == {t: before[t] for t in TRACKING}
    assert main(["db", "upgrade", "--db", str(small.path)]) == 0
    assert f"0005 → {head_revision()}" in capsys.readouterr().out  # 0006 and what followed it
    assert dump(small.path) == before
    for table in TRACKING:
        assert {(r["version"], r["changed_by"]) for r in rows(small.path, table)} <= {(1, "")}, table
    with Workspace.open(small.path) as ws:  # the upgraded plan works: versions, who, the change feed
        road = small.ids["ถนน 1"]
        first = ws.tracking_records(small.edition_id).disbursements_of(road)[0]
        ws.update_disbursement(first.id, DisbursementUpdate(note="งวดแรก"), today=TODAY)
        assert [(r["version"], r["changed_by"]) for r in rows(small.path, "disbursement")
                if r["id"] == first.id] == [(2, ws.user)]
        assert ws.others_changes() is None
    if isinstance(small.path, ServerAddress):  # the triggers and policies came with the upgrade
        with psycopg.connect(small.path.url.render_as_string(hide_password=False).replace("+psycopg", "")) as conn:
            triggers = {(t, n) for t, n in conn.execute(
                "SELECT event_object_table, trigger_name FROM information_schema.triggers")}
            secured = {r[0] for r in conn.execute("SELECT relname FROM pg_class WHERE relrowsecurity")}
        for table in TRACKING:
            assert {(table, "thaplan_stamp"), (table, "thaplan_log"), (table, "thaplan_notify")} <= triggers
            assert (table in secured) == (table != "report_round")
    assert main(["db", "upgrade", "--db", str(small.path)]) == 0
    assert "รุ่นล่าสุดแล้ว" in capsys.readouterr().out


# --- reading commands on a server URL -------------------------------------------------------------------

def test_reading_commands_on_a_server_url_read_the_same_as_on_a_file_and_write_nothing(
        pg_server, server_small, small_template, tmp_path, capsys):
    plan = server_small
    make_users(pg_server, plan, nayok=("reader", []))  # a reader: a command that wrote would be refused
    url, file = str(as_user(pg_server, plan, "nayok")), str(small_template.path)
    before, log = dump(plan), rows(plan, "change_log")
    for args in (["info"], ["status", "--year", "2563", "--today", "2563-05-15"],
                 ["report", "progress", "--as-of", "2563-03-31", "--json"],
                 ["calendar", "--month", "2563-03", "--json"]):
        assert main([*args, "--db", file]) == 0
        on_file = capsys.readouterr().out
        assert main([*args, "--db", url]) == 0
        on_server = capsys.readouterr().out
        if "--json" in args:
            assert json.loads(on_server) == json.loads(on_file)
        else:
            assert on_server.splitlines()[1:] == on_file.splitlines()[1:]  # the first line names the plan
    for args, out in ((["export-progress", "--unit", "กองช่าง"], "p.xlsx"),
                      (["report", "progress", "--round", "6m"], "r.xlsx"),
                      (["calendar", "--ics"], "c.ics"),
                      (["export-procurement"], "procurement.xlsx"),
                      (["export-xlsx"], "plan.xlsx")):
        flag = [] if args[-1] == "--ics" else ["--out"]
        assert main([*args, *flag, str(tmp_path / out), "--db", url]) == 0, capsys.readouterr().err
        assert (tmp_path / out).stat().st_size > 0
    capsys.readouterr()
    assert dump(plan) == before
    assert rows(plan, "change_log") == log
    assert backup_infos(plan, backups_dir()) == []  # no copy of a server plan was made either
