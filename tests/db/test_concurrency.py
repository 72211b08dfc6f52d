"""Several officers at once, for real: writer processes on one plan, and a writer killed in the middle of an import.

Eight writer processes (forked) make 1,000 edits in all to twenty overlapping projects, each edit reading the
project and then appending its own token to the project's details. An acknowledged edit must be in the
plan exactly once; an edit refused with a ConflictError must not be there at all; the change log holds one
update per acknowledged edit. On PostgreSQL a writer killed with SIGKILL while its import is under way
(held on a row lock, so it is surely mid-transaction) leaves no row of the import, and the server goes on.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from dbsnapshot import rows

from thaplan_desktop.workspace import (
    BatchProject,
    ConflictError,
    ImportBatch,
    ProjectFields,
    ServerAddress,
    Workspace,
    parse_location,
)

pytestmark = pytest.mark.slow

WRITERS = 8
EDITS = 1_000
ROWS = 20


def _location(text: str):
    return parse_location(text)


def _writer(location: str, ids: list[int], edits: int, number: int, out: str) -> None:
    """One officer: read a project, append a token to its details; log what was acknowledged or refused."""
    lines = []
    rng = random.Random(number)
    with Workspace.open(_location(location)) as ws:
        for n in range(edits):
            project_id = rng.choice(ids)
            token = f"w{number}e{n}"
            details = ws.project(project_id).details
            try:
                ws.update_project(project_id, ProjectFields(details=f"{details}|{token}"))
            except ConflictError:
                lines.append(["conflict", project_id, token])
            else:
                lines.append(["ok", project_id, token])
    Path(out).write_text(json.dumps(lines), encoding="utf-8")


def _plan(location) -> list[int]:
    with Workspace.create(location, name="องค์การบริหารส่วนตำบลท่าสะท้อน", district="พุนพิน",
                          province="สุราษฎร์ธานี", fiscal_year=2563) as ws:
        edition = ws.find_edition().id
        ws.add_projects(edition, [ProjectFields(name=f"โครงการที่ {i}", budget=Decimal(i)) for i in range(ROWS)])
        return [p.id for p in ws.projects(edition)]


def test_eight_writers_lose_nothing_and_every_conflict_is_reported(plan_location, tmp_path):
    ids = _plan(plan_location)
    text = plan_location.text if isinstance(plan_location, ServerAddress) else str(plan_location)
    fork = multiprocessing.get_context("fork")
    outs = [tmp_path / f"writer{n}.json" for n in range(WRITERS)]
    writers = [fork.Process(target=_writer, args=(text, ids, EDITS // WRITERS, n, str(outs[n])))
               for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(600)
        assert writer.exitcode == 0
    results = [line for out in outs for line in json.loads(out.read_text(encoding="utf-8"))]
    assert len(results) == EDITS
    details = {r["id"]: r["details"].split("|")[1:] for r in rows(plan_location, "project")}
    present = [token for tokens in details.values() for token in tokens]
    assert len(present) == len(set(present))  # nothing applied twice
    acknowledged = {(project, token) for what, project, token in results if what == "ok"}
    refused = {token for what, _project, token in results if what == "conflict"}
    assert {(project, token) for project, tokens in details.items() for token in tokens} == acknowledged
    assert not refused & set(present)
    updates = [r for r in rows(plan_location, "change_log") if r["table_name"] == "project" and r["action"] == "update"]
    assert len(updates) == len(acknowledged)
    print(f"{len(acknowledged)} acknowledged, {len(refused)} refused as conflicts")


def _importer(location: str, edition: int, replaces: int) -> None:
    with Workspace.open(_location(location)) as ws:
        projects = tuple(BatchProject(ProjectFields(name=f"นำเข้าที่ {i}", budget=Decimal(i))) for i in range(500))
        ws.import_batch(ImportBatch(edition_id=edition, label="นำเข้า", projects=(
            *projects, BatchProject(ProjectFields(name="แทนที่", budget=Decimal(1)), replaces=replaces))))


def test_a_writer_killed_mid_import_leaves_no_row_of_it_and_the_server_whole(pg_database):
    ids = _plan(pg_database)
    with Workspace.open(pg_database) as ws:
        edition = ws.find_edition().id
    url = pg_database.url
    connect = {"host": url.query["host"], "port": int(url.query["port"]), "user": url.username, "dbname": url.database}
    before = rows(pg_database, "project")
    with psycopg.connect(**connect) as holder:  # holds the row the import replaces: the import waits mid-way
        holder.execute("SELECT id FROM project WHERE id = %s FOR UPDATE", (ids[0],))
        child = multiprocessing.get_context("fork").Process(target=_importer,
                                                            args=(pg_database.text, edition, ids[0]))
        child.start()
        with psycopg.connect(**connect, autocommit=True) as watcher:
            for _ in range(100_000):
                waiting = watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ThaPlan'"
                    " AND wait_event_type = 'Lock'").fetchone()[0]
                if waiting or not child.is_alive():
                    break
            assert waiting == 1, "the import never reached the held row"
            os.kill(child.pid, signal.SIGKILL)
            child.join()
        holder.rollback()
    assert child.exitcode == -signal.SIGKILL
    assert rows(pg_database, "project") == before
    with Workspace.open(pg_database) as ws:  # the server goes on: the writers' lock was released with the kill
        ws.update_project(ids[1], ProjectFields(name="หลังจากนั้น"))
        assert ws.project(ids[1]).name == "หลังจากนั้น"
        assert all(not p.name.startswith("นำเข้าที่") for p in ws.projects(edition))
