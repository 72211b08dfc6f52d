"""Writing laid-out lines into a page's content stream: a :class:`Line` of glyph runs becomes PDF text
operators (font, glyph codes, the adjustments HarfBuzz placed each glyph with, and the widening a justified
line gets between its clusters and at its spaces). See ``fonts.py`` for why the text stays extractable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas

from thaplan_desktop.exporting.pdf.breaking import is_space
from thaplan_desktop.exporting.pdf.shaping import GlyphRun


@dataclass(slots=True)
class Line:
    """One laid-out line: glyph runs in order and the total advance in points."""

    runs: list[GlyphRun]
    width: float
    size: float
    spaces: int = 0  # number of space runs (for justification)
    last: bool = False  # the last line of a paragraph (not justified)
    measured: tuple[float, float] | None = None  # its ink, once asked (``ink``)

    def ink(self) -> tuple[float, float]:
        """Highest and lowest ink of the line relative to its baseline, in points (below is negative)."""
        if self.measured is None:
            if not self.runs:
                self.measured = (0.0, 0.0)
            else:
                scale = self.size / 1000.0
                inks = [r.ink() for r in self.runs]
                self.measured = (max(top for top, _b in inks) * scale, min(bottom for _t, bottom in inks) * scale)
        return self.measured


SARA_AM = "\u0e33"  # ำ: no justification gap after it (see shaping._stretch_points)


def stretch_gaps(runs: Sequence[GlyphRun]) -> int:
    """How many gaps between character clusters of a line justification opens (line_body)."""
    gaps = sum(sum(run.starts) for run in runs) - 1
    return max(0, gaps - sum(1 for a, b in zip(runs, runs[1:], strict=False) if a.text.endswith(SARA_AM) and b.starts
                             and b.starts[0]))


_NUMBERS: dict[float, str] = {}  # a page repeats its numbers (kerns, rules, baselines): each written once
_NUMBERS_KEPT = 50_000


def pdf_num(v: float) -> str:
    """A PDF number with at most two decimals."""
    text = _NUMBERS.get(v)
    if text is None:
        text = f"{v:.2f}"
        if text.endswith("00"):
            text = text[:-3]
            if text == "-0":
                text = "0"
        if len(_NUMBERS) >= _NUMBERS_KEPT:
            _NUMBERS.clear()
        _NUMBERS[v] = text
    return text


def draw_line(canvas: Canvas, line: Line, x: float, y: float, space_extra: float = 0.0) -> None:
    """Write the glyph runs of one line at baseline ``(x, y)`` into the canvas's content stream."""
    if line.runs:
        body = line_body(canvas._doc, line, space_extra)
        canvas._code.append(f"BT 1 0 0 1 {pdf_num(x)} {pdf_num(y)} Tm {body} ET")


def line_body(doc: PDFDocument, line: Line, space_extra: float, cluster_extra: float = 0.0) -> str:
    """The text operators of a line after its position (font, glyph strings, adjustments).

    ``space_extra`` widens each space, ``cluster_extra`` opens each gap between character clusters
    (Thai distributed justification), both in points.
    """
    size = line.size
    out: list[str] = []
    current_font = None
    rise_on = False
    extra_tj = -space_extra * 1000.0 / size if space_extra else 0.0
    cluster_tj = -cluster_extra * 1000.0 / size if cluster_extra else 0.0
    first_glyph = True
    runs = line.runs
    i = 0
    n = len(runs)
    while i < n:
        run = runs[i]
        font = run.font
        # Merge following runs of the same face without adjustments into one string.
        j = i + 1
        if not run.before and not run.rise and not run.tail and not extra_tj and not cluster_tj:
            while (j < n and runs[j].font is font and not runs[j].before and not runs[j].rise
                   and not runs[j].tail):
                j += 1
        codes = "".join(r.codes for r in runs[i:j]) if j > i + 1 else run.codes
        ttf = font.ttf
        pos = 0
        for subset, data in ttf.splitString(codes, doc):
            name = ttf.getSubsetInternalName(subset, doc)
            if name != current_font:
                out.append(f"{name} {pdf_num(size)} Tf")
                current_font = name
            if not run.before and not run.rise and not run.tail and not cluster_tj:
                out.append(f"<{data.hex()}> Tj")
            else:
                _emit_adjusted(out, run, data, pos, size, cluster_tj,
                               first_glyph or (pos == 0 and i > 0 and runs[i - 1].text.endswith(SARA_AM)))
                rise_on = rise_on or bool(run.rise)
            pos += len(data)
            first_glyph = False
        if extra_tj and is_space(run):
            out.append(f"[{pdf_num(extra_tj)}] TJ")
        i = j
    if rise_on:
        out.append("0 Ts")
    return " ".join(out)


def _emit_adjusted(out: list[str], run: GlyphRun, data: bytes, start: int, size: float,
                   cluster_tj: float = 0.0, at_line_start: bool = False) -> None:
    """A TJ array placing each glyph of ``data`` (glyphs ``start``… of ``run``) as HarfBuzz said,
    with ``cluster_tj`` added before every cluster but the line's first."""
    before = run.before or (0.0,) * len(run.codes)
    starts = run.starts
    rise = run.rise
    size_rise = None
    items: list[str] = []
    for k, byte in enumerate(data):
        g = start + k
        if rise:
            r = rise[g]
            if r != size_rise:
                if items:
                    out.append("[" + " ".join(items) + "] TJ")
                    items = []
                # Ts is in unscaled text space units: thousandths of the size → points.
                out.append(f"{pdf_num(r * size / 1000.0)} Ts")
                size_rise = r
        b = before[g]
        if cluster_tj and starts[g] and not (at_line_start and k == 0):
            b += cluster_tj
        if b:
            items.append(pdf_num(b))
        items.append(f"<{byte:02x}>")
    if start + len(data) == len(run.codes) and run.tail:
        items.append(pdf_num(run.tail))
    if items:
        out.append("[" + " ".join(items) + "] TJ")
