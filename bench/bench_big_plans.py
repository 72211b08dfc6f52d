"""Benchmark: big plans, every path, time and peak memory at 1,000 / 10,000 / 50,000 projects (issue 17).

Each figure is one child process, run as the officer runs it, measured from outside: its wall time and its
peak resident memory (``ru_maxrss`` of that child alone, from ``os.wait4``), and its CPU seconds (user and
system: what a quiet machine's wall time would be, near enough, on a machine shared with other work). The
paths:

* ``export-pdf``: ``thaplan export-pdf`` of the plan (the bundled Laksaman, progress off), as an officer
  exports it again: the words laid out by an earlier export kept in the cache folder
  (``exporting/pdf/layout_cache.py``). The first export, with an empty cache folder, is measured first and
  printed in the note;
* ``export-xlsx``: ``thaplan export-xlsx`` of the plan;
* ``import``: ``thaplan import`` of a department's ผด.02 workbook of that many rows into a new plan;
* ``grid-open``: the main window (offscreen) opening the plan until its entry grid is painted; the time
  printed is the process's, the one in brackets from ``open_file`` to the painted grid.

The plans are the demo's rows repeated and varied (``build_demo(copies=…)``, as the other benchmarks), the
workbooks as ``bench_import_preview.build`` makes them; both are built once into ``--folder`` (default
``/tmp/thaplan-bench``) and reused. Targets: 50,000 projects exported to PDF in ≤ 60 s and ≤ 600 MB; the
1,000-project PDF in ≤ 1.0 s wall on a quiet machine (exported again). The load average is printed with the table.

Usage: python bench/bench_big_plans.py [--sizes 1000,10000,50000] [--paths export-pdf,export-xlsx,import,grid-open]
       [--folder DIR] [--runs 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PATHS = ("export-pdf", "export-xlsx", "import", "grid-open")
SIZES = (1_000, 10_000, 50_000)
TARGETS = {("export-pdf", 50_000): (60.0, 600.0), ("export-pdf", 1_000): (1.0, None)}
HERE = Path(__file__).resolve().parent


def _schema() -> str:
    from thaplan_desktop.db.files import head_revision

    return str(head_revision())


def plan_file(folder: Path, size: int) -> Path:
    """The plan of about ``size`` projects (built on first use, announced edition as the demo's)."""
    path = folder / f"big-{size}-schema{_schema()}.sqlite"
    if not path.exists():
        from thaplan_desktop.demo import build_demo, demo_data

        data = demo_data()
        per_copy = len(data["projects"]) + len(data["equipment"])
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        build_demo(partial, copies=max(1, round(size / per_copy)), tracking=False).close()
        partial.rename(path)
    return path


def workbook_file(folder: Path, size: int) -> Path:
    """A department's ผด.02 workbook of ``size`` rows (built on first use)."""
    path = folder / f"big-{size}.xlsx"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        from bench_import_preview import build

        partial = folder / f"big-{size}.building.xlsx"
        build(partial, size)
        partial.rename(path)
    return path


def empty_plan(folder: Path) -> Path:
    """A new plan with nothing in it (copied for each import)."""
    path = folder / f"empty-schema{_schema()}.sqlite"
    if not path.exists():
        _run([sys.executable, "-m", "thaplan_desktop", "new", "--db", str(path), "--name", "องค์การบริหารส่วนตำบลทดสอบ",
              "--district", "เมือง", "--province", "ขอนแก่น", "--year", "2563"], check=True)
    return path


# A small process that starts the command, times it and reports its peak memory. The command is not forked
# from this script: a forked child's peak (``ru_maxrss``) counts the pages it shared with its parent.
_LAUNCHER = """
import json, os, subprocess, sys, time
result, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
process = subprocess.Popen(command)
_pid, status, usage = os.wait4(process.pid, 0)
json.dump([os.waitstatus_to_exitcode(status), time.perf_counter() - started, usage.ru_maxrss,
           usage.ru_utime + usage.ru_stime], open(result, "w"))
"""


def _run(command: list[str], *, check: bool = False, env: dict[str, str] | None = None
         ) -> tuple[float, float, float, str]:
    """Run a child; its wall seconds, its peak resident memory (MB), its CPU seconds and what it printed."""
    import json

    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        with open(Path(folder) / "out", "w+", encoding="utf-8") as out:
            subprocess.run([sys.executable, "-c", _LAUNCHER, str(result), *command], stdout=out,
                           stderr=subprocess.STDOUT, env=env, check=True)
            out.seek(0)
            printed = out.read()
        code, seconds, peak_kb, cpu = json.loads(result.read_text(encoding="utf-8"))
    if check and code:
        raise SystemExit(f"{' '.join(command)} failed:\n{printed}")
    peak = peak_kb / (1024.0 * 1024.0 if sys.platform == "darwin" else 1024.0)
    return seconds, peak, cpu, printed if not code else f"FAILED ({code}): {printed[-500:]}"


Figure = tuple[float, float, float, str]


def measure(path: str, size: int, folder: Path, scratch: Path, env: dict[str, str]) -> Figure:
    """One measurement of one path at one size: (wall seconds, peak MB, CPU seconds, a note)."""
    thaplan = [sys.executable, "-m", "thaplan_desktop"]
    if path == "export-pdf":
        seconds, peak, cpu, printed = _run([*thaplan, "export-pdf", "--db", str(plan_file(folder, size)), "--out",
                                       str(scratch / "plan.pdf"), "--font", "laksaman", "--quiet"], env=env)
        pages = printed.split(":", 1)[1].split("หน้า")[0].strip() if "หน้า" in printed else printed.strip()
        return seconds, peak, cpu, f"{pages} pages"
    if path == "export-xlsx":
        seconds, peak, cpu, printed = _run([*thaplan, "export-xlsx", "--db", str(plan_file(folder, size)), "--out",
                                       str(scratch / "plan.xlsx")], env=env)
        return seconds, peak, cpu, "" if "FAILED" not in printed else printed
    if path == "import":
        book = workbook_file(folder, size)
        target = scratch / "import.sqlite"
        target.unlink(missing_ok=True)
        shutil.copyfile(empty_plan(folder), target)
        seconds, peak, cpu, printed = _run([*thaplan, "import", "--db", str(target), str(book)], env=env)
        read = next((line for line in printed.splitlines() if line.startswith("อ่าน")), printed.strip()[-200:])
        return seconds, peak, cpu, read.split(":")[-1].strip()
    if path == "grid-open":
        seconds, peak, cpu, printed = _run([sys.executable, str(Path(__file__).resolve()), "--child-grid",
                                       str(plan_file(folder, size))], env=env)
        return seconds, peak, cpu, printed.strip().splitlines()[-1] if printed.strip() else ""
    raise ValueError(path)


def child_grid(db: Path) -> None:
    """In the child: open the window on ``db`` and print the seconds to the painted grid and its rows."""
    sys.path.insert(0, str(HERE))
    from gui_bench_common import open_window, start_app

    app, settings = start_app()
    window, seconds = open_window(app, settings, db)
    print(f"({seconds:.2f} s to the painted grid, {window.grid_model.rowCount():,} rows)")
    os._exit(0)  # the figure is taken: no teardown in the measured process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--paths", default=",".join(PATHS))
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "thaplan-bench")
    parser.add_argument("--runs", type=int, default=1, help="runs of each figure; the best is printed")
    parser.add_argument("--child-grid", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build-inputs", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_grid:
        child_grid(args.child_grid)
        return 0
    sizes = [int(s) for s in (args.build_inputs or args.sizes).split(",")]
    paths = [p for p in args.paths.split(",") if p]
    unknown = set(paths) - set(PATHS)
    if unknown:
        parser.error(f"unknown paths: {', '.join(sorted(unknown))}")
    args.folder.mkdir(parents=True, exist_ok=True)
    if args.build_inputs:
        for size in sizes:
            if {"export-pdf", "export-xlsx", "grid-open"} & set(paths):
                plan_file(args.folder, size)
            if "import" in paths:
                workbook_file(args.folder, size)
                empty_plan(args.folder)
        return 0
    # The inputs first (in a child: this process stays small), so that building them is not measured.
    _run([sys.executable, str(Path(__file__).resolve()), "--build-inputs", args.sizes, "--paths", args.paths,
          "--folder", str(args.folder)], check=True)
    print(f"{'path':<12} {'projects':>9} {'seconds':>9} {'CPU s':>7} {'peak MB':>9}  note")
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="thaplan-big-") as scratch_name:
        scratch = Path(scratch_name)
        env = {**os.environ, "THAPLAN_DATA_DIR": str(scratch / "data"), "QT_QPA_PLATFORM": "offscreen",
               "THAPLAN_SETTINGS": str(scratch / "settings.ini")}
        for path in paths:
            for size in sizes:
                best: Figure | None = None
                first = ""
                if path == "export-pdf":  # the first export: no words kept yet
                    shutil.rmtree(scratch / "data" / "cache", ignore_errors=True)
                    cold = measure(path, size, args.folder, scratch, env)
                    first = f"; first export {cold[0]:.2f} s, {cold[2]:.2f} CPU s, {cold[1]:.0f} MB"
                for _ in range(args.runs):
                    found = measure(path, size, args.folder, scratch, env)
                    loads.append(os.getloadavg()[0])
                    if best is None or found[0] < best[0]:
                        best = found
                assert best is not None
                seconds, peak, cpu, note = best
                note += first
                target = TARGETS.get((path, size))
                verdict = ""
                if target:
                    ok = seconds <= target[0] and (target[1] is None or peak <= target[1])
                    verdict = f"  [target ≤ {target[0]:.0f} s" + (f", ≤ {target[1]:.0f} MB" if target[1] else "") + \
                        f": {'OK' if ok else 'MISSED'}]"
                print(f"{path:<12} {size:>9,} {seconds:>9.2f} {cpu:>7.2f} {peak:>9.0f}  {note}{verdict}", flush=True)
    print(f"load average while measuring: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
