"""What the hostile tests share: the command run as the user runs it, and what must hold after each attack.

Every attack is run through ``python -m thaplan_desktop`` in a new process (``cli``), as a clumsy officer or
an adversary would: its exit code, its output (one Thai line on stderr, never a traceback, never a terminal
escape) and its peak memory are what the tests look at; a plan involved must come out byte for byte and page
for page as it went in (``fingerprint``). Where the attack needs a folder the user cannot write, the folder is
made read-only, and when the tests run as root (who writes anywhere) the child runs without the capability
to override file permissions (``unprivileged``, through ``setpriv``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

THAI = ("\u0e00", "\u0e7f")
SETPRIV = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


@dataclass(frozen=True)
class Run:
    """One finished command: exit code, stdout, stderr, and peak resident memory in MB."""

    code: int
    out: str
    err: str
    peak_mb: float


# A small process that starts the command and reports its peak memory. The command must not be forked from
# the test process itself: a forked child's peak memory (``ru_maxrss``) counts the pages it shared with its
# parent before ``exec`` — the whole test process, hundreds of MB late in a run.
_LAUNCHER = """
import json, os, resource, subprocess, sys
limit, result, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
process = subprocess.Popen(command, preexec_fn=cap)
_pid, status, usage = os.wait4(process.pid, 0)
with open(result, "w") as fh:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_maxrss], fh)
"""


def cli(*args: str | Path, env: dict[str, str] | None = None, wrapper: list[str] | None = None,
        memory_limit_gb: float = 3.0, cwd: Path | None = None) -> Run:
    """Run ``thaplan ARGS`` in a new process (through ``wrapper`` when given) and measure its own peak
    memory; its address space is capped so that a regression costs this machine at most ``memory_limit_gb``."""
    import json

    limit = int(memory_limit_gb * (1 << 30))
    command = [*(wrapper or []), sys.executable, "-m", "thaplan_desktop", *map(str, args)]
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        with open(Path(folder) / "out", "w+b") as out, open(Path(folder) / "err", "w+b") as err:
            subprocess.run([sys.executable, "-c", _LAUNCHER, str(limit), str(result), *command], stdout=out,
                           stderr=err, stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})}, cwd=cwd,
                           check=True, timeout=600)
            out.seek(0)
            err.seek(0)
            code, peak_kb = json.loads(result.read_text(encoding="utf-8"))
            return Run(code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                       peak_kb / 1024)


def assert_one_thai_line(text: str) -> str:
    """``text`` (a command's stderr) is one line, in Thai, with no traceback and no terminal escape."""
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    line = lines[0]
    assert any(THAI[0] <= ch <= THAI[1] for ch in line), line
    assert "Traceback" not in text, text
    assert "\x1b" not in text, text
    assert "[SQL:" not in text, text
    assert "sqlite3." not in text, text
    return line


def fingerprint(db: Path) -> tuple[str, list[tuple[str]]]:
    """The file's sha256 and SQLite's integrity check of it (read as immutable: looking changes nothing)."""
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return digest, integrity
