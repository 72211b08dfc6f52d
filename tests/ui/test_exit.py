"""Leaving the application: no Qt warning about objects deleted twice, no crash on the way out."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("exit_child.py")


@pytest.mark.slow
def test_closing_after_the_procedure_tab_and_a_dialog_exits_cleanly(demo_db, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", THAPLAN_SETTINGS=str(tmp_path / "settings.ini"))
    done = subprocess.run([sys.executable, str(CHILD), str(demo_db)], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert "shared QObject was deleted directly" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
