"""Benchmark: every dashboard chart description of a 10,000-project plan (the dashboard's redraw data).

Prints the time of ``dashboard_charts`` for the whole plan and with a strategy selected (median and worst
of 7 each). The dashboard's redraw must stay ≤ 150 ms (issue #12): this is the data's share of it.

Usage: python bench/bench_chart_descriptions.py [--copies 91]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def _measure(function, runs: int = 7) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, max(times) * 1000


def main() -> None:
    from thaplan_desktop.charts import ChartScope, dashboard_charts
    from thaplan_desktop.charts.dashboard import TrackingFigures
    from thaplan_desktop.charts.spending import Disbursements
    from thaplan_desktop.demo import build_demo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=91, help="copies of the demo's 111 rows (91 → 10,101)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        with build_demo(Path(folder) / "bench.sqlite", copies=args.copies) as workspace:
            plan = workspace.plan_data(workspace.find_edition().id)
    strategy = plan.strategies[0].id
    tracking = TrackingFigures(Disbursements({m: plan.projects[m].budget for m in range(1, 7)}, through_month=6),
                               {"done": 10, "in_progress": 20, "not_started": 30})
    whole = _measure(lambda: dashboard_charts(plan))
    selected = _measure(lambda: dashboard_charts(plan, ChartScope(strategy_id=strategy)))
    tracked = _measure(lambda: dashboard_charts(plan, tracking=tracking))
    print(f"dashboard charts of {len(plan.projects):,} rows: whole plan median {whole[0]:.1f} ms "
          f"(worst {whole[1]:.1f}), a strategy selected {selected[0]:.1f} ms (worst {selected[1]:.1f}), "
          f"with tracking figures {tracked[0]:.1f} ms (worst {tracked[1]:.1f})")


if __name__ == "__main__":
    main()
