"""Choosing where lines break: greedy for ragged text (table cells, titles), best fit for justified paragraphs.

Both work on *items*: a group of shaped units kept on one line when it fits (a name, a number with its
unit, a date: see ``segment.groups``), a single word, or a space. A line may break at a space (the space
is dropped) or between two items; never inside an item, except that an item wider than a whole line is
opened into its units, and a single unit still wider than the line is handed to ``cut`` (the typesetter
cuts it between words, then between character clusters, and logs it).

Widths are in thousandths of the font size (as shaped), so the rooms passed in are too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from thaplan_desktop.exporting.pdf.shaping import GlyphRun

EPSILON = 0.01
# Best fit: a line broken between two words with no space there costs as much as this share of the line
# left empty (Thai spaces separate phrases: the better places to break).
_NO_SPACE_PENALTY = 0.06
# Justified lines: the gaps between character clusters may open by this much (ems), the spaces by this
# much more: wider, and a text extractor reads a word's gaps as spaces (poppler: from 0.1 em), a line's
# spaces as columns (poppler takes a gap of 0.75 em below a gap of the line above for a column).
CLUSTER_STRETCH = 0.08
SPACE_STRETCH = 0.5


def is_space(run: GlyphRun) -> bool:
    """A breakable space (a no-break space is part of a word)."""
    return run.text.isspace() and "\u00a0" not in run.text


@dataclass(slots=True)
class Item:
    """Runs that go on one line together when they fit."""

    runs: list[GlyphRun]
    width: float
    space: bool = False
    inner: list[Item] | None = None  # the groups inside this group, when it has any (names in a name)
    hard: bool = False  # a date: opened only when wider than a whole line

    @property
    def text(self) -> str:
        """The text of its runs."""
        return "".join(run.text for run in self.runs)

    @classmethod
    def of(cls, runs: list[GlyphRun], inner: list[Item] | None = None, hard: bool = False) -> Item:
        """An item of some runs (a single space run is a space item)."""
        return cls(runs, sum(r.width for r in runs), len(runs) == 1 and is_space(runs[0]), inner, hard)

    def opened(self) -> list[Item]:
        """What it breaks into when wider than a line: the groups inside it, else its runs."""
        if self.inner is not None and len(self.inner) > 1:
            return self.inner
        return [Item.of([run]) for run in self.runs]


Cut = Callable[[GlyphRun, float], list[GlyphRun]]
Opened = Callable[[str, float], None]  # told of a word or group a break opens, and the line's width
Laid = list[tuple[list[GlyphRun], float]]  # each line: its runs and its width (thousandths)


def _trim(runs: list[GlyphRun], width: float) -> tuple[list[GlyphRun], float]:
    while runs and is_space(runs[-1]):
        width -= runs.pop().width
    return runs, width


def greedy(items: Sequence[Item], first: float, other: float, space_slack: float, cut: Cut,
           opened: Opened | None = None) -> Laid:
    """Fill each line as far as it goes; break at a space near the line's end rather than after its last
    word when what follows the space is at most ``space_slack`` of the line (phrases stay together)."""
    lines: Laid = []
    runs: list[GlyphRun] = []
    width = 0.0
    pending: list[GlyphRun] = []  # spaces after the line's last word
    pending_w = 0.0
    queue = deque(items)

    def room() -> float:
        return first if not lines else other

    def flush() -> None:
        nonlocal runs, width
        lines.append(_trim(runs, width))
        runs, width = [], 0.0

    while queue:
        item = queue.popleft()
        if item.space:
            if runs:
                pending.extend(item.runs)
                pending_w += item.width
            continue
        if width + pending_w + item.width <= room() + EPSILON:
            runs.extend(pending)
            runs.extend(item.runs)
            width += pending_w + item.width
            pending, pending_w = [], 0.0
            continue
        if len(item.runs) > 1 and item.width > other + EPSILON:
            if opened is not None:
                opened(item.text, other)
            queue.extendleft(reversed(item.opened()))  # a group wider than a whole line: its units
            continue
        if item.width > other + EPSILON:
            # A single unit wider than a whole line: its pieces fill this line and the next ones.
            if runs:
                runs.extend(pending)
                width += pending_w
            pending, pending_w = [], 0.0
            for piece in cut(item.runs[0], other):
                if runs and width + piece.width > room() + EPSILON:
                    flush()
                runs.append(piece)
                width += piece.width
            continue
        gap = pending
        pending, pending_w = [], 0.0
        if runs and not gap:
            # The line would break between two words: break at a space near its end instead.
            k = len(runs) - 1
            tail_w = 0.0
            while k > 0 and not is_space(runs[k]):
                tail_w += runs[k].width
                k -= 1
            if k > 0 and tail_w <= space_slack * room() and tail_w + item.width <= other + EPSILON:
                tail = runs[k + 1:]
                runs = runs[:k]
                width = sum(r.width for r in runs)
                flush()
                queue.appendleft(item)
                queue.extendleft(reversed([Item.of([r]) for r in tail]))
                continue
        if runs:
            flush()
        if not runs and not lines and item.width > room() + EPSILON:
            flush()  # wider than an indented first line only: the first line stays empty
        runs.extend(item.runs)
        width += item.width
    if runs or not lines:
        flush()
    return lines


# Best fit: breaking inside a name (a group kept together when it fits) costs as much as a line that
# stays more than half empty, inside a name within a name (ท่าสะท้อน in องค์การบริหารส่วนตำบลท่าสะท้อน)
# far more: a justified paragraph parts a long name only between the names it is made of, and only when
# keeping it whole would leave a line it cannot fill.
_NAME_BREAK = 800.0
_INNER_NAME_BREAK = 3000.0
# Between the names a longer one is made of: องค์การบริหารส่วนตำบล | ท่าสะท้อน, อบต. | ท่าสะท้อน.
_BETWEEN_NAMES_BREAK = 40.0
_HARD_BREAK = 1000.0  # a date: only when it is wider than a line
# Best fit: a justified line may also break where the glue of a unit allows (a word and its bracket are
# not parted, but two words newmm reads apart are: _UNIT_BREAK), and, as a last resort, inside a long
# compound between its dictionary words (_OPEN_BREAK; logged by the typesetter).
UNIT_BREAK = 25.0
OPEN_BREAK = 45.0


Split = Callable[[GlyphRun], list[tuple[GlyphRun, float, str]]]


def _atoms(items: Sequence[Item], other: float, cut: Cut,
           split: Split | None = None) -> tuple[list[GlyphRun], list[float], list[str]]:
    """The runs of the items in order, the cost of a break before each (0 between items), and the word a
    break before it would open ("" for none). ``split`` offers the places inside a run where a justified
    line may break at a price."""
    runs: list[GlyphRun] = []
    costs: list[float] = []
    opens: list[str] = []

    def add(run: GlyphRun, cost: float, group: str = "", floor: float = 0.0) -> None:
        if run.width > other + EPSILON and not is_space(run):
            for m, piece in enumerate(cut(run, other)):
                runs.append(piece)
                costs.append(cost if m == 0 else 0.5)
                opens.append(group if m == 0 else "")
            return
        if split is None or is_space(run):
            runs.append(run)
            costs.append(cost)
            opens.append(group)
            return
        for m, (piece, inner_cost, opened) in enumerate(split(run)):
            runs.append(piece)
            costs.append(cost if m == 0 else max(inner_cost, floor))  # inside a name: at least a name break
            opens.append(group if m == 0 else opened)

    for item in items:
        if len(item.runs) == 1:
            add(item.runs[0], 0.0)
            continue
        inner_ends: set[int] = set()
        if item.inner is not None:
            pos = 0
            for part in item.inner:
                pos += len(part.runs)
                inner_ends.add(pos)
        for k, run in enumerate(item.runs):
            if k == 0:
                cost = 0.0
            elif item.hard:
                cost = _HARD_BREAK
            elif item.inner is not None and k not in inner_ends:
                cost = _INNER_NAME_BREAK
            elif item.inner is not None:
                cost = _BETWEEN_NAMES_BREAK
            else:
                cost = _NAME_BREAK
            add(run, cost, item.text if k else "", _NAME_BREAK)
    return runs, costs, opens


def best_fit(items: Sequence[Item], first: float, other: float, cut: Cut, split: Split | None = None,
             opened: Opened | None = None) -> Laid:
    """Breaks that leave the lines of a justified paragraph as evenly full as possible.

    A small dynamic programme over the break opportunities (Knuth and Plass without stretch classes):
    the cost of a line is the square of the share it leaves empty, more when the gaps of its words and
    spaces cannot widen that far (it would stay short), a little for a break with no space there, and
    ``_NAME_BREAK`` for a break inside a name, more inside a unit or a word (``split``); the last line
    costs nothing. ``opened(word, room)`` is told of each word a chosen break opens.
    """
    atoms, costs, opens = _atoms(items, other, cut, split)
    n = len(atoms)
    if n == 0:
        return [([], 0.0)]
    widths = [0.0] * (n + 1)
    gaps = [0] * (n + 1)  # cluster starts, for the stretch a line can take between them
    spaces = [0] * (n + 1)
    for i, run in enumerate(atoms):
        widths[i + 1] = widths[i] + run.width
        gaps[i + 1] = gaps[i] + sum(run.starts)
        spaces[i + 1] = spaces[i] + (1 if is_space(run) else 0)
    inf = float("inf")
    best = [inf] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    stretch = CLUSTER_STRETCH * 1000.0  # per cluster gap, thousandths of the size
    for start in range(n):
        if best[start] == inf:
            continue
        i = start
        while i < n and is_space(atoms[i]):
            i += 1
        if i == n:
            if best[start] < best[n]:
                best[n], back[n] = best[start], start
            continue
        room = first if start == 0 else other
        for j in range(i, n):
            if is_space(atoms[j]):
                continue
            natural = widths[j + 1] - widths[i]
            if natural > room + EPSILON and j > i:
                break
            following = j + 1
            if following == n:
                cost = 0.0
            else:
                empty = max(0.0, room - natural) / room
                cost = empty * empty * 100.0 + costs[following]
                if not is_space(atoms[following]):
                    cost += _NO_SPACE_PENALTY * _NO_SPACE_PENALTY * 100.0
                capacity = (max(0, gaps[j + 1] - gaps[i] - 1) * stretch
                            + (spaces[j + 1] - spaces[i]) * SPACE_STRETCH * 1000.0)
                if room - natural > capacity + EPSILON:
                    short = (room - natural - capacity) / room  # would stay short: the more, the worse
                    cost += 60.0 + short * 600.0 + short * short * 1200.0
            total = best[start] + cost
            if total < best[following]:
                best[following], back[following] = total, start
    ends = []
    k = n
    while k > 0:
        ends.append(k)
        k = back[k]
    ends.reverse()
    lines: Laid = []
    start = 0
    for end in ends:
        if opened is not None and end < n and opens[end]:
            opened(opens[end], other)
        runs = list(atoms[start:end])
        while runs and is_space(runs[0]):
            runs.pop(0)
        lines.append(_trim(runs, sum(r.width for r in runs)))
        start = end
    return lines or [([], 0.0)]
