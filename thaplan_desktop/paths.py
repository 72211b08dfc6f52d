"""Where things live: the user data folder (default database, backups, logs) and the bundled files.

The user data folder comes from platformdirs (``~/.local/share/ThaPlan`` on Linux,
``%LOCALAPPDATA%\\ThaPlan`` on Windows); ``THAPLAN_DATA_DIR`` overrides it (tests, portable installs).
Bundled files (``resources/``, ``fonts/``) are found in a source checkout, an installed wheel, or a
PyInstaller bundle alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ThaPlan"
_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The user data folder (created on demand)."""
    override = os.environ.get("THAPLAN_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    """The database the application opens when none is named."""
    return data_dir() / "thaplan.sqlite"


def backups_dir() -> Path:
    """Folder of automatic and manual backup copies (created when it can be: listing the backups of a
    read-only data folder works, making one there fails where the copy is written, saying why)."""
    path = data_dir() / "backups"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return path


def log_dir() -> Path:
    """Folder of the rotating log file."""
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def bundled(folder: str) -> Path:
    """A bundled top-level folder (``resources`` or ``fonts``), wherever the application runs from."""
    candidates = [
        _PACKAGE_DIR / folder,  # installed wheel (force-included into the package)
        _PACKAGE_DIR.parent / folder,  # source checkout or editable install
    ]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / folder)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ไม่พบโฟลเดอร์ {folder} ของโปรแกรม")


def resource(relative: str) -> Path:
    """A file under ``resources/``."""
    return bundled("resources") / relative
