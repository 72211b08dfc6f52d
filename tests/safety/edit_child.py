"""A child process for the crash and two-copies tests: it edits a plan through the GUI's own code path.

Run as a script, never collected by pytest:

``python edit_child.py zygote``
    imports the application once, then reads JSON commands on stdin: ``{"db", "log", "seed"}`` forks a
    child that opens ``db`` with ``open_for_editing`` (exactly as the GUI does) and applies random
    workspace operations until it is killed; the zygote answers the child's pid. ``{"wait": pid}``
    reaps a killed child and answers ``reaped``. Forking from a warm process makes each of the fifty
    children start in milliseconds instead of a second of imports.

``python edit_child.py hold DB``
    opens ``DB`` with ``open_for_editing``, prints ``opened rw`` or ``opened ro <notice>``, then obeys
    ``add NAME`` (prints ``committed`` or ``refused <message>``), ``count`` and ``quit`` lines on stdin.

The edit log the forked children write (one ``os.write`` per line, so a kill never leaves a line half
reported as committed): ``R`` once open; ``P <json>`` just before an operation, with the exact values it
will set (``{"set": {name: [details, budget_satang] | null}, "kind": …}``); ``C`` once it committed.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
from contextlib import closing
from decimal import Decimal
from pathlib import Path

IMPORT_ROWS = 120


def _write(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode("utf-8"))


def _rows(workspace, edition_id: int, prefix: str = "") -> list[tuple[int, str, str, int]]:  # type: ignore[no-untyped-def]
    """(id, name, details, budget in satang) of an edition's projects, read with plain SQL (fast)."""
    with closing(sqlite3.connect(workspace.path)) as connection:
        return [tuple(row) for row in connection.execute(
            "SELECT id, name, details, budget_satang FROM project WHERE edition_id = ? AND name LIKE ?",
            (edition_id, prefix + "%"))]


def run_editor(db: Path, log_path: Path, seed: int) -> None:
    """Open ``db`` as the GUI does and edit it at random forever, reporting each commit to ``log_path``."""
    from thaplan_desktop.domain.model import ProjectKind
    from thaplan_desktop.safety import open_for_editing
    from thaplan_desktop.workspace import ProjectFields

    rng = random.Random(seed)
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    workspace = open_for_editing(db)
    assert not workspace.read_only, workspace.notice
    edition = workspace.find_edition()
    ids: dict[str, int] = {}
    state: dict[str, tuple[str, int] | None] = {}
    for project_id, key, details, satang in _rows(workspace, edition.id):
        ids[key] = project_id
        state[key] = (details, satang)
    undo: list[dict[str, tuple[str, int] | None]] = []  # the values each undoable step would restore
    redo: list[dict[str, tuple[str, int] | None]] = []
    _write(fd, "R")
    for n in range(100_000):
        name = f"k{seed}-{n}"
        roll = rng.random()
        live = [key for key, value in state.items() if value is not None]
        if roll < 0.22 or not live:
            kind = "add"
            effect = {name: (f"โครงการทดสอบที่ {n}", rng.randint(1, 10**9))}
        elif roll < 0.45:
            kind = "update"
            target = rng.choice(live)
            effect = {target: (f"แก้ไขครั้งที่ {n} ของ {target}", rng.randint(0, 10**9))}
        elif roll < 0.67:
            kind = "import"
            effect = {f"{name}/{i}": (f"นำเข้าแถว {i}", 100 * (i + 1)) for i in range(IMPORT_ROWS)}
        elif roll < 0.77:
            kind = "delete"
            effect = {rng.choice(live): None}
        elif roll < 0.9 and workspace.can_undo():
            kind = "undo"
            effect = undo[-1]
        elif workspace.can_redo():
            kind = "redo"
            effect = redo[-1]
        else:
            continue
        before = {key: state.get(key) for key in effect}
        _write(fd, "P " + json.dumps({"kind": kind, "batch": name, "set": effect}, ensure_ascii=False))
        if kind == "add":
            changes = workspace.add_project(edition.id, ProjectFields(
                kind=ProjectKind.PROJECT, name=name, details=effect[name][0], budget=Decimal(effect[name][1]) / 100,
                months={1 + n % 12}))
            ids[name] = changes.created[0]
        elif kind == "update":
            [(target, (details, satang))] = effect.items()
            workspace.update_project(ids[target], ProjectFields(details=details, budget=Decimal(satang) / 100))
        elif kind == "import":
            rows = [ProjectFields(kind=ProjectKind.PROJECT, name=key, details=value[0],
                                  budget=Decimal(value[1]) / 100, months={1, 2, 3})
                    for key, value in effect.items() if value is not None]
            workspace.add_projects(edition.id, rows, label="นำเข้าโครงการ")
            ids.update((key, project_id) for project_id, key, _d, _b in _rows(workspace, edition.id, name + "/"))
        elif kind == "delete":
            workspace.delete_projects([ids[key] for key in effect])
        elif kind == "undo":
            workspace.undo()
            undo.pop()
        else:
            workspace.redo()
            redo.pop()
        _write(fd, "C")
        state.update(effect)
        if kind == "undo":
            redo.append(before)
        else:
            undo.append(before)
            if kind != "redo":
                redo.clear()
    workspace.close()


def zygote() -> None:
    """Import once, then fork one editor per command (see the module docstring)."""
    import thaplan_desktop.safety  # noqa: F401  (warm imports shared by every child)
    from thaplan_desktop.db.files import head_revision

    head_revision()
    for line in sys.stdin:
        command = json.loads(line)
        if "wait" in command:
            os.waitpid(int(command["wait"]), 0)
            print("reaped", flush=True)
            continue
        pid = os.fork()
        if pid == 0:  # the child: edit until killed
            code = 0
            try:
                run_editor(Path(command["db"]), Path(command["log"]), int(command["seed"]))
            except BaseException:  # pragma: no cover - reported to the test through the exit status
                import traceback

                traceback.print_exc()
                code = 3
            os._exit(code)
        print(pid, flush=True)


def hold(db: Path) -> None:
    """Open ``db`` like the GUI and obey simple commands (see the module docstring)."""
    from thaplan_desktop.safety import open_for_editing
    from thaplan_desktop.workspace import ProjectFields, WorkspaceError

    workspace = open_for_editing(db)
    edition = workspace.find_edition()
    print("opened ro " + workspace.notice if workspace.read_only else "opened rw", flush=True)
    for line in sys.stdin:
        verb, _, argument = line.strip().partition(" ")
        if verb == "add":
            try:
                workspace.add_project(edition.id, ProjectFields(name=argument, budget=Decimal("1.00"), months={1}))
            except WorkspaceError as exc:
                print(f"refused {exc}", flush=True)
            else:
                print("committed", flush=True)
        elif verb == "count":
            print(len(workspace.projects(edition.id)), flush=True)
        elif verb == "quit":
            break
    workspace.close()
    print("closed", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "zygote":
        zygote()
    else:
        hold(Path(sys.argv[2]))
