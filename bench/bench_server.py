"""Benchmark: the office server against a plan file — open 10,000 projects, an edit seen by another window, an import.

Prints, for a local PostgreSQL (a throwaway server started by ``tests/pgserver.py``, or ``--url`` of an empty
database) and for a SQLite file, each a median of several runs:
- open: what ``PlanSession`` reads to fill the grid (open the workspace, editions, organisation, tree,
  lists, the 10,000 projects of the edition). Target on PostgreSQL ≤ 2 s;
- edit seen: one project edited in workspace A until workspace B, waiting on its change feed
  (``wait_for_changes`` then ``others_changes``), has the Changes naming it. Target ≤ 2 s;
- import: ``import_batch`` of 1,000 new projects (one transaction; on a file after its backup). Target ≤ 3 s;
- progress: ``import_progress`` of 1,000 projects' progress (a status and a disbursement each, one
  transaction; on a file after its backup), as the progress import writes it. Target ≤ 3 s.

Usage: PYTHONPATH=tests python bench/bench_server.py [--projects 10000] [--url postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

TARGETS = {"open": 2.0, "edit seen": 2.0, "import": 3.0, "progress": 3.0}


def _open(location) -> float:
    from thaplan_desktop.safety import open_for_editing

    start = time.perf_counter()
    ws = open_for_editing(location)
    editions = ws.editions()
    edition = ws.find_edition()
    ws.organisation(), ws.strategies(), ws.programs(), ws.units(), ws.equipment_types()
    projects = ws.projects(edition.id)
    seconds = time.perf_counter() - start
    ws.close()
    if not editions or len(projects) < 10_000:
        raise SystemExit(f"the plan has {len(projects)} projects, not 10,000")
    return seconds


def _edit_seen(location, rounds: int = 15) -> list[float]:
    from thaplan_desktop.workspace import ProjectFields, Workspace

    times = []
    with Workspace.open(location) as a, Workspace.open(location) as b:
        edition = a.find_edition().id
        project = a.projects(edition)[0]
        b.others_changes()
        for n in range(rounds):
            seen: list[float] = []
            ready = threading.Event()

            def watch(seen: list[float] = seen, ready: threading.Event = ready) -> None:
                ready.set()
                while True:
                    b.wait_for_changes(5)
                    changes = b.others_changes()
                    if changes is not None and project.id in changes.projects:
                        seen.append(time.perf_counter())
                        return

            watcher = threading.Thread(target=watch)
            watcher.start()
            ready.wait()
            time.sleep(0.05)  # let the watcher start listening, as an open window always is
            start = time.perf_counter()
            a.project(project.id)
            a.update_project(project.id, ProjectFields(details=f"รอบ {n}"))
            watcher.join()
            times.append(seen[0] - start)
    return times


def _import(location, rows: int = 1_000) -> float:
    from thaplan_desktop.workspace import BatchProject, ImportBatch, ProjectFields, Workspace

    with Workspace.open(location) as ws:
        edition = ws.find_edition().id
        batch = ImportBatch(edition_id=edition, label="นำเข้า", projects=tuple(
            BatchProject(ProjectFields(name=f"โครงการนำเข้าที่ {i}", budget=Decimal(1000 + i), months={1, 2},
                                       unit_name="กองช่าง")) for i in range(rows)))
        start = time.perf_counter()
        ws.import_batch(batch)
        seconds = time.perf_counter() - start
        ws.undo()
    return seconds


def _progress(location, rows: int = 1_000) -> float:
    import datetime as dt

    from thaplan_desktop.domain.tracking import TrackingStatus
    from thaplan_desktop.workspace import NewDisbursement, NewStatus, ProgressBatch, ProgressUpdate, Workspace

    today = dt.date.today()
    with Workspace.open(location) as ws:
        edition = ws.find_edition().id
        ours = {u.id for u in ws.units() if not u.is_external}
        plan, _records = ws.progress_data(edition)  # the import's preview reads the plan in use first
        projects = [p for p in plan.projects if p.unit_id in ours][:rows]
        batch = ProgressBatch("นำเข้าผลการดำเนินงาน", tuple(
            ProgressUpdate(p.id, NewStatus(TrackingStatus.IN_PROGRESS, today, 50),
                           disbursements=(NewDisbursement(today, Decimal("1000.50"), "bench"),)) for p in projects))
        start = time.perf_counter()
        ws.import_progress(batch, today=today)
        seconds = time.perf_counter() - start
        ws.undo()
    return seconds


def _report(kind: str, figures: dict[str, list[float]]) -> None:
    for name, values in figures.items():
        median = statistics.median(values)
        verdict = "OK" if median <= TARGETS[name] else "TOO SLOW"
        print(f"{kind:10} {name:10} median {median:.3f} s, best {min(values):.3f} s, worst {max(values):.3f} s "
              f"(target ≤ {TARGETS[name]} s) {verdict}")


def main() -> None:
    """Build the plans, measure each figure on PostgreSQL and on SQLite, print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--url", help="an empty PostgreSQL database to use instead of a throwaway server")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="thaplan-bench-"))
    os.environ["THAPLAN_DATA_DIR"] = str(scratch / "data")
    from thaplan_desktop.db.transfer import copy_plan
    from thaplan_desktop.demo import build_demo, demo_data
    from thaplan_desktop.workspace import parse_location

    data = demo_data()
    copies = -(-args.projects // (len(data["projects"]) + len(data["equipment"])))
    plan = scratch / "plan.sqlite"
    build_demo(plan, copies=copies).close()
    server = None
    if args.url:
        url = args.url
    else:
        from pgserver import ThrowawayServer

        server = ThrowawayServer().start()
        url = server.url(server.create_database(name="bench"))
    try:
        address = parse_location(url)
        copy_plan(plan, address)
        for kind, location in (("postgresql", address), ("sqlite", plan)):
            figures = {"open": [_open(location) for _ in range(5)], "edit seen": _edit_seen(location),
                       "import": [_import(location) for _ in range(3)],
                       "progress": [_progress(location) for _ in range(3)]}
            _report(kind, figures)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
