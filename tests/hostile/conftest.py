"""Fixtures of the hostile suite: a private plan, folders other users may enter, folders nobody may write."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile_kit import SETPRIV, fingerprint


@pytest.fixture
def plan(demo_db: Path) -> Path:
    """A private copy of the demo plan, checked sound."""
    assert fingerprint(demo_db)[1] == [("ok",)]
    return demo_db


@pytest.fixture
def unprivileged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], dict[str, object]]]:
    """``lock(folder)`` makes ``folder`` one the user cannot write and returns what ``cli`` needs to run as
    such a user: as root, without the capability to override permissions (``setpriv``); the folders are
    given back afterwards."""
    locked: list[Path] = []
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("as root, a read-only folder needs setpriv (util-linux) to be read-only for the command")

    def lock(folder: Path) -> dict[str, object]:
        os.chmod(folder, 0o555)
        locked.append(folder)
        return {"wrapper": SETPRIV} if os.geteuid() == 0 else {}

    yield lock
    for folder in locked:
        os.chmod(folder, 0o755)


@pytest.fixture
def open_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder for files whose permissions the test changes (all given back so that it can be removed)."""
    yield tmp_path
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, 0o755)
