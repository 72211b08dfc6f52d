"""The whole official document, exported from the demo plan and read back with poppler's tools."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, month_runs, year_headers
from thaplan_desktop.domain.model import EditionKind, PlanData, ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.exporting import form_content
from thaplan_desktop.exporting.pdf import ExportCancelled, ExportOptions, export_pdf, forms

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

WS = re.compile(r"\s+")


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def text_of(pdf: Path, *args: str, first: int | None = None, last: int | None = None) -> str:
    pages = []
    if first is not None:
        pages += ["-f", str(first)]
    if last is not None:
        pages += ["-l", str(last)]
    return _run("pdftotext", *args, *pages, str(pdf), "-")


def squash(text: str) -> str:
    return WS.sub("", text)


@pytest.fixture(scope="module")
def plan(demo_draft_plan) -> PlanData:
    """The demo's main edition before its announcement: the forms without the announcement page."""
    return demo_draft_plan


@pytest.fixture(scope="module")
def main_pdf(plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    steps: list[float] = []
    result = export_pdf(plan, path, ExportOptions(font="laksaman", compress=False),
                        progress=lambda fraction, _message: steps.append(fraction))
    return path, result, steps


@pytest.fixture(scope="module")
def additional(plan, tmp_path_factory):
    edition = dataclasses.replace(plan.edition, kind=EditionKind.ADDITIONAL, number=1, title_suffix="",
                                  announcement_date=dt.date(2019, 10, 20))
    path = tmp_path_factory.mktemp("pdf") / "additional.pdf"
    result = export_pdf(dataclasses.replace(plan, edition=edition), path,
                        ExportOptions(font="laksaman", thai_digits=True))
    return path, result


def test_sections_present_and_in_order(main_pdf) -> None:
    path, result, _ = main_pdf
    keys = [key for key, *_ in result.sections if "-" not in key]
    assert keys == ["preface", "toc", "part1", "part2", "pd01", "pd02", "pd021"]
    text = squash(text_of(path))
    order = ["คำนำ", "สารบัญ", "ส่วนที่1บทนำ", "วัตถุประสงค์ของแผนการดำเนินงาน", "แผนภูมิขั้นตอนการจัดทำแผนการดำเนินงาน",
             "ประโยชน์ของแผนการดำเนินงาน", "ส่วนที่2บัญชีโครงการ/กิจกรรม/งบประมาณ", "แบบผด.01", "แบบผด.02",
             "แบบผด.02/1"]
    # Search after the table of contents, which names the parts too.
    pos = text.index("ส่วนที่1บทนำ", text.index("แบบผด.02/1") + 1)
    for title in order[3:]:
        found = text.find(title, pos)
        assert found >= 0, title
        pos = found


def test_table_of_contents_has_the_real_page_numbers(main_pdf) -> None:
    path, result, _ = main_pdf
    toc_page = next(page for key, _t, page, _l in result.sections if key == "toc")
    toc = text_of(path, "-layout", first=toc_page, last=toc_page)
    for key, title, _page, label in result.sections:
        if key in ("part1", "part2", "pd01", "pd02"):
            line = next(ln for ln in toc.splitlines() if squash(title)[:12] in squash(ln))
            assert line.rstrip().endswith(f" {label}"), (title, line)
    # The part really starts on that page: its first page carries the label at the bottom.
    part1_page = next(page for key, _t, page, _l in result.sections if key == "part1")
    assert "-1-" in squash(text_of(path, "-raw", first=part1_page, last=part1_page))


def test_page_sizes_and_orientations(main_pdf) -> None:
    path, result, _ = main_pdf
    info = _run("pdfinfo", "-f", "1", "-l", str(result.pages), str(path))
    sizes = {int(m.group(1)): (float(m.group(2)), float(m.group(3)))
             for m in re.finditer(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)}
    assert len(sizes) == result.pages
    part2 = next(page for key, _t, page, _l in result.sections if key == "part2")
    for page, (w, h) in sizes.items():
        assert {round(w), round(h)} == {595, 842}
        if page < part2:
            assert w < h, f"page {page} should be portrait"
        else:
            assert w > h, f"page {page} should be landscape"


def test_pd01_totals_add_up(main_pdf, plan) -> None:
    path, result, _ = main_pdf
    first = next(page for key, _t, page, _l in result.sections if key == "pd01")
    last = next(page for key, _t, page, _l in result.sections if key == "pd02") - 1
    text = text_of(path, "-layout", first=first, last=last)
    total_line = next(ln for ln in text.splitlines() if "รวมทั้งสิ้น" in ln)
    projects = [p for p in plan.projects if p.kind is ProjectKind.PROJECT]
    budget = sum((p.budget for p in projects), Decimal(0))
    numbers = total_line.split("รวมทั้งสิ้น", 1)[1].split()
    assert numbers == [str(len(projects)), "100.00", format_money(budget), "100.00"]
    summary = form_content.summary_of(plan)
    assert sum((b.total.budget_percent for b in summary.strategies), Decimal(0)) == Decimal("100.00")


def _strip_page_tops(text: str, plan: PlanData, blocks, equipment: bool) -> str:
    """Drop what is repeated on each page (page number, form code, caption, header) from squashed text."""
    title = form_content.PD021_TITLE if equipment else form_content.PD02_TITLE
    headers = form_content.PD021_HEADERS if equipment else form_content.PD02_HEADERS
    from thaplan_desktop.exporting.form_content import plan_title

    lines = form_content.form_title_lines(title, plan_title(plan), plan)
    (y1, _), (y2, _) = year_headers(plan.edition.fiscal_year)
    header = "".join(headers) + y1 + y2 + "".join(FISCAL_MONTH_ABBR)
    for block in blocks:
        top = "".join(lines) + "".join(block.group_lines) + "(ต่อ)" + header
        text = text.replace(squash(top), "")
    return re.sub(r"-\d+-แบบผด\.0\d(/1)?", "", text)


@pytest.mark.parametrize("equipment", [False, True], ids=["pd02", "pd021"])
def test_every_project_name_and_budget_is_in_the_text(main_pdf, plan, equipment) -> None:
    path, result, _ = main_pdf
    key = "pd021" if equipment else "pd02"
    first = next(page for k, _t, page, _l in result.sections if k == key)
    last = result.pages if equipment else next(page for k, _t, page, _l in result.sections if k == "pd021") - 1
    raw = squash(text_of(path, "-raw", first=first, last=last))
    blocks = form_content.pd021_blocks(plan) if equipment else form_content.pd02_blocks(plan)
    raw = _strip_page_tops(raw, plan, blocks, equipment)
    kind = ProjectKind.EQUIPMENT if equipment else ProjectKind.PROJECT
    items = [p for p in plan.projects if p.kind is kind]
    assert items
    for project in items:
        assert found_in_order(squash(project.name), raw), project.name
        assert found_in_order(squash(project.details), raw), project.details
        assert format_money(project.budget) in raw, (project.name, project.budget)


def found_in_order(needle: str, haystack: str, max_pieces: int = 3) -> bool:
    """The text is there whole, or cut in a few pieces that follow each other closely.

    A row taller than what is left of a page continues on the next one: its cells' text is then
    interrupted by the next page's repeated heading and the other cells of the row.
    """
    if needle in haystack:
        return True
    start = 0
    while True:
        pos = haystack.find(needle[:8], start)
        if pos < 0:
            return False
        # The first piece starts at pos; each next piece is the longest run of what is left that
        # occurs within a short distance after the previous piece (not anywhere later in the text).
        size = 8
        while size < len(needle) and haystack.startswith(needle[:size + 1], pos):
            size += 1
        rest, cursor, pieces = needle[size:], pos + size, 1
        while rest and pieces < max_pieces:
            window = haystack[cursor:cursor + 3000]
            size = len(rest)
            while size > 0 and rest[:size] not in window:
                size -= 1
            if size == 0:
                break
            cursor += window.find(rest[:size]) + size
            rest = rest[size:]
            pieces += 1
        if not rest:
            return True
        start = pos + 1
    return False


def test_no_replacement_characters_and_fonts_embedded(main_pdf) -> None:
    path, result, _ = main_pdf
    assert "\ufffd" not in text_of(path)
    assert result.missing_characters == ""
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    assert rows
    for row in rows:
        assert " yes yes yes " in row, row


def test_one_arrow_per_month_run(main_pdf, plan) -> None:
    path, _result, _ = main_pdf
    data = path.read_bytes()
    drawn = Counter(re.findall(rb"% thaplan-arrow (\d+) (\d+)-(\d+)", data))
    expected = Counter((str(p.id).encode(), str(a).encode(), str(b).encode())
                       for p in plan.projects for a, b in month_runs(p.months))
    assert drawn == expected


def test_numbering_restarts_in_each_program_block(plan) -> None:
    blocks = form_content.pd02_blocks(plan)
    assert len(blocks) > 1
    from thaplan_desktop.exporting.pdf.fonts import register_fonts
    from thaplan_desktop.exporting.pdf.layout import Typesetter

    ts = Typesetter(register_fonts("laksaman"))
    for block in blocks:
        table = forms.block_table(ts, plan, "t", block, equipment=False, subtotals=True)
        numbers = [row.cells[0].text for row in table.rows if row.kind == "data"]
        assert numbers == [str(i) for i in range(1, len(block.projects) + 1)]
        total = table.rows[-1]
        assert total.kind == "total"
        assert format_money(sum((p.budget for p in block.projects), Decimal(0))) in [c.text for c in total.cells]


def test_progress_is_reported_and_reaches_the_end(main_pdf) -> None:
    _path, _result, steps = main_pdf
    assert steps[0] == 0.0
    assert steps[-1] == 1.0
    assert steps == sorted(steps)
    assert len(steps) > 5


def test_metadata_and_outline(main_pdf, plan) -> None:
    path, _result, _ = main_pdf
    info = _run("pdfinfo", str(path))
    assert "Title:           แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563" in info
    assert f"Author:          {plan.organisation.name}" in info
    data = path.read_bytes()
    assert b"/Outlines" in data
    assert data.count(b"/Dest") >= 7  # one outline entry per part, form and program block


def test_additional_edition_titles_everywhere(additional, plan) -> None:
    path, result = additional
    suffix = "(เพิ่มเติม ฉบับที่ ๑)"
    cover = text_of(path, first=1, last=1)
    assert squash(suffix) in squash(cover)
    info = _run("pdfinfo", str(path))
    assert "(เพิ่มเติม ฉบับที่ 1)" in info  # metadata keeps Arabic digits for search engines
    for key, _t, page, _l in result.sections:
        if key.startswith(("pd01", "pd02")):
            page_text = squash(text_of(path, first=page, last=page))
            assert squash(f"แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ {suffix}") in page_text, key


def test_announcement_page_when_the_edition_has_its_date(additional, main_pdf) -> None:
    path, result = additional
    keys = [key for key, *_ in result.sections]
    assert keys[-1] == "announcement"
    page = next(p for k, _t, p, _l in result.sections if k == "announcement")
    text = squash(text_of(path, first=page, last=page))
    assert squash("ประกาศองค์การบริหารส่วนตำบลท่าสะท้อน") in text
    assert squash("ประกาศ ณ วันที่ ๒๐ ตุลาคม พ.ศ. ๒๕๖๒") in text
    assert "ข้อ๒๖และข้อ๒๗" in text
    assert "announcement" not in [key for key, *_ in main_pdf[1].sections]


def test_thai_digits_throughout(additional) -> None:
    """Every number is in Thai digits; only Latin words (model names such as DDR4) keep theirs."""
    path, _result = additional
    text = text_of(path)
    assert "๒๕๖๓" in text
    outside_latin = re.sub(r"[A-Za-z0-9][A-Za-z0-9._/+-]*", lambda m: "" if re.search("[A-Za-z]", m[0]) else m[0],
                           text)
    assert not re.search(r"[0-9]", outside_latin), re.search(r".{20}[0-9].{20}", outside_latin)
    assert "DDR4" in text


def test_cancel_leaves_no_file(plan, tmp_path) -> None:
    out = tmp_path / "cancelled.pdf"
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 20

    with pytest.raises(ExportCancelled):
        export_pdf(plan, out, ExportOptions(font="laksaman"), cancel=cancel)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_plan_without_projects_and_with_a_logo_still_exports(plan, tmp_path) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), (30, 80, 160)).save(buffer, format="PNG")
    organisation = dataclasses.replace(plan.organisation, logo=buffer.getvalue())
    empty = dataclasses.replace(plan, organisation=organisation, projects=())
    out = tmp_path / "empty.pdf"
    result = export_pdf(empty, out, ExportOptions(font="laksaman"))
    keys = [key for key, *_ in result.sections]
    assert "pd01" in keys
    assert "pd02" not in keys
    assert "pd021" not in keys
    assert b"/Subtype /Image" in out.read_bytes() or b"/Subtype/Image" in out.read_bytes()
    total_line = next(ln for ln in text_of(out, "-layout").splitlines() if "รวมทั้งสิ้น" in ln)
    assert total_line.split("รวมทั้งสิ้น", 1)[1].split() == ["0", "0.00", "0", "0.00"]


