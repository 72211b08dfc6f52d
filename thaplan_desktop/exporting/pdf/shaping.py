"""Shaping words into glyph runs with HarfBuzz, measured once and cached per (face, word).

A :class:`GlyphRun` holds everything needed to draw a word: one private code per glyph (see
``fonts.py``: the code stands for the glyph and the text it represents), the TJ adjustments that put
each glyph where HarfBuzz placed it, vertical offsets when the font uses them, and the advance width.
Widths are in thousandths of the font size, so one shaping serves every size. What HarfBuzz gives for a
word is also kept between runs (:mod:`.layout_cache`, a table per font file); each run then draws its
glyphs through this document's codes.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, TypeGuard

import uharfbuzz as hb

from thaplan_desktop.exporting.pdf import layout_cache
from thaplan_desktop.exporting.pdf.fonts import ShapingFont

_FEATURES = {"kern": True, "liga": True}
# Invisible characters Word and web pages leave in text: dropped before shaping.
_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Combining marks that stack on a letter: Thai above and below marks, and the generic combining blocks.
# A letter keeps at most _MAX_ABOVE marks above and _MAX_BELOW below (Thai writes at most a vowel and a
# tone mark above, one vowel below); the rest (200 tone marks pasted on one letter) are dropped before
# shaping, so that a cluster neither runs up the page nor maps one glyph to hundreds of characters.
_THAI_ABOVE = "\u0e31\u0e34-\u0e37\u0e47-\u0e4e"
_THAI_BELOW = "\u0e38-\u0e3a"
_OTHER_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARKS = f"[{_THAI_ABOVE}{_THAI_BELOW}{_OTHER_MARKS}]"
_STACK = re.compile(f"{_MARKS}{{4,}}|[{_THAI_ABOVE}]{{3,}}|[{_THAI_BELOW}]{{2,}}")
_MAX_ABOVE, _MAX_BELOW, _MAX_MARKS = 2, 1, 3
_IS_ABOVE = re.compile(f"[{_THAI_ABOVE}]")
_IS_BELOW = re.compile(f"[{_THAI_BELOW}]")
# Characters a Thai font may lack, replaced by ones it has.
_REPLACEMENTS = {
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\t": " ",
    "●": "•", "○": "o", "▪": "•", "■": "•", "→": "->", "←": "<-", "↔": "<->", "✓": "/", "✔": "/",
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "–": "-", "—": "-", "“": '"', "”": '"', "‘": "'",
    "’": "'", "…": "...", "•": "-", "฿": "บาท",
}


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """A shaped piece of text in one face, ready to draw."""

    font: ShapingFont
    text: str
    codes: str
    # TJ number shown before glyph i (thousandths of the size, positive moves left, as in PDF): the
    # glyph's horizontal offset. Empty when no glyph is offset.
    before: tuple[float, ...]
    tail: float  # TJ number after the last glyph, to end exactly at the run's advance (usually 0)
    rise: tuple[float, ...]  # vertical offset per glyph (thousandths), empty when none
    starts: tuple[bool, ...]  # per glyph: it begins a cluster (carries text); marks do not
    width: float  # advance, thousandths of the font size
    gids: tuple[int, ...] = ()  # the glyphs, in the order of ``codes`` (for their ink, measured when asked)

    def ink(self) -> tuple[float, float]:
        """Highest and lowest ink of the run relative to the baseline, thousandths of the size (a tone mark
        over an upper vowel reaches ~1190, a vowel below ~-350)."""
        return _run_ink(self)

    def width_at(self, size: float) -> float:
        """Advance in points at a font size."""
        return self.width * size / 1000.0


# Runs shaped by any document, kept for the next (the faces are registered once per process): the run and
# the characters its face lacked. Cleared when it grows past _SHARED_MAX entries.
_SHARED: dict[tuple[int, str], tuple[GlyphRun, frozenset[str]]] = {}
_SHARED_MAX = 300_000
_shared_lock = threading.Lock()


class Shaper:
    """Shapes and measures text in the faces of a document; each (face, text) is shaped once per process.

    ``missing`` holds the characters this document's text needed and its face lacked (printed as ?).
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str], GlyphRun] = {}
        self._lock = threading.Lock()
        self.missing: set[str] = set()

    def run(self, font: ShapingFont, text: str) -> GlyphRun:
        """The shaped run of ``text`` in ``font`` (cached)."""
        key = (id(font), text)
        found = self._cache.get(key)
        if found is None:
            shared = _SHARED.get(key)
            if shared is None or shared[0].font is not font:
                table = _table(font)
                plain = layout_cache.get(table, text)
                if not _fits(plain):
                    plain = self._shape(font, text)
                    layout_cache.put(table, text, plain)
                run = _glyph_run(font, text, plain)
                lacked = frozenset(plain[_MISSING])
                with _shared_lock:
                    if len(_SHARED) > _SHARED_MAX:
                        _SHARED.clear()
                    _SHARED[key] = (run, lacked)
            else:
                run, lacked = shared
            if lacked:
                self.missing.update(lacked)
            found = run
            with self._lock:
                self._cache[key] = found
        return found

    def width(self, font: ShapingFont, text: str, size: float) -> float:
        """Advance of ``text`` in points."""
        return self.run(font, text).width * size / 1000.0

    def clean(self, font: ShapingFont, text: str) -> str:
        """Text with invisible characters dropped and characters the face lacks replaced."""
        return self._clean(font, text, self.missing)

    @staticmethod
    def _clean(font: ShapingFont, text: str, lacked: set[str]) -> str:
        text = cap_marks(text.translate(_INVISIBLE))
        if all(font.has_glyph(ch) for ch in text):
            return text
        out = []
        for ch in text:
            if font.has_glyph(ch):
                out.append(ch)
            elif ch in _REPLACEMENTS:
                out.append(_REPLACEMENTS[ch])
            elif ch.isspace():
                out.append(" ")
            else:
                lacked.add(ch)
                out.append("?")
        return "".join(out)

    def _shape(self, font: ShapingFont, raw: str) -> list[Any]:
        """HarfBuzz's glyphs for ``raw``, in the plain form a run is built from (and kept between runs):
        [width, tail, lacked characters, then per glyph in draw order: glyph ids, texts, PDF widths,
        TJ adjustments before, rises (the last two empty when none)]."""
        lacked: set[str] = set()
        text = self._clean(font, raw, lacked)
        buf = hb.Buffer()
        buf.cluster_level = hb.BufferClusterLevel.MONOTONE_GRAPHEMES
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(font.hb_font, buf, _FEATURES)
        infos = buf.glyph_infos
        positions = buf.glyph_positions
        for info in infos:
            if info.codepoint == 0:  # .notdef would print as a box: report the text it stood for
                lacked.add(text[info.cluster:info.cluster + 1])
        scale = font.scale
        n = len(infos)
        # Where each glyph is drawn (thousandths of the size from the run's start) and the advance.
        xs: list[float] = []
        ys: list[float] = []
        pen = 0.0
        if scale == 1.0:  # font units are already thousandths of the size
            for pos in positions:
                xs.append(pen + pos.x_offset)
                ys.append(pos.y_offset)
                pen += pos.x_advance
        else:
            for pos in positions:
                xs.append(round(pen + pos.x_offset * scale, 1))
                ys.append(round(pos.y_offset * scale, 1))
                pen += pos.x_advance * scale
        width = round(pen, 1)
        # Draw order: clusters in text order; inside a cluster, glyphs from left to right, so that
        # text extractors never see the pen go backwards inside a word. The cluster's characters go
        # to its glyphs in that order, one each, the last glyph taking what is left; extra glyphs
        # stand for nothing.
        order: list[int] = []
        glyph_text = [""] * n
        i = 0
        while i < n:
            cluster = infos[i].cluster
            j = i
            while j < n and infos[j].cluster == cluster:
                j += 1
            end = infos[j].cluster if j < n else len(text)
            chars = text[cluster:end]
            members = sorted(range(i, j), key=xs.__getitem__) if j - i > 1 else [i]
            glyph_text[members[0]] = chars
            order.extend(members)
            i = j
        # Each code's PDF width carries the pen to the next glyph that carries text, so that text
        # extractors see each cluster's characters in one box reaching the next cluster (no phantom
        # spaces); glyphs standing for nothing get width 0 and TJ adjustments place them.
        widths = []
        before = []
        rises = []
        pen = 0.0
        next_text_x = width
        targets = [0.0] * len(order)
        for k in range(len(order) - 1, -1, -1):
            targets[k] = next_text_x
            if glyph_text[order[k]]:
                next_text_x = xs[order[k]]
        for k, g in enumerate(order):
            x = xs[g]
            kern = -(x - pen) if abs(x - pen) > 0.05 else 0.0
            w = max(0.0, round(targets[k] - x, 1)) if glyph_text[g] else 0.0
            widths.append(w)
            before.append(kern)
            rises.append(ys[g])
            pen = x + w
        tail = -(width - pen) if abs(width - pen) > 0.05 else 0.0
        return [
            width, tail, "".join(sorted(lacked)), [infos[g].codepoint for g in order],
            [glyph_text[g] for g in order], widths, before if any(before) else [],
            rises if any(rises) else [],
        ]


