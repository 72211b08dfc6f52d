"""What ``thaplan import-preview --json`` prints, compared with an expected JSON file by the expected keys.

INTERFACES.md: keys are added, never renamed. An expected file says what must be there and stay the same;
a key it does not name (``warnings`` at the top, ``filed_under`` per project) may be added. So the
comparison takes every key of the expected object, in its order, and of each expected project.
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

from thaplan_desktop.cli.imports import run_import_preview


def preview(path: Path) -> tuple[int, dict[str, Any]]:
    """Exit code and JSON of ``thaplan import-preview --json PATH``."""
    out = io.StringIO()
    code = run_import_preview(argparse.Namespace(file=str(path), json=True), out=out)
    return code, json.loads(out.getvalue())


def assert_has_expected(got: dict[str, Any], expected: dict[str, Any]) -> None:
    """``got`` holds every key of ``expected`` with the same value, in the same order; each expected project
    its keys with the same values (added keys allowed, nothing changed)."""
    assert [key for key in got if key in expected] == list(expected), "the expected keys, in their order"
    for key, value in expected.items():
        if key == "projects":
            assert len(got["projects"]) == len(value)
            for i, (mine, theirs) in enumerate(zip(got["projects"], value, strict=True)):
                assert {k: mine.get(k) for k in theirs} == theirs, f"project {i + 1}"
                assert [k for k in mine if k in theirs] == list(theirs), f"project {i + 1}: key order"
        else:
            assert got[key] == value, key
