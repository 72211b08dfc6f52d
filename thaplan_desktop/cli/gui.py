"""``thaplan`` with no subcommand: open the window, on ``--db PATH``, on the demo plan, or on the default file.

The one module outside ``ui/`` that may import ``ui`` (an import-linter contract names it). Qt is imported
only when the window starts, never by a subcommand.
"""

from __future__ import annotations

from pathlib import Path


def start_window(db: Path | None, *, demo: bool = False) -> int:
    """Run the application's window until it closes; return the exit code."""
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
