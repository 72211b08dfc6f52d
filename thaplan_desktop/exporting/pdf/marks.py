"""The draft mark: until an edition is announced, every page of its PDF says ร่าง.

Two marks, as offices stamp a draft: a boxed ร่าง at the top left of every page (text, so a reader's
search finds it), and a light grey ร่าง across the page under the text, drawn as the outlines of its
glyphs rather than as text, so that copying, searching or extracting the page's text never meets it in
the middle of a sentence. The watermark is drawn once into a form XObject that every page places.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from thaplan_desktop.exporting.pdf.fonts import ShapingFont
from thaplan_desktop.exporting.pdf.layout import Align, TextStyle, Typesetter, pdf_num

DRAFT = "ร่าง"
_WATERMARK_SIZE = 150.0
_WATERMARK_GREY = 0.91
_FORM = "ThaPlanDraftMark"
_CM = 72.0 / 2.54


class _Pen:
    """Collects a glyph's outline as PDF path operators (quadratic curves made cubic)."""

    def __init__(self, x: float, y: float, scale: float) -> None:
        self.ops: list[str] = []
        self.x, self.y, self.scale = x, y, scale
        self.current = (0.0, 0.0)

    def _pt(self, p: tuple[float, float]) -> str:
        return f"{pdf_num(self.x + p[0] * self.scale)} {pdf_num(self.y + p[1] * self.scale)}"

    def moveTo(self, p: tuple[float, float]) -> None:  # noqa: N802 - HarfBuzz pen protocol
        self.ops.append(f"{self._pt(p)} m")
        self.current = p

    def lineTo(self, p: tuple[float, float]) -> None:  # noqa: N802 - HarfBuzz pen protocol
        self.ops.append(f"{self._pt(p)} l")
        self.current = p

    def curveTo(self, a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> None:  # noqa: N802
        self.ops.append(f"{self._pt(a)} {self._pt(b)} {self._pt(c)} c")
        self.current = c

    def qCurveTo(self, *points: tuple[float, float]) -> None:  # noqa: N802 - HarfBuzz pen protocol
        # TrueType: off-curve points with implied on-curve points half-way between them.
        *controls, end = points
        for k, control in enumerate(controls):
            nxt = end if k == len(controls) - 1 else ((control[0] + controls[k + 1][0]) / 2.0,
                                                       (control[1] + controls[k + 1][1]) / 2.0)
            p0 = self.current
            c1 = (p0[0] + 2.0 / 3.0 * (control[0] - p0[0]), p0[1] + 2.0 / 3.0 * (control[1] - p0[1]))
            c2 = (nxt[0] + 2.0 / 3.0 * (control[0] - nxt[0]), nxt[1] + 2.0 / 3.0 * (control[1] - nxt[1]))
            self.ops.append(f"{self._pt(c1)} {self._pt(c2)} {self._pt(nxt)} c")
            self.current = nxt

    def closePath(self) -> None:  # noqa: N802 - HarfBuzz pen protocol
        self.ops.append("h")

    def endPath(self) -> None:  # noqa: N802 - HarfBuzz pen protocol
        pass


def outline(font: ShapingFont, text: str, size: float) -> tuple[str, float]:
    """PDF path operators filling ``text`` shaped in ``font`` (baseline at 0, starting at 0), and its width."""
    import uharfbuzz as hb

    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font.hb_font, buf, {})
    scale = size / font.upem
    ops: list[str] = []
    pen_x = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        pen = _Pen((pen_x + pos.x_offset) * scale, pos.y_offset * scale, scale)
        font.hb_font.draw_glyph_with_pen(info.codepoint, pen)
        ops += pen.ops
        pen_x += pos.x_advance
    return " ".join(ops), pen_x * scale


def draw_watermark(canvas: Canvas, ts: Typesetter) -> None:
    """The light ร่าง across the page: drawn before the page's content, so the text lies over it."""
    width, height = canvas._pagesize
    if not getattr(canvas, "_thaplan_draft_form", False):
        path, text_w = outline(ts.fonts.bold, DRAFT, _WATERMARK_SIZE)
        canvas.beginForm(_FORM, lowerx=-text_w, lowery=-_WATERMARK_SIZE, upperx=text_w, uppery=_WATERMARK_SIZE)
        canvas._code.append(f"q {pdf_num(_WATERMARK_GREY)} g 1 0 0 1 {pdf_num(-text_w / 2.0)} "
                            f"{pdf_num(-_WATERMARK_SIZE * 0.3)} cm\n% thaplan-draft-watermark\n{path} f Q")
        canvas.endForm()
        canvas._thaplan_draft_form = True
    canvas.saveState()
    canvas.translate(width / 2.0, height / 2.0)
    canvas.rotate(35 if height > width else 20)
    canvas.doForm(_FORM)
    canvas.restoreState()


def draw_heading_mark(canvas: Canvas, ts: Typesetter) -> None:
    """ร่าง in a box at the top left of the page."""
    width, height = canvas._pagesize
    style = TextStyle(size=15.0, leading_factor=1.3, bold=True, align=Align.CENTER)
    line = ts.single_line(DRAFT, style.size, bold=True)
    box_w, box_h = line.width + 14.0, style.leading + 2.0
    left = 1.0 * _CM if width > height else 1.2 * _CM
    top = height - 0.55 * _CM
    canvas.saveState()
    canvas.setLineWidth(0.8)
    canvas.rect(left, top - box_h, box_w, box_h, stroke=1, fill=0)
    canvas.restoreState()
    ts.draw_lines(canvas, [line], left, top - 1.0, box_w, style)
