"""Progress reports from outside go through the import's caps: a progress workbook that unpacks to gigabytes,
holds a billion repeated cells or is a JSON too large, too deep or holding half a surrogate pair is refused
by ``import-progress`` in one Thai line naming what is wrong, within 300 MB, and the plan is untouched; a
sparse sheet reaching column XFD costs what its filled cells cost and reads."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from attacks import ods, ods_cell, text, xlsx
from hostile_kit import assert_one_thai_line, cli, fingerprint

from thaplan_desktop.importing.limits import MAX_SHEET_CELLS, MAX_UNPACKED_BYTES

MEMORY_MB = 300
HEADER = ("โครงการ", "หน่วยงานรับผิดชอบหลัก", "สถานะ", "ความคืบหน้า")
pytestmark = pytest.mark.slow


def _header_row() -> str:
    return f'<row r="1">{"".join(text(f"{c}1", h) for c, h in zip("ABCD", HEADER, strict=True))}</row>'


def _a_project(plan: Path) -> tuple[str, str]:
    con = sqlite3.connect(plan)
    try:
        return con.execute("SELECT p.name, u.name FROM project p JOIN unit u ON u.id = p.unit_id "
                           "ORDER BY p.id LIMIT 1").fetchone()
    finally:
        con.close()


def _refused(plan: Path, path: Path) -> str:
    before = fingerprint(plan)
    run = cli("import-progress", "--db", plan, "--as-of", "2563-04-30", path)
    assert run.code == 1, run.out
    line = assert_one_thai_line(run.err)
    assert run.peak_mb < MEMORY_MB
    assert fingerprint(plan) == before
    return line


def test_a_progress_workbook_holding_a_gigabyte_string_is_refused(tmp_path: Path, plan: Path) -> None:
    bomb = xlsx(tmp_path / "ผลการดำเนินงาน.xlsx", [_header_row(), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
                shared_gib=1.0)
    assert bomb.stat().st_size < 2 << 20
    line = _refused(plan, bomb)
    assert f"{MAX_UNPACKED_BYTES >> 20:,} MB" in line
    assert "ผลการดำเนินงาน.xlsx" in line


def test_a_progress_ods_of_a_billion_repeated_cells_is_refused(tmp_path: Path, plan: Path) -> None:
    header = "<table:table-row>" + "".join(ods_cell(h) for h in HEADER) + "</table:table-row>"
    repeated = (f'<table:table-row table:number-rows-repeated="1048576">{ods_cell("ดำเนินการแล้วเสร็จ", repeat=1024)}'
                "</table:table-row>")
    path = ods(tmp_path / "ผลการดำเนินงาน.ods", header + repeated)
    assert path.stat().st_size < 30_000
    assert f"{MAX_SHEET_CELLS:,}" in _refused(plan, path)


def test_a_sparse_progress_workbook_costs_what_its_filled_cells_cost(tmp_path: Path, plan: Path) -> None:
    name, unit = _a_project(plan)
    row = f'<row r="2">{text("A2", name)}{text("B2", unit)}{text("C2", "อยู่ระหว่างดำเนินการ")}</row>'
    stray = [f'<row r="{r}">{text(f"XFD{r}", "x")}</row>' for r in range(10, 20_010)]
    path = xlsx(tmp_path / "sparse.xlsx", [_header_row(), row, *stray, f'<row r="1048576">{text("XFD1048576", "x")}</row>'])
    assert path.stat().st_size < 200_000
    run = cli("import-progress", "--db", plan, "--as-of", "2563-04-30", path)
    assert run.peak_mb < MEMORY_MB
    assert "จับคู่ได้ 1 แถว" in run.out, run.out + run.err
    assert "Traceback" not in run.err


def test_a_progress_json_larger_than_the_cap_is_refused(tmp_path: Path, plan: Path) -> None:
    path = tmp_path / "ผล.json"
    record = {"name": "โครงการซ่อมถนน", "unit": "กองช่าง", "status": "done", "problems": "ก" * 1000}
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"as_of": "2563-04-30", "records": [')
        fh.write(",".join([json.dumps(record, ensure_ascii=False)] * 6000))
        fh.write("]}")
    assert "16 MB" in _refused(plan, path)


def test_a_progress_json_nested_too_deep_is_refused(tmp_path: Path, plan: Path) -> None:
    path = tmp_path / "ลึก.json"
    path.write_text('{"records": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    assert "ลึก" in _refused(plan, path)


def test_a_lone_surrogate_in_a_progress_json_is_refused_naming_the_record(tmp_path: Path, plan: Path) -> None:
    path = tmp_path / "ผล.json"
    path.write_text('{"as_of": "2563-04-30", "records": [{"name": "งาน\\ud800ถนน", "status": "done"}]}',
                    encoding="utf-8")
    assert "รายการที่ 1" in _refused(plan, path)
