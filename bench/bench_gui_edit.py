"""Benchmark: an edit in a 10,000-project grid is committed to the database and repainted.

Times, over many edits, from ``setData`` on a cell (what the editor does when the officer presses Enter)
to the worker having committed the operation, the refresh applied to the models and the grid's rows
painted again: budget cells, name cells and month toggles, on rows spread over the plan.
Target (issue #5): ≤ 50 ms an edit.

Usage: python bench/bench_gui_edit.py [--db PATH] [--projects 10000]
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from gui_bench_common import (
    PaintWatch,
    arguments,
    bench_database,
    close_window,
    open_window,
    start_app,
    wait,
)

TARGET_MS = 50
EDITS = 60


def main() -> None:
    """Edit budgets, names and months one after another; print the median and worst edit."""
    args = arguments(__doc__.splitlines()[0])
    source = bench_database(args.db, args.projects)
    copy = Path(tempfile.mkdtemp(prefix="thaplan-bench-edit-")) / "edit.sqlite"
    shutil.copy(source, copy)  # edits must not change the shared benchmark file
    app, settings = start_app()
    window, _ = open_window(app, settings, copy)
    from thaplan_desktop.ui.columns import COLUMN_INDEX

    model, grid = window.grid_model, window.grid
    rows = model.rowCount()
    watch = PaintWatch(grid.viewport())
    refreshed: list[float] = []
    window.session.refreshed.connect(lambda _r: refreshed.append(time.perf_counter()))
    times, cpu = [], []
    kinds = {"budget": [], "name": [], "month": []}
    for i in range(EDITS):
        row = (i * 167) % rows
        index = window.proxy.mapFromSource(model.index(row, 1))
        for _ in range(3):  # row heights settle as rows come into view
            grid.scrollTo(index, grid.ScrollHint.PositionAtTop)
            wait(app, lambda: window.runner.pending == 0)
            app.processEvents()
        assert grid.viewport().rect().intersects(grid.visualRect(index)), "the edited row is on screen"
        kind = ("budget", "name", "month")[i % 3]
        seen = len(refreshed)
        start, start_cpu = time.perf_counter(), time.process_time()
        if kind == "budget":
            model.setData(model.index(row, COLUMN_INDEX["budget"]), f"{100000 + i:,}")
        elif kind == "name":
            model.setData(model.index(row, COLUMN_INDEX["name"]), f"โครงการทดสอบการแก้ไข {i}")
        else:
            model.toggle_month(row, i % 12 + 1)
        # Committed by the worker, refreshed in the models, and the grid painted after that.
        wait(app, lambda seen=seen: len(refreshed) > seen and window.runner.pending == 0
             and watch.last > refreshed[-1])
        elapsed = (watch.last - start) * 1000
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append(elapsed)
        kinds[kind].append(elapsed)
    close_window(app, window)
    median, worst = statistics.median(times), max(times)
    print(f"edit → committed and repainted on {rows:,} projects: median {median:.0f} ms, worst {worst:.0f} ms "
          f"over {EDITS} edits (target ≤ {TARGET_MS} ms) {'OK' if median <= TARGET_MS else 'TOO SLOW'}")
    print("  by kind (median): " + ", ".join(f"{k} {statistics.median(v):.0f} ms" for k, v in kinds.items()))
    print(f"  CPU time an edit, both threads: median {statistics.median(cpu):.0f} ms; "
          f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
