"""The command functions the ``thaplan`` command wires: import-preview, import, export-xlsx, export-template."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

from sample_files import sample

from thaplan_desktop.cli import COMMANDS, build_parser, main


def run(argv: list[str]) -> tuple[int, str]:
    args = build_parser().parse_args(argv)
    out = io.StringIO()
    code = args.run(args, out=out)
    return code, out.getvalue()


def test_every_command_has_its_argument_function() -> None:
    names = [command.name for command in COMMANDS]
    assert {"import-preview", "import", "export-xlsx", "export-template"} <= set(names)
    for command in COMMANDS:
        command.add_arguments(argparse.ArgumentParser())


def test_preview_text_lists_rows_and_columns() -> None:
    code, text = run(["import-preview", str(sample("ผด02 กองช่าง ท่าข้าม.xlsx"))])
    assert code == 0
    assert "หัวตารางแถวที่ 6" in text
    assert "โครงการก่อสร้างศาลาประชาคมหมู่บ้าน หมู่ที่ 7" in text
    assert "รวม 7 รายการ" in text


def test_preview_as_a_process_exits_non_zero_on_a_broken_file() -> None:
    result = subprocess.run([sys.executable, "-m", "thaplan_desktop", "import-preview", "--json",
                             str(sample("tapan_klang_pd02_v2.xlsx"))], capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert result.returncode != 0
    got = json.loads(result.stdout)
    assert got["ok"] is False
    assert "Traceback" not in result.stderr


def test_import_then_export_then_preview(demo_db: Path, tmp_path: Path) -> None:
    code, text = run(["import", "--db", str(demo_db), str(sample("tapan_equipment_pd021.xlsx")),
                      str(sample("kruad_kongsuksa_period.xlsx"))])
    assert code == 0
    assert "นำเข้าแล้ว 16 รายการ" in text
    code, text = run(["import", "--db", str(demo_db), str(sample("kruad_kongsuksa_period.xlsx"))])
    assert "ข้ามรายการซ้ำ" in text
    assert "นำเข้าแล้ว 0 รายการ" in text
    out = tmp_path / "plan.xlsx"
    code, text = run(["export-xlsx", "--db", str(demo_db), "--out", str(out)])
    assert code == 0
    assert out.is_file()
    code, text = run(["import-preview", "--json", str(out)])
    names = {p["name"] for p in json.loads(text)["projects"]}
    assert "โครงการบรรพชาสามเณรภาคฤดูร้อน" in names


def test_import_refuses_a_broken_file_and_writes_nothing(demo_workspace, demo_db: Path, tmp_path: Path) -> None:
    edition = demo_workspace.find_edition()
    before = len(demo_workspace.projects(edition.id))
    note = tmp_path / "note.xlsx"
    note.write_text("ไม่ใช่ตาราง", encoding="utf-8")
    assert main(["import", "--db", str(demo_db), str(note)]) == 1
    assert len(demo_workspace.projects(edition.id)) == before


def test_export_template_command(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    code, text = run(["export-template", "--db", str(demo_db), "--unit", "กองช่าง", "--out", str(out), "--rows", "5"])
    assert code == 0
    assert out.is_file()
    assert "กองช่าง" in text
