"""Benchmark: redrawing the dashboard (ภาพรวม) of a 10,000-project plan when the tree's selection changes.

Each redraw is timed from the tree's selection reaching the screen (``DashboardScreen.show_node``: every
chart described again for the scope and drawn anew with QtCharts) to the charts repainted; it goes
through every strategy and back to the whole plan, five times over, then a program of each strategy.
Also times reading the plan and its tracking when the screen opens. Target (issue #12): a redraw
≤ 150 ms.

Usage: python bench/bench_gui_dashboard.py [--db PATH] [--projects 10000]
"""

from __future__ import annotations

import os
import statistics
import time

from gui_bench_common import arguments, bench_database, start_app
from screen_bench_common import close_screen, open_screen

TARGET_MS = 150
ROUNDS = 5


def main() -> None:
    """Select each strategy and the whole plan in turn; print the median and worst redraw."""
    args = arguments(__doc__.splitlines()[0])
    db = bench_database(args.db, args.projects)
    app, settings = start_app()
    from thaplan_desktop.ui.dashboard.view import DashboardScreen

    context, screen, opened = open_screen(app, settings, db, lambda c: DashboardScreen(c.session))
    plan = screen.data.plan
    strategies = [("strategy", s.id) for s in sorted(plan.strategies, key=lambda s: s.position)]
    programs = [("program", next(p.id for p in plan.programs if p.strategy_id == key[1])) for key in strategies]
    nodes = [*strategies, ("root",)]

    def redraw(key) -> float:
        start = time.perf_counter()
        screen.show_node(key)
        app.processEvents()
        screen.repaint()
        return (time.perf_counter() - start) * 1000

    times, cpu = [], []
    for _ in range(ROUNDS):
        for key in nodes:
            start_cpu = time.process_time()
            times.append(redraw(key))
            cpu.append((time.process_time() - start_cpu) * 1000)
    program_times = [redraw(key) for key in programs]
    whole = [t for i, t in enumerate(times) if nodes[i % len(nodes)] == ("root",)]
    close_screen(app, context)
    median, worst = statistics.median(times), max(times)
    print(f"dashboard redraw on {len(plan.projects):,} rows: median {median:.0f} ms, worst {worst:.0f} ms over "
          f"{len(times)} redraws (target ≤ {TARGET_MS} ms) {'OK' if worst <= TARGET_MS else 'TOO SLOW'}")
    print(f"  the whole plan: median {statistics.median(whole):.0f} ms; a program: median "
          f"{statistics.median(program_times):.0f} ms, worst {max(program_times):.0f} ms")
    print(f"  CPU time a redraw: median {statistics.median(cpu):.0f} ms, worst {max(cpu):.0f} ms; "
          f"load average now {os.getloadavg()[0]:.1f}")
    print(f"  open to charts shown (reading the plan and its tracking on the worker): {opened:.2f} s")


if __name__ == "__main__":
    main()
