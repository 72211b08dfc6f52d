"""What every printed report shares: its options, its page templates and page furniture, and writing it.

The reports of the plan in use — the monitoring report (``progress``), the work calendar (``work_calendar``)
and the procurement plan's annex (``procurement``) — are set with the plan's own Thai typography engine
(``exporting.pdf``: its ``Typesetter``, ``ThaiParagraph``, ``FormTable``, fitted columns, the draft mark).
``ReportTemplate`` gives them their pages: a portrait cover, a portrait ประกาศ page (the plan's frame, its
crest near the top), and portrait or landscape body pages with a running title at the top and the page
number at the bottom (``- 1 -`` from the first body page; the PDF's page labels say ปก, ประกาศ, 1, 2 …).
A draft (a report whose round is not announced, a calendar or annex of an edition not announced yet)
carries the engine's ร่าง marks on every page.

``write_pdf`` lays a story out and writes the file through ``exporting.output.atomic_output``: never over a
plan, its companion files, a folder or a device, and whole or not at all, so a failed or cancelled report
(``ExportCancelled``, checked between flowables and pages) leaves the old file as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfdoc import PDFPageLabel
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.exporting.output import atomic_output
from thaplan_desktop.exporting.pdf.flowables import SectionMark, ThaiParagraph
from thaplan_desktop.exporting.pdf.fonts import register_fonts
from thaplan_desktop.exporting.pdf.layout import TITLE_LEADING, Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.marks import draw_heading_mark, draw_watermark
from thaplan_desktop.exporting.pdf.options import ExportCancelled
from thaplan_desktop.exporting.pdf.segment import NameSet
from thaplan_desktop.exporting.pdf.template import ANNOUNCE_FRAME, build_binary

__all__ = [
    "CM",
    "LANDSCAPE_WIDTH",
    "PORTRAIT_WIDTH",
    "ExportCancelled",
    "ReportOptions",
    "ReportTemplate",
    "WrittenReport",
    "heading",
    "mark",
    "typesetter",
    "write_pdf",
]

CM = 72.0 / 2.54
_LAND_W, _LAND_H = landscape(A4)
_PORT_W, _PORT_H = A4
_SIDE = 1.0 * CM  # landscape body: as the forms
_PORTRAIT_LEFT, _PORTRAIT_RIGHT = 2.5 * CM, 2.0 * CM
_TOP = 1.6 * CM  # room for the running title
_BOTTOM = 1.5 * CM  # room for the page number
LANDSCAPE_WIDTH = _LAND_W - 2 * _SIDE
LANDSCAPE_HEIGHT = _LAND_H - _TOP - _BOTTOM
PORTRAIT_WIDTH = _PORT_W - _PORTRAIT_LEFT - _PORTRAIT_RIGHT
PORTRAIT_HEIGHT = _PORT_H - _TOP - _BOTTOM
_RUNNING_SIZE = 11.0
_NUMBER_SIZE = 14.0
TEXTS = {
    "cover_label": "ปก",
    "announcement_label": "ประกาศ",
    "page_number": "- {number} -",
}

ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How a report is printed: the font setting (as the plan's PDF), Thai digits, compressed streams."""

    font: str = "auto"
    thai_digits: bool = False
    compress: bool = True


@dataclass(frozen=True, slots=True)
class WrittenReport:
    """What was written: the file, its pages, where each part starts (key, title, page), and a few figures."""

    path: Path
    pages: int
    sections: tuple[tuple[str, str, int], ...] = ()
    seconds: float = 0.0
    missing_characters: str = ""
    font_family: str = ""


def typesetter(options: ReportOptions, names: Iterable[str] = ()) -> Typesetter:
    """The engine's typesetter for a report: the font setting's faces (registered once per process) and the
    names it keeps on one line whenever they fit (units, strategies, programs, the organisation)."""
    fonts = register_fonts(options.font)
    return Typesetter(fonts, thai_digits=options.thai_digits, names=NameSet.of(n for n in names if n))


def heading(ts: Typesetter, text: str, *, size: float = 18.0, centred: bool = False,
            space_before: float = 0.0) -> ThaiParagraph:
    """A part's heading, kept with what follows it."""
    style = TextStyle(size=size, leading_factor=TITLE_LEADING, bold=True,
                      align=Align.CENTER if centred else Align.LEFT, space_before=space_before,
                      space_after=size * 0.35)
    return ThaiParagraph(ts, text, style, keep_with_next=True)


def mark(key: str, title: str, level: int = 0) -> SectionMark:
    """A bookmark and outline entry where a part begins (its page is recorded in ``WrittenReport.sections``)."""
    return SectionMark(key, title, level)


class ReportCanvas(Canvas):
    """A canvas that knows its document template (the engine's flowables look for ``thaplan_doc``)."""

    thaplan_doc: ReportTemplate | None = None


