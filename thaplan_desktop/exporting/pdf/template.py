"""The page templates of the document and what is drawn on every page around the flowables.

Cover, front matter (pages numbered ก, ข …), portrait body, the ประกาศ page, landscape part divider
and the landscape forms: three title lines and the form code (แบบ ผด.02 …) on a form's first page, a
one-line running title beside the code on the following ones. The PDF page labels follow the printed
numbers (ก, ข … then 1, 2 …). Until the edition is announced every page carries the draft mark ร่าง
(marks.py). The table of contents' page numbers are PDF form XObjects, defined just before saving, once
every part's page is known. Progress is reported and cancellation checked after each page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.exporting.pdf import forms, layout_cache
from thaplan_desktop.exporting.pdf.flowables import SectionMark
from thaplan_desktop.exporting.pdf.layout import Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.marks import draw_heading_mark, draw_watermark
from thaplan_desktop.exporting.pdf.options import ExportCancelled

CM = 72.0 / 2.54
_FORM_TOP = 3.05 * CM  # room at the top of a form's first page for its three title lines (2.95 cm)
_FORM_MORE_TOP = 1.45 * CM  # on its following pages: the title in one smaller line beside the form code
_FORM_BOTTOM = 1.05 * CM  # the page number sits below
FORM_FRAME_HEIGHT = A4[0] - _FORM_BOTTOM - _FORM_TOP  # the first page's (the smaller) frame
ANNOUNCE_FRAME = (A4[0] - 5.0 * CM, A4[1] - 3.2 * CM)  # the ประกาศ: its crest close to the top edge
_RUNNING_TITLE_SIZE = 12.0
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


class PlanCanvas(Canvas):
    """A canvas that knows its document template and fills in deferred forms before saving."""

    thaplan_doc: PlanDocTemplate | None = None

    def showPage(self) -> None:  # noqa: N802 - ReportLab's API
        """End the page, and compress its content at once rather than at the end: ReportLab keeps every
        page's drawing code as text until it writes the file, 30 KB a page of a form, 500 MB for a plan of
        50,000 projects. The bytes written are the same as ReportLab's own."""
        super().showPage()
        page = self._doc.Pages.pages[-1]
        stream = page.stream
        if page.compression and stream and not page.Contents and not rl_config.useA85:
            contents = pdfdoc.PDFStream(
                pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])}),
                pdfdoc.PDFZCompress.encode(stream))
            contents.__Comment__ = "page stream"
            page.Contents = contents
            page.stream = None

    def save(self) -> None:
        """Define the table of contents' page-number forms, then write the file."""
        if self.thaplan_doc is not None:
            self.thaplan_doc.define_deferred_forms(self)
        super().save()


