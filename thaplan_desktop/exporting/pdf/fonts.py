"""Fonts for the PDF: finding a Thai face, registering it with ReportLab, shaping with HarfBuzz.

Which font: the ``font`` setting is ``"auto"`` (an installed TH SarabunPSK or TH Sarabun New when the
machine has one, else the bundled Laksaman, a free face derived from TH SarabunPSK with the same metrics),
``"laksaman"`` (always the bundled face), ``"th-sarabun"`` (an installed TH Sarabun, error if none), or
a path to a regular-weight TTF (its bold found beside it, else the regular face is used for bold too).

How text gets into the PDF: HarfBuzz shapes each word into glyphs (with the marks moved and swapped
for their low/left variants where Thai needs it), and we draw those glyphs ourselves. Every glyph is
drawn through a one-byte code of a ReportLab TrueType subset; the code stands for the pair
(glyph, text it represents), so the same glyph can carry different text in different places. The
subset's ToUnicode map then gives back exactly the characters the glyph stands for: ``ป่า`` is three
glyphs (ป, the low tone mark variant, า) and reads back as ป่า; in ``น้ำ`` HarfBuzz splits ำ into
nikhahit + sara aa and moves the nikhahit before the tone mark, and the three glyphs of that cluster
read back as ``้`` + ``ำ`` + nothing. Copying, searching and ``pdftotext`` all see the stored text.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

# Codes of the supplementary private-use plane stand for (glyph, text) pairs; they never collide with
# characters of the fonts (TLWG fonts use the BMP private-use area for their own mark variants).
_FIRST_FAKE = 0xF0000
_EMPTY_TEXT_CODE = 0  # marker in the text registry: the glyph reads back as nothing


class FontNotFoundError(LookupError):
    """The chosen font cannot be found; the message is Thai."""


@dataclass(frozen=True, slots=True)
class FontFiles:
    """The TTF files of one family: regular and bold (bold may be the regular file)."""

    family: str
    regular: Path
    bold: Path


# --- finding fonts -------------------------------------------------------------------------------------

def bundled_fonts_dir() -> Path:
    """Directory of the bundled fonts: ``thaplan_desktop/fonts`` when installed, ``fonts/`` in a checkout."""
    env = os.environ.get("THAPLAN_FONTS_DIR")
    candidates = [Path(env)] if env else []
    package_root = Path(__file__).resolve().parents[2]
    candidates += [package_root / "fonts", package_root.parent / "fonts"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "fonts")
    for candidate in candidates:
        if (candidate / "Laksaman.ttf").is_file():
            return candidate
    raise FontNotFoundError("ไม่พบแบบอักษรที่มากับโปรแกรม (โฟลเดอร์ fonts/)")


def bundled_laksaman() -> FontFiles:
    """The bundled Laksaman regular and bold."""
    folder = bundled_fonts_dir()
    return FontFiles("Laksaman", folder / "Laksaman.ttf", folder / "Laksaman-Bold.ttf")


def _system_font_dirs() -> list[Path]:
    home = Path.home()
    dirs = [
        Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
        home / ".local/share/fonts", Path("/Library/Fonts"), home / "Library/Fonts",
    ]
    windir = os.environ.get("WINDIR")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft/Windows/Fonts")
    return [d for d in dirs if d.is_dir()]


# File names under which the TH Sarabun fonts are distributed (the SIPA packages), regular then bold.
_TH_SARABUN_FILES = (
    ("TH SarabunPSK", ("THSarabun.ttf", "THSarabunPSK.ttf"), ("THSarabun Bold.ttf", "THSarabunPSK-Bold.ttf",
                                                               "THSarabun-Bold.ttf", "THSarabunPSK Bold.ttf")),
    ("TH Sarabun New", ("THSarabunNew.ttf", "TH Sarabun New.ttf"), ("THSarabunNew Bold.ttf",
                                                                     "THSarabunNew-Bold.ttf",
                                                                     "TH Sarabun New Bold.ttf")),
)


def find_th_sarabun(search_dirs: list[Path] | None = None) -> FontFiles | None:
    """An installed TH SarabunPSK or TH Sarabun New, or None."""
    wanted: dict[str, Path] = {}
    names = {n.lower() for _, regs, bolds in _TH_SARABUN_FILES for n in (*regs, *bolds)}
    for folder in search_dirs if search_dirs is not None else _system_font_dirs():
        for root, _dirs, files in os.walk(folder):
            for name in files:
                if name.lower() in names:
                    wanted.setdefault(name.lower(), Path(root) / name)
    for family, regulars, bolds in _TH_SARABUN_FILES:
        regular = next((wanted[n.lower()] for n in regulars if n.lower() in wanted), None)
        if regular:
            bold = next((wanted[n.lower()] for n in bolds if n.lower() in wanted), regular)
            return FontFiles(family, regular, bold)
    return None


def resolve_font_choice(choice: str = "auto") -> FontFiles:
    """The font files for a setting value: "auto", "laksaman", "th-sarabun" or a path to a TTF."""
    key = (choice or "auto").strip()
    if key.lower() == "laksaman":
        return bundled_laksaman()
    if key.lower() in ("auto", "th-sarabun"):
        found = find_th_sarabun()
        if found:
            return found
        if key.lower() == "th-sarabun":
            raise FontNotFoundError("ไม่พบแบบอักษร TH SarabunPSK หรือ TH Sarabun New ในเครื่องนี้")
        return bundled_laksaman()
    path = Path(key).expanduser()
    if not path.is_file():
        raise FontNotFoundError(f"ไม่พบไฟล์แบบอักษร: {key}")
    bold = next((p for p in (path.with_name(path.stem + s + path.suffix)
                             for s in ("-Bold", " Bold", "Bold", "-bold", "_Bold")) if p.is_file()), path)
    return FontFiles(path.stem, path, bold)


# --- the ReportLab font whose ToUnicode map follows our (glyph, text) codes --------------------------

class _ExtractableTTFont(TTFont):
    """A ReportLab TTFont whose subsets carry ToUnicode entries for shaped glyphs.

    ReportLab keys its subsets by Unicode code point; we give it private code points (registered in the
    face's cmap copy) that each stand for a glyph and the text it represents.
    """

    def __init__(self, name: str, filename: str, text_of_code: dict[int, str]) -> None:
        super().__init__(name, filename, asciiReadable=False, shapable=False)
        self._text_of_code = text_of_code

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802 - ReportLab's API
        """Same as ReportLab's, with a ToUnicode map that knows our private codes."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font_name = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = self._to_unicode_cmap(base_font_name, subset)
            if doc.compression:
                cmap_stream.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]

    def _to_unicode_cmap(self, font_name: str, subset: list[int]) -> str:
        entries = []
        for code, uni in enumerate(subset):
            text = self._text_of_code.get(uni)
            if text is None:
                text = chr(uni) if uni else ""
            if code == 0 and not text:
                continue
            entries.append(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>")
        lines = [
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            f"/CIDSystemInfo << /Registry ({font_name}) /Ordering ({font_name}) /Supplement 0 >> def",
            f"/CMapName /{font_name} def", "/CMapType 2 def",
            "1 begincodespacerange", "<00> <FF>", "endcodespacerange",
        ]
        for start in range(0, len(entries), 100):
            chunk = entries[start:start + 100]
            lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines)


