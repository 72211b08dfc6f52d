"""Small files that unpack to gigabytes: refused at the cap they pass, in Thai naming it, within 300 MB.

The three files of the attack (issue 17): a 2 MB .xlsx holding one shared string of 2 GiB, a sparse .xlsx
with one cell in column XFD on 20,000 rows, a tiny .ods whose one cell is repeated a billion times. Each is
previewed by a new process whose peak memory is measured; the sparse one is no attack at all, and reads.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from attacks import HEADER, number, ods, ods_cell, project_rows, text, xlsx
from hostile_kit import assert_one_thai_line, cli

from thaplan_desktop.importing import ImportFailure, read_file
from thaplan_desktop.importing.errors import FailureKind
from thaplan_desktop.importing.limits import (
    MAX_CELL_CHARS,
    MAX_MEMORY_BYTES,
    MAX_SHEET_CELLS,
    MAX_UNPACKED_BYTES,
)

MEMORY_MB = 300
pytestmark = pytest.mark.slow


def test_a_gigabyte_shared_string_is_refused_before_it_is_read(tmp_path: Path) -> None:
    bomb = xlsx(tmp_path / "ผด02 กองช่าง.xlsx", project_rows(['<c r="B{r}" t="s"><v>0</v></c>']), shared_gib=1.0)
    assert bomb.stat().st_size < 2 << 20
    run = cli("import-preview", bomb)
    assert run.code == 1
    line = assert_one_thai_line(run.err)
    assert f"{MAX_UNPACKED_BYTES >> 20:,} MB" in line
    assert "ผด02 กองช่าง.xlsx" in line
    assert run.peak_mb < MEMORY_MB


def test_one_cell_longer_than_excel_allows_is_refused_naming_the_limit(tmp_path: Path) -> None:
    long = "ก" * (MAX_CELL_CHARS + 1)
    path = xlsx(tmp_path / "long.xlsx", [*project_rows([number("D{r}", 5000)]),
                                         '<row r="3"><c r="B3" t="s"><v>0</v></c></row>'], shared=[long])
    with pytest.raises(ImportFailure) as info:
        read_file(path)
    assert info.value.kind is FailureKind.TOO_BIG
    assert f"{MAX_CELL_CHARS:,}" in info.value.message


def test_a_sparse_sheet_costs_what_its_filled_cells_cost(tmp_path: Path) -> None:
    """One cell in the last column (XFD) on each of 20,000 rows under an honest table: the table reads."""
    stray = [f'<row r="{r}">{text(f"XFD{r}", "x")}</row>' for r in range(10, 20_010)]
    path = xlsx(tmp_path / "sparse.xlsx", [*project_rows([number("D{r}", 5000), number("D{r}", 7000)]), *stray])
    assert path.stat().st_size < 200_000
    run = cli("import-preview", "--json", path)
    assert run.code == 0, run.err
    assert run.out.count('"kind"') == 2
    assert run.peak_mb < MEMORY_MB


def test_a_billion_repeated_ods_cells_are_refused_naming_the_limit(tmp_path: Path) -> None:
    header = "<table:table-row>" + "".join(ods_cell(h) for h in HEADER) + "</table:table-row>"
    repeated = (f'<table:table-row table:number-rows-repeated="1048576">{ods_cell("โครงการ", repeat=1024)}'
                "</table:table-row>")
    path = ods(tmp_path / "repeat.ods", header + repeated)
    assert path.stat().st_size < 30_000
    run = cli("import-preview", path)
    assert run.code == 1
    assert f"{MAX_SHEET_CELLS:,}" in assert_one_thai_line(run.err)
    assert run.peak_mb < MEMORY_MB


def test_a_package_of_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "parts.xlsx", project_rows([number("D{r}", 5000)]))
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(10_001):
            zf.writestr(f"xl/media/empty{i}.bin", b"")
    with pytest.raises(ImportFailure) as info:
        read_file(path)
    assert info.value.kind is FailureKind.TOO_BIG
    assert "10,000" in info.value.message


def test_one_xml_tag_of_many_megabytes_is_refused(tmp_path: Path) -> None:
    huge = '<c r="D2" s="' + "9" * (20 << 20) + '"><v>1</v></c>'
    path = xlsx(tmp_path / "tag.xlsx", [*project_rows([]), f'<row r="2">{huge}</row>'])
    with pytest.raises(ImportFailure) as info:
        read_file(path)
    assert info.value.kind is FailureKind.TOO_BIG
    assert "16 MB" in info.value.message


def test_a_large_honest_workbook_reports_its_progress(tmp_path: Path) -> None:
    budgets = [number("D{r}", 1000 + i) for i in range(3000)]
    path = xlsx(tmp_path / "big.xlsx", project_rows(budgets))
    seen: list[tuple[float, str]] = []
    result = read_file(path, progress=lambda fraction, message: seen.append((fraction, message)))
    assert len(result.projects) == 3000
    fractions = [f for f, _m in seen]
    assert fractions == sorted(fractions)
    assert 0 <= fractions[0] < 0.5
    assert fractions[-1] == 1.0
    assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in m) for _f, m in seen)


def test_the_command_line_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    import argparse
    import io

    from thaplan_desktop.cli.imports import run_import_preview

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    path = xlsx(tmp_path / "big.xlsx", project_rows([number("D{r}", 1000 + i) for i in range(3000)]))
    out, err = io.StringIO(), Terminal()
    assert run_import_preview(argparse.Namespace(file=str(path), json=True), out=out, err=err) == 0
    assert "กำลังอ่าน" in err.getvalue()
    assert "100%" in err.getvalue()
    piped = io.StringIO()
    run_import_preview(argparse.Namespace(file=str(path), json=True), out=io.StringIO(), err=piped)
    assert piped.getvalue() == ""


def test_a_csv_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(",".join(HEADER) + "\n")
        line = "1,โครงการซ่อมถนน,ลาดยาง,5000,หมู่ 1,กองช่าง\n"
        fh.write(line * ((65 << 20) // len(line.encode()) + 1))
    run = cli("import-preview", path)
    assert run.code == 1
    assert "64 MB" in assert_one_thai_line(run.err)
    assert run.peak_mb < MEMORY_MB


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (bash .ci/setup installs it) to write the .xls")
def test_a_sparse_xls_costs_what_its_filled_cells_cost(tmp_path: Path) -> None:
    """One cell in the last column of an .xls (IV) on each of 65,000 rows: the dense readers took 1.3 GB."""
    stray = [f'<row r="{r}">{text(f"IV{r}", "x")}</row>' for r in range(10, 65_001)]
    source = xlsx(tmp_path / "sparse.xlsx", [*project_rows([number("D{r}", 5000), number("D{r}", 7000)]), *stray])
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "xls",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=300)
    run = cli("import-preview", "--json", tmp_path / "sparse.xls")
    assert run.code == 0, run.err
    assert run.out.count('"kind"') == 2
    assert run.peak_mb < MEMORY_MB


def test_half_a_million_tiny_projects_are_refused_within_the_memory_cap(tmp_path: Path) -> None:
    """Rows and projects cost memory however few their cells: refused naming the memory limit, never 1 GB."""
    head = f'<row r="1">{"".join(text(f"{c}1", h) for c, h in zip("ABCDEF", HEADER, strict=True))}</row>'
    body = (f'<row r="{r}">{text(f"B{r}", f"p{r}")}{number(f"D{r}", r)}</row>' for r in range(2, 500_000))
    path = xlsx(tmp_path / "tiny.xlsx", itertools.chain([head], body))
    run = cli("import-preview", "--json", path)
    assert run.code == 1
    assert f"{MAX_MEMORY_BYTES >> 20:,} MB" in run.out
    assert run.peak_mb < MEMORY_MB


def test_pages_of_emoji_are_read_within_memory(tmp_path: Path) -> None:
    """Forty million four-byte characters under the text cap: a note quoting a cell never copies it whole."""
    page = "\U0001F600" * 30_000
    rows = [f'<row r="{r}">{text(f"C{r}", page)}</row>' for r in range(2, 1330)]
    path = xlsx(tmp_path / "emoji.xlsx", [*project_rows([]), *rows])
    run = cli("import-preview", path)
    assert run.peak_mb < MEMORY_MB
    assert run.code in (0, 1)
    assert "Traceback" not in run.err
