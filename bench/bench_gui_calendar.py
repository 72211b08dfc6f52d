"""Benchmark: switching months on the calendar screen (ปฏิทินการทำงาน) of a 10,000-project plan.

Each switch is timed from the call (what the month list, the arrows and a click in the year overview
do) to the month's rows by unit, its counts and deadlines shown and the screen repainted; every month of
the overview is shown in turn, five times over. Also times a filter change (a unit, then all units) and
reading the calendar when the screen opens. Target (issue #12): a month switch ≤ 150 ms.

Usage: python bench/bench_gui_calendar.py [--db PATH] [--projects 10000]
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
    """Show every month five times; print the median and worst switch."""
    args = arguments(__doc__.splitlines()[0])
    db = bench_database(args.db, args.projects)
    app, settings = start_app()
    from thaplan_desktop.ui.calendar.view import CalendarScreen

    context, screen, opened = open_screen(app, settings, db, lambda c: CalendarScreen(c.session))
    months = screen.year_model.months
    rows = len(screen.calendar.items)

    def repaint() -> None:
        app.processEvents()
        screen.repaint()

    times, cpu = [], []
    for _ in range(ROUNDS):
        for month in (*months[1:], months[0]):
            start, start_cpu = time.perf_counter(), time.process_time()
            screen.show_month(month)
            repaint()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    busiest = max(months, key=lambda m: len(screen.calendar.month(m).running))
    busiest_rows = len(screen.calendar.month(busiest).running)
    screen.show_month(busiest)
    repaint()
    filters = []
    for unit in (screen.data.calendar.units[0], None):
        start = time.perf_counter()
        screen.set_filter(unit=unit)
        repaint()
        filters.append((time.perf_counter() - start) * 1000)
    close_screen(app, context)
    median, worst = statistics.median(times), max(times)
    print(f"calendar month switch on {rows:,} rows: median {median:.0f} ms, worst {worst:.0f} ms over "
          f"{len(times)} switches of {len(months)} months (target ≤ {TARGET_MS} ms) "
          f"{'OK' if worst <= TARGET_MS else 'TOO SLOW'}")
    print(f"  busiest month: {busiest.label()}, {busiest_rows:,} rows running")
    print(f"  CPU time a switch: median {statistics.median(cpu):.0f} ms, worst {max(cpu):.0f} ms; "
          f"load average now {os.getloadavg()[0]:.1f}")
    print(f"  filter by a unit: {filters[0]:.0f} ms, back to every unit: {filters[1]:.0f} ms; "
          f"open to calendar shown: {opened:.2f} s")


if __name__ == "__main__":
    main()
