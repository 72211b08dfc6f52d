"""Whole pages of the printed reports: a cover, and a ประกาศ set on one page from its markup text.

``ReportCover`` centres its title lines (each its own size) under the office's logo, with the planning unit
and the office at the bottom, as the plan's cover does. ``announcement`` lays out a ประกาศ written in the
plan's markup (``exporting.pdf.texts``: ``[ตราครุฑ]``, ``#`` title lines, paragraphs, ``=`` the date line,
``>`` the signature block) with the crest above its heading, a little smaller when that keeps who signs
on the same page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.utils import ImageReader
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.exporting.pdf.layout import Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.pages import Crest
from thaplan_desktop.exporting.pdf.template import ANNOUNCE_FRAME
from thaplan_desktop.exporting.pdf.texts import markup_flowables
from thaplan_desktop.exporting.reports.document import CM

__all__ = ["ReportCover", "announcement"]


class ReportCover(Flowable):
    """A cover: the logo, centred title lines of their own sizes, the planning unit and office at the bottom."""

    def __init__(self, ts: Typesetter, lines: Sequence[tuple[str, float]], *, logo: bytes | None = None,
                 bottom: Sequence[str] = ()) -> None:
        super().__init__()
        self.ts = ts
        self.title_lines = tuple(lines)
        self.logo = logo
        self.bottom = tuple(b for b in bottom if b)
        self.width = self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """The whole frame."""
        self.width, self.height = availWidth, availHeight - 1.0
        return self.width, self.height

    def draw(self) -> None:
        """Logo, title lines, bottom lines."""
        canvas, ts = self.canv, self.ts
        y = self.height
        drawn = False
        if self.logo:
            try:
                image = ImageReader(io.BytesIO(self.logo))
                iw, ih = image.getSize()
                scale = min(4.5 * CM / iw, 4.5 * CM / ih)
                w, h = iw * scale, ih * scale
                canvas.drawImage(image, (self.width - w) / 2.0, y - h, w, h, mask="auto")
                y -= h + 1.0 * CM
                drawn = True
            except Exception:  # noqa: BLE001 - a broken logo must not stop the report
                drawn = False
        if not drawn:
            y -= 3.5 * CM
        y -= 1.0 * CM
        for text, size in self.title_lines:
            style = TextStyle(size=size, leading_factor=1.35, bold=True, align=Align.CENTER)
            y = ts.draw_lines(canvas, ts.lines(text, style, self.width), 0, y, self.width, style) - 0.25 * size
        if self.bottom:
            style = TextStyle(size=20.0, leading_factor=1.35, bold=True, align=Align.CENTER)
            lines = [line for text in self.bottom for line in ts.lines(text, style, self.width)]
            ts.draw_lines(canvas, lines, 0, 1.0 * CM + len(lines) * style.leading, self.width, style)


def _height(flowables: list[Flowable], width: float, height: float) -> float:
    total = 0.0
    for k, flowable in enumerate(flowables):
        _w, h = flowable.wrap(width, height)
        total += h + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if k else 0.0)
    return total


def announcement(ts: Typesetter, text: str, *, crest: bytes | None, body_size: float = 16.0) -> list[Flowable]:
    """The flowables of a ประกาศ in the plan's markup, on one page when 2 pt less size allows it."""
    size = body_size
    while True:
        flowables = markup_flowables(ts, text, body_size=size, title_size=size + 2, crest=lambda: Crest(crest))
        if size <= body_size - 2.0 or _height(flowables, *ANNOUNCE_FRAME) <= ANNOUNCE_FRAME[1]:
            return flowables
        size -= 0.5
