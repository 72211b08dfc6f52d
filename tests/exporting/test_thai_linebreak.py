"""The Thai line breaker: breaks only between words, never inside a cluster, never adds spaces."""

from __future__ import annotations

import unicodedata

import pytest

from thaplan_desktop.exporting.pdf import segment
from thaplan_desktop.exporting.pdf.fonts import register_fonts
from thaplan_desktop.exporting.pdf.layout import Line, TextStyle, Typesetter

SIZE = 14.0


@pytest.fixture(scope="module")
def ts() -> Typesetter:
    return Typesetter(register_fonts("laksaman"))


def text_of(line: Line) -> str:
    return "".join(run.text for run in line.runs)


def lay(ts: Typesetter, text: str, width: float) -> list[str]:
    return [text_of(line) for line in ts.lines(text, TextStyle(size=SIZE), width)]


def assert_same_text(original: str, lines: list[str]) -> None:
    """Joining the lines gives the text back, except spaces dropped where a line broke."""
    joined = "".join(lines)
    assert joined.replace(" ", "") == original.replace(" ", "")
    # No space was added: every space printed is a space of the text, in order.
    assert joined.count(" ") <= original.count(" ")


def assert_breaks_at(lines: list[str], allowed: set[int], original: str) -> None:
    """Every break falls at one of the allowed offsets of the original text (spaces dropped)."""
    pos = 0
    for line in lines[:-1]:
        pos = original.index(line, pos) + len(line)
        while pos < len(original) and original[pos] == " ":
            pos += 1
        assert pos in allowed, f"break inside a word at {pos}: {original[:pos]}|{original[pos:]}"


def word_boundaries(text: str) -> set[int]:
    out = {0, len(text)}
    pos = 0
    for unit in segment.units(text):
        pos += len(unit)
        out.add(pos)
    return out


def cluster_boundaries(word: str) -> set[int]:
    out = {0}
    pos = 0
    for piece in segment.clusters(word):
        pos += len(piece)
        out.add(pos)
    return out


@pytest.mark.parametrize("width", [60, 90, 120, 160, 220, 300])
def test_thai_sentence_breaks_only_between_words(ts: Typesetter, width: float) -> None:
    text = "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาท้องถิ่นรวบรวมข้อมูลแผนงานโครงการกิจกรรมการพัฒนาที่จะดำเนินการจริง"
    lines = lay(ts, text, width)
    assert_same_text(text, lines)
    allowed = word_boundaries(text)
    # Compounds wider than the line may open between their dictionary words.
    for unit_start, unit in _unit_offsets(text):
        pos = unit_start
        for part in segment.subwords(unit):
            pos += len(part)
            allowed.add(pos)
    assert_breaks_at(lines, allowed, text)


def _unit_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for unit in segment.units(text):
        out.append((pos, unit))
        pos += len(unit)
    return out


def test_word_longer_than_the_line_breaks_at_clusters(ts: Typesetter) -> None:
    word = "ญี่ปุ่นผู้ใหญ่ปั้นน้ำฟ้อฐานฎีกาเกี้ยะไก่ใหญ่แล้ว"  # no dictionary split covers all of it
    lines = lay(ts, word, 40)
    assert len(lines) > 2
    assert "".join(lines) == word
    assert_breaks_at(lines, cluster_boundaries(word), word)
    for line in lines:
        assert not unicodedata.category(line[0]).startswith("M"), f"line starts with a mark: {line!r}"
        assert line[0] not in "ะาำๅ", f"line starts with a following vowel: {line!r}"
        assert line[-1] not in "เแโใไ", f"line ends with a leading vowel: {line!r}"


def test_long_compound_breaks_between_its_words(ts: Typesetter) -> None:
    word = "องค์กรปกครองส่วนท้องถิ่น"
    width = ts.width("องค์กรปกครอง", SIZE) + 2
    lines = lay(ts, word, width)
    assert lines[0] == "องค์กรปกครอง"
    assert "".join(lines) == word


@pytest.mark.parametrize("width", [45, 70, 100, 140, 200])
def test_mixed_thai_latin_digits(ts: Typesetter, width: float) -> None:
    text = "เครื่องปรับอากาศ 24,000 BTU จำนวน 2 เครื่อง (Inverter) ราคา 30,200.50 บาท ติดตั้งหมู่ที่ 3 บ้านท่าสะท้อน"
    lines = lay(ts, text, width)
    assert_same_text(text, lines)
    joined = "\n".join(lines)
    for token in ("24,000", "BTU", "(Inverter)", "30,200.50", "ที่ 3"):
        if ts.width(token, SIZE) <= width:
            assert token in joined, f"{token} was broken: {lines}"


def test_marks_stay_with_their_consonant_at_line_ends(ts: Typesetter) -> None:
    text = "ที่ป่าญี่ปุ่นผู้ใหญ่ปั้นน้ำฟ้อฐานฎีกา" * 3
    for width in range(30, 200, 7):
        for line in lay(ts, text, width):
            assert not unicodedata.category(line[0]).startswith("M"), (width, line)
            assert line[0] not in "ะาำ", (width, line)


def test_lines_fit_their_width(ts: Typesetter) -> None:
    text = "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านนายสมปอง หมู่ที่ 2 ก่อสร้างถนน คสล. กว้าง 4 เมตร ยาว 200 เมตร"
    for width in (80, 120, 200):
        for line in ts.lines(text, TextStyle(size=SIZE), width):
            assert line.width <= width + 0.01


def test_brackets_and_repetition_mark_stay_on(ts: Typesetter) -> None:
    units = segment.units("หน่วยงานอื่นๆ (กองช่าง) ร้อยละ 50%")
    assert "อื่นๆ" in units
    assert any(u.startswith("(") for u in units)
    assert "(" not in units
    assert not any(u == ")" or u == "%" for u in units)


def test_hard_line_breaks_are_kept(ts: Typesetter) -> None:
    assert lay(ts, "บรรทัดแรก\nบรรทัดที่สอง", 400) == ["บรรทัดแรก", "บรรทัดที่สอง"]


def test_thai_digits_are_printed_when_asked() -> None:
    ts = Typesetter(register_fonts("laksaman"), thai_digits=True)
    (line,) = ts.lines("ปีงบประมาณ 2563 งบ 250,000 บาท", TextStyle(size=SIZE), 500)
    assert text_of(line) == "ปีงบประมาณ ๒๕๖๓ งบ ๒๕๐,๐๐๐ บาท"


def test_repetition_mark_after_a_space_never_starts_a_line(ts: Typesetter) -> None:
    text = "ส่วนภูมิภาค รัฐวิสาหกิจ หรือหน่วยงานอื่น ๆ ที่ต้องดำเนินการในพื้นที่"
    for width in range(60, 400, 5):
        for line in lay(ts, text, width):
            assert not line.startswith("ๆ"), (width, line)


def test_fast_dictionary_segments_like_pythainlp_trie() -> None:
    """Our word-list index gives newmm exactly the words PyThaiNLP's own trie would."""
    from pythainlp.tokenize import word_tokenize

    samples = [
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนายสมปอง",
        "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาท้องถิ่นรวบรวมข้อมูลแผนงาน",
        "ค่าใช้จ่ายในการจัดงานประเพณีลอยกระทงและสงกรานต์",
        "เบี้ยยังชีพผู้สูงอายุผู้พิการและผู้ป่วยเอดส์",
        "ศูนย์พัฒนาเด็กเล็กองค์การบริหารส่วนตำบล",
    ]
    for text in samples:
        assert list(segment.tokens(text)) == word_tokenize(text, engine="newmm"), text
