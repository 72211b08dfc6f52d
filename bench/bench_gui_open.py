"""Benchmark: from opening a 10,000-project database to the entry grid painted on screen.

Prints the seconds from ``open_file`` (the workspace opened on the worker, the edition read, handed to
the GUI, the models built) to the first paint of the grid's rows. Target (issue #5): ≤ 1.5 s.

Usage: python bench/bench_gui_open.py [--db PATH] [--projects 10000]
"""

from __future__ import annotations

import statistics

from gui_bench_common import arguments, bench_database, close_window, open_window, start_app

TARGET = 1.5


def main() -> None:
    """Open the database five times in fresh windows; print the median, best and worst."""
    args = arguments(__doc__.splitlines()[0])
    db = bench_database(args.db, args.projects)
    app, settings = start_app()
    times, reads, builds = [], [], []
    rows = 0
    for _ in range(5):
        window, seconds = open_window(app, settings, db)
        rows = window.grid_model.rowCount()
        times.append(seconds)
        reads.append(window.bench_phases[0])
        builds.append(window.bench_phases[1])
        close_window(app, window)
    median = statistics.median(times)
    print(f"open {rows:,} projects → grid painted: median {median:.2f} s, best {min(times):.2f} s, "
          f"worst {max(times):.2f} s (target ≤ {TARGET} s) {'OK' if median <= TARGET else 'TOO SLOW'}")
    print(f"  of which: open + read on the worker {statistics.median(reads):.2f} s, "
          f"models built and grid painted {statistics.median(builds):.2f} s (medians)")


if __name__ == "__main__":
    main()
