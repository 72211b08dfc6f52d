"""``new --force`` and ``demo --force`` respect the editing lock and back up what they replace."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hostile_kit import assert_one_thai_line, cli, fingerprint

from thaplan_desktop.safety import backups_of, open_for_editing

pytestmark = pytest.mark.slow
NEW = ("--name", "องค์การบริหารส่วนตำบลใหม่", "--district", "เมือง", "--province", "ตรัง", "--year", "2563")


@pytest.mark.parametrize("command", [("new", *NEW), ("demo",)])
def test_force_is_refused_while_another_copy_edits_the_plan(plan: Path, command: tuple[str, ...]) -> None:
    workspace = open_for_editing(plan)
    try:
        assert not workspace.read_only
        before = fingerprint(plan)
        run = cli(command[0], "--db", plan, "--force", *command[1:])
        assert run.code == 1
        assert "กำลังถูกแก้ไข" in assert_one_thai_line(run.err)
        assert fingerprint(plan) == before
    finally:
        workspace.close()


@pytest.mark.parametrize("command", [("new", *NEW), ("demo",)])
def test_force_backs_up_the_plan_it_replaces(plan: Path, command: tuple[str, ...]) -> None:
    con = sqlite3.connect(plan)
    with con:
        con.execute("UPDATE project SET name = 'งานที่ต้องไม่หาย' WHERE id = (SELECT min(id) FROM project)")
    con.close()
    run = cli(command[0], "--db", plan, "--force", *command[1:])
    assert run.code == 0, run.err
    saved = [b for b in backups_of(plan) if b.reason == "before-replace"]
    assert len(saved) == 1
    assert str(saved[0].path) in run.out
    con = sqlite3.connect(saved[0].path)
    try:
        assert con.execute("SELECT count(*) FROM project WHERE name = 'งานที่ต้องไม่หาย'").fetchone() == (1,)
    finally:
        con.close()


@pytest.fixture
def server_plan(pg_server, pg_demo):
    """A private copy of the demo plan on the test server."""
    from thaplan_desktop.db.location import parse_location

    name = pg_server.create_database(template=pg_demo)
    yield parse_location(pg_server.url(name))
    pg_server.drop_database(name)


def _projects(location) -> int:
    from thaplan_desktop.workspace import Workspace

    with Workspace.open(location) as ws:
        return sum(len(ws.projects(e.id)) for e in ws.editions())


@pytest.mark.parametrize("command", [("new", *NEW), ("demo",)])
def test_on_a_server_a_plan_there_is_kept_without_force_and_backed_up_with_it(
        server_plan, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    from thaplan_desktop.cli import main

    before = _projects(server_plan)
    assert main([command[0], "--db", str(server_plan), *command[1:]]) == 1
    assert "มีแผนอยู่แล้ว" in assert_one_thai_line(capsys.readouterr().err)
    assert _projects(server_plan) == before  # refused, and nothing of the plan there deleted
    assert main([command[0], "--db", str(server_plan), "--force", *command[1:]]) == 0
    saved = [b for b in backups_of(server_plan) if b.reason == "before-replace"]
    assert len(saved) == 1
    assert str(saved[0].path) in capsys.readouterr().out
    con = sqlite3.connect(saved[0].path)  # the plan replaced, whole, as a SQLite file
    try:
        assert con.execute("SELECT count(*) FROM project").fetchone() == (before,)
    finally:
        con.close()
