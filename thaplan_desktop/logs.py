"""The rotating log file in the user log folder; tracebacks go there, never to the user's screen."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "thaplan.log"
_configured: Path | None = None


def setup_logging() -> Path:
    """Send the application's log records to a rotating file (1 MB × 5); return its path."""
    global _configured
    if _configured is not None:
        return _configured
    from thaplan_desktop.paths import log_dir

    path = log_dir() / LOG_NAME
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _configured = path
    return path