_MISSING = 2  # where a plain form holds the characters the face lacked


def _fits(plain: Any) -> TypeGuard[list[Any]]:
    """Whether a kept plain form is one (a damaged answer is shaped again)."""
    if not isinstance(plain, list) or len(plain) != 8:
        return False
    width, tail, lacked, gids, texts, widths, before, rises = plain
    n = len(gids) if isinstance(gids, list) else -1
    return (isinstance(width, _NUMBER) and isinstance(tail, _NUMBER) and isinstance(lacked, str)
            and isinstance(texts, list) and isinstance(widths, list) and len(texts) == n == len(widths)
            and isinstance(before, list) and len(before) in (0, n) and isinstance(rises, list)
            and len(rises) in (0, n) and all(isinstance(g, int) for g in gids)
            and all(isinstance(t, str) for t in texts)
            and all(isinstance(v, _NUMBER) for values in (widths, before, rises) for v in values))


_NUMBER = (int, float)


def _table(font: ShapingFont) -> str:
    """The layout cache's table of a face's shaped words: named after its file (and HarfBuzz)."""
    return f"shaped {hb.__version__} {font.stamp}"


def _glyph_run(font: ShapingFont, raw: str, plain: list[Any]) -> GlyphRun:
    """The run of a plain form (see ``Shaper._shape``): each glyph drawn through its (glyph, text) code."""
    width, tail, _lacked, gids, texts, widths, before, rises = plain
    code_for = font.code_for
    codes = "".join([code_for(gid, chars, w) for gid, chars, w in zip(gids, texts, widths, strict=True)])
    return GlyphRun(
        font=font,
        text=raw,
        codes=codes,
        before=tuple(before),
        tail=tail,
        rise=tuple(rises),
        starts=_stretch_points(texts),
        width=width,
        gids=tuple(gids),
    )


