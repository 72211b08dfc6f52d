"""Benchmark: ``thaplan report progress`` of a 1,000-project plan with 5,000 disbursements, as JSON and as xlsx.

The plan is the demo's rows repeated and varied (999 projects and equipment items), with the demo's
tracking up to 30 กันยายน 2563 and more disbursements added until there are 5,000. Prints the wall time of
the report in process (the plan read from the file, the report built and written: what the window will do)
and of the command in a new process (what a user waits for), the median of the runs.
The PDF report (issue 11's ≤ 1.5 s target) has its own script, ``bench_report_pdf.py``.

Usage: python bench/bench_report_progress.py [--copies 9] [--disbursements 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

AS_OF = "2563-09-30"
TODAY = dt.date(2020, 9, 30)


def _plan(path: Path, copies: int, disbursements: int) -> tuple[int, int]:
    """Build the plan; (projects, disbursements) it holds."""
    from thaplan_desktop.demo import build_demo
    from thaplan_desktop.tracking.spending import month_end
    from thaplan_desktop.workspace import NewDisbursement, ProgressBatch, ProgressUpdate

    with build_demo(path, copies=copies, fiscal_year=2563, today=TODAY) as ws:
        edition = ws.find_edition(2563, "main")
        plan, records = ws.progress_data(edition.id)
        missing = disbursements - len(records.disbursements)
        projects = sorted(plan.projects, key=lambda p: p.id)
        updates = []
        for i in range(max(missing, 0)):
            project = projects[i % len(projects)]
            month = i % 12 + 1
            day = month_end(2563, month) - dt.timedelta(days=i % 20)
            updates.append(ProgressUpdate(project.id, disbursements=(
                NewDisbursement(day, Decimal(1000 + i % 997), f"บันทึกทดสอบ {i}"),)))
        if updates:
            ws.apply_progress(ProgressBatch("เบิกจ่ายทดสอบ", tuple(updates)), today=TODAY, entered_by="bench")
        count = len(ws.tracking_records(edition.id).disbursements)
    return len(projects), count


def _in_process(argv: list[str], runs: int) -> list[float]:
    from thaplan_desktop.cli import main

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(argv) == 0
        times.append(time.perf_counter() - started)
    return times


def _new_process(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "thaplan_desktop", *argv], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=9, help="copies of the demo's 111 rows (9 → 999)")
    parser.add_argument("--disbursements", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["THAPLAN_DATA_DIR"] = tmp  # backups and logs of the benchmark stay in the scratch folder
        db = Path(tmp) / "bench.sqlite"
        started = time.perf_counter()
        projects, paid = _plan(db, args.copies, args.disbursements)
        print(f"plan: {projects} projects, {paid} disbursements (built in {time.perf_counter() - started:.1f} s)")
        base = ["report", "progress", "--db", str(db), "--as-of", AS_OF]
        for label, extra in (("--json", ["--json"]), ("--out r.xlsx", ["--out", str(Path(tmp) / "r.xlsx")])):
            inside = _in_process([*base, *extra], args.runs)
            outside = _new_process([*base, *extra], args.runs)
            print(f"report progress {label}: in process median {statistics.median(inside):.2f} s "
                  f"(first {inside[0]:.2f} s); new process median {statistics.median(outside):.2f} s")
        print(f"machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
