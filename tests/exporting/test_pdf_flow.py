"""How the forms ผด.02 and ผด.02/1 use the paper: blocks flow one after another, headings never end a
page, the header and the form code are on every page, and the columns are balanced for short rows."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR
from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.exporting import form_content
from thaplan_desktop.exporting.pdf import ExportOptions, export_pdf, forms
from thaplan_desktop.exporting.pdf.layout import Align, TextStyle
from thaplan_desktop.exporting.pdf.table import Caption, Cell, Column, FormTable, HeaderCell, Row

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
WS = re.compile(r"\s+")
MONEY = re.compile(r"\d{1,3}(,\d{3})+(\.\d\d)?")
PAGE_NUMBER = re.compile(r"^-\s*\S+\s*-$")


def squash(text: str) -> str:
    return WS.sub("", text)


@pytest.fixture(scope="module")
def typesetter():
    from thaplan_desktop.exporting.pdf.fonts import register_fonts
    from thaplan_desktop.exporting.pdf.layout import Typesetter

    return Typesetter(register_fonts("laksaman"))


@pytest.fixture(scope="module")
def plan(demo_draft_plan) -> PlanData:
    """The demo's main edition before its announcement: the forms without the announcement page."""
    return demo_draft_plan


@pytest.fixture(scope="module")
def demo_pdf(plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    result = export_pdf(plan, path, ExportOptions(font="laksaman"))
    return path, result


def _pages(path: Path, first: int, last: int) -> dict[int, list[str]]:
    """Each page's non-empty text lines (layout mode), top to bottom."""
    text = subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return {first + i: [ln.strip() for ln in page.splitlines() if ln.strip()]
            for i, page in enumerate(text.split("\f")[: last - first + 1])}


def _start(result, key: str) -> int:
    return next(page for k, _t, page, _l in result.sections if k == key)


def _headings(plan: PlanData) -> set[str]:
    lines = {line for block in form_content.pd02_blocks(plan) + form_content.pd021_blocks(plan) for line in block.group_lines}
    return {squash(line) for line in lines} | {squash(line + " (ต่อ)") for line in lines}


@needs_poppler
def test_equipment_blocks_share_pages_and_the_demo_is_much_shorter(demo_pdf, plan) -> None:
    path, result = demo_pdf
    blocks = form_content.pd021_blocks(plan)
    starts = [page for key, _t, page, _l in result.sections if key.startswith("pd021-")]
    assert len(starts) == len(blocks) == 15
    pd021_pages = result.pages - _start(result, "pd021") + 1
    # Before: every block on a page of its own (16 pages for the 17 items, 79 pages in all).
    assert len(set(starts)) <= len(blocks) - 4
    assert pd021_pages <= 11, pd021_pages
    assert result.pages <= 72, result.pages
    # Each form still starts a page of its own.
    pd02_starts = [page for key, _t, page, _l in result.sections if key.startswith("pd02-")]
    assert _start(result, "pd02") > _start(result, "pd01")
    assert _start(result, "pd021") > max(pd02_starts)
    assert _start(result, "pd021") == min(starts)


def _header_words(plan: PlanData) -> set[str]:
    """Every word the ผด.02/ผด.02/1 header prints (column titles, years, months)."""
    from thaplan_desktop.domain.fiscal import year_headers

    words = {w for text in form_content.PD02_HEADERS + form_content.PD021_HEADERS for w in text.split()}
    words |= {"รายละเอียดของกิจกรรมที่เกิดขึ้นจาก", "โครงการ", "รับผิดชอบ", "หน่วยงาน", "หลัก", "สถานที่",
              "ดำเนินการ", "งบประมาณ", "(บาท)", "รับผิดชอบหลัก", "หน่วยงานรับผิดชอบ", "สถานที่ดำเนินการ",
              "พ.ศ.", "รายละเอียดของกิจกรรมที่เกิดขึ้น", "จากโครงการ", "รายละเอียดของครุภัณฑ์"}
    words |= {w for label, _m in year_headers(plan.edition.fiscal_year) for w in label.split()}
    return words | set(FISCAL_MONTH_ABBR)


def _header_line(line: str, header_words: set[str]) -> bool:
    """A line of the table's header: only header words, at least two of them (a cell's last line may be
    a single word such as โครงการ)."""
    words = line.split()
    column_titles = set(words) - {w for w in words if w == "พ.ศ." or w.isdigit()}
    years = [w for w in words if w.isdigit()]
    return len(words) >= 2 and set(words) <= header_words and (bool(column_titles) or len(years) >= 2)


@needs_poppler
def test_headings_never_end_a_page(demo_pdf, plan) -> None:
    """A block's heading lines come with its table header and at least its first row (with its budget)."""
    path, result = demo_pdf
    headings = _headings(plan)
    header_words = _header_words(plan)
    pages = _pages(path, _start(result, "pd02"), result.pages)
    checked = 0
    for page, lines in pages.items():
        body = [ln for ln in lines if not PAGE_NUMBER.match(ln)]
        assert body, page
        last = squash(body[-1])
        assert last not in headings, (page, body[-1])
        assert not _header_line(body[-1], header_words), (page, "ends with the header")
        # After the last heading on the page: the header (its งบประมาณ), then a row with a budget.
        heading_rows = [i for i, ln in enumerate(body) if squash(ln) in headings]
        assert heading_rows, (page, "captions repeated on every page")
        after = body[heading_rows[-1] + 1:]
        header = [i for i, ln in enumerate(after) if "งบประมาณ" in ln.split()]
        assert header, (page, "no header after the heading")
        assert any(MONEY.fullmatch(token) for ln in after[header[0] + 1:] for token in ln.split()), page
        checked += 1
    assert checked >= 30


@needs_poppler
def test_form_code_and_header_on_every_page(demo_pdf) -> None:
    path, result = demo_pdf
    pd02, pd021 = _start(result, "pd02"), _start(result, "pd021")
    for page, lines in _pages(path, pd02, result.pages).items():
        text = squash("".join(lines))
        code = form_content.PD021_CODE if page >= pd021 else form_content.PD02_CODE
        assert squash(code) in text, page
        if page < pd021:
            assert squash(form_content.PD021_CODE) not in text, page
        assert all(abbr in text for abbr in FISCAL_MONTH_ABBR), page  # the header's month row


@needs_poppler
def test_short_program_blocks_follow_each_other_on_a_page(plan, tmp_path) -> None:
    """With one-line rows, several ผด.02 program blocks share a page (no page break between blocks)."""
    short = [dataclasses.replace(p, name=p.name[:12], details=p.details[:12], location="ม.1", unit_id=None)
             for p in plan.projects]
    result = export_pdf(dataclasses.replace(plan, projects=short), tmp_path / "short.pdf",
                        ExportOptions(font="laksaman"))
    starts = [page for key, _t, page, _l in result.sections if key.startswith("pd02-")]
    assert len(starts) == len(form_content.pd02_blocks(plan))
    assert len(set(starts)) <= len(starts) - 4  # 17 blocks on 12 pages (on 17 before)
    assert _start(result, "pd021") - _start(result, "pd02") <= len(set(starts)) + 1


def test_pd02_columns_fill_the_page_and_are_balanced(typesetter, plan) -> None:
    ts = typesetter
    from thaplan_desktop.exporting.pdf.table import CLEARANCE

    for equipment, blocks in ((False, form_content.pd02_blocks(plan)), (True, form_content.pd021_blocks(plan))):
        widths = [c.width for c in forms.pd02_columns(ts, plan, blocks, equipment=equipment)]
        assert len(widths) == 18
        assert sum(widths) == pytest.approx(forms.TABLE_WIDTH)
        number, name, details, money, place, unit, *months = widths
        # Month cells: just as wide as a month label is high (turned a quarter), 3 pt from each rule.
        highest = max(top - bottom for top, bottom in
                      (ts.single_line(abbr, forms.MONTH_HEADER_SIZE).ink() for abbr in FISCAL_MONTH_ABBR))
        assert all(m == months[0] for m in months)
        assert highest + 2 * CLEARANCE <= months[0] <= highest + 2 * CLEARANCE + 2.0
        assert number < 1.0 * forms.CM
        assert money >= ts.width("1,316,429.40" if not equipment else "44,000", 14.0, False) + 2 * CLEARANCE
        assert details == max(widths)
        assert details > name > min(place, unit)
        # Every village of the demo fits its column whole.
        villages = ("บ้านบ่อกรัง", "บ้านหนองจอก", "บ้านศรีเจริญ", "บ้านท่าสะท้อน", "บ้านห้วยลึก")
        assert all(ts.width(v, 14.0) + 2 * CLEARANCE <= place for v in villages)
        assert 12 * months[0] < 0.30 * forms.TABLE_WIDTH


def test_pd02_rows_are_shorter(typesetter, plan) -> None:
    """Lines per row of the demo (14 pt): were 745 in ผด.02 and 122 in ผด.02/1 with the old widths."""
    ts = typesetter
    for equipment, blocks, most in ((False, form_content.pd02_blocks(plan), 715), (True, form_content.pd021_blocks(plan), 110)):
        lines = 0
        for block in blocks:
            table = forms.block_table(ts, plan, "t", block, equipment=equipment, subtotals=False)
            table.wrap(forms.TABLE_WIDTH, 1000.0)
            lines += sum(piece.total_lines for piece in table._pieces_list())
        assert lines <= most, (equipment, lines)


# --- FormTable.split: where a table may start ---------------------------------------------------------

def _table(ts, rows: int, lines_per_row: int, page_room: float | None) -> FormTable:
    body = TextStyle(size=14.0, leading_factor=1.38)
    header = TextStyle(size=13.0, leading_factor=1.3, bold=True, align=Align.CENTER)
    from thaplan_desktop.exporting.pdf.table import TableStyle

    text = " ".join(["ข้อความ"] * lines_per_row)
    return FormTable(ts, [Column(40.0), Column(60.0)], [HeaderCell(0, 0, "ที่"), HeaderCell(0, 1, "เรื่อง")],
                     [Row((Cell(0, str(i)), Cell(1, text))) for i in range(1, rows + 1)],
                     TableStyle(body=body, header=header),
                     captions=[Caption("1. ยุทธศาสตร์", header, continued_suffix=True)], page_room=page_room)


def test_a_block_starts_where_its_heading_header_and_first_row_fit(typesetter) -> None:
    table = _table(typesetter, rows=6, lines_per_row=3, page_room=450.0)
    _w, full = table.wrap(100.0, 450.0)
    top = table._top_height()
    row = table._pieces_list()[0].height
    # Room for the heading, the header and one row: the block starts here and goes on next page.
    parts = table.split(100.0, top + row + 5.0)
    assert len(parts) == 2
    assert len(parts[0].rows) == 1
    assert parts[1].continued
    # Room for the heading, the header and part of the first row only: all of it goes to the next page.
    assert table.split(100.0, top + row - 5.0) == []
    # The whole block fits: nothing to split.
    assert table.split(100.0, full + 1.0) == [table]


def test_a_row_taller_than_a_page_is_split_at_the_top_of_a_page(typesetter) -> None:
    table = _table(typesetter, rows=1, lines_per_row=40, page_room=300.0)
    parts = table.split(100.0, 300.0)
    assert len(parts) == 2
    assert parts[0]._pieces_list()[0].total_lines >= 2
    assert parts[1]._pieces_list()[0].total_lines >= 2