def cap_marks(text: str) -> str:
    """``text`` with each letter's combining marks cut to what a line can hold: at most two Thai marks
    above, one below, three in all (the first ones typed are kept)."""
    if _STACK.search(text) is None:
        return text
    return re.sub(f"{_MARKS}+", _capped, text)


def _capped(found: re.Match[str]) -> str:
    above = below = 0
    kept: list[str] = []
    for ch in found.group():
        if _IS_ABOVE.match(ch):
            above += 1
            if above > _MAX_ABOVE:
                continue
        elif _IS_BELOW.match(ch):
            below += 1
            if below > _MAX_BELOW:
                continue
        if len(kept) < _MAX_MARKS:
            kept.append(ch)
    return "".join(kept)


def _stretch_points(texts: list[str]) -> tuple[bool, ...]:
    """Per glyph (in draw order, with the text each stands for): it begins a cluster that justification
    may move away from the one before. Not after a cluster with sara am (ำ, drawn as two glyphs): text
    extractors read a gap there as a space."""
    points = []
    after_am = False
    for chars in texts:
        points.append(bool(chars) and not after_am)
        if chars:
            after_am = "\u0e33" in chars
    return tuple(points)


_INK: dict[int, tuple[GlyphRun, tuple[float, float]]] = {}


def _run_ink(run: GlyphRun) -> tuple[float, float]:
    found = _INK.get(id(run))
    if found is not None and found[0] is run:
        return found[1]
    top = bottom = 0.0
    rise = run.rise
    for k, gid in enumerate(run.gids):
        glyph_top, glyph_bottom = run.font.ink(gid)
        if glyph_top != glyph_bottom:
            lift = rise[k] if rise else 0.0
            top = max(top, glyph_top + lift)
            bottom = min(bottom, glyph_bottom + lift)
    if len(_INK) > _SHARED_MAX:
        _INK.clear()
    _INK[id(run)] = (run, (top, bottom))
    return top, bottom
