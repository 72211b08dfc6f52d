"""``thaplan announce``: step 7 recorded from the command line, on a plan file and on the office's server.

The demo's additional edition (เพิ่มเติม ฉบับที่ 1) is a draft whose steps 5 and 6 are not done yet: announcing
it records the step forced, and says which steps were skipped.
"""

from __future__ import annotations

import datetime as dt

import pytest
from office_users import as_user, make_users

from thaplan_desktop.cli import main
from thaplan_desktop.domain.model import EditionStatus
from thaplan_desktop.safety import backups_of
from thaplan_desktop.workflow.steps import ANNOUNCE
from thaplan_desktop.workspace import Workspace


def _where(location) -> str:
    """The ``--db`` text of a plan: a file's path or a server's URL."""
    return str(getattr(location, "text", location))


def _announcement(location) -> tuple[EditionStatus, dt.date | None, str, str, str] | None:
    """The additional edition's status and announcement date, and its step 7 (status, note, forced reason)."""
    with Workspace.open(location) as ws:
        edition = ws.find_edition(2563, "1")
        step = next((s for s in ws.procedure_records(edition.id).steps if s.step == ANNOUNCE), None)
        if step is None:
            return None
        return edition.status, edition.announcement_date, step.status, step.note, step.forced_reason


def test_announce_records_step_7_on_a_buddhist_era_date_on_a_file_and_on_the_server(demo_location, capsys):
    code = main(["announce", "--db", _where(demo_location), "--edition", "1", "--date", "2563-05-14",
                 "--number", "ที่  45/2563"])
    out = capsys.readouterr().out
    assert code == 0
    assert "ประกาศใช้เพิ่มเติม ฉบับที่ 1 ปีงบประมาณ 2563 แล้ว: ขั้นตอนที่ 7 เสร็จเมื่อ 14 พฤษภาคม 2563 (ที่ 45/2563)" in out
    assert "บันทึกข้ามลำดับ" in out  # steps 5 and 6 are not recorded: said, not hidden
    status, announced_on, step, note, forced = _announcement(demo_location)
    assert (status, announced_on, step, note) == (EditionStatus.ANNOUNCED, dt.date(2020, 5, 14), "done", "ที่ 45/2563")
    assert forced == "บันทึกด้วยคำสั่ง thaplan announce"


def test_announce_is_a_writing_command_the_plan_backed_up_first(demo_db, capsys):
    assert backups_of(demo_db) == []
    assert main(["announce", "--db", str(demo_db), "--edition", "1", "--date", "14 พ.ค. 2563"]) == 0
    assert len(backups_of(demo_db)) == 1  # opened for editing, as the window opens it
    with Workspace.open(demo_db) as ws:
        assert ws.find_edition(2563, "1").announced


def test_announce_reads_a_christian_era_date_and_says_which_it_used(demo_db, capsys):
    assert main(["announce", "--db", str(demo_db), "--edition", "1", "--date", "2020-05-14"]) == 0
    assert "2563-05-14" in capsys.readouterr().err
    assert _announcement(demo_db)[1] == dt.date(2020, 5, 14)


@pytest.mark.parametrize("date", ["2999-10-21", "วันนี้"])
def test_announce_refuses_a_date_to_come_or_unread_in_one_thai_line(demo_db, capsys, date):
    before = _announcement(demo_db)
    assert main(["announce", "--db", str(demo_db), "--edition", "1", "--date", date]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("thaplan: ")
    assert any("\u0e00" <= c <= "\u0e7f" for c in err)
    assert _announcement(demo_db) == before


@pytest.fixture
def server_demo(pg_server, pg_demo):
    """A private copy of the demo plan on the test server."""
    from thaplan_desktop.db.location import parse_location

    name = pg_server.create_database(template=pg_demo)
    yield parse_location(pg_server.url(name))
    pg_server.drop_database(name)


def test_a_department_cannot_announce_on_the_server(pg_server, server_demo, capsys):
    make_users(pg_server, server_demo, kongchang=("department", ["กองช่าง"]))
    before = _announcement(server_demo)
    url = as_user(pg_server, server_demo, "kongchang").text
    assert main(["announce", "--db", url, "--edition", "1", "--date", "2563-05-14"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "kongchang" in err
    assert _announcement(server_demo) == before
