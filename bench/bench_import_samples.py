"""Benchmark: ``import-preview --json`` of every file in ../shared/samples in one process (target ≤ 3 s).

Counts the time from before the first file to after the last, module imports included.
Run: ``python bench/bench_import_samples.py``.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

TARGET_SECONDS = 3.0
SAMPLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples"


def main() -> int:
    """Print the figure; exit 1 when it misses the target, 0 (with a note) when the samples are absent."""
    files = sorted(p for p in SAMPLES.glob("*") if p.suffix not in (".json", ".md")) if SAMPLES.is_dir() else []
    if not files:
        print(f"no samples in {SAMPLES}")
        return 0
    start = time.perf_counter()
    from thaplan_desktop.cli.imports import run_import_preview

    failed = 0
    for path in files:
        out = io.StringIO()
        failed += run_import_preview(argparse.Namespace(file=str(path), json=True), out=out) != 0
    elapsed = time.perf_counter() - start
    print(f"import-preview of all {len(files)} samples ({failed} refused as broken): {elapsed:.2f} s "
          f"in one process; target ≤ {TARGET_SECONDS} s")
    return 0 if elapsed <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
