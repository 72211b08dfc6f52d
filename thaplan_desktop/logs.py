"""The rotating log file in the user log folder; tracebacks go there, never to the user's screen.

No password reaches it: every record passes :func:`scrub`, which blanks the password of any database URL
in the message (a URL given to ThaPlan never holds one, but a driver's message might quote one).
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "thaplan.log"
_configured: Path | None = None
_PASSWORD_IN_URL = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/?#@\s]*):[^@/?#\s]*@", re.IGNORECASE)


def scrub(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***`` (for messages and logs)."""
    return _PASSWORD_IN_URL.sub(lambda m: f"{m['head']}:***@", text)


class _Scrubbed(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def setup_logging() -> Path:
    """Send the application's log records to a rotating file (1 MB × 5); return its path."""
    global _configured
    if _configured is not None:
        return _configured
    from thaplan_desktop.paths import log_dir

    path = log_dir() / LOG_NAME
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(_Scrubbed("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.raiseExceptions = False  # a log that cannot be written (a full disk) never prints a traceback
    _configured = path
    return path
