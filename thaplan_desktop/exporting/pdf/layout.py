"""Thai-aware line layout: breaking text into lines between words and drawing the lines.

The :class:`Typesetter` owns a document's faces and shaper. ``lines()`` breaks styled text into lines
that fit a width: only between the units of ``segment.units`` (words, with brackets and ๆ kept on),
never adding a space; a unit wider than the line is cut into dictionary sub-words, and only if a piece
is still too wide, at character-cluster boundaries. ``draw_line()`` writes the glyph runs of a line
straight into the page's content stream (see ``fonts.py`` for why the text stays extractable).
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas

from thaplan_desktop.domain.thai import to_thai_digits
from thaplan_desktop.exporting.pdf import segment
from thaplan_desktop.exporting.pdf.fonts import FontSet, ShapingFont
from thaplan_desktop.exporting.pdf.shaping import GlyphRun, Shaper

_EPSILON = 0.01
# Line spacing (multiples of the size). A Thai tone mark stacked over an upper vowel (ที่, ถิ่น) reaches
# about 1.2 em above the baseline: with less than ~1.4 em between baselines it sits right under the line
# above and reads as a stray mark there.
BODY_LEADING = 1.45
TABLE_LEADING = 1.38
TITLE_LEADING = 1.3
# Depth kept below the baseline inside a line box (below vowels reach about 0.38 em).
_DESCENT = 0.3
# Justification widens spaces first, then the gaps between clusters, each within a limit (see _justify).
_SPACE_STRETCH = 0.33
_CLUSTER_STRETCH = 0.025
# A line left emptier than this share by a long compound word takes the compound's first words.
_FILL_MIN = 0.05
# Only long compounds are opened that way (องค์กรปกครองส่วนท้องถิ่น, คอนกรีตเสริมเหล็ก), never
# ordinary words that happen to be made of dictionary words (โครงการ, ร้อยละ, ดำเนินการ).
_COMPOUND_MIN_CHARS = 14
_PART_MIN_CHARS = 4
# No text is narrower than this many ems per character on average (Thai marks are zero-width, but a
# string of them alone does not occur): used to skip shaping a string whole when it cannot fit a line.
_MIN_CHAR_EM = 0.28


class Align(enum.Enum):
    """Horizontal alignment of a line within its box."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"  # stretch spaces of all but the last line


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a paragraph or a table cell sets its text. Sizes in points."""

    size: float = 16.0
    leading_factor: float = BODY_LEADING
    bold: bool = False
    align: Align = Align.LEFT
    first_indent: float = 0.0  # extra indent of the first line
    left_indent: float = 0.0
    right_indent: float = 0.0
    hanging: float = 0.0  # indent of every line after the first (numbered lists)
    space_before: float = 0.0
    space_after: float = 0.0
    space_slack: float = 0.12  # break at a space if what follows it on the line is at most this share
    color: Color = field(default=black)

    @property
    def leading(self) -> float:
        """Distance between baselines."""
        return self.size * self.leading_factor

    def but(self, **changes: Any) -> TextStyle:
        """A copy with some fields changed (``dataclasses.replace`` refuses unknown names)."""
        from dataclasses import replace

        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text in one weight (a paragraph is a sequence of spans)."""

    text: str
    bold: bool = False


@dataclass(slots=True)
class Line:
    """One laid-out line: glyph runs in order and the total advance in points."""

    runs: list[GlyphRun]
    width: float
    size: float
    spaces: int = 0  # number of space runs (for justification)
    last: bool = False  # the last line of a paragraph (not justified)


