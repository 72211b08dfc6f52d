"""Column widths fitted to a form's content: the same widths on every page of the form.

Each column starts as wide as the widest piece of its cells and header that can never be broken without
cutting between character clusters (a dictionary word of a long compound, a number, an amount), plus
the padding, but never wider than ``cap`` for that (a third of the page: a single word wider than that
is cut, and the typesetter logs it). What is left of the table's width then goes, a step at a time, to
the column where it saves the most: the rows' height, their line counts estimated from the widths of
their words as the line breaker sees them (names and numbers with their units kept whole), and each word
that would not fit whole and so would be opened between its dictionary sub-words (counted as a line).
Columns of fixed width (the months) take no part.

A whole ผด.02 cannot give every column its widest word (the demo's words alone need 20 cm of the 16 cm
left beside the months and amounts): this is where the long official compounds (องค์กรปกครองส่วนท้องถิ่น,
กองทุนบำเหน็จบำนาญข้าราชการ) are weighed against the lines they would save.

Estimating on a sample of at most ``_SAMPLE`` rows keeps a 10,000-row plan as fast as the demo.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from thaplan_desktop.exporting.pdf.layout import Typesetter

_STEPS = 40
_SAMPLE = 160
_EPS = 0.01
_OPENED_COST = 2.0  # a word opened between its sub-words costs as much as two lines
_SPLIT_NAME_COST = 2.0  # a name (or a number with its unit) broken over two lines: a line
_WIDE_WORD = 30.0  # words narrower than this (points) are assumed to fit any column
_TOTAL_SHRINK = 0.88
_SHORT_NAME = 3.0 * 72.0 / 2.54  # names up to 3 cm (บ้านหนองจอก, กองสวัสดิการสังคม) are kept whole


@dataclass(frozen=True, slots=True)
class ColumnNeed:
    """What one column has to hold."""

    texts: Sequence[str] = ()  # the body cells' texts (regular)
    bold_texts: Sequence[str] = ()  # total rows' texts (bold)
    header: str = ""  # the header cell's text (bold, at the header size)
    fixed: float | None = None  # a fixed width (points); the column takes no part in fitting
    whole: bool = False  # every text on one line (amounts, numbers): as wide as the widest text (the bold
    # totals may be set up to _TOTAL_SHRINK smaller rather than widen the column for them alone)
    pad: float = 3.0  # padding each side
    indent: float = 0.0  # extra left indent of its body text
    extra_words: Sequence[tuple[str, float]] = field(default=())  # more (text, size) to fit as words


def _lines(groups: list[tuple[float, bool]], room: float) -> float:
    """Lines a text takes in ``room``, greedily, as the breaker fills them (groups wider than the line
    are counted by how many lines their width covers)."""
    if room <= 0:
        return 99.0
    lines = 1.0
    used = 0.0
    pending = 0.0
    for width, space in groups:
        if space:
            if used:
                pending += width
            continue
        if used + pending + width <= room + _EPS:
            used += pending + width
            pending = 0.0
            continue
        pending = 0.0
        if width <= room + _EPS:
            if used:
                lines += 1.0
            used = width
            continue
        if used:
            lines += 1.0
        full = math.floor(width / room)
        lines += full
        used = width - full * room
        if used <= _EPS:
            lines -= 1.0
            used = room
    return lines


def fit_columns(ts: Typesetter, needs: Sequence[ColumnNeed], total: float, *, body_size: float,
                header_size: float, cap: float, header_weight: float = 1.0) -> list[float]:
    """Widths (points) of the columns, adding up to ``total``."""
    widths: list[float] = []
    flexible: list[int] = []
    words: dict[int, list[float]] = {}  # per flexible column: its wide words' widths, ascending
    names: dict[int, list[float]] = {}  # and its wide names and phrases kept together
    for i, need in enumerate(needs):
        if need.fixed is not None:
            widths.append(need.fixed)
            continue
        head = ts.widest_word(need.header, header_size, True) if need.header else 0.0
        if need.whole:
            body = max([ts.width(t, body_size) for t in need.texts if t]
                       + [ts.width(t, body_size, True) * _TOTAL_SHRINK for t in need.bold_texts if t] + [0.0])
            widths.append(max(body + need.indent, head) + 2 * need.pad + 1.0)  # bold totals may shrink
            continue
        pieces = [ts.word_widths(t, body_size) for t in need.texts if t]
        pieces += [ts.word_widths(t, body_size, True) for t in need.bold_texts if t]
        pieces += [ts.word_widths(t, size) for t, size in need.extra_words]
        widest = max((piece for _w, _g, piece in pieces), default=0.0)
        words[i] = sorted(w for found, _g, _piece in pieces for w in found if w > _WIDE_WORD)
        names[i] = sorted(w for _w, found, _piece in pieces for w in found if w > _WIDE_WORD)
        # A short name (a village, a small unit) is never broken: the column takes the widest of them.
        widest = max([widest] + [w for w in names[i] if w <= _SHORT_NAME])
        widths.append(min(cap, max(widest + need.indent, head) + 2 * need.pad))
        flexible.append(i)
    free = total - sum(widths)
    if not flexible:
        return widths
    if free < 0:
        # Not even the widest words fit: narrow the text columns alike (the widest words get cut, logged).
        share = sum(widths[i] for i in flexible)
        for i in flexible:
            widths[i] += free * widths[i] / share
        return widths

    rows = max((len(needs[i].texts) for i in flexible), default=0)
    stride = max(1, math.ceil(rows / _SAMPLE))
    sample = range(0, rows, stride)
    # Each sampled row's cells, and each header, as the breaker sees them.
    cells = {i: [ts.natural_widths(needs[i].texts[r], body_size) if r < len(needs[i].texts) and needs[i].texts[r]
                 else [] for r in sample] for i in flexible}
    heads = {i: ts.natural_widths(needs[i].header, header_size, True) if needs[i].header else [] for i in flexible}
    demand = {i: sum(w for groups in cells[i] for w, _s in groups) or 1.0 for i in flexible}
    cache: dict[tuple[int, float], tuple[list[float], float]] = {}

    def counts(i: int, width: float) -> tuple[list[float], float]:
        key = (i, round(width, 3))
        found = cache.get(key)
        if found is None:
            room = width - 2 * needs[i].pad
            found = ([_lines(groups, room - needs[i].indent) if groups else 1.0 for groups in cells[i]],
                     _lines(heads[i], room) if heads[i] else 1.0)
            cache[key] = found
        return found

    def opened(i: int, width: float) -> float:
        room = width - 2 * needs[i].pad - needs[i].indent + _EPS
        return (_OPENED_COST * (len(words[i]) - bisect.bisect_right(words[i], room))
                + _SPLIT_NAME_COST * (len(names[i]) - bisect.bisect_right(names[i], room)))

    def cost(current: list[float]) -> float:
        per_column = [counts(i, current[i]) for i in flexible]
        body = sum(map(max, zip(*(col[0] for col in per_column), strict=True))) if sample else 0.0
        return (body * stride + header_weight * max(col[1] for col in per_column)
                + sum(opened(i, current[i]) for i in flexible))

    step = free / _STEPS
    left = _STEPS
    current = cost(widths)
    while left > 0:
        # The best saving per step, looking a few steps ahead (a header line or a long word is saved
        # only once a column has grown by several steps at once). A trial changes one column: the rows'
        # heights are the larger of its lines and the most lines of the other columns.
        per_column = {i: counts(i, widths[i]) for i in flexible}
        best: tuple[float, float, int, int] | None = None
        for i in flexible:
            others = [col[0] for j, col in per_column.items() if j != i]
            rest = list(map(max, *others)) if len(others) > 1 else (others[0] if others else [0.0] * len(sample))
            head_rest = max((col[1] for j, col in per_column.items() if j != i), default=1.0)
            opened_rest = sum(opened(j, widths[j]) for j in flexible if j != i)
            for k in (1, 3, 8):
                if k > left:
                    break
                lines, head = counts(i, widths[i] + k * step)
                body = sum(map(max, rest, lines)) if sample else 0.0
                c = body * stride + header_weight * max(head, head_rest) + opened_rest + opened(i, widths[i] + k * step)
                key = ((c - current) / k, -demand[i] / widths[i], k, i)
                if best is None or key < best:
                    best = key
        assert best is not None
        _gain, _ratio, k, i = best
        if best[0] >= 0:
            k = 1  # nothing saves more yet: the column with the most text for its width grows
        widths[i] += k * step
        left -= k
        current = cost(widths)
    return widths
