"""Thai text laid out for painting: where lines break, and glyph runs prepared once; both cached.

Breaking Thai lines needs a dictionary lookup (Qt asks libthai), the slow part of painting a cell; the grid
asks for the same texts at the same widths over and over (scrolling, filtering, repainting), so the lines
are kept. ``wrap_lines`` is the one line breaker of the GUI: the entry grid, and the procedure chart, whose
box titles also keep some words whole that the dictionary would split (``keep_whole``: คณะ|กรรมการ …).
``static_text`` keeps a line's glyphs laid out, so a repaint only places them again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTextBoundaryFinder
from PySide6.QtGui import QFont, QStaticText, QTextLayout, QTextOption, QTransform

_CACHE_SIZE = 20_000
_WRAP_CACHE: dict[tuple[str, str, float, tuple[str, ...]], tuple[str, ...]] = {}
_STATIC_CACHE: dict[tuple[str, str], QStaticText] = {}


def wrap_lines(text: str, font: QFont, width: float, keep_whole: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The lines ``text`` wraps into at ``width`` pixels (Thai broken between words), cached.

    Explicit line breaks are kept; a word wider than the line is broken where it must. A line never ends
    inside one of the ``keep_whole`` words (when an earlier break exists on that line).
    """
    key = (text, font.key(), width, keep_whole)
    lines = _WRAP_CACHE.get(key)
    if lines is not None:
        return lines
    result: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            result.append("")
            continue
        protected = _inside_words(paragraph, keep_whole)
        if protected:
            result += _wrap_keeping(paragraph, font, width, protected)
        else:
            result += _wrap(paragraph, font, width)
    if len(_WRAP_CACHE) >= _CACHE_SIZE:
        _WRAP_CACHE.clear()
    lines = _WRAP_CACHE[key] = tuple(result)
    return lines


def _layout(text: str, font: QFont) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    return layout


def _wrap(paragraph: str, font: QFont, width: float) -> list[str]:
    """The lines of one paragraph as Qt lays them out."""
    lines: list[str] = []
    layout = _layout(paragraph, font)
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(10, width))
        lines.append(paragraph[line.textStart():line.textStart() + line.textLength()].rstrip())
    layout.endLayout()
    return lines


def _inside_words(paragraph: str, words: tuple[str, ...]) -> set[int]:
    """Positions strictly inside any of ``words`` where they occur in ``paragraph``."""
    inside: set[int] = set()
    for word in words:
        start = paragraph.find(word)
        while start != -1:
            inside.update(range(start + 1, start + len(word)))
            start = paragraph.find(word, start + 1)
    return inside


def _wrap_keeping(paragraph: str, font: QFont, width: float, protected: set[int]) -> list[str]:
    """Lines as Qt breaks them, except that a break inside a protected word moves back to an earlier one."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, paragraph)
    allowed: list[int] = []
    while (position := finder.toNextBoundary()) != -1:
        if position not in protected:
            allowed.append(position)
    lines: list[str] = []
    start = 0
    while start < len(paragraph):
        end = start + max(1, _first_line_length(paragraph[start:], font, width))
        if end in protected:
            earlier = [b for b in allowed if start < b < end]
            if earlier:
                end = earlier[-1]
        lines.append(paragraph[start:end].rstrip())
        start = end
    return lines


def _first_line_length(text: str, font: QFont, width: float) -> int:
    layout = _layout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(max(10, width))
    length = line.textLength()
    layout.endLayout()
    return length


def static_text(line: str, font: QFont) -> QStaticText:
    """A line of text with its glyphs laid out once (repaints only place the glyphs again), cached."""
    key = (line, font.key())
    static = _STATIC_CACHE.get(key)
    if static is None:
        if len(_STATIC_CACHE) >= _CACHE_SIZE:
            _STATIC_CACHE.clear()
        static = _STATIC_CACHE[key] = QStaticText(line)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        static.prepare(QTransform(), font)
    return static