class Typesetter:
    """Lays out and draws Thai text in a document's faces; caches everything it measures."""

    def __init__(self, fonts: FontSet, *, thai_digits: bool = False, shaper: Shaper | None = None) -> None:
        self.fonts = fonts
        self.thai_digits = thai_digits
        self.shaper = shaper or Shaper()
        self._line_cache: dict[tuple, list[Line]] = {}
        self._bodies: dict[int, tuple[Line, str]] = {}
        self._bodies_doc: object = None
        x_height = self._glyph_top(fonts.regular, "ก")
        self.x_height = x_height if x_height > 0 else 0.5  # in ems

    @staticmethod
    def _glyph_top(font: ShapingFont, ch: str) -> float:
        gid = font.hb_font.get_nominal_glyph(ord(ch))
        if gid is None:
            return 0.0
        extents = font.hb_font.get_glyph_extents(gid)
        return extents.y_bearing / font.upem if extents else 0.0

    # --- text preparation -----------------------------------------------------------------------
    def prepare(self, text: str) -> str:
        """Text as printed: Thai digits when the document asks for them."""
        return to_thai_digits(text) if self.thai_digits else text

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance of a piece of text in points (text drawn as one line)."""
        text = self.prepare(text)
        font = self.fonts.face(bold)
        return sum(self.shaper.width(font, u, size) for u in segment.units(text)) if text else 0.0

    def single_line(self, text: str, size: float, bold: bool = False) -> Line:
        """Text as one line, never broken."""
        text = self.prepare(text)
        font = self.fonts.face(bold)
        runs = [self.shaper.run(font, u) for u in segment.units(text)] if text else []
        return Line(runs, sum(r.width for r in runs) * size / 1000.0, size,
                    sum(1 for r in runs if r.text.isspace()), True)

    # --- line breaking ----------------------------------------------------------------------------
    def lines(self, spans: Sequence[Span] | str, style: TextStyle, width: float) -> list[Line]:
        """Break text into lines fitting ``width`` (the box width; the style's indents are applied)."""
        if isinstance(spans, str):
            spans = (Span(spans, style.bold),)
        key = (tuple(spans), style.size, style.first_indent, style.left_indent, style.right_indent,
               style.hanging, style.space_slack, round(width, 2))
        found = self._line_cache.get(key)
        if found is None:
            found = self._one_line(spans, style, width) or self._break(spans, style, width)
            self._line_cache[key] = found
        return found

    def _one_line(self, spans: Sequence[Span], style: TextStyle, width: float) -> list[Line] | None:
        """Fast path: a single span that fits on its first line is shaped whole, without segmenting."""
        if len(spans) != 1:
            return None
        text = self.prepare(spans[0].text)
        if not text or "\n" in text or text != text.strip() or "  " in text:
            return None
        room = width - style.left_indent - style.right_indent - style.first_indent
        if len(text) * _MIN_CHAR_EM * style.size > room:
            return None  # clearly longer than a line: do not shape it whole for nothing
        run = self.shaper.run(self.fonts.face(spans[0].bold), text)
        if run.width * style.size / 1000.0 > room + _EPSILON:
            return None
        return [Line([run], run.width * style.size / 1000.0, style.size, text.count(" "), True)]

    def _break(self, spans: Sequence[Span], style: TextStyle, width: float) -> list[Line]:
        size = style.size
        scale = size / 1000.0
        base = width - style.left_indent - style.right_indent
        first_width = base - style.first_indent
        other_width = base - style.hanging
        shaper = self.shaper
        lines: list[Line] = []
        # Hard line breaks split the text into paragraphs-within-the-paragraph.
        pieces: list[list[GlyphRun]] = [[]]
        for span in spans:
            font = self.fonts.face(span.bold)
            for k, part in enumerate(self.prepare(span.text).split("\n")):
                if k:
                    pieces.append([])
                if part:
                    pieces[-1].extend(shaper.run(font, u) for u in segment.units(part))
        for piece in pieces:
            queue = deque(piece)
            runs: list[GlyphRun] = []
            cur_w = 0.0
            pending: list[GlyphRun] = []
            pending_w = 0.0

            def limit() -> float:
                return (first_width if not lines else other_width) / scale

            def flush(last: bool = False) -> None:
                nonlocal runs, cur_w
                while runs and runs[-1].text.isspace():
                    cur_w -= runs.pop().width
                spaces = sum(1 for r in runs if r.text.isspace())
                lines.append(Line(runs, cur_w * scale, size, spaces, last))
                runs, cur_w = [], 0.0

            while queue:
                run = queue.popleft()
                if run.text.isspace():
                    if runs:
                        pending.append(run)
                        pending_w += run.width
                    continue
                room = limit()
                if cur_w + pending_w + run.width <= room + _EPSILON:
                    runs.extend(pending)
                    runs.append(run)
                    cur_w += pending_w + run.width
                    pending, pending_w = [], 0.0
                    continue
                gap = pending
                pending, pending_w = [], 0.0
                if runs:
                    # (a) Break at a space near the end of the line rather than after the last word:
                    # Thai spaces separate phrases, the natural places to break.
                    tail_w = 0.0
                    k = len(runs) - 1
                    while k > 0 and not runs[k].text.isspace():
                        tail_w += runs[k].width
                        k -= 1
                    if (k > 0 and tail_w <= style.space_slack * room
                            and tail_w + run.width <= other_width / scale + _EPSILON):
                        tail = runs[k + 1:]
                        runs = runs[:k]
                        cur_w = sum(r.width for r in runs)
                        flush()
                        queue.appendleft(run)
                        queue.extendleft(reversed(tail + gap))
                        continue
                    # (b) Fill a line left short by a long compound with its first dictionary words.
                    free = room - cur_w
                    if free > _FILL_MIN * room and len(run.text) >= _COMPOUND_MIN_CHARS:
                        parts = segment.subwords(run.text)
                        if len(parts) > 1 and min(len(p) for p in parts) >= _PART_MIN_CHARS:
                            best = 0
                            acc = 0.0
                            for j in range(1, len(parts)):
                                acc += shaper.run(run.font, parts[j - 1]).width
                                if acc <= free + _EPSILON:
                                    best = j
                                else:
                                    break
                            if best:
                                head = shaper.run(run.font, "".join(parts[:best]))
                                runs.append(head)
                                cur_w += head.width
                                flush()
                                queue.appendleft(shaper.run(run.font, "".join(parts[best:])))
                                continue
                    flush()
                    room = limit()
                if run.width <= room + _EPSILON:
                    runs.append(run)
                    cur_w = run.width
                    continue
                # Wider than a whole line: cut into sub-words, then clusters; fill lines greedily.
                for cut in self._cut(run.font, run.text, other_width / scale):
                    if runs and cur_w + cut.width > limit() + _EPSILON:
                        flush()
                    runs.append(cut)
                    cur_w += cut.width
            if runs or not lines or not piece:
                flush(last=True)
            else:
                lines[-1].last = True
        return lines

    def _cut(self, font: ShapingFont, word: str, limit: float) -> list[GlyphRun]:
        """Pieces of an over-long word: its dictionary words, and only a word that is itself wider
        than the line is cut between character clusters (merged greedily to fill lines)."""
        shaper = self.shaper
        pieces: list[str] = []
        for sub in segment.subwords(word):
            if shaper.run(font, sub).width <= limit + _EPSILON:
                pieces.append(sub)
                continue
            merged: list[str] = []
            for cluster in segment.clusters(sub):
                if merged and shaper.run(font, merged[-1] + cluster).width <= limit + _EPSILON:
                    merged[-1] += cluster
                else:
                    merged.append(cluster)
            pieces.extend(merged)
        return [shaper.run(font, piece) for piece in pieces]

    # --- drawing -----------------------------------------------------------------------------------
    def draw_line(self, canvas: Canvas, line: Line, x: float, y: float, space_extra: float = 0.0,
                  cluster_extra: float = 0.0) -> None:
        """Draw one line at baseline ``(x, y)``; the operators of an unstretched line are built once."""
        if not line.runs:
            return
        doc = canvas._doc
        if space_extra or cluster_extra:
            body = _line_body(doc, line, space_extra, cluster_extra)
        else:
            if doc is not self._bodies_doc:
                self._bodies.clear()
                self._bodies_doc = doc
            hit = self._bodies.get(id(line))
            if hit is None or hit[0] is not line:
                body = _line_body(doc, line, 0.0)
                self._bodies[id(line)] = (line, body)
            else:
                body = hit[1]
        canvas._code.append(f"BT 1 0 0 1 {pdf_num(x)} {pdf_num(y)} Tm {body} ET")

    def baseline_offset(self, style: TextStyle) -> float:
        """Distance from the top of a line box to the baseline (room for below vowels is kept under it)."""
        return style.leading - style.size * _DESCENT

    def draw_lines(self, canvas: Canvas, lines: Sequence[Line], x: float, top: float, width: float,
                   style: TextStyle, first_is_first: bool = True) -> float:
        """Draw lines in a box of ``width`` starting at ``top``; returns the y below the last line.

        ``first_is_first`` says whether ``lines[0]`` is the paragraph's first line (for indents).
        """
        leading = style.leading
        y = top - self.baseline_offset(style)
        if style.color is not black:
            canvas.setFillColor(style.color)
        base = width - style.left_indent - style.right_indent
        for k, line in enumerate(lines):
            first = k == 0 and first_is_first
            indent = style.left_indent + (style.first_indent if first else style.hanging)
            room = base - (style.first_indent if first else style.hanging)
            align = style.align
            if align is Align.CENTER:
                lx = x + indent + (room - line.width) / 2.0
            elif align is Align.RIGHT:
                lx = x + indent + room - line.width
            else:
                lx = x + indent
            extra = cluster = 0.0
            if align is Align.JUSTIFY and not line.last:
                extra, cluster = _justify(line, room, style.size)
            self.draw_line(canvas, line, lx, y, extra, cluster)
            y -= leading
        if style.color is not black:
            canvas.setFillColor(black)
        return top - leading * len(lines)


def _justify(line: Line, room: float, size: float) -> tuple[float, float]:
    """Extra points per space and per cluster gap that make a line fill ``room``.

    Spaces take up to a third of an em each; what is left is spread between the character clusters
    (as Thai "distributed" alignment does), but never more than 0.025 em per gap: wider gaps would read
    as spaces to a text extractor (poppler allows 0.03 em inside a word). A line that would need more
    stays a little short.
    """
    slack = room - line.width
    if slack <= 0.01:
        return 0.0, 0.0
    per_space = min(slack / line.spaces, size * _SPACE_STRETCH) if line.spaces else 0.0
    slack -= per_space * line.spaces
    gaps = sum(sum(run.starts) for run in line.runs) - 1
    per_gap = min(slack / gaps, size * _CLUSTER_STRETCH) if gaps > 0 and slack > 0.01 else 0.0
    return per_space, per_gap


def pdf_num(v: float) -> str:
    """A PDF number with at most two decimals."""
    text = f"{v:.2f}"
    if text.endswith("00"):
        text = text[:-3]
        return "0" if text == "-0" else text
    return text


def draw_line(canvas: Canvas, line: Line, x: float, y: float, space_extra: float = 0.0) -> None:
    """Write the glyph runs of one line at baseline ``(x, y)`` into the canvas's content stream."""
    if line.runs:
        body = _line_body(canvas._doc, line, space_extra)
        canvas._code.append(f"BT 1 0 0 1 {pdf_num(x)} {pdf_num(y)} Tm {body} ET")


def _line_body(doc: PDFDocument, line: Line, space_extra: float, cluster_extra: float = 0.0) -> str:
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
                _emit_adjusted(out, run, data, pos, size, cluster_tj, first_glyph)
                rise_on = rise_on or bool(run.rise)
            pos += len(data)
            first_glyph = False
        if extra_tj and run.text.isspace():
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