class ShapingFont:
    """One face: HarfBuzz for shaping, ReportLab for embedding, and the (glyph, text) code registry."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = Path(path)
        info = self.path.stat()
        # The same file, the same glyphs: names the face's words kept between runs (layout_cache).
        self.stamp = f"{self.path.resolve()} {info.st_size} {info.st_mtime_ns}"
        self._text_of_code: dict[int, str] = {}
        self.ttf = _ExtractableTTFont(name, str(path), self._text_of_code)
        pdfmetrics.registerFont(self.ttf)
        face = hb.Face(hb.Blob.from_file_path(str(path)))
        self.hb_font = hb.Font(face)
        self.upem = face.upem
        self.scale = 1000.0 / self.upem  # font units → thousandths of the font size
        extents = self.hb_font.get_font_extents("ltr")
        self.ascent = extents.ascender * self.scale / 1000.0  # in ems
        self.descent = -extents.descender * self.scale / 1000.0
        self._codes: dict[tuple[int, str, float], str] = {}
        self._next_code = _FIRST_FAKE
        self._lock = threading.Lock()
        self._char_to_glyph = self.ttf.face.charToGlyph
        self._char_widths = self.ttf.face.charWidths
        self._ink: dict[int, tuple[float, float]] = {}
        self._has: dict[str, bool] = {}

    def ink(self, gid: int) -> tuple[float, float]:
        """Top and bottom of a glyph's ink above the baseline, in thousandths of the size (0, 0 when blank)."""
        found = self._ink.get(gid)
        if found is None:
            extents = self.hb_font.get_glyph_extents(gid)
            if extents is None or extents.height == 0:
                found = (0.0, 0.0)
            else:
                found = (extents.y_bearing * self.scale, (extents.y_bearing + extents.height) * self.scale)
            self._ink[gid] = found
        return found

    def code_for(self, gid: int, text: str, width: float) -> str:
        """The private character drawn for glyph ``gid`` standing for ``text`` (may be "").

        ``width`` (thousandths of the size) is the advance the PDF gives the code: the shaped advance
        less the glyph's horizontal offset, so that a mark moved left by its offset reaches exactly to
        the next glyph (text extractors then see no gap where there is none).
        """
        key = (gid, text, width)
        code = self._codes.get(key)
        if code is None:
            with self._lock:
                code = self._codes.get(key)
                if code is None:
                    value = self._next_code
                    self._next_code += 1
                    self._char_to_glyph[value] = gid
                    self._char_widths[value] = width
                    self._text_of_code[value] = text
                    code = self._codes[key] = chr(value)
        return code

    def has_glyph(self, ch: str) -> bool:
        """Whether the face has a glyph for the character."""
        found = self._has.get(ch)
        if found is None:
            found = self._has[ch] = self.hb_font.get_nominal_glyph(ord(ch)) is not None
        return found

    def default_width(self, code: str) -> float:
        """Advance of the glyph behind a private code, in thousandths of the font size."""
        return self._char_widths[ord(code)]


@dataclass(frozen=True, slots=True)
class FontSet:
    """The faces a document uses: regular and bold."""

    regular: ShapingFont
    bold: ShapingFont
    family: str

    def face(self, bold: bool) -> ShapingFont:
        """The bold or the regular face."""
        return self.bold if bold else self.regular


_registered: dict[tuple[str, str], FontSet] = {}
_register_lock = threading.Lock()


def register_fonts(choice: str = "auto") -> FontSet:
    """Register (once per process) the faces for a font setting and return them.

    Call at start-up on the main thread; later calls with the same setting return the same faces.
    """
    files = resolve_font_choice(choice)
    key = (str(files.regular), str(files.bold))
    with _register_lock:
        found = _registered.get(key)
        if found:
            return found
        index = len(_registered)
        regular = ShapingFont(f"ThaPlan{index}-Regular", files.regular)
        bold = regular if files.bold == files.regular else ShapingFont(f"ThaPlan{index}-Bold", files.bold)
        font_set = FontSet(regular, bold, files.family)
        _registered[key] = font_set
        return font_set
