"""Benchmark: the monitoring report as PDF (``thaplan report progress --out r.pdf``), 1,000 projects and 5,000
disbursements; issue 11's target is ≤ 1.5 s.

The plan is ``bench_report_progress``'s (the demo's rows repeated to 999, its tracking up to 30 กันยายน 2563,
disbursements added to 5,000). Prints the median wall time of: the PDF alone (``write_progress_pdf`` of a
report already built: what the window's worker spends after reading), the command in process (the plan
read, the report built and written) and the command in a new process (what a user waits for), and the
pages written.

Usage: python bench/bench_report_pdf.py [--copies 9] [--disbursements 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench_report_progress import AS_OF, _in_process, _new_process, _plan


def _writer_only(db: Path, out: Path, runs: int) -> tuple[list[float], int]:
    from thaplan_desktop.exporting.reports.progress import write_progress_pdf
    from thaplan_desktop.tracking.report import build_report
    from thaplan_desktop.workspace import Workspace

    with Workspace.open(db) as ws:
        edition = ws.find_edition(2563, "main")
        plan, records = ws.progress_data(edition.id)
    report = build_report(plan, records, dt.date(2020, 9, 30))
    times, pages = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        pages = write_progress_pdf(report, out).pages
        times.append(time.perf_counter() - started)
    return times, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=9, help="copies of the demo's 111 rows (9 → 999)")
    parser.add_argument("--disbursements", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["THAPLAN_DATA_DIR"] = tmp  # backups and logs of the benchmark stay in the scratch folder
        db = Path(tmp) / "bench.sqlite"
        out = Path(tmp) / "r.pdf"
        started = time.perf_counter()
        projects, paid = _plan(db, args.copies, args.disbursements)
        print(f"plan: {projects} projects, {paid} disbursements (built in {time.perf_counter() - started:.1f} s)")
        writer, pages = _writer_only(db, out, args.runs)
        print(f"PDF alone: median {statistics.median(writer):.2f} s (first {writer[0]:.2f} s), {pages} pages, "
              f"{out.stat().st_size / 1e6:.1f} MB")
        argv = ["report", "progress", "--db", str(db), "--as-of", AS_OF, "--out", str(out)]
        inside = _in_process(argv, args.runs)
        outside = _new_process(argv, args.runs)
        print(f"report progress --out r.pdf: in process median {statistics.median(inside):.2f} s "
              f"(first {inside[0]:.2f} s); new process median {statistics.median(outside):.2f} s (target ≤ 1.5 s)")
        print(f"machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
