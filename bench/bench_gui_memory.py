"""Benchmark: resident memory of the application with a 10,000-project plan open and in use.

Opens the database in the main window, scrolls through the whole grid (so rows get measured and painted),
searches, selects tree nodes and makes a few edits, then prints the resident set size (VmRSS) and its
peak (VmHWM) from /proc. Target (issue #5): ≤ 400 MB.

Usage: python bench/bench_gui_memory.py [--db PATH] [--projects 10000]
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from gui_bench_common import arguments, bench_database, close_window, open_window, start_app, wait

TARGET_MB = 400


def rss_mb() -> tuple[float, float]:
    """Current and peak resident memory in MB (Linux)."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, amount, _unit = line.split()
            values[key] = int(amount) / 1024
    return values["VmRSS:"], values["VmHWM:"]


def main() -> None:
    """Use the window a little with the big plan open; print the memory figures."""
    args = arguments(__doc__.splitlines()[0])
    source = bench_database(args.db, args.projects)
    copy = Path(tempfile.mkdtemp(prefix="thaplan-bench-mem-")) / "mem.sqlite"
    shutil.copy(source, copy)
    app, settings = start_app()
    before, _ = rss_mb()
    window, _ = open_window(app, settings, copy)
    opened, _ = rss_mb()
    from thaplan_desktop.ui.columns import COLUMN_INDEX

    grid, model = window.grid, window.grid_model
    bar = grid.verticalScrollBar()
    for step in range(0, 101, 5):  # scroll through the whole plan
        bar.setValue(bar.maximum() * step // 100)
        app.processEvents()
        grid.viewport().repaint()
    for text in ("ถ", "ถน", "ถนน", "ถนนค", "", "กองช่าง", ""):
        window.search.setText(text)
        app.processEvents()
    for strategy in window.state.strategies:
        window.select_node(("strategy", strategy.id))
        app.processEvents()
    window.select_node(("root",))
    for i in range(20):
        model.setData(model.index(i * 97, COLUMN_INDEX["budget"]), f"{1000 + i:,}")
    window.session.duplicate_projects([model.project_at(i).id for i in range(200)])
    window.session.undo()
    wait(app, lambda: window.runner.pending == 0)
    app.processEvents()
    used, peak = rss_mb()
    rows = model.rowCount()
    close_window(app, window)
    print(f"resident memory with {rows:,} projects open and in use: {used:.0f} MB, peak {peak:.0f} MB "
          f"(target ≤ {TARGET_MB} MB) {'OK' if peak <= TARGET_MB else 'TOO MUCH'}")
    print(f"  before opening {before:.0f} MB, just after opening {opened:.0f} MB")


if __name__ == "__main__":
    main()
