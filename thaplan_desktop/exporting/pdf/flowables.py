"""Platypus flowables that set Thai text with our own line layer, and small markers for the document.

:class:`ThaiParagraph` wraps with ``Typesetter.lines`` (breaks only between words), splits across
frames and pages line by line (keeping two lines together at either end when it can), and draws
glyph runs directly. :class:`SectionMark` records where a part or form starts (outline entry,
bookmark, page number for the table of contents, form code for the page header).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus.flowables import Flowable

from thaplan_desktop.exporting.pdf.layout import Line, Span, TextStyle, Typesetter


class ThaiParagraph(Flowable):
    """A paragraph of Thai (and mixed) text: wraps between words, splits by lines, draws shaped glyphs."""

    def __init__(self, typesetter: Typesetter, text: str | Sequence[Span], style: TextStyle, *,
                 lines: list[Line] | None = None, is_continuation: bool = False,
                 keep_with_next: bool = False) -> None:
        super().__init__()
        self.ts = typesetter
        self.spans: tuple[Span, ...] = (Span(text, style.bold),) if isinstance(text, str) else tuple(text)
        self.style = style
        self._lines = lines
        self._lines_width: float | None = None if lines is None else -1.0
        self.is_continuation = is_continuation
        self.keepWithNext = keep_with_next
        self.spaceBefore = 0.0 if is_continuation else style.space_before
        self.spaceAfter = style.space_after
        self.width = 0.0
        self.height = 0.0

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return "".join(s.text for s in self.spans)

    def _layout(self, width: float) -> list[Line]:
        if self._lines is not None and (self._lines_width == -1.0 or self._lines_width == width):
            return self._lines
        self._lines = self.ts.lines(self.spans, self.style, width)
        self._lines_width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """Lay out for the frame's width; height is lines × leading."""
        self.width = availWidth
        lines = self._layout(availWidth)
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N802, N803 - Platypus API
        """Split between lines; never leave one line alone at the bottom or top when avoidable."""
        lines = self._layout(availWidth)
        leading = self.style.leading
        fit = int((availHeight + 1e-6) // leading)
        n = len(lines)
        if fit >= n:
            return [self]
        if n >= 4:
            fit = min(fit, n - 2)  # no widow
            if fit < 2:
                return []  # no orphan
        if fit <= 0:
            return []
        first = ThaiParagraph(self.ts, self.spans, self.style, lines=lines[:fit],
                              is_continuation=self.is_continuation)
        first.spaceAfter = 0.0
        second = ThaiParagraph(self.ts, self.spans, self.style, lines=lines[fit:], is_continuation=True,
                               keep_with_next=bool(self.keepWithNext))
        return [first, second]

    def draw(self) -> None:
        """Draw the lines from the top of the box."""
        lines = self._lines or []
        self.ts.draw_lines(self.canv, lines, 0, self.height, self.width, self.style,
                           first_is_first=not self.is_continuation)


class SectionMark(Flowable):
    """A zero-size marker where a part or form begins.

    When drawn it adds a bookmark and an outline entry, tells the document which form code to print
    at the top right of the following pages, and notes the page number for the table of contents.
    """

    _ZERO = 0.0

    def __init__(self, key: str, title: str, level: int = 0, *, form_code: str | None = None,
                 page_title: tuple[str, ...] | None = None, toc: bool = True, keep_with_next: bool = True) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.level = level
        self.form_code = form_code
        self.page_title = page_title  # title lines printed at the top of every page of a form
        self.toc = toc
        self.width = self.height = 0.0
        # The mark goes to the page of what follows it: a heading kept with its paragraph may move to
        # the next page, and the mark (its bookmark, its page in the contents) with it. (Not before a
        # form's table, which starts a page of its own and may run over many.)
        self.keepWithNext = keep_with_next

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """Takes no room."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Bookmark, outline entry, and notes for the document template."""
        canvas = self.canv
        canvas.bookmarkPage(self.key)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        doc = getattr(canvas, "thaplan_doc", None)
        if doc is not None:
            doc.section_started(self)
