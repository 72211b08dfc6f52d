"""The preview JSON is also an input: what ``import-preview --json`` prints reads back as the same projects."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from sample_files import sample

from thaplan_desktop.cli.imports import run_import_preview
from thaplan_desktop.importing import ImportFailure, read_file
from thaplan_desktop.importing.errors import FailureKind


def _preview_text(path: Path) -> str:
    out = io.StringIO()
    run_import_preview(argparse.Namespace(file=str(path), json=True), out=out)
    return out.getvalue()


def test_preview_json_reads_back_unchanged(tmp_path: Path) -> None:
    text = _preview_text(sample("tapan_equipment_pd021.xlsx"))
    saved = tmp_path / "preview.json"
    saved.write_text(text, encoding="utf-8")
    assert json.loads(_preview_text(saved)) == json.loads(text)
    first = read_file(saved).projects[0]
    assert (first.source_file, first.source_row) == ("preview.json", 1)


def test_bad_json_entry_names_the_item(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"ok": True, "projects": [
        {"kind": "project", "name": "ก", "budget": "10.00", "months": [1]},
        {"kind": "project", "name": "ข", "budget": "สิบบาท", "months": [1]},
    ], "error": None}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportFailure) as info:
        read_file(path)
    assert info.value.kind is FailureKind.BAD_JSON
    assert "bad.json" in info.value.message
    assert "รายการที่ 2" in info.value.message


def test_json_months_out_of_range_refused(tmp_path: Path) -> None:
    path = tmp_path / "months.json"
    path.write_text('{"ok": true, "projects": [{"name": "ก", "budget": "1", "months": [13]}], "error": null}',
                    encoding="utf-8")
    with pytest.raises(ImportFailure):
        read_file(path)


def test_broken_json_text(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('{"ok": true, "projects": [', encoding="utf-8")
    with pytest.raises(ImportFailure) as info:
        read_file(path)
    assert "cut.json" in str(info.value)
