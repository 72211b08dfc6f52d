"""Crash safety, proved: a child editing through the GUI's code path is killed with SIGKILL fifty times.

Each child (``edit_child.py``, forked from a warm zygote) opens the same file with ``open_for_editing`` and
applies random workspace operations: add, update, delete, undo, redo, and a 120-row import as one
operation (``add_projects``, one transaction — the stand-in for the import engine's operation until it
lands). Before each operation it reports the exact values it will write, after the commit that it
committed. After every kill: ``PRAGMA integrity_check`` is ok, foreign keys hold, and the projects are
exactly those of every reported commit — plus, possibly, the one operation that was under way, whole or
not at all (an import killed midway leaves all of its rows or none). The next child then opens the
crashed file again (hot WAL, stale lock file) and carries on. The moment of each kill is random: while
the child is still opening the file, or after a random number (0–6) of its commits plus 0–60 ms, so the
test kills mid-operation as often on a slow, loaded machine as on a fast one. ``THAPLAN_CRASH_SEED``
replays a run (the seed is printed and in every failure message).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from thaplan_desktop.workspace import ProjectFields, Workspace

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX"),
]

CHILD = Path(__file__).with_name("edit_child.py")
KILLS = 50

State = dict[str, tuple[str, int]]


def _state(db: Path) -> State:
    con = sqlite3.connect(db)
    try:
        return {name: (details, satang) for name, details, satang in
                con.execute("SELECT name, details, budget_satang FROM project")}
    finally:
        con.close()


def _check_sound(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def _apply(state: State, effect: dict[str, list | None]) -> State:
    result = dict(state)
    for name, value in effect.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = (value[0], value[1])
    return result


def _read_log(path: Path) -> tuple[bool, list[dict], dict | None]:
    """(ready, committed operations, the operation under way or None) from a child's edit log."""
    ready, committed, pending = False, [], None
    data = path.read_bytes() if path.exists() else b""
    # A line without its newline was never fully written (it may even end inside a Thai character).
    for line in (raw.decode("utf-8") for raw in data.split(b"\n")[:-1]):
        if line == "R":
            ready = True
        elif line.startswith("P "):
            pending = json.loads(line[2:])
        elif line == "C":
            assert pending is not None
            committed.append(pending)
            pending = None
    return ready, committed, pending


@pytest.fixture
def zygote():
    # The zygote inherits this test's private THAPLAN_DATA_DIR (set by the autouse fixture).
    process = subprocess.Popen([sys.executable, str(CHILD), "zygote"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    yield process
    process.stdin.close()
    process.wait(timeout=30)


def _ask(zygote: subprocess.Popen, command: dict) -> str:
    zygote.stdin.write(json.dumps(command) + "\n")
    zygote.stdin.flush()
    return zygote.stdout.readline().strip()


def _wait_for_commits(log: Path, commits: int, deadline: float) -> bool:
    """Wait until the child has opened the file and reported ``commits`` commits (slow machines included)."""
    while time.monotonic() < deadline:
        ready, committed, _pending = _read_log(log)
        if ready and len(committed) >= commits:
            return True
        time.sleep(0.002)
    return False


def test_fifty_kills_lose_no_committed_edit_and_never_half_an_import(tmp_path, zygote):
    seed = int(os.environ.get("THAPLAN_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    db = tmp_path / "plan.sqlite"
    with Workspace.create(db, name="องค์การบริหารส่วนตำบลท่าสะท้อน", district="พุนพิน",
                          province="สุราษฎร์ธานี", fiscal_year=2568) as ws:
        edition = ws.find_edition()
        ws.add_projects(edition.id, [ProjectFields(name=f"โครงการเดิม {i}", details="ก่อนเริ่มทดสอบ",
                                                   budget=Decimal(1000 + i), months={1}) for i in range(20)])
    expected = _state(db)
    stats = {"committed": 0, "pending": 0, "pending_applied": 0, "imports_cut": 0, "during_open": 0}
    for kill in range(KILLS):
        log = tmp_path / f"edits-{kill}.log"
        pid = int(_ask(zygote, {"db": str(db), "log": str(log), "seed": kill}))
        if rng.random() < 0.15:  # now and then, kill it while it is still opening the file
            time.sleep(rng.uniform(0, 0.05))
        else:  # else after a random number of its commits and a random moment more
            commits = rng.randint(0, 6)
            assert _wait_for_commits(log, commits, time.monotonic() + 30), f"child {kill} is stuck"
            time.sleep(rng.uniform(0.0, 0.06))
        os.kill(pid, signal.SIGKILL)
        assert _ask(zygote, {"wait": pid}) == "reaped"

        ready, committed, pending = _read_log(log)
        stats["during_open"] += not ready
        _check_sound(db)
        for operation in committed:
            expected = _apply(expected, operation["set"])
        actual = _state(db)
        where = f"(seed {seed}, kill {kill}, {len(committed)} commits, under way: {pending and pending['kind']})"
        if actual != expected:
            assert pending is not None, f"a reported commit is missing or something unreported changed {where}"
            with_pending = _apply(expected, pending["set"])
            assert actual == with_pending, f"the database is neither before nor after the last operation {where}"
            expected = with_pending
            stats["pending_applied"] += 1
        if pending is not None:
            stats["pending"] += 1
            if pending["kind"] == "import":
                rows = sum(name.startswith(pending["batch"] + "/") for name in actual)
                assert rows in (0, len(pending["set"])), f"half an import: {rows} rows {where}"
                stats["imports_cut"] += 1
        stats["committed"] += len(committed)

    print(f"crash test seed {seed}: {stats}")
    assert stats["committed"] >= KILLS, stats  # the children really edited
    assert stats["pending"] >= KILLS // 3, stats  # most kills hit an operation under way
    assert stats["imports_cut"] >= 1, stats  # at least one import was killed midway

    with Workspace.open(db) as ws:  # and the application still opens the file normally
        assert len(ws.projects(ws.find_edition().id)) == len(expected)
