"""Benchmark: the calendar of a 1,000-project plan as an .ics file (one event per run, icalendar).

Prints the time of ``load_calendar`` + ``export_ics`` in process (first run and best of 5), and of
``thaplan calendar --ics`` as a user runs it (new process, median of 3). Target (issue #12): ≤ 1 s.

Usage: python bench/bench_ics_export.py [--copies 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    from thaplan_desktop.calendar.load import load_calendar
    from thaplan_desktop.demo import build_demo
    from thaplan_desktop.exporting.ics import export_ics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=9, help="copies of the demo's 111 rows (9 → 999)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        workspace = build_demo(db, copies=args.copies)
        edition = workspace.find_edition()
        rows = len(workspace.projects(edition.id))
        times = []
        events = 0
        for run in range(6):
            start = time.perf_counter()
            result = export_ics(load_calendar(workspace, edition.id), Path(folder) / f"plan{run}.ics")
            times.append(time.perf_counter() - start)
            events = result.events
        workspace.close()
        command = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "thaplan_desktop", "calendar", "--db", str(db), "--ics",
                            str(Path(folder) / "cli.ics")], check=True, capture_output=True)
            command.append(time.perf_counter() - start)
    print(f"ICS of {rows:,} rows ({events:,} events), load + export in process: "
          f"first {times[0]:.3f} s, best of 5 {min(times[1:]):.3f} s")
    print(f"thaplan calendar --ics, new process: {statistics.median(command):.3f} s (median of 3)")


if __name__ == "__main__":
    main()