class ReportTemplate(BaseDocTemplate):
    """Cover, ประกาศ, portrait and landscape body pages; running title, page number, draft marks."""

    def __init__(self, target: str, ts: Typesetter, *, running_title: str, draft: bool,
                 cancel: Callable[[], bool], progress: Callable[[], None], first_page: str = "cover",
                 **kwargs: Any) -> None:
        super().__init__(target, pagesize=A4, **kwargs)
        self.ts = ts
        self.running_title = running_title
        self.draft = draft
        self._cancel = cancel
        self._progress = progress
        self.body_start: int | None = None
        self.sections: list[tuple[str, str, int]] = []

        def frame(name: str, x: float, y: float, w: float, h: float) -> Frame:
            return Frame(x, y, w, h, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        self.addPageTemplates([
            PageTemplate("cover", [frame("cover", 2.5 * CM, 2.5 * CM, _PORT_W - 5.0 * CM, _PORT_H - 5.0 * CM)],
                         pagesize=A4, onPage=self._begin_page, onPageEnd=self._end_cover),
            PageTemplate("announce", [frame("announce", 3.0 * CM, 2.0 * CM, *ANNOUNCE_FRAME)], pagesize=A4,
                         onPage=self._begin_page, onPageEnd=self._end_announcement),
            PageTemplate("portrait", [frame("portrait", _PORTRAIT_LEFT, _BOTTOM, PORTRAIT_WIDTH, PORTRAIT_HEIGHT)],
                         pagesize=A4, onPage=self._begin_page, onPageEnd=self._end_body),
            PageTemplate("landscape", [frame("landscape", _SIDE, _BOTTOM, LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT)],
                         pagesize=landscape(A4), onPage=self._begin_page, onPageEnd=self._end_body),
        ])
        self._firstPageTemplateIndex = [t.id for t in self.pageTemplates].index(first_page)

    # Platypus hooks ---------------------------------------------------------------------------------
    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """Check for cancellation between flowables."""
        if self._cancel():
            raise ExportCancelled()
        super().handle_flowable(flowables)

    def section_started(self, section: SectionMark) -> None:
        """A part's mark was drawn on the current page."""
        self.sections.append((section.key, section.title, self.page))

    def _begin_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.draft:
            draw_watermark(canvas, self.ts)

    def _end_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.addPageLabel(canvas.getPageNumber() - 1, prefix=TEXTS["cover_label"])
        self._page_done(canvas)

    def _end_announcement(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.addPageLabel(canvas.getPageNumber() - 1, prefix=TEXTS["announcement_label"])
        self._page_done(canvas)

    def _end_body(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.body_start is None:
            self.body_start = self.page
            canvas.addPageLabel(canvas.getPageNumber() - 1, style=PDFPageLabel.ARABIC, start=1)
        width, height = canvas._pagesize
        ts = self.ts
        number = TEXTS["page_number"].format(number=self.page - self.body_start + 1)
        style = TextStyle(size=_NUMBER_SIZE, leading_factor=1.3, align=Align.CENTER)
        ts.draw_lines(canvas, [ts.single_line(number, _NUMBER_SIZE)], 0, 1.0 * CM, width, style)
        if self.running_title:
            room = width - 2 * 3.2 * CM
            title = TextStyle(size=_RUNNING_SIZE, leading_factor=1.3, bold=True, align=Align.CENTER)
            lines = ts.lines(self.running_title, title, room)[:2]
            ts.draw_lines(canvas, lines, 3.2 * CM, height - 0.55 * CM, room, title)
        self._page_done(canvas)

    def _page_done(self, canvas: Canvas) -> None:
        if self.draft:
            draw_heading_mark(canvas, self.ts)
        self._progress()
        if self._cancel():
            raise ExportCancelled()


@dataclass(slots=True)
class _Pages:
    """Pages drawn, reported as a fraction of those expected (the callback's ``progress(fraction, message)``)."""

    callback: ProgressCallback | None
    expected: int
    message: str
    done: int = field(default=0)

    def page(self) -> None:
        self.done += 1
        if self.callback is not None:
            self.callback(min(0.99, self.done / max(1, self.expected)), self.message)


def write_pdf(path: Path | str, story: list[Flowable], ts: Typesetter, *, title: str, subject: str, author: str,
              running_title: str = "", draft: bool = False, options: ReportOptions | None = None,
              expected_pages: int = 10, progress: ProgressCallback | None = None,
              cancel: Callable[[], bool] | None = None, message: str = "กำลังสร้างหน้าเอกสาร",
              first_page: str = "cover") -> WrittenReport:
    """Lay ``story`` out on the report's pages and write it to ``path``, whole or not at all.

    ``progress(fraction, message)`` is called after every page (``expected_pages`` makes the fraction);
    ``cancel()`` is asked between flowables and pages, and stops the report with ``ExportCancelled``.
    ``first_page``: the page template of the first page (``cover``, ``portrait``, ``landscape``).
    """
    started = time.perf_counter()
    options = options or ReportOptions()
    target = Path(path)
    pages = _Pages(progress, expected_pages, message)
    keywords = [w for w in (author, title) if w]
    with atomic_output(target) as temporary:  # never over a plan or a device; whole or not at all
        doc = ReportTemplate(
            str(temporary), ts, running_title=running_title, draft=draft, cancel=cancel or (lambda: False),
            first_page=first_page,
            progress=pages.page, title=title + (" (ร่าง)" if draft else ""), author=author, subject=subject,
            creator="ThaPlan Desktop", producer="ThaPlan Desktop (ReportLab)", keywords=keywords, lang="th-TH",
            initialFontName=ts.fonts.regular.name, initialFontSize=16, invariant=0,
            pageCompression=1 if options.compress else 0)

        build_binary(doc, story, ReportCanvas, compress=options.compress)
    if progress is not None:
        progress(1.0, "เสร็จแล้ว")
    return WrittenReport(target, doc.page, tuple(doc.sections), time.perf_counter() - started,
                         "".join(sorted(ts.shaper.missing)), ts.fonts.family)
