"""The private corners of ReportLab and PyThaiNLP that the PDF export leans on still behave as it expects.

``pdf/fonts.py`` overrides ``TTFont.addObjects`` (a copy of ReportLab's with our ToUnicode map) and writes
private codes into the face's ``charToGlyph`` and ``charWidths``; ``pdf/layout.py`` and ``pdf/table.py``
append operators to ``canvas._code`` and take the document from ``canvas._doc``; ``pdf/segment.py`` hands
PyThaiNLP's ``newmm`` its own word index where ``newmm`` expects a ``Trie``. None of that is public API:
these tests make an upgrade of either library fail here, loudly, instead of quietly in a printed plan.
pyproject.toml caps both libraries below the next major version; lift the cap only with these green.
"""

from __future__ import annotations

import inspect
import io
import re

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas
from xlsx_plans import small_plan

from thaplan_desktop.exporting.pdf import ExportOptions, export_pdf, register_fonts, segment
from thaplan_desktop.exporting.pdf import fonts as fonts_module
from thaplan_desktop.exporting.pdf.layout import TextStyle, Typesetter

# --- ReportLab: the TrueType font override ------------------------------------------------------------


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_reportlab_still_has_what_the_font_override_calls() -> None:
    assert _parameters(TTFont.addObjects) == ["self", "doc"]
    assert {"name", "filename", "asciiReadable", "shapable"} <= set(_parameters(TTFont.__init__))
    assert _parameters(TTFont.splitString)[:3] == ["self", "text", "doc"]
    assert _parameters(TTFont.getSubsetInternalName) == ["self", "subset", "doc"]
    assert isinstance(SUBSETN(0), bytes)
    state = TTFont.State(False)
    assert (state.frozen, state.subsets[0][:1]) == (0, [0])
    face = register_fonts("laksaman").regular.ttf.face
    assert isinstance(face.name, bytes)
    assert isinstance(face.subfontNameX, bytes)
    assert isinstance(face.charToGlyph, dict)  # ShapingFont adds its private codes to these two
    assert isinstance(face.charWidths, dict)
    assert _parameters(face.addSubsetObjects) == ["doc", "fontname", "subset"]
    doc = pdfdoc.PDFDocument()
    assert isinstance(doc.idToObject["BasicFonts"].dict, dict)
    assert hasattr(doc, "compression")


def _font_objects(font: TTFont, text: str) -> pdfdoc.PDFDocument:
    """A document holding only what ``font.addObjects`` writes for the characters of ``text``."""
    doc = pdfdoc.PDFDocument(invariant=1)
    for subset, _chunk in font.splitString(text, doc):
        font.getSubsetInternalName(subset, doc)
    font.addObjects(doc)
    return doc


def _to_unicode(cmap: str) -> dict[int, str]:
    """The code → text entries of a ToUnicode CMap."""
    entries: dict[int, str] = {}
    inside = False
    for line in cmap.splitlines():
        if line.endswith("beginbfchar"):
            inside = True
        elif line == "endbfchar":
            inside = False
        elif inside:
            code, text = re.fullmatch(r"<([0-9A-F]+)> <([0-9A-F]*)>", line).groups()
            entries[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    return entries


def test_the_font_override_writes_what_reportlab_writes_but_the_text_map() -> None:
    """For ordinary characters our ``addObjects`` gives ReportLab's own font objects, in the same order:
    if ReportLab changes what a TrueType subset needs, this copy of its method must change too."""
    path = str(register_fonts("laksaman").regular.path)
    theirs = TTFont("Probe", path, asciiReadable=False, shapable=False)
    ours = fonts_module._ExtractableTTFont("Probe", path, {})
    characters = "".join(chr(c) for c in sorted(theirs.face.charToGlyph) if c > 0x20)[:400]
    assert len(characters) > 256  # two subsets
    expected, got = _font_objects(theirs, characters), _font_objects(ours, characters)
    assert list(got.idToObject) == list(expected.idToObject)
    fonts = [name for name, obj in expected.idToObject.items() if isinstance(obj, pdfdoc.PDFTrueTypeFont)]
    assert len(fonts) == 2
    for name, obj in expected.idToObject.items():
        mine = got.idToObject[name]
        if name.startswith("toUnicodeCMap:"):
            theirs_map = _to_unicode(obj.content)
            del theirs_map[0]  # .notdef: ReportLab maps it to U+0000, we leave it out
            assert _to_unicode(mine.content) == theirs_map
            assert mine.filters == obj.filters
        else:
            assert mine.format(got) == obj.format(expected), name


def test_an_export_writes_its_fonts_through_the_override(tmp_path, monkeypatch) -> None:
    """ReportLab still calls ``addObjects`` when it saves, so the text map of shaped glyphs is ours."""
    original = fonts_module._ExtractableTTFont.addObjects
    maps: list[dict[int, str]] = []

    def spy(self, doc):
        before = set(doc.idToObject)
        original(self, doc)
        maps.extend(_to_unicode(doc.idToObject[name].content) for name in set(doc.idToObject) - before
                    if name.startswith("toUnicodeCMap:"))

    monkeypatch.setattr(fonts_module._ExtractableTTFont, "addObjects", spy)
    export_pdf(small_plan(), tmp_path / "plan.pdf", ExportOptions(font="laksaman", compress=False))
    texts = {text for entries in maps for text in entries.values()}
    assert maps
    assert "ที่" in texts  # one drawn code reads back as a consonant with its vowel and tone mark
    assert "" in texts  # ... and a glyph standing for no text of its own as nothing
    assert not any("\U000f0000" <= ch for text in texts for ch in text)  # no private code leaks out


# --- ReportLab: operators written straight into the canvas --------------------------------------------


def test_operators_added_to_canvas_code_are_written_to_the_page_and_to_forms() -> None:
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=0)
    assert isinstance(canvas._code, list)
    assert isinstance(canvas._doc, pdfdoc.PDFDocument)
    canvas.beginForm("ProbeTop")
    canvas._code.append("% thaplan-probe-in-form")  # table.py draws its header into a form this way
    canvas.endForm()
    canvas.doForm("ProbeTop")
    canvas.doForm("ProbeTop")
    canvas._code.append("% thaplan-probe-on-page")
    fonts = register_fonts("laksaman")
    ts = Typesetter(fonts)
    style = TextStyle(size=16)
    ts.draw_lines(canvas, ts.lines("แผนการดำเนินงาน", style, 400), 40, 780, 400, style)
    canvas.showPage()
    canvas.save()
    pdf = out.getvalue()
    assert pdf.count(b"% thaplan-probe-in-form") == 1
    assert pdf.count(b"% thaplan-probe-on-page") == 1
    assert pdf.count(b"/FormXob.ProbeTop Do") == 2
    assert re.search(rb"\nBT 1 0 0 1 40 [0-9.]+ Tm /F[0-9]+\+0 16 Tf [^\n]+ T[jJ] ET\n", pdf)
    assert b"+Laksaman" in pdf  # the subset the line's codes belong to was embedded


