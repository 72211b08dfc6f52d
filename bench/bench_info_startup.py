"""Wall time of `thaplan info` on the demo plan, as a user runs it (new process each time).

Prints the median of 7 runs in seconds. Target: well under a second.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from thaplan_desktop.demo import build_demo


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite"
        build_demo(db).close()
        times = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "thaplan_desktop", "info", "--db", str(db)], check=True,
                           capture_output=True)
            times.append(time.perf_counter() - start)
    print(f"thaplan info on the demo plan: {statistics.median(times):.3f} s (median of 7)")


if __name__ == "__main__":
    main()
