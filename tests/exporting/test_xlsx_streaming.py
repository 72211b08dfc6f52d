"""The Excel forms of a long plan: written as a stream, the same workbook, memory that does not grow with it.

ผด.02 is written row by row in openpyxl's write-only mode and the month arrows are added to the saved
package as a stream (issue 17: 848 MB for 50,000 projects before). These tests hold what a user sees of a
plan long enough for its sheet to span several of the streamed pieces, and that the export's memory does not
grow with the plan as a sheet held whole did.
"""

from __future__ import annotations

import io
import tempfile
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from test_xlsx_forms import expected_records, read_back
from workbook_checks import cell_formulas
from xlsx_plans import small_plan

from thaplan_desktop.domain.fiscal import month_runs
from thaplan_desktop.domain.model import PlanData, Project, ProjectKind
from thaplan_desktop.exporting.form_content import pd02_blocks
from thaplan_desktop.exporting.xlsx import XlsxOptions, export_forms
from thaplan_desktop.exporting.xlsx.drawing import _copy_sheet_with_drawing
from thaplan_desktop.exporting.xlsx.forms import ExportCancelled

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
NASTY = ("=HYPERLINK(\"http://x\",\"click\")", "+1+2", "-5+cmd", "@SUM(A1)")


def long_plan(n: int) -> PlanData:
    """``n`` projects over the small plan's three programs, months in one or two runs, some names hostile."""
    projects = []
    for i in range(1, n + 1):
        name = NASTY[i % len(NASTY)] if i % 97 == 0 else f"โครงการก่อสร้างถนนสายที่ {i} หมู่ที่ {i % 12 + 1}"
        details = "ผิวจราจรกว้าง 5 เมตร ยาว 150 เมตร หนา 0.15 เมตร หรือพื้นที่ไม่น้อยกว่า 750 ตารางเมตร" * (1 + i % 3)
        months = frozenset({1 + i % 12, 1 + (i + 1) % 12, 1 + (i + 5) % 12})
        projects.append(Project(i, 1, ProjectKind.PROJECT, name, details, Decimal(1000 + i) / 4,
                                f"หมู่ที่ {i % 12 + 1}", 1 + i % 3, months, (10, 11, 20)[i % 3], position=i))
    return small_plan(projects)


def test_a_long_plan_keeps_its_rows_merges_arrows_and_reads_back(tmp_path: Path) -> None:
    plan = long_plan(1500)
    path = tmp_path / "long.xlsx"
    report = export_forms(plan, path)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/worksheets/sheet2.xml").file_size > 1 << 20  # more than one streamed piece
        drawing = zf.read("xl/drawings/drawing1.xml").decode("utf-8")
    runs = sum(len(month_runs(p.months)) for p in plan.projects)
    assert drawing.count("<xdr:cxnSp") == report.arrows == runs
    assert cell_formulas(path) == []
    assert read_back(path) == expected_records(plan)  # months read back from the arrows

    ws = openpyxl.load_workbook(path)["ผด.02"]
    assert ws.freeze_panes == "A8"
    assert ws.print_title_rows == "$6:$7"
    assert ws.oddHeader.right.text == "แบบ ผด.02"
    assert (ws.page_margins.left, ws.page_margins.top) == (0.5, 1.0)
    assert ws.column_dimensions["C"].width == pytest.approx(33.68)
    merged = {str(m) for m in ws.merged_cells.ranges}
    row = 8
    for block in pd02_blocks(plan):
        for line in block.group_lines:
            assert ws.cell(row, 1).value == line
            assert f"A{row}:R{row}" in merged
            row += 1
        for number, project in enumerate(block.projects, start=1):
            assert (ws.cell(row, 1).value, ws.cell(row, 2).value) == (number, project.name)
            assert ws.cell(row, 2).data_type == "s"
            lines = 1 + len(project.details) // 40
            assert ws.row_dimensions[row].height >= min(lines, 4) * 22  # the wrapped details show whole
            row += 1
        assert ws.cell(row, 1).value == f"รวม {len(block.projects)} โครงการ"
        assert f"A{row}:C{row}" in merged
        assert ws.row_dimensions[row].height == 24
        row += 1
    assert ws.max_row == row - 1


def test_shaded_months_and_thai_digits_on_a_long_plan(tmp_path: Path) -> None:
    plan = long_plan(400)
    path = tmp_path / "shaded.xlsx"
    export_forms(plan, path, XlsxOptions(month_marks="fill", thai_digits=True, subtotals=False))
    with zipfile.ZipFile(path) as zf:
        assert not [n for n in zf.namelist() if n.startswith("xl/drawings/")]
    ws = openpyxl.load_workbook(path)["ผด.02"]
    first = next(r for r in range(8, ws.max_row + 1) if ws.cell(r, 2).value == plan_first_name(plan))
    project = pd02_blocks(plan)[0].projects[0]
    shaded = {m for m in range(1, 13) if ws.cell(first, 6 + m).fill.fill_type == "solid"}
    assert shaded == set(project.months)
    assert ws.cell(first, 1).value == "๑"
    shown = f"{project.budget:,.0f}" if project.budget == project.budget.to_integral_value() else f"{project.budget:,.2f}"
    assert ws.cell(first, 4).value == shown.translate(THAI)
    got = read_back(path)
    assert [(g["budget"], g["months"]) for g in got] == [(w["budget"], w["months"]) for w in expected_records(plan)]


def plan_first_name(plan: PlanData) -> str:
    return pd02_blocks(plan)[0].projects[0].name.translate(THAI)


def test_memory_of_an_export_does_not_grow_with_the_plan(tmp_path: Path) -> None:
    """A sheet held whole took about 15 KB a project (848 MB at 50,000); streamed, it takes a few hundred bytes."""
    peaks = {}
    for n in (150, 1500):
        plan = long_plan(n)
        tracemalloc.start()
        try:
            export_forms(plan, tmp_path / f"plan-{n}.xlsx")
            peaks[n] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    per_project = (peaks[1500] - peaks[150]) / 1350
    assert per_project < 6_000, f"{per_project:.0f} bytes a project ({peaks})"


@pytest.mark.parametrize("chunk_size", [1, 7, 11, 12, 13, 4096])
def test_the_drawing_goes_after_the_rows_however_the_sheet_is_cut(chunk_size: int) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>&lt;/sheetData&gt; ข้อความ {r}</t></is></c></row>'
                   for r in range(1, 400))
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
             '<pageSetup orientation="landscape"/><headerFooter/></worksheet>')
    target = io.BytesIO()
    _copy_sheet_with_drawing(io.BytesIO(sheet.encode("utf-8")), target, "rIdArrows1", chunk_size)
    want = (sheet.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                                         '2006/relationships" ', 1)
            .replace("</worksheet>", '<drawing r:id="rIdArrows1"/></worksheet>'))
    assert target.getvalue().decode("utf-8") == want


def test_a_cancelled_export_leaves_no_streamed_sheet_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    seen: list[str] = []

    def cancelled() -> bool:  # asked before each sheet: cancel once ผด.01 and ผด.02 are written
        seen.append("step")
        return len(seen) >= 3

    with pytest.raises(ExportCancelled):
        export_forms(long_plan(300), tmp_path / "plan.xlsx", cancelled=cancelled)
    assert list(scratch.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["tmp"]
