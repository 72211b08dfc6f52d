"""Words whole (issue 13): every line break of the demo document, in every table cell and paragraph, falls
between two words of stock PyThaiNLP newmm's segmentation of that cell's whole text; the plan's names, a
number with its unit and a date stay on one line when they fit; no line starts with a dash or closing
punctuation; only a word wider than its line is ever opened (between its dictionary words, logged), and
none needs cutting between character clusters. Plus the hard cases the committee marked, and even
justification of the front matter."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from typography_check import (
    CLOSING,
    breaks,
    dictionary_split,
    line_text,
    phrase_patterns,
    record_layout,
    stock_boundaries,
    stock_token_at,
)

from thaplan_desktop.domain.model import EditionStatus, PlanData
from thaplan_desktop.exporting.pdf import ExportOptions, export_pdf
from thaplan_desktop.exporting.pdf.fonts import register_fonts
from thaplan_desktop.exporting.pdf.glyphs import stretch_gaps
from thaplan_desktop.exporting.pdf.layout import Align, TextStyle, Typesetter, _justify
from thaplan_desktop.exporting.pdf.story import known_names


def announced(plan: PlanData) -> PlanData:
    edition = dataclasses.replace(plan.edition, status=EditionStatus.ANNOUNCED, announcement_date=dt.date(2019, 10, 21))
    return dataclasses.replace(plan, edition=edition)


def names_of(plan: PlanData) -> list[str]:
    org = plan.organisation
    return ([u.name for u in plan.units] + [s.name for s in plan.strategies] + [p.name for p in plan.programs]
            + [t.name for t in plan.equipment_types] + [org.name, org.executive_title, org.executive_name])


@pytest.fixture(scope="module", params=[False, True], ids=["arabic", "thai-digits"])
def laid_document(request, demo_plan, tmp_path_factory):
    """Every text of the announced demo document as the exporter laid it out."""
    monkeypatch = pytest.MonkeyPatch()
    plan = announced(demo_plan)
    with record_layout(monkeypatch) as seen:
        export_pdf(plan, tmp_path_factory.mktemp("typo") / "plan.pdf",
                   ExportOptions(font="laksaman", thai_digits=request.param))
    monkeypatch.undo()
    return plan, seen


def test_every_break_falls_between_stock_newmm_words(laid_document) -> None:
    plan, seen = laid_document
    ts = seen[0].ts
    assert len(seen) > 500  # the whole document: titles, paragraphs, contents, every table cell
    assert ts.cut_words == {}  # no word of the demo is cut between its character clusters
    checked = 0
    for laid in seen:
        allowed = stock_boundaries(laid.text)
        for offset, _k in breaks(laid):
            checked += 1
            if offset in allowed:
                continue
            # Only a word wider than its line is opened, between dictionary words, and it is logged.
            word, start = stock_token_at(laid.text, offset)
            assert word in ts.opened_words, (laid.text[:offset], laid.text[offset:])
            assert (" " in word  # a dictionary entry with spaces (a royal title) opens at its spaces
                    or dictionary_split(word, offset - start)), (word, offset - start)
    assert checked > 800


def test_names_numbers_with_units_and_dates_stay_whole_when_they_fit(laid_document) -> None:
    plan, seen = laid_document
    pattern = phrase_patterns(names_of(plan))
    kept = 0
    for laid in seen:
        spans = [(m.start(), m.end(), m.group()) for m in pattern.finditer(laid.text)]
        if not spans:
            continue
        offsets = breaks(laid)
        for start, end, phrase in spans:
            inside = [k for offset, k in offsets if start < offset < end]
            # A list number before it ("2.3 แผนงาน…") never ends a line alone: it needs room too.
            number = laid.text[:start] if re.fullmatch(r"\s*[0-9๐-๙.]+\s", laid.text[:start]) else ""
            fits = all(laid.ts.width(number + phrase, laid.style.size, laid.style.bold) <= laid.room(k) + 0.01
                       for k in inside)
            if laid.style.align is Align.JUSTIFY and phrase == plan.organisation.name:
                # A justified paragraph may part the organisation's name between its kind and its own
                # name (องค์การบริหารส่วนตำบล | ท่าสะท้อน) rather than leave a line it cannot fill.
                inside = [k for offset, k in offsets if start < offset < end
                          and laid.text[start:offset] != "องค์การบริหารส่วนตำบล"]
            assert not (inside and fits), (phrase, [line_text(line) for line in laid.lines])
            kept += 1
    assert kept > 300


def test_no_line_starts_with_a_dash_or_closing_punctuation(laid_document) -> None:
    _plan, seen = laid_document
    for laid in seen:
        for _offset, k in breaks(laid):
            first = line_text(laid.lines[k])[:1]
            assert first not in CLOSING, [line_text(line) for line in laid.lines]


@pytest.fixture(scope="module")
def ts(demo_plan) -> Typesetter:
    return Typesetter(register_fonts("laksaman"), names=known_names(demo_plan))


def lay(ts: Typesetter, text: str, width: float, size: float = 13.5) -> list[str]:
    return [line_text(line) for line in ts.lines(text, TextStyle(size=size), width)]


@pytest.mark.parametrize("text", [
    "กองสาธารณสุขและสิ่งแวดล้อม", "โครงการซ่อมแซม", "สมเด็จพระเทพรัตนราชสุดาฯ", "รถจักรยานยนต์",
    "ภาษีมูลค่าเพิ่ม", "บ้านบ่อกรัง", "บ้านหนองจอก", "บ้านศรีเจริญ", "สุราษฎร์ธานี", "ดำเนินการ",
])
def test_the_words_the_committee_marked_are_never_broken_where_they_fit(ts, text) -> None:
    """"กองสาธารณสุ / ขและ", "โครง / การซ่อมแซม", "รถจักร / ยานยนต์" … are gone from every width that
    holds the word: a name moves whole to the next line."""
    whole = ts.width(text, 13.5)
    for width in range(40, 400, 9):
        lines = lay(ts, f"ดำเนินการโดย {text} ทุกปี", width)
        if whole <= width:
            assert any(text in line for line in lines), (width, lines)


def test_a_number_keeps_its_unit_and_a_date_its_year(ts) -> None:
    text = "ก่อสร้างถนน คสล. กว้าง 4 เมตร ยาว 150 เมตร จำนวน 3 ชิ้น ระหว่างวันที่ 1 ตุลาคม พ.ศ. 2562 ถึง ก.ย. 63"
    for width in range(60, 300, 7):
        joined = "\n".join(lay(ts, text, width))
        for phrase in ("4 เมตร", "150 เมตร", "3 ชิ้น", "วันที่ 1 ตุลาคม พ.ศ. 2562", "ก.ย. 63"):
            if ts.width(phrase, 13.5) <= width:
                assert phrase in joined, (width, phrase, joined)


def test_brackets_dashes_and_model_names_stay_with_their_words(ts) -> None:
    text = "ตามระเบียบ (ฉบับที่ 3) พ.ศ. 2561 หน่วยความจำ DDR4 รุ่น LTAX3000 ช่วง ต.ค. - ธ.ค. และอื่น ๆ อีก"
    for width in range(50, 330, 5):
        lines = lay(ts, text, width)
        joined = "\n".join(lines)
        for whole in ("(ฉบับที่ 3)", "DDR4", "LTAX3000"):
            if ts.width(whole, 13.5) <= width:
                assert whole in joined, (width, lines)
        assert not any(line[:1] in CLOSING for line in lines[1:]), (width, lines)


def test_a_word_wider_than_its_line_is_opened_between_dictionary_words_and_logged(ts, caplog) -> None:
    word = "กองทุนบำเหน็จบำนาญข้าราชการ"
    width = ts.width("กองทุนบำเหน็จ", 13.5) + 1.0
    with caplog.at_level("INFO"):
        lines = lay(ts, word, width)
    assert "".join(lines) == word
    assert lines[0] == "กองทุนบำเหน็จ"
    assert word in ts.opened_words
    assert any(word in record.getMessage() for record in caplog.records)


def test_front_matter_paragraphs_are_justified_evenly_with_the_last_line_left(demo_plan) -> None:
    """Most lines of the คำนำ, บทนำ and ประกาศ fill their width; the last line of each paragraph starts at
    its indent and is not stretched."""
    from thaplan_desktop.exporting.pdf.story import placeholders
    from thaplan_desktop.exporting.pdf.texts import default_text, fill

    ts = Typesetter(register_fonts("laksaman"), names=known_names(demo_plan))
    cm = 72.0 / 2.54
    width = 595.2756 - 5 * cm
    style = TextStyle(size=16.0, align=Align.JUSTIFY, first_indent=2.5 * cm)
    full = short = 0
    for name in ("preface_default", "intro_template", "announcement_template"):
        for paragraph in fill(default_text(name), placeholders(demo_plan)).split("\n"):
            if not paragraph.strip() or paragraph[0] in "#>=-[" or paragraph[0].isdigit():
                continue
            lines = ts.lines(paragraph, style, width)
            assert lines[-1].last  # drawn at its natural width from the left (draw_lines never stretches it)
            assert not any(line.last for line in lines[:-1])
            for k, line in enumerate(lines[:-1]):
                room = width - (style.first_indent if k == 0 else 0.0)
                per_space, per_gap = _justify(line, room, 16.0)
                filled = line.width + per_space * line.spaces + per_gap * stretch_gaps(line.runs)
                assert filled <= room + 0.01
                assert filled >= 0.6 * room, [line_text(x) for x in lines]
                if filled >= room - 0.5:
                    full += 1
                else:
                    short += 1
    # Before, lines stopped 2 cm short all over while others stretched; now two lines in three reach the
    # margin exactly, and the others stop short only before a name or a long word that cannot be parted.
    assert full >= 40
    assert short <= full
