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
