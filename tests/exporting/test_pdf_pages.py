"""Pages a reader can follow (issue 13): ผด.02 within 34 pages, every word 3 pt from every rule, rows whole
across pages, the contents, bookmarks and page labels matching the printed pages, the draft mark until the
edition is announced, and the ประกาศ page as an office signs it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import uharfbuzz as hb

from thaplan_desktop.domain.model import EditionStatus, PlanData, ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.exporting import form_content
from thaplan_desktop.exporting.pdf import ExportOptions, export_pdf, forms
from thaplan_desktop.exporting.pdf.fonts import register_fonts
from thaplan_desktop.exporting.pdf.layout import Typesetter
from thaplan_desktop.exporting.pdf.story import known_names
from thaplan_desktop.exporting.pdf.table import CLEARANCE, FormTable
from thaplan_desktop.exporting.pdf.template import FORM_FRAME_HEIGHT

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
WS = re.compile(r"\s+")
DRAFT_MARK = re.compile(r"(^|\s)ร่าง(\s|$)")


def squash(text: str) -> str:
    return WS.sub("", text)


def pages_text(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def start(result, key: str) -> int:
    return next(page for k, _t, page, _l in result.sections if k == key)


def announced(plan: PlanData, crest: bytes | None = None) -> PlanData:
    edition = dataclasses.replace(plan.edition, status=EditionStatus.ANNOUNCED, announcement_date=dt.date(2019, 10, 21))
    organisation = dataclasses.replace(plan.organisation, crest=crest)
    return dataclasses.replace(plan, edition=edition, organisation=organisation)


def png(size: int = 60) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (180, 20, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def draft(demo_draft_plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("draft") / "draft.pdf"
    return path, export_pdf(demo_draft_plan, path, ExportOptions(font="laksaman", compress=False))


@pytest.fixture(scope="module")
def final(demo_draft_plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("final") / "announced.pdf"
    return path, export_pdf(announced(demo_draft_plan, png()), path, ExportOptions(font="laksaman", compress=False))


@pytest.mark.parametrize("thai_digits", [False, True], ids=["arabic", "thai-digits"])
def test_the_demo_pd02_takes_at_most_34_pages(demo_draft_plan, tmp_path, thai_digits) -> None:
    result = export_pdf(demo_draft_plan, tmp_path / "p.pdf", ExportOptions(font="laksaman", thai_digits=thai_digits))
    assert start(result, "pd021") - start(result, "pd02") <= 34  # 50 before


def _tables(plan: PlanData, ts: Typesetter, equipment: bool) -> list[FormTable]:
    blocks = form_content.pd021_blocks(plan) if equipment else form_content.pd02_blocks(plan)
    columns = forms.pd02_columns(ts, plan, blocks, equipment=equipment, body_size=13.5)
    return [forms.block_table(ts, plan, "t", block, equipment=equipment, subtotals=True, columns=columns,
                              body_size=13.5, page_room=FORM_FRAME_HEIGHT) for block in blocks]


def _ink(font, text: str, size: float) -> tuple[float, float, float]:
    """Top and bottom of the ink above the baseline and the advance of a text (points), from HarfBuzz."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font.hb_font, buf, {})
    top, bottom, advance = 0.0, 0.0, 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        extents = font.hb_font.get_glyph_extents(info.codepoint)
        if extents and extents.height:
            top = max(top, (extents.y_bearing + pos.y_offset) * size / font.upem)
            bottom = min(bottom, (extents.y_bearing + extents.height + pos.y_offset) * size / font.upem)
        advance += pos.x_advance * size / font.upem
    return top, bottom, advance


