"""``thaplan`` with no subcommand: open the window, on ``--db PATH``, on the demo plan, or on the default file.

The one module outside ``ui/`` that may import ``ui`` (an import-linter contract names it). Qt is imported
only when the window starts, never by a subcommand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NO_DISPLAY = ("thaplan: ไม่พบหน้าจอแสดงผล (ไม่ได้ตั้งค่า DISPLAY หรือ WAYLAND_DISPLAY) จึงเปิดหน้าต่างโปรแกรมไม่ได้"
              " — เปิดโปรแกรมจากหน้าจอเดสก์ท็อปของเครื่อง หรือใช้คำสั่งย่อยที่ทำงานได้โดยไม่ต้องมีหน้าจอ (thaplan --help)\n")


def has_display() -> bool:
    """False on a Linux/BSD machine with no X or Wayland display, where Qt would abort with a core dump.

    Windows and macOS always have one; ``QT_QPA_PLATFORM`` set to a platform that needs no display
    (offscreen, vnc …) counts as one.
    """
    if sys.platform in ("win32", "darwin"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def start_window(db: Path | None, *, demo: bool = False) -> int:
    """Run the application's window until it closes; return the exit code (1 with no display)."""
    if not has_display():
        sys.stderr.write(NO_DISPLAY)
        return 1
    if demo:
        db = demo_database()
    from thaplan_desktop.ui.app import run_gui  # Qt only here

    return run_gui(db)


def demo_database() -> Path:
    """The demo plan in the user data folder, built on first use."""
    from thaplan_desktop.demo import build_demo
    from thaplan_desktop.paths import data_dir

    path = data_dir() / "demo.sqlite"
    if not path.exists():
        build_demo(path).close()
    return path