# --- PyThaiNLP: newmm over our word index -------------------------------------------------------------

# A made-up name no dictionary has: kept whole only if newmm really searches the dictionary we give it.
_MADE_UP = "ท่าสะท้อนพัฒนาเจริญ"


def test_newmm_takes_a_dictionary_argument() -> None:
    from pythainlp.tokenize import newmm

    assert "custom_dict" in _parameters(newmm.segment)


def test_newmm_segments_with_our_dictionary() -> None:
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize.newmm import segment as newmm_segment

    assert _MADE_UP not in thai_words()
    text = f"โครงการถนน{_MADE_UP}"
    ours = segment._Dictionary([*thai_words(), _MADE_UP])
    assert newmm_segment(text, custom_dict=ours) == ["โครงการ", "ถนน", _MADE_UP]
    assert _MADE_UP not in newmm_segment(text)  # PyThaiNLP's own list cuts it


def test_newmm_asks_our_dictionary_nothing_but_prefixes() -> None:
    """Our index implements only what newmm uses today; a newmm that wants more must fail here."""
    from pythainlp.tokenize.newmm import segment as newmm_segment

    class OnlyPrefixes:
        def __init__(self, inner: segment._Dictionary) -> None:
            self.inner = inner

        def __len__(self) -> int:
            return len(self.inner)

        def prefixes(self, text: str, start: int = 0) -> list[str]:
            return self.inner.prefixes(text, start)

        def __getattr__(self, name: str):
            raise AssertionError(f"newmm asked the dictionary for {name!r}")

    words = ["โครงการ", "ถนน", "คอนกรีต", "เสริม", "เหล็ก", "สาย", "บ้าน", _MADE_UP]
    text = f"โครงการถนนคอนกรีตเสริมเหล็กสายบ้าน{_MADE_UP} (ก) 2563"
    assert newmm_segment(text, custom_dict=OnlyPrefixes(segment._Dictionary(words))) == [
        "โครงการ", "ถนน", "คอนกรีต", "เสริม", "เหล็ก", "สาย", "บ้าน", _MADE_UP, " ", "(", "ก", ")", " ", "2563"]


def test_our_dictionary_answers_prefixes_as_pythainlps_trie_does() -> None:
    """Same words at every position, shortest first: what newmm's search gets from a ``Trie``."""
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    texts = ["องค์การบริหารส่วนตำบลท่าสะท้อนจัดซื้อครุภัณฑ์สำนักงาน", "ก่อสร้างถนนคอนกรีตเสริมเหล็กหมู่ที่ 3",
             "ค่าใช้จ่ายในการจัดงานประเพณีลอยกระทง"]
    words = [w for w in thai_words() if any(w in text for text in texts)] + ["ก", "ถน", _MADE_UP]
    trie, ours = Trie(words), segment._Dictionary(words)
    for text in texts:
        for start in range(len(text)):
            # (Trie.prefixes takes a start position only from PyThaiNLP 5.3 on: a slice works in all 5.x)
            assert ours.prefixes(text, start) == trie.prefixes(text[start:]), (text, start)