@pytest.mark.parametrize("equipment", [False, True], ids=["pd02", "pd021"])
def test_every_text_of_the_forms_stays_3pt_from_every_rule(demo_draft_plan, equipment) -> None:
    """The ink of every line of every cell (header and body), measured with HarfBuzz, keeps 3 pt from the
    rules around its cell (today 2 pt above a tone mark, and "เม.ย." 0.5 pt from its rules)."""
    ts = Typesetter(register_fonts("laksaman"), names=known_names(demo_draft_plan))
    checked = 0
    for table in _tables(demo_draft_plan, ts, equipment):
        table.wrap(forms.TABLE_WIDTH, 10_000)
        places = [p for _piece, _top, _bottom, cells in table.placements(0.0) for p in cells]
        for place in places + table.header_placements(0.0):
            for k, line in enumerate(place.lines):
                font = ts.fonts.face(place.style.bold)
                top, bottom, advance = _ink(font, line_text := "".join(r.text for r in line.runs), line.size)
                if place.rotated:
                    # A month turned a quarter: its ink across the cell, its length along it.
                    middle = (place.cell_left + place.cell_right) / 2.0
                    assert middle - (top - bottom) / 2.0 - place.cell_left >= CLEARANCE - 0.05, line_text
                    assert place.top + advance / 2.0 <= place.cell_top - CLEARANCE + 0.05, line_text
                    continue
                baseline = place.top - ts.baseline_offset(place.style) - k * place.style.leading
                assert place.cell_top - (baseline + top) >= CLEARANCE - 0.05, (line_text, k)
                assert (baseline + bottom) - place.cell_bottom >= CLEARANCE - 0.05, (line_text, k)
                assert place.x - place.cell_left >= CLEARANCE - 0.01
                assert place.cell_right - (place.x + line.width) >= CLEARANCE - 0.01, line_text
                checked += 1
    assert checked > (400 if not equipment else 60)


def test_one_set_of_column_widths_per_form(demo_draft_plan) -> None:
    ts = Typesetter(register_fonts("laksaman"), names=known_names(demo_draft_plan))
    for equipment in (False, True):
        widths = {tuple(round(c.width, 3) for c in table.columns) for table in _tables(demo_draft_plan, ts, equipment)}
        assert len(widths) == 1


def test_a_row_moves_whole_and_only_a_row_taller_than_a_page_is_split_with_its_number(demo_draft_plan) -> None:
    ts = Typesetter(register_fonts("laksaman"), names=known_names(demo_draft_plan))
    block = form_content.pd02_blocks(demo_draft_plan)[0]
    long = dataclasses.replace(block.projects[1], details=" ".join([block.projects[1].details] * 12))
    tall = dataclasses.replace(block, projects=(block.projects[0], long, *block.projects[2:]))
    table = forms.block_table(ts, demo_draft_plan, "t", tall, equipment=False, subtotals=True, body_size=13.5,
                              page_room=FORM_FRAME_HEIGHT)
    table.wrap(forms.TABLE_WIDTH, FORM_FRAME_HEIGHT)
    first_row = table.row_heights()[0]
    # Room for the first row and part of the second, short one: the second moves whole.
    short = forms.block_table(ts, demo_draft_plan, "t", block, equipment=False, subtotals=True, body_size=13.5,
                              page_room=FORM_FRAME_HEIGHT)
    short.wrap(forms.TABLE_WIDTH, FORM_FRAME_HEIGHT)
    head, rest = short.split(forms.TABLE_WIDTH, short._top_height() + first_row + 40.0)
    assert [p.first for p in head._pieces_list()] == [True]
    assert rest._pieces_list()[0].first
    assert rest._pieces_list()[0].row is short._pieces_list()[1].row
    # The row taller than a page is split, and its continuation repeats its number with (ต่อ).
    parts = table.split(forms.TABLE_WIDTH, FORM_FRAME_HEIGHT)
    continued = parts[1]._pieces_list()[0]
    assert not continued.first
    number = next(lines for cell, lines in zip(continued.row.cells, continued.cell_lines, strict=True)
                  if cell.col == 0)
    assert ["".join(r.text for r in line.runs) for line in number] == ["2", "(ต่อ)"]


