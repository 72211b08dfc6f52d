"""Benchmark: export a 1,000-project plan (the demo's rows repeated and varied) to the official PDF.

Prints the wall time of ``export_pdf`` (fonts registered and the Thai dictionary loaded beforehand, as
the app does at start-up), the cold time of a first export in a fresh process, and, when LibreOffice is
installed, the time of ``libreoffice --headless --convert-to pdf`` on an xlsx of the same rows.
Target (issue #3): ≤ 3 s on a 2-core machine, and faster than LibreOffice.

Usage: python bench/bench_pdf_export.py [--copies 9] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _plan(copies: int, folder: Path):
    from thaplan_desktop.demo import build_demo

    workspace = build_demo(folder / "bench.sqlite", copies=copies)
    edition = workspace.find_edition()
    plan = workspace.plan_data(edition.id)
    workspace.close()
    return plan


def _xlsx(plan, path: Path) -> None:
    """The same rows as a plain ผด.02-like sheet (for the LibreOffice comparison)."""
    from openpyxl import Workbook

    units = {u.id: u.name for u in plan.units}
    book = Workbook()
    sheet = book.active
    sheet.append(["ที่", "โครงการ", "รายละเอียด", "งบประมาณ", "สถานที่", "หน่วยงาน"] + [str(m) for m in range(1, 13)])
    for i, p in enumerate(plan.projects, start=1):
        sheet.append([i, p.name, p.details, float(p.budget), p.location, units.get(p.unit_id, "")]
                     + ["→" if m in p.months else "" for m in range(1, 13)])
    book.save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=9, help="copies of the demo's 111 rows (9 → 999)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the PDF (and xlsx) in this folder")
    args = parser.parse_args()

    from thaplan_desktop.exporting.pdf import ExportOptions, export_pdf
    from thaplan_desktop.exporting.pdf.fonts import register_fonts
    from thaplan_desktop.exporting.pdf.segment import warm_up

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        plan = _plan(args.copies, Path(tmp))
        options = ExportOptions(font="laksaman")
        started = time.perf_counter()
        register_fonts(options.font)
        warm_up()
        startup = time.perf_counter() - started
        times = []
        cpu = []
        result = None
        for run in range(args.runs):
            out = folder / f"bench-{run}.pdf"
            gc.collect()  # start each run from a tidy heap (building the plan left a lot behind)
            started, cpu_started = time.perf_counter(), time.process_time()
            result = export_pdf(plan, out, options)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        assert result is not None
        print(f"projects: {len(plan.projects)}  pages: {result.pages}  "
              f"size: {result.path.stat().st_size / 1e6:.1f} MB")
        print(f"start-up (fonts + Thai dictionary, once per app run): {startup:.2f} s")
        print(f"export_pdf wall time: first {times[0]:.2f} s, best {min(times):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)}; CPU first {cpu[0]:.2f} s)")
        print(f"machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        cold = subprocess.run(
            [sys.executable, "-c",
             "import sys, time, pickle; t = time.perf_counter();"
             "from thaplan_desktop.exporting.pdf import export_pdf, ExportOptions;"
             "plan = pickle.load(open(sys.argv[1], 'rb'));"
             "export_pdf(plan, sys.argv[2], ExportOptions(font='laksaman'));"
             "print(f'{time.perf_counter() - t:.2f}')",
             str(_pickle(plan, Path(tmp))), str(Path(tmp) / "cold.pdf")],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        print(f"cold export in a fresh process (imports, fonts, dictionary included): {cold} s")
        office = shutil.which("libreoffice") or shutil.which("soffice")
        if office:
            xlsx = folder / "bench.xlsx"
            _xlsx(plan, xlsx)
            started = time.perf_counter()
            subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
                           capture_output=True, check=False)
            print(f"libreoffice --headless --convert-to pdf (same rows, xlsx): {time.perf_counter() - started:.2f} s")
        else:
            print("libreoffice: not installed here, comparison skipped")
    return 0


def _pickle(plan, folder: Path) -> Path:
    import pickle

    path = folder / "plan.pickle"
    with path.open("wb") as f:
        pickle.dump(plan, f)
    return path


if __name__ == "__main__":
    raise SystemExit(main())
