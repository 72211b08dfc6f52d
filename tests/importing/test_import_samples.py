"""Every sample workbook in tests/data/samples reads exactly as its expected JSON says (added keys allowed)."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from preview_expected import assert_has_expected, preview
from sample_files import expected as expected_json
from sample_files import sample, sample_workbooks

from thaplan_desktop.cli.imports import run_import_preview

FILES = sample_workbooks()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_sample_reads_as_expected(path: Path) -> None:
    expected = expected_json(path)
    code, got = preview(path)
    if expected["ok"]:
        assert code == 0
        assert_has_expected(got, expected)
        assert all(isinstance(w, str) for w in got["warnings"])  # always there, with or without a plan
    else:
        assert code != 0
        assert got["ok"] is False
        assert got["projects"] == []
        assert got["warnings"] == []
        message = got["error"]
        assert path.name in message
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in message)


def test_sample_counts_match_the_readme() -> None:
    projects = equipment = broken = 0
    for path in FILES:
        code, got = preview(path)
        if not got["ok"]:
            broken += 1
            continue
        projects += sum(1 for p in got["projects"] if p["kind"] == "project")
        equipment += sum(1 for p in got["projects"] if p["kind"] == "equipment")
    assert (projects, equipment, broken) == (66, 8, 3)


def test_json_output_keeps_key_order_and_thai_text() -> None:
    path = sample("tapan_samnakpalad_pd02.xlsx")
    out = io.StringIO()
    run_import_preview(argparse.Namespace(file=str(path), json=True), out=out)
    text = out.getvalue()
    assert "\\u0e" not in text  # not ASCII-escaped
    first = json.loads(text)
    assert list(first) == ["ok", "projects", "error", "warnings"]
    assert list(first["projects"][0]) == ["kind", "name", "details", "budget", "location", "unit", "months",
                                          "strategy", "plan", "equipment_type"]