def test_contents_bookmarks_and_page_labels_match_the_printed_pages(final) -> None:
    path, result = final
    texts = pages_text(path)
    toc = next(page for key, _t, page, _l in result.sections if key == "toc")
    labels = {page: label for _k, _t, page, label in result.sections}
    for key, title, page, label in result.sections:
        if key in ("toc", "preface") or "-" in key and not key.startswith("part1-"):
            continue
        # The heading is printed on that page (and on no earlier page after the contents) …
        head = squash(title.split(" ", 2)[2] if key.startswith("pd") else title)[:20]  # without แบบ ผด.0x
        assert head in squash(texts[page - 1]), (key, page)
        assert not any(head in squash(texts[p - 1]) for p in range(toc + 1, page)
                       if labels.get(p) is None), key
        # … the contents give its printed number …
        line = next(ln for ln in texts[toc - 1].splitlines() if squash(title)[:14] in squash(ln))
        number = next(ln for ln in texts[toc - 1].splitlines()[texts[toc - 1].splitlines().index(line):]
                      if re.search(r"\s(\d+|[ก-ฮ])\s*$", ln) or re.fullmatch(r"\s*(\d+|[ก-ฮ])\s*", ln))
        assert number.strip().split()[-1] == label, (key, line, number)
        # … and the page carries that number at its foot.
        assert f"-{label}-" in squash(texts[page - 1]), (key, page)
    # Bookmarks (the outline) go to the same pages.
    data = path.read_bytes()
    kids = re.search(rb"/Kids \[([^\]]*)\]", data)
    assert kids is not None
    page_of = {int(obj): n for n, obj in enumerate(re.findall(rb"(\d+) 0 R", kids.group(1)), start=1)}
    outline = {_pdf_string(title): page_of[int(obj)]
               for obj, title in re.findall(rb"/Dest \[ (\d+) 0 R /Fit \][^>]*?/Title \((.*?)\)\n>>", data, re.S)}
    for _key, title, page, _label in result.sections:
        assert outline.get(title) == page, (title, page, outline.get(title))
    # Page labels: ปก, ก, ข … then 1, 2 … from ส่วนที่ 1.
    data = path.read_bytes()
    nums = re.search(rb"/PageLabels (\d+) 0 R", data)
    assert nums is not None
    table = re.search(rb"\n" + nums.group(1) + rb" 0 obj\s*<<\s*/Nums \[([^\]]*)\]", data)
    assert table is not None
    entries = re.findall(rb"(\d+) (\d+) 0 R", table.group(1))
    assert [int(page) for page, _obj in entries][:2] == [0, 1]
    body_index = start(result, "part1") - 1
    body = next(obj for page, obj in entries if int(page) == body_index)
    assert re.search(rb"\n" + body + rb" 0 obj\s*<<\s*/S /D /St 1", data)
    front = next(obj for page, obj in entries if int(page) == start(result, "preface") - 1)
    label = re.search(rb"\n" + front + rb" 0 obj\s*<<\s*/P \((.*?)\)", data, re.S)
    assert label is not None
    assert _pdf_string(label.group(1)) == "ก"


@pytest.mark.parametrize("which", ["draft", "final"])
def test_every_page_of_a_form_carries_its_code_up_to_the_last(which, request) -> None:
    path, result = request.getfixturevalue(which)
    texts = pages_text(path)
    forms_at = sorted((page, title.split(" ", 2)[:2]) for key, title, page, _l in result.sections
                      if key.startswith("pd") and "-" not in key)
    ends = [page for page, _code in forms_at[1:]] + [
        start(result, "announcement") if which == "final" else result.pages + 1]
    for (first, code), end in zip(forms_at, ends, strict=True):
        for page in range(first, end):
            assert squash(" ".join(code)) in squash(texts[page - 1]), (code, page)
    if which == "final":  # and the ประกาศ page none
        assert "แบบผด." not in squash(texts[start(result, "announcement") - 1])


def _pdf_string(raw: bytes) -> str:
    """A PDF literal string as ReportLab writes it (UTF-16 with octal escapes) as text."""
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}
    out = re.sub(rb"\\([0-7]{3}|.)", lambda m: bytes([int(m.group(1), 8)]) if len(m.group(1)) == 3
                 else escapes.get(m.group(1), m.group(1)), raw)
    return out.decode("utf-16") if out.startswith(b"\xfe\xff") else out.decode("latin-1")


def test_a_draft_says_so_on_every_page_and_has_no_announcement(draft) -> None:
    path, result = draft
    texts = pages_text(path)
    assert len(texts) == result.pages
    assert all(DRAFT_MARK.search(text) for text in texts)  # the boxed ร่าง, a word of its own
    assert squash(texts[0]).startswith("ร่าง")  # the cover too
    assert path.read_bytes().count(b"% thaplan-draft-watermark") == 1  # drawn once, placed on every page
    assert len(re.findall(rb"ThaPlanDraftMark Do", path.read_bytes())) == result.pages
    assert "announcement" not in [key for key, *_ in result.sections]
    assert "(ร่าง)" in subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


