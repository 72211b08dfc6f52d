"""Benchmark: the calendar model on 10,000 projects — building it, and switching months as the window will.

Prints the time of ``build_calendar`` (once per plan or filter change) and of one month switch
(``PlanCalendar.month`` plus ``MonthView.by_unit``, what the window's month view shows), median and worst
over the twelve months, repeated 5 times. The window's month switch must stay ≤ 150 ms (issue #12):
this is the model's share of it.

Usage: python bench/bench_calendar_month.py [--copies 91]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    from thaplan_desktop.calendar.model import CalendarFilter, build_calendar
    from thaplan_desktop.demo import build_demo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=91, help="copies of the demo's 111 rows (91 → 10,101)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        with build_demo(Path(folder) / "bench.sqlite", copies=args.copies) as workspace:
            plan = workspace.plan_data(workspace.find_edition().id)
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        calendar = build_calendar(plan)
        builds.append(time.perf_counter() - start)
    start = time.perf_counter()
    filtered = build_calendar(plan, filter=CalendarFilter(unit="กองช่าง"))
    filtered_build = time.perf_counter() - start
    switches = []
    shown = 0
    for _ in range(5):
        for month in calendar.months():
            start = time.perf_counter()
            view = calendar.month(month)
            units = view.by_unit()
            switches.append(time.perf_counter() - start)
            shown = max(shown, sum(len(u.running) for u in units))
    print(f"calendar of {len(plan.projects):,} rows: build median {statistics.median(builds) * 1000:.1f} ms "
          f"(filtered by unit: {filtered_build * 1000:.1f} ms, {len(filtered.items):,} rows)")
    print(f"month switch (month + by_unit, up to {shown:,} rows): median {statistics.median(switches) * 1000:.1f} ms, "
          f"worst {max(switches) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