def test_announcement_first_and_a_municipality_wording(plan, tmp_path) -> None:
    from thaplan_desktop.domain.model import OrgKind

    organisation = dataclasses.replace(plan.organisation, kind=OrgKind.SUBDISTRICT_MUNICIPALITY,
                                       name="เทศบาลตำบลท่าสะท้อน")
    edition = dataclasses.replace(plan.edition, kind=EditionKind.AMENDED, number=2, title_suffix="",
                                  announcement_date=dt.date(2020, 3, 2))
    out = tmp_path / "municipality.pdf"
    result = export_pdf(dataclasses.replace(plan, organisation=organisation, edition=edition), out,
                        ExportOptions(font="laksaman", announcement_first=True))
    keys = [key for key, *_ in result.sections]
    assert keys[:2] == ["announcement", "preface"]
    announcement_page = result.sections[0][2]
    assert announcement_page == 2
    text = squash(text_of(out))
    assert squash("(แก้ไขครั้งที่ 2/2563)") in squash(text_of(out, first=1, last=1))
    assert "คณะกรรมการพัฒนาเทศบาล" in text
    assert "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาเทศบาล" in text
    assert "นายกเทศมนตรี" in text  # the chart's executive lane, from workflow.steps


def test_preface_typed_in_the_app_keeps_its_heading(plan, tmp_path) -> None:
    edition = dataclasses.replace(plan.edition, preface_text="คำนำที่สำนักปลัดพิมพ์เอง {org} ปี {year}")
    out = tmp_path / "preface.pdf"
    result = export_pdf(dataclasses.replace(plan, edition=edition), out, ExportOptions(font="laksaman"))
    page = next(p for k, _t, p, _l in result.sections if k == "preface")
    text = squash(text_of(out, first=page, last=page)).removeprefix("ร่าง")  # the demo's edition is a draft
    assert text.startswith("คำนำคำนำที่สำนักปลัดพิมพ์เององค์การบริหารส่วนตำบลท่าสะท้อนปี2563")
