"""Thai-aware line layout: breaking text into lines between words and drawing the lines.

The :class:`Typesetter` owns a document's faces, shaper and the names it knows. ``lines()`` breaks styled
text into lines that fit a width, only between the words of ``segment.groups`` (names and numbers with
their units kept whole when they fit), never adding a space: greedily for ragged text, for the most even
lines in a justified paragraph (``breaking``). Only a single word wider than the line is cut (between
dictionary sub-words, then character clusters), and that is logged. ``draw_line()`` writes the glyph
runs of a line straight into the page's content stream (see ``fonts.py`` for why the text stays
extractable).
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from thaplan_desktop.domain.thai import to_thai_digits_in_text
from thaplan_desktop.exporting.pdf import breaking, layout_cache, segment
from thaplan_desktop.exporting.pdf.breaking import Item, is_space
from thaplan_desktop.exporting.pdf.fonts import FontSet, ShapingFont
from thaplan_desktop.exporting.pdf.glyphs import Line, line_body, pdf_num, stretch_gaps
from thaplan_desktop.exporting.pdf.shaping import GlyphRun, Shaper

log = logging.getLogger(__name__)
_THAI_WORD = re.compile("^[\u0e01-\u0e4f]+$")
_OPEN_MIN = 12  # letters of a compound a justified line may open
_OPEN_PART_MIN = 4  # letters of each of its words
_WIDE_GROUP = 30.0  # points: a name narrower than this fits any column (see fit.py)

_EPSILON = breaking.EPSILON
# Line spacing (multiples of the size). A Thai tone mark stacked over an upper vowel (ที่, ถิ่น) reaches
# about 1.2 em above the baseline: with less than ~1.4 em between baselines it sits right under the line
# above and reads as a stray mark there.
BODY_LEADING = 1.45
TABLE_LEADING = 1.35
TITLE_LEADING = 1.3
# Depth kept below the baseline inside a line box (below vowels reach about 0.38 em).
DESCENT = 0.3
# Justification opens the gaps between character clusters first (Thai distributed alignment), within a
# limit a text extractor does not read as a space, then widens the spaces (see _justify).
_CLUSTER_STRETCH = breaking.CLUSTER_STRETCH
_CACHE_KEPT = 20_000  # laid-out texts and measures kept per document (then the cache starts again)
_BODIES_KEPT = 4_000  # drawn lines whose PDF operators are kept (a page holds a few hundred)
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


class Typesetter:
    """Lays out and draws Thai text in a document's faces; caches everything it measures."""

    def __init__(self, fonts: FontSet, *, thai_digits: bool = False, shaper: Shaper | None = None,
                 names: segment.NameSet = segment.NO_NAMES) -> None:
        layout_cache.begin()
        self.fonts = fonts
        self.thai_digits = thai_digits
        self.shaper = shaper or Shaper()
        # Names of the plan kept on one line when they fit, written as the text is printed (Thai digits).
        self.names = segment.NameSet.of(map(to_thai_digits_in_text, names.names)) if thai_digits else names
        # Words wider than their line (word → the line's width, thousandths of an em): opened between
        # their dictionary sub-words, or cut between character clusters.
        self.opened_words: dict[str, float] = {}
        self.cut_words: dict[str, float] = {}
        self._line_cache: dict[tuple, list[Line]] = {}
        self._splits: dict[GlyphRun, list[tuple[GlyphRun, float, str]]] = {}
        self._measures: dict[tuple[str, str, float, bool], object] = {}  # word_widths, natural_widths
        self._item_cache: dict[tuple[int, tuple[str, ...]], Item] = {}
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
        """Text as printed: Thai digits when the document asks for them (never inside Latin words)."""
        return to_thai_digits_in_text(text) if self.thai_digits else text

    def units(self, text: str) -> tuple[str, ...]:
        """The unbreakable pieces of already prepared text (words, with brackets and marks kept on)."""
        return segment.units(text)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance of a piece of text in points (text drawn as one line)."""
        text = self.prepare(text)
        font = self.fonts.face(bold)
        return sum(self.shaper.width(font, u, size) for u in segment.units(text)) if text else 0.0

    def widest_word(self, text: str, size: float, bold: bool = False) -> float:
        """Advance of the widest piece a line never breaks inside (points): how narrow a column may be."""
        text = self.prepare(text)
        font = self.fonts.face(bold)
        return max((self.shaper.width(font, u, size) for u in segment.units(text) if not u.isspace()),
                   default=0.0)

    def word_widths(self, text: str, size: float, bold: bool = False) -> tuple[list[float], list[float], float]:
        """Widths (points) of the words of a text, of its names and phrases kept together (groups of more
        than one word), and of its widest piece once every word is opened between its dictionary
        sub-words: the narrowest line that needs no cut between character clusters."""
        key = ("words", text, size, bold)
        found = self._measures.get(key)
        if found is None:
            _bound(self._measures)
            found = self._measures[key] = self._word_widths(text, size, bold)
        return found  # type: ignore[return-value]

    def _word_widths(self, text: str, size: float, bold: bool) -> tuple[list[float], list[float], float]:
        text = self.prepare(text)
        font = self.fonts.face(bold)
        scale = size / 1000.0
        run = self.shaper.run
        units = [(u, run(font, u).width * scale) for u in segment.units(text) if not u.isspace()]
        words = [w for _u, w in units]
        groups = []
        for group in segment.groups(text, self.names):
            if len(group) < 2:
                continue
            width = sum(run(font, u).width for u in group) * scale
            if width <= _WIDE_GROUP:
                continue  # fits any column
            # A group made of smaller names (อบต. + ท่าสะท้อน) counts by those: opened between them,
            # every name in it is still whole.
            inner = segment.groups("".join(group), self.names, inner=True) if len(group) > 2 else (group,)
            if 1 < len(inner) < len(group):
                groups += [sum(run(font, u).width for u in part) * scale for part in inner if len(part) > 1]
            else:
                groups.append(width)
        piece = 0.0
        for unit, width in sorted(units, key=lambda uw: -uw[1]):
            if width <= piece:
                break  # every other unit is narrower than the widest piece found
            subs = [sub for token in segment.tokens(unit) for sub in segment.subwords(token)]
            widest = width if len(subs) == 1 else max(run(font, sub).width for sub in subs) * scale
            piece = max(piece, min(width, widest))
        return words, groups, piece

    def natural_widths(self, text: str, size: float, bold: bool = False) -> list[tuple[float, bool]]:
        """(width in points, is a space) of each group of a text, as the line breaker sees them."""
        key = ("groups", text, size, bold)
        found = self._measures.get(key)
        if found is not None:
            return found  # type: ignore[return-value]
        text = self.prepare(text)
        font = self.fonts.face(bold)
        scale = size / 1000.0
        out = []
        for group in segment.groups(text, self.names):
            w = sum(self.shaper.run(font, u).width for u in group) * scale
            out.append((w, len(group) == 1 and group[0].isspace()))
        _bound(self._measures)
        self._measures[key] = out
        return out

    def single_line(self, text: str, size: float, bold: bool = False) -> Line:
        """Text as one line, never broken."""
        text = self.prepare(text)
        font = self.fonts.face(bold)
        runs = [self.shaper.run(font, u) for u in segment.units(text)] if text else []
        return Line(runs, sum(r.width for r in runs) * size / 1000.0, size, sum(1 for r in runs if is_space(r)), True)

    # --- line breaking ----------------------------------------------------------------------------
    def lines(self, spans: Sequence[Span] | str, style: TextStyle, width: float) -> list[Line]:
        """Break text into lines fitting ``width`` (the box width; the style's indents are applied)."""
        if isinstance(spans, str):
            spans = (Span(spans, style.bold),)
        key = (tuple(spans), style.size, style.first_indent, style.left_indent, style.right_indent,
               style.hanging, style.space_slack, style.align is Align.JUSTIFY, round(width, 2))
        found = self._line_cache.get(key)
        if found is None:
            found = self._one_line(spans, style, width) or self._break(spans, style, width)
            _bound(self._line_cache)
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

    def _items(self, spans: Sequence[Span]) -> list[list[Item]]:
        """The items of each hard line (text split at "\n") of the spans."""
        pieces: list[list[Item]] = [[]]
        for span in spans:
            font = self.fonts.face(span.bold)
            for k, part in enumerate(self.prepare(span.text).split("\n")):
                if k:
                    pieces.append([])
                if part:
                    pieces[-1].extend(self._item(font, group) for group in segment.groups(part, self.names))
        return pieces

    def _item(self, font: ShapingFont, group: tuple[str, ...]) -> Item:
        key = (id(font), group)
        found = self._item_cache.get(key)
        if found is None:
            found = self._item_cache[key] = self._make_item(font, group)
        return found

    def _make_item(self, font: ShapingFont, group: tuple[str, ...]) -> Item:
        if len(group) > 1 and segment.is_date("".join(group)):
            # A date is one run: never broken (unless wider than a line), its spaces never widened.
            return Item.of([self.shaper.run(font, "".join(group))], hard=True)
        runs = [self.shaper.run(font, u) for u in group]
        if len(group) < 3:
            return Item.of(runs)
        inner = segment.groups("".join(group), self.names, inner=True)
        if len(inner) in (1, len(group)):
            return Item.of(runs)
        return Item.of(runs, [Item.of([self.shaper.run(font, u) for u in g]) for g in inner])

    def _break(self, spans: Sequence[Span], style: TextStyle, width: float) -> list[Line]:
        size = style.size
        scale = size / 1000.0
        base = width - style.left_indent - style.right_indent
        first = (base - style.first_indent) / scale
        other = (base - style.hanging) / scale
        lines: list[Line] = []
        for piece in self._items(spans):
            if style.align is Align.JUSTIFY:
                laid = breaking.best_fit(piece, first if not lines else other, other, self._cut, self._split,
                                         self._opened)
            else:
                laid = breaking.greedy(piece, first if not lines else other, other, style.space_slack, self._cut,
                                       self._opened)
            for runs, w in laid:
                lines.append(Line(runs, w * scale, size, sum(1 for r in runs if is_space(r)), False))
            lines[-1].last = True
        return lines

    def _split(self, run: GlyphRun) -> list[tuple[GlyphRun, float, str]]:
        """Where a justified line may break inside a unit, at a price: between the words newmm reads in it,
        then inside a long compound between its dictionary words (breaking.best_fit)."""
        found = self._splits.get(run)
        if found is not None:
            return found
        pieces: list[tuple[str, float, str]] = []
        tokens = segment.tokens(run.text)
        for k, token in enumerate(tokens):
            # Only a long compound of long words opens (องค์กรปกครอง|ส่วนท้องถิ่น), never ดำเนิน|การ.
            parts = segment.subwords(token) if len(token) >= _OPEN_MIN and _THAI_WORD.match(token) else (token,)
            if len(parts) > 1 and min(len(p) for p in parts) < _OPEN_PART_MIN:
                parts = (token,)
            for m, part in enumerate(parts):
                if m == 0 and k and _THAI_WORD.match(tokens[k - 1]) and _THAI_WORD.match(token):
                    pieces.append((part, breaking.UNIT_BREAK, ""))  # two Thai words glued into one unit
                elif m == 0:
                    if pieces:
                        text, cost, opened = pieces.pop()
                        pieces.append((text + part, cost, opened))  # a bracket, ๆ or space stays on
                    else:
                        pieces.append((part, 0.0, ""))
                else:
                    pieces.append((part, breaking.OPEN_BREAK, token))
        found = [(run, 0.0, "")] if len(pieces) == 1 else [
            (self.shaper.run(run.font, text), cost, opened) for text, cost, opened in pieces]
        self._splits[run] = found
        return found

    def _opened(self, text: str, limit: float) -> None:
        """A line breaks inside ``text`` (a long compound, or a group wider than the line): the dictionary
        words it opens are kept (and logged), among them an entry with spaces (a royal title)."""
        words = [text[a:b] for a, b in segment.multiword_entries(text)] if " " in text else []
        if not words and " " not in text:
            words = [text]
        for word in words:
            if word not in self.opened_words:
                self.opened_words[word] = limit
                log.info("a line breaks inside %s, between its dictionary words", word)

    def _cut(self, run: GlyphRun, limit: float) -> list[GlyphRun]:
        """Pieces of a unit wider than the line, to be set one after another.

        First its words as newmm reads them; a word still wider than the line is opened between its
        dictionary sub-words (a long official compound: กองทุน|บำเหน็จ|บำนาญ|ข้าราชการ), and only a
        sub-word wider than the line is cut between character clusters. Both are logged and kept in
        ``opened_words`` and ``cut_words`` (word → the line width in thousandths of an em).
        """
        shaper = self.shaper
        font = run.font
        pieces: list[str] = []
        for word in segment.tokens(run.text):
            if shaper.run(font, word).width <= limit + _EPSILON:
                pieces.append(word)
                continue
            if word not in self.opened_words:
                self.opened_words[word] = limit
                log.info("word wider than its line (%.0f of %.0f thousandths of an em) opened: %s",
                         shaper.run(font, word).width, limit, word)
            for sub in segment.subwords(word):
                if shaper.run(font, sub).width <= limit + _EPSILON:
                    pieces.append(sub)
                    continue
                if sub not in self.cut_words:
                    self.cut_words[sub] = limit
                    log.warning("word wider than its line (%.0f of %.0f thousandths of an em) cut: %s",
                                shaper.run(font, sub).width, limit, sub)
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
            body = line_body(doc, line, space_extra, cluster_extra)
        else:
            if doc is not self._bodies_doc:
                self._bodies.clear()
                self._bodies_doc = doc
            hit = self._bodies.get(id(line))
            if hit is None or hit[0] is not line:
                body = line_body(doc, line, 0.0)
                _bound(self._bodies, _BODIES_KEPT)
                self._bodies[id(line)] = (line, body)
            else:
                body = hit[1]
        canvas._code.append(f"BT 1 0 0 1 {pdf_num(x)} {pdf_num(y)} Tm {body} ET")

    def baseline_offset(self, style: TextStyle) -> float:
        """Distance from the top of a line box to the baseline (room for below vowels is kept under it)."""
        return style.leading - style.size * DESCENT

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


def _bound(cache: dict[Any, Any], most: int = _CACHE_KEPT) -> None:
    """Empty a cache that has grown past ``most`` entries: what a plan repeats (headers, units, dates)
    comes back at once, and a plan of 50,000 projects is not kept whole in memory as laid-out text."""
    if len(cache) >= most:
        cache.clear()


def _justify(line: Line, room: float, size: float) -> tuple[float, float]:
    """Extra points per space and per cluster gap that make a line fill ``room``.

    The gaps between character clusters open first (as Thai "distributed" alignment does), but never by
    more than ``CLUSTER_STRETCH`` (0.08 em) each: poppler starts a new word at a gap of 0.1 em, so wider
    gaps would read as spaces to a text extractor (and none opens after sara am: see
    ``shaping._stretch_points``); then the spaces, by at most ``SPACE_STRETCH`` (half an em; wider, and
    poppler reads the gaps as columns). A line that would need more stays a little short: the best-fit
    breaker avoids making one.
    """
    slack = room - line.width
    if slack <= 0.01:
        return 0.0, 0.0
    gaps = stretch_gaps(line.runs)
    per_gap = min(slack / gaps, size * _CLUSTER_STRETCH) if gaps > 0 else 0.0
    slack -= per_gap * max(0, gaps)
    per_space = min(slack / line.spaces, size * breaking.SPACE_STRETCH) if line.spaces and slack > 0.01 else 0.0
    return per_space, per_gap