class PlanDocTemplate(BaseDocTemplate):
    """Page templates (cover, front, portrait body, landscape forms) and the page furniture."""

    def __init__(self, target: str, typesetter: Typesetter, *, progress: Callable[[], None],
                 cancel: Callable[[], bool], draft: bool = False, **kwargs: Any) -> None:
        super().__init__(target, pagesize=A4, **kwargs)
        self.ts = typesetter
        self.draft = draft  # every page says ร่าง (marks.py) until the edition is announced
        self._progress = progress
        self._cancel = cancel
        self.form_code: str | None = None
        self.form_title: tuple[str, ...] = ()
        self._title_forms: dict[tuple[str, ...], str] = {}
        self.body_start: int | None = None
        self.front_start: int | None = None
        self.sections: list[tuple[str, str, int]] = []
        self.toc_forms: dict[str, str] = {}  # section key -> form name
        self.small = TextStyle(size=14.0, leading_factor=1.3)
        portrait_w, portrait_h = A4
        land_w, land_h = landscape(A4)
        portrait_frame = Frame(3.0 * CM, 2.0 * CM, portrait_w - 5.0 * CM, portrait_h - 4.5 * CM, id="portrait",
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover_frame = Frame(2.5 * CM, 2.5 * CM, portrait_w - 5.0 * CM, portrait_h - 5.0 * CM, id="cover",
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        # The ประกาศ: its crest close to the top edge, as announcements are printed.
        announce_frame = Frame(3.0 * CM, 2.0 * CM, *ANNOUNCE_FRAME, id="announce",
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        land_frame = Frame(forms.FORM_MARGIN_X, 1.5 * CM, land_w - 2 * forms.FORM_MARGIN_X, land_h - 3.2 * CM,
                           id="landscape",
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.form_frame_height = FORM_FRAME_HEIGHT
        form_frame = Frame(forms.FORM_MARGIN_X, _FORM_BOTTOM, land_w - 2 * forms.FORM_MARGIN_X, self.form_frame_height,
                           id="form",
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        more_frame = Frame(forms.FORM_MARGIN_X, _FORM_BOTTOM, land_w - 2 * forms.FORM_MARGIN_X,
                           land_h - _FORM_BOTTOM - _FORM_MORE_TOP, id="form_more",
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [cover_frame], pagesize=A4, onPage=self._begin_page, onPageEnd=self._end_plain),
            PageTemplate("front", [portrait_frame], pagesize=A4, onPage=self._begin_page, onPageEnd=self._end_front),
            PageTemplate("body", [portrait_frame], pagesize=A4, onPage=self._begin_page, onPageEnd=self._end_body),
            PageTemplate("announce", [announce_frame], pagesize=A4, onPage=self._begin_page,
                         onPageEnd=self._end_body),
            PageTemplate("landscape", [land_frame], pagesize=landscape(A4), onPage=self._begin_page, onPageEnd=self._end_body),
            PageTemplate("form", [form_frame], pagesize=landscape(A4), onPage=self._begin_page, onPageEnd=self._end_form,
                         autoNextPageTemplate="form_more"),
            PageTemplate("form_more", [more_frame], pagesize=landscape(A4), onPage=self._begin_page, onPageEnd=self._end_form_more),
        ])

    # Platypus hooks ---------------------------------------------------------------------------------
    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """Check for cancellation between flowables."""
        if self._cancel():
            raise ExportCancelled()
        super().handle_flowable(flowables)

    def section_started(self, mark: SectionMark) -> None:
        """A SectionMark was drawn on the current page."""
        page = self.page
        if mark.key == "part1" and self.body_start is None:
            self.body_start = page
        if mark.key in ("preface", "toc") and self.front_start is None:
            self.front_start = page
        self.sections.append((mark.key, mark.title, page))
        if mark.form_code is not None or mark.level == 0:
            self.form_code = mark.form_code
        if mark.page_title is not None or mark.level == 0:
            self.form_title = mark.page_title or ()

    def page_label(self, page: int) -> str:
        """The printed number of a physical page: ก, ข … in the front matter, 1, 2 … in the body."""
        if self.body_start is not None and page >= self.body_start:
            return str(page - self.body_start + 1)
        if self.front_start is not None and page >= self.front_start:
            index = page - self.front_start
            return THAI_LETTERS[index] if index < len(THAI_LETTERS) else str(index + 1)
        return ""

    def _begin_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.draft:
            draw_watermark(canvas, self.ts)

    def _end_plain(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._page_done(canvas)

    def _end_front(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._draw_page_number(canvas, self.page_label(self.page))
        self._page_done(canvas)

    def _end_body(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._draw_page_number(canvas, self.page_label(self.page))
        if self.form_code:
            self._draw_form_code(canvas, self.form_code)
        self._page_done(canvas)

    def _end_form(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """A form's page: the form's title lines at the top, the form code, the page number."""
        self._end_body(canvas, doc)
        # The title is the same on every page of a form: drawn once into a form XObject.
        name = self._title_forms.get(self.form_title)
        width, height = canvas._pagesize
        if name is None:
            name = self._title_forms[self.form_title] = f"ThaPlanFormTitle{len(self._title_forms) + 1}"
            style = TextStyle(size=16.0, leading_factor=1.3, bold=True, align=Align.CENTER)
            lines = [line for text in self.form_title
                     for line in self.ts.lines(text, style, width - 2 * 4.0 * CM)]
            canvas.beginForm(name, lowerx=0, lowery=height - _FORM_TOP, upperx=width, uppery=height)
            self.ts.draw_lines(canvas, lines, 4.0 * CM, height - 0.75 * CM, width - 8.0 * CM, style)
            canvas.endForm()
        canvas.doForm(name)

    def _end_form_more(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """A form's following page: its title in one line (as large as fits), the code, the number."""
        self._end_body(canvas, doc)
        key = ("more", *self.form_title)
        name = self._title_forms.get(key)
        width, height = canvas._pagesize
        if name is None:
            name = self._title_forms[key] = f"ThaPlanFormTitle{len(self._title_forms) + 1}"
            # The form's name and the plan's title, or the plan's title alone when both do not fit in
            # one line of at least 11 pt between the margins kept clear for the form code.
            room = width - 2 * 5.2 * CM
            text = " ".join(self.form_title[:2])
            if self.ts.width(text, 11.0, True) > room:
                text = self.form_title[1] if len(self.form_title) > 1 else text
            natural = self.ts.width(text, _RUNNING_TITLE_SIZE, True)
            size = max(9.0, min(_RUNNING_TITLE_SIZE, _RUNNING_TITLE_SIZE * room / natural)) if natural else 12.0
            style = TextStyle(size=size, leading_factor=1.3, bold=True, align=Align.CENTER)
            canvas.beginForm(name, lowerx=0, lowery=height - _FORM_MORE_TOP, upperx=width, uppery=height)
            self.ts.draw_lines(canvas, self.ts.lines(text, style, room), 5.2 * CM, height - 0.6 * CM, room, style)
            canvas.endForm()
        canvas.doForm(name)

    def _page_done(self, canvas: Canvas) -> None:
        if self.draft:
            draw_heading_mark(canvas, self.ts)
        self._progress()
        if self._cancel():
            raise ExportCancelled()

    def _draw_page_number(self, canvas: Canvas, label: str) -> None:
        if not label:
            return
        width, _height = canvas._pagesize
        line = self.ts.single_line(f"- {label} -", 14.0)
        self.ts.draw_lines(canvas, [line], 0, 1.0 * CM, width, self.small.but(align=Align.CENTER))

    def _draw_form_code(self, canvas: Canvas, code: str) -> None:
        width, height = canvas._pagesize
        style = TextStyle(size=15.0, leading_factor=1.3, bold=True, align=Align.CENTER)
        line = self.ts.single_line(code, style.size, bold=True)
        box_w = line.width + 14.0
        box_h = style.leading + 2.0
        right = width - (forms.FORM_MARGIN_X if width > height else 1.2 * CM)
        top = height - 0.55 * CM
        canvas.saveState()
        canvas.setLineWidth(0.8)
        canvas.rect(right - box_w, top - box_h, box_w, box_h, stroke=1, fill=0)
        canvas.restoreState()
        self.ts.draw_lines(canvas, [line], right - box_w, top - 1.0, box_w, style)

    # Table of contents ------------------------------------------------------------------------------
    def toc_form_name(self, key: str) -> str:
        """Name of the form XObject that will hold a section's page number."""
        name = self.toc_forms.get(key)
        if name is None:
            name = self.toc_forms[key] = f"TocPage{len(self.toc_forms) + 1}"
        return name

    def add_page_labels(self, canvas: Canvas) -> None:
        """PDF page labels as printed: ปก, ก, ข … for the front matter, 1, 2 … from ส่วนที่ 1 on, so a viewer
        shows and goes to the printed numbers (each front page gets its letter as a label prefix)."""
        from reportlab.pdfbase.pdfdoc import PDFPageLabel

        for page in range(1, self.page + 1):
            label = self.page_label(page)
            if self.body_start is not None and page == self.body_start:
                canvas.addPageLabel(page - 1, style=PDFPageLabel.ARABIC, start=1)
            elif self.body_start is None or page < self.body_start:
                canvas.addPageLabel(page - 1, prefix=label or ("ปก" if page == 1 else "ประกาศ"))

    def define_deferred_forms(self, canvas: Canvas) -> None:
        """Write each table-of-contents page number into its form and add the page labels (called just
        before saving)."""
        self.add_page_labels(canvas)
        pages = {key: page for key, _title, page in self.sections}
        for key, name in self.toc_forms.items():
            label = self.page_label(pages[key]) if key in pages else ""
            line = self.ts.single_line(label, 16.0)
            canvas.beginForm(name, lowerx=-80, lowery=-8, upperx=2, uppery=24)
            self.ts.draw_lines(canvas, [line], -line.width, 16.0 * 1.3, line.width,
                               TextStyle(size=16.0, leading_factor=1.3))
            canvas.endForm()


def build_binary(doc: BaseDocTemplate, story: list[Flowable], canvas_class: Callable[..., Canvas], *,
                 compress: bool) -> None:
    """Build ``doc`` on canvases of ``canvas_class`` that know the template (``thaplan_doc``, as the
    engine's flowables look for it), with binary streams: smaller, and ReportLab's pure-Python ASCII85 is
    slow. Shared by the plan and the reports; at the end, whether built or not, the words the layout
    learned are kept for the next run (:mod:`.layout_cache`)."""

    def canvasmaker(*args: Any, **kwargs: Any) -> Canvas:
        canvas = canvas_class(*args, **kwargs)
        canvas.thaplan_doc = doc  # each canvas class declares it for its own template
        canvas.setPageCompression(1 if compress else 0)
        return canvas

    use_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(story, canvasmaker=canvasmaker)
    finally:
        rl_config.useA85 = use_a85
        layout_cache.save()