def test_an_announced_edition_has_its_announcement_and_no_draft_mark(final, demo_draft_plan) -> None:
    path, result = final
    texts = pages_text(path)
    assert not any(DRAFT_MARK.search(text) for text in texts)  # ร่าง only inside words (ร่างแผน…)
    assert b"thaplan-draft-watermark" not in path.read_bytes()
    page = start(result, "announcement")
    assert page == result.pages
    text = texts[page - 1]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    # The date whole on one line, with พ.ศ.; the title whole; no stray brackets.
    assert "ประกาศ ณ วันที่ 21 ตุลาคม พ.ศ. 2562" in lines
    assert "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563" in squash_lines(lines)
    assert "(ฉบับที่ 3)" in text
    # The signature block: the name in parentheses, the position on its own line, no "(ลงชื่อ)".
    org = demo_draft_plan.organisation
    assert f"({org.executive_name})" in lines
    assert org.executive_title in lines
    assert "(ลงชื่อ)" not in text
    assert lines.index(org.executive_title) == lines.index(f"({org.executive_name})") + 1
    # The crest is drawn above the heading.
    assert b"/Subtype /Image" in path.read_bytes()


def squash_lines(lines: list[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines]


def test_the_announcement_keeps_the_crest_room_without_a_crest_and_fits_one_page(demo_draft_plan, tmp_path) -> None:
    for suffix in ("", "เพิ่มเติม ฉบับที่ 1"):
        for thai_digits in (False, True):
            edition = dataclasses.replace(announced(demo_draft_plan).edition, title_suffix=suffix)
            result = export_pdf(dataclasses.replace(announced(demo_draft_plan), edition=edition), tmp_path / "a.pdf",
                                ExportOptions(font="laksaman", thai_digits=thai_digits))
            assert start(result, "announcement") == result.pages, (suffix, thai_digits)  # signature included


def test_the_preface_is_signed_with_the_month_and_year(demo_draft_plan, tmp_path) -> None:
    # By default, the month the edition's draft was prepared (the demo's step 2: 2 September 2019).
    assert demo_draft_plan.edition.prepared_on == dt.date(2019, 9, 2)
    result = export_pdf(demo_draft_plan, tmp_path / "p.pdf", ExportOptions(font="laksaman"))
    preface = pages_text(tmp_path / "p.pdf")[start(result, "preface") - 1]
    lines = [ln.strip() for ln in preface.splitlines() if ln.strip()]
    signed_by = max(i for i, line in enumerate(lines) if line == demo_draft_plan.organisation.name)
    assert lines[signed_by + 1] == "กันยายน 2562"  # under the signature's organisation
    edition = dataclasses.replace(demo_draft_plan.edition, preface_date=dt.date(2019, 8, 1),
                                  preface_text="# คำนำ\n\nข้อความที่สำนักปลัดพิมพ์เอง\n\n> สำนักปลัด")
    result = export_pdf(dataclasses.replace(demo_draft_plan, edition=edition), tmp_path / "q.pdf",
                        ExportOptions(font="laksaman"))
    preface = pages_text(tmp_path / "q.pdf")[start(result, "preface") - 1]
    lines = [ln.strip() for ln in preface.splitlines() if ln.strip()]
    assert lines[lines.index("สำนักปลัด") + 1] == "สิงหาคม 2562"


def test_pd021_has_its_grand_total_and_the_summary_may_include_equipment(demo_draft_plan, tmp_path) -> None:
    equipment = [p for p in demo_draft_plan.projects if p.kind is ProjectKind.EQUIPMENT]
    projects = [p for p in demo_draft_plan.projects if p.kind is ProjectKind.PROJECT]
    total = sum((p.budget for p in equipment), Decimal(0))
    result = export_pdf(demo_draft_plan, tmp_path / "a.pdf", ExportOptions(font="laksaman"))
    layout = subprocess.run(["pdftotext", "-layout", "-f", str(start(result, "pd021")), str(tmp_path / "a.pdf"),
                             "-"], capture_output=True, text=True, check=True).stdout
    grand = next(ln for ln in layout.splitlines() if "รวมทั้งสิ้น" in ln)
    assert f"{len(equipment)} รายการ" in grand
    assert format_money(total) in grand.split()
    for include, count in ((False, len(projects)), (True, len(demo_draft_plan.projects))):
        result = export_pdf(demo_draft_plan, tmp_path / "s.pdf",
                            ExportOptions(font="laksaman", summary_includes_equipment=include))
        pd01 = subprocess.run(["pdftotext", "-layout", "-f", str(start(result, "pd01")), "-l",
                               str(start(result, "pd02") - 1), str(tmp_path / "s.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        line = next(ln for ln in pd01.splitlines() if "รวมทั้งสิ้น" in ln)
        assert line.split("รวมทั้งสิ้น", 1)[1].split()[0] == str(count)
