"""The whole official document: page templates, parts in order, table of contents, outline, metadata.

Order (DOMAIN.md §5): cover (ปก) · คำนำ · สารบัญ · ส่วนที่ 1 บทนำ (with the procedure chart) · ส่วนที่ 2
(landscape): แบบ ผด.01, แบบ ผด.02, แบบ ผด.02/1 · ประกาศ (when the edition has its announcement date;
at the back unless the options put it first). Front pages are numbered ก, ข …; the body from 1.

The build is one pass: the table of contents draws each page number as a PDF form XObject that is
filled in when the document is saved, once every part's page is known.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.domain.fiscal import fiscal_year_bounds, format_thai_date, month_runs
from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.exporting import form_content
from thaplan_desktop.exporting.form_content import edition_suffix, plan_title
from thaplan_desktop.exporting.pdf import forms, segment
from thaplan_desktop.exporting.pdf.chart import ProcedureChart
from thaplan_desktop.exporting.pdf.flowables import FormCodeMark, SectionMark, ThaiParagraph
from thaplan_desktop.exporting.pdf.fonts import register_fonts
from thaplan_desktop.exporting.pdf.layout import Align, Line, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.texts import default_text, fill, markup_flowables

CM = 72.0 / 2.54
_FORM_TOP = 3.2 * CM  # room at the top of a form's page for its three title lines (2.95 cm)
FORM_FRAME_HEIGHT = A4[0] - 1.5 * CM - _FORM_TOP
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


class ExportCancelled(Exception):
    """The user cancelled the export; no file was written."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the officer chooses when exporting (the app's dialog and ``thaplan export-pdf``)."""

    thai_digits: bool = False
    font: str = "auto"  # "auto", "laksaman", "th-sarabun" or a path to a TTF
    subtotals: bool = True  # a รวม row under each program block of ผด.02 and ผด.02/1
    month_marks: str = "arrows"  # "arrows" (a line with arrowheads over each run) or "shade" (filled cells)
    announcement: bool = True  # print ประกาศ when the edition has its announcement date
    announcement_first: bool = False  # ประกาศ right after the cover instead of at the back
    summary_includes_equipment: bool = False  # count ผด.02/1 items in ผด.01
    preface_text: str | None = None  # overrides the edition's and the default
    intro_text: str | None = None
    body_size: float = 16.0
    table_size: float = 14.0
    compress: bool = True

    def __post_init__(self) -> None:
        if self.month_marks not in ("arrows", "shade"):
            raise ValueError(f"month_marks ต้องเป็น arrows หรือ shade: {self.month_marks}")


@dataclass(slots=True)
class ExportResult:
    """What was written: the file, its pages, where each part starts, and a few counts."""

    path: Path
    pages: int
    sections: list[tuple[str, str, int, str]] = field(default_factory=list)  # key, title, page, label
    projects: int = 0
    arrows: int = 0
    missing_characters: str = ""
    seconds: float = 0.0
    font_family: str = ""


ProgressCallback = Callable[[float, str], None]


def placeholders(plan: PlanData) -> dict[str, str]:
    """Values for ``{…}`` in the default texts."""
    org = plan.organisation
    edition = plan.edition
    local = "เทศบาล" if org.kind.is_municipality else "ท้องถิ่น"
    start, end = fiscal_year_bounds(edition.fiscal_year)
    meeting = ""
    if edition.committee_meeting_date:
        meeting = f" ในการประชุมเมื่อวันที่ {format_thai_date(edition.committee_meeting_date)}"
    dev_plan = f"แผนพัฒนา{local}"
    if edition.dev_plan_period:
        dev_plan += f" (พ.ศ. {edition.dev_plan_period})"
    return {
        "org": org.name,
        "district": org.district,
        "province": org.province,
        "year": str(edition.fiscal_year),
        "title": plan_title(plan),
        "suffix": edition_suffix(plan),
        "planning_unit": org.planning_unit or "งานวิเคราะห์นโยบายและแผน สำนักปลัด",
        "support_committee": f"คณะกรรมการสนับสนุนการจัดทำแผนพัฒนา{local}",
        "dev_committee": f"คณะกรรมการพัฒนา{local}",
        "meeting": meeting,
        "period_start": format_thai_date(start),
        "period_end": format_thai_date(end),
        "dev_plan": dev_plan,
        "announcement_date": format_thai_date(edition.announcement_date) if edition.announcement_date else "",
        "executive_name": org.executive_name or " " * 30,
        "executive_title": org.executive_title or f"ผู้บริหาร{org.name}",
    }


# --- the canvas and the page templates ------------------------------------------------------------

class _PlanCanvas(Canvas):
    """A canvas that knows its document template and fills in deferred forms before saving."""

    thaplan_doc: _PlanDocTemplate | None = None

    def save(self):
        """Define the table of contents' page-number forms, then write the file."""
        if self.thaplan_doc is not None:
            self.thaplan_doc.define_deferred_forms(self)
        super().save()


class _PlanDocTemplate(BaseDocTemplate):
    """Page templates (cover, front, portrait body, landscape forms) and the page furniture."""

    def __init__(self, target, typesetter: Typesetter, *, progress: Callable[[], None],
                 cancel: Callable[[], bool], **kwargs) -> None:
        super().__init__(target, pagesize=A4, **kwargs)
        self.ts = typesetter
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
        land_frame = Frame(forms.FORM_MARGIN_X, 1.5 * CM, land_w - 2 * forms.FORM_MARGIN_X, land_h - 3.2 * CM,
                           id="landscape",
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.form_frame_height = FORM_FRAME_HEIGHT
        form_frame = Frame(forms.FORM_MARGIN_X, 1.5 * CM, land_w - 2 * forms.FORM_MARGIN_X, self.form_frame_height,
                           id="form",
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [cover_frame], pagesize=A4, onPageEnd=self._end_plain),
            PageTemplate("front", [portrait_frame], pagesize=A4, onPageEnd=self._end_front),
            PageTemplate("body", [portrait_frame], pagesize=A4, onPageEnd=self._end_body),
            PageTemplate("landscape", [land_frame], pagesize=landscape(A4), onPageEnd=self._end_body),
            PageTemplate("form", [form_frame], pagesize=landscape(A4), onPageEnd=self._end_form),
        ])

    # Platypus hooks ---------------------------------------------------------------------------------
    def handle_flowable(self, flowables):
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

    def _end_plain(self, canvas, doc) -> None:
        self._page_done()

    def _end_front(self, canvas, doc) -> None:
        self._draw_page_number(canvas, self.page_label(self.page))
        self._page_done()

    def _end_body(self, canvas, doc) -> None:
        self._draw_page_number(canvas, self.page_label(self.page))
        if self.form_code:
            self._draw_form_code(canvas, self.form_code)
        self._page_done()

    def _end_form(self, canvas, doc) -> None:
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

    def _page_done(self) -> None:
        self._progress()
        if self._cancel():
            raise ExportCancelled()

    def _draw_page_number(self, canvas, label: str) -> None:
        if not label:
            return
        width, _height = canvas._pagesize
        line = self.ts.single_line(f"- {label} -", 14.0)
        self.ts.draw_lines(canvas, [line], 0, 1.25 * CM, width, self.small.but(align=Align.CENTER))

    def _draw_form_code(self, canvas, code: str) -> None:
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

    def define_deferred_forms(self, canvas) -> None:
        """Write each table-of-contents page number into its form (called just before saving)."""
        pages = {key: page for key, _title, page in self.sections}
        for key, name in self.toc_forms.items():
            label = self.page_label(pages[key]) if key in pages else ""
            line = self.ts.single_line(label, 16.0)
            canvas.beginForm(name, lowerx=-80, lowery=-8, upperx=2, uppery=24)
            self.ts.draw_lines(canvas, [line], -line.width, 16.0 * 1.3, line.width,
                               TextStyle(size=16.0, leading_factor=1.3))
            canvas.endForm()


class _TableOfContents(Flowable):
    """The สารบัญ page: entries with dotted leaders and page numbers filled in at the end."""

    _NUMBER_ROOM = 1.6 * CM

    def __init__(self, ts: Typesetter, entries: list[tuple[str, str, int]], size: float = 16.0) -> None:
        super().__init__()
        self.ts = ts
        self.entries = entries
        self.style = TextStyle(size=size, leading_factor=1.45)
        self.width = 0.0
        self.height = 0.0
        self._laid: list[tuple[str, int, list[Line]]] = []

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - Platypus API
        """Each entry wrapped short of the page-number column, plus the column heading."""
        self.width = availWidth
        self._laid = []
        for key, title, level in self.entries:
            style = self.style.but(bold=level == 0, left_indent=level * 1.0 * CM, hanging=0.75 * CM)
            lines = self.ts.lines(title, style, availWidth - self._NUMBER_ROOM)
            self._laid.append((key, level, lines))
        self.height = (sum(len(lines) for _k, _l, lines in self._laid) + 1) * self.style.leading
        return self.width, self.height

    def draw(self):
        """Heading 'หน้า', then each entry: title, dotted leader, page-number form."""
        canvas = self.canv
        doc = canvas.thaplan_doc
        ts = self.ts
        style = self.style
        size = style.size
        head = ts.single_line("หน้า", size, bold=True)
        ts.draw_lines(canvas, [head], self.width - head.width, self.height, head.width, style)
        y = self.height - style.leading
        leader_unit = ts.single_line(" .", size)
        for key, level, lines in self._laid:
            entry_style = style.but(bold=level == 0, left_indent=level * 1.0 * CM, hanging=0.75 * CM)
            ts.draw_lines(canvas, lines, 0, y, self.width - self._NUMBER_ROOM, entry_style)
            y -= style.leading * (len(lines) - 1)
            last = lines[-1] if lines else None
            indent = entry_style.left_indent + (entry_style.hanging if len(lines) > 1 else 0.0)
            start = indent + (last.width if last else 0.0) + 2.0
            end = self.width - self._NUMBER_ROOM + 0.6 * CM
            count = int((end - start) // leader_unit.width) if leader_unit.width > 0 else 0
            if count > 0:
                dots = ts.single_line(" ." * count, size)
                ts.draw_lines(canvas, [dots], end - dots.width, y, dots.width, style)
            canvas.saveState()
            canvas.translate(self.width, y - style.leading)
            canvas.doForm(doc.toc_form_name(key))
            canvas.restoreState()
            y -= style.leading


class _CoverPage(Flowable):
    """The cover: logo, title, year, edition suffix, ของ, organisation, district and province, unit."""

    def __init__(self, ts: Typesetter, plan: PlanData) -> None:
        super().__init__()
        self.ts = ts
        self.plan = plan
        self.width = 0.0
        self.height = 0.0

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - Platypus API
        """The whole frame."""
        self.width, self.height = availWidth, availHeight - 1.0
        return self.width, self.height

    def draw(self):
        """Everything centred; the logo (if any) at the top."""
        canvas = self.canv
        ts = self.ts
        plan = self.plan
        org = plan.organisation
        y = self.height
        if org.logo:
            try:
                image = ImageReader(io.BytesIO(org.logo))
                iw, ih = image.getSize()
                size = 4.5 * CM
                scale = min(size / iw, size / ih)
                w, h = iw * scale, ih * scale
                canvas.drawImage(image, (self.width - w) / 2.0, y - h, w, h, mask="auto")
                y -= h + 1.0 * CM
            except Exception:  # a broken logo must not stop the export
                y -= 0
        else:
            y -= 3.5 * CM
        suffix = edition_suffix(plan)
        blocks: list[tuple[str, float, bool, float]] = [
            ("แผนการดำเนินงาน", 34.0, True, 0.2),
            (f"ประจำปีงบประมาณ พ.ศ. {plan.edition.fiscal_year}", 28.0, True, 0.2),
        ]
        if suffix:
            blocks.append((f"({suffix})", 24.0, True, 0.2))
        blocks += [
            ("ของ", 24.0, True, 0.2),
            (org.name, 26.0, True, 0.2),
            (f"อำเภอ{org.district} จังหวัด{org.province}", 22.0, True, 0.0),
        ]
        y -= 1.5 * CM
        for text, size, bold, after in blocks:
            style = TextStyle(size=size, leading_factor=1.35, bold=bold, align=Align.CENTER)
            lines = ts.lines(text, style, self.width)
            y = ts.draw_lines(canvas, lines, 0, y, self.width, style) - after * size
        # Planning unit at the bottom.
        unit = org.planning_unit or "งานวิเคราะห์นโยบายและแผน สำนักปลัด"
        style = TextStyle(size=20.0, leading_factor=1.35, bold=True, align=Align.CENTER)
        bottom_lines = ts.lines(unit, style, self.width) + ts.lines(org.name, style, self.width)
        ts.draw_lines(canvas, bottom_lines, 0, 1.0 * CM + len(bottom_lines) * style.leading, self.width, style)


class _DividerPage(Flowable):
    """A part's title page (ส่วนที่ 2 …), lines centred in the middle of the frame."""

    def __init__(self, ts: Typesetter, lines: list[str], size: float = 28.0) -> None:
        super().__init__()
        self.ts = ts
        self.text_lines = lines
        self.style = TextStyle(size=size, leading_factor=1.4, bold=True, align=Align.CENTER)
        self.width = self.height = 0.0

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - Platypus API
        """The whole frame."""
        self.width, self.height = availWidth, availHeight - 1.0
        return self.width, self.height

    def draw(self):
        """The lines in the middle."""
        laid: list[Line] = []
        for text in self.text_lines:
            laid += self.ts.lines(text, self.style, self.width)
        total = len(laid) * self.style.leading
        self.ts.draw_lines(self.canv, laid, 0, (self.height + total) / 2.0, self.width, self.style)


# --- building the story ----------------------------------------------------------------------------

class _Progress:
    """Turns pages and drawn rows into a fraction, throttled, for the caller's callback."""

    def __init__(self, callback: ProgressCallback | None, total_rows: int) -> None:
        self.callback = callback
        self.total = max(1, total_rows) + 10
        self.done = 0.0
        self.last = 0.0
        self.arrows = 0

    def rows(self, count: int) -> None:
        self.done += count
        self.report()

    def page(self) -> None:
        self.done += 0.05
        self.report()

    def report(self, message: str = "กำลังสร้างหน้าเอกสาร") -> None:
        if self.callback is None:
            return
        fraction = min(0.99, self.done / self.total)
        if fraction - self.last >= 0.01:
            self.last = fraction
            self.callback(fraction, message)


def _heading(ts: Typesetter, text: str, size: float) -> ThaiParagraph:
    return ThaiParagraph(ts, text, TextStyle(size=size, leading_factor=1.3, bold=True, align=Align.CENTER,
                                             space_after=size * 0.8), keep_with_next=True)


def build_story(plan: PlanData, ts: Typesetter, options: ExportOptions, progress: _Progress) -> list[Flowable]:
    """The document's flowables in order."""
    values = placeholders(plan)
    title = plan_title(plan)
    org = plan.organisation
    segment.protect_words([_proper_name(org.name), org.district, org.province])
    body_size = options.body_size
    story: list[Flowable] = []
    toc_entries: list[tuple[str, str, int]] = []

    def mark(key: str, text: str, level: int = 0, *, code: str | None = None, toc: bool = True,
             page_title: tuple[str, ...] | None = None) -> SectionMark:
        if toc:
            toc_entries.append((key, text, level))
        return SectionMark(key, text, level, form_code=code, toc=toc, page_title=page_title)

    # Cover.
    story += [NextPageTemplate("cover"), _CoverPage(ts, plan)]
    announcement = options.announcement and plan.edition.announcement_date is not None

    def announcement_pages() -> list[Flowable]:
        text = fill(default_text("announcement_template"), values)
        return [mark("announcement", "ประกาศ" + plan.organisation.name + " เรื่อง ประกาศใช้แผนการดำเนินงาน",
                     toc=not options.announcement_first),
                *markup_flowables(ts, text, body_size=body_size, title_size=body_size + 2)]

    if announcement and options.announcement_first:
        story += [NextPageTemplate("cover"), PageBreak(), *announcement_pages()]

    # คำนำ.
    preface = _with_title(options.preface_text or plan.edition.preface_text or default_text("preface_default"),
                          "# คำนำ")
    story += [NextPageTemplate("front"), PageBreak(), mark("preface", "คำนำ"),
              *markup_flowables(ts, fill(preface, values), body_size=body_size)]

    # สารบัญ (entries filled in below, once the story is known).
    story += [PageBreak(), mark("toc", "สารบัญ", toc=False), _heading(ts, "สารบัญ", 20.0)]
    toc_index = len(story)

    # ส่วนที่ 1.
    intro = _with_title(options.intro_text or plan.edition.intro_text or default_text("intro_template"),
                        "# ส่วนที่ 1\n# บทนำ")
    def chart() -> Flowable:
        return ProcedureChart(ts, plan.organisation.kind, size=14.0)

    def part1_heading(text: str) -> Flowable:
        return mark(f"part1-{sum(1 for e in toc_entries if e[0].startswith('part1-')) + 1}", text, 1)

    story += [NextPageTemplate("body"), PageBreak(), mark("part1", "ส่วนที่ 1 บทนำ"),
              *markup_flowables(ts, fill(intro, values), body_size=body_size, chart=chart,
                                heading_mark=part1_heading)]

    # ส่วนที่ 2.
    story += [NextPageTemplate("landscape"), PageBreak(),
              mark("part2", "ส่วนที่ 2 บัญชีโครงการ/กิจกรรม/งบประมาณ"),
              _DividerPage(ts, ["ส่วนที่ 2", "บัญชีโครงการ/กิจกรรม/งบประมาณ", title])]
    summary = form_content.summary_of(plan, include_equipment=options.summary_includes_equipment)
    story += [NextPageTemplate("form"), PageBreak(),
              mark("pd01", f"{form_content.PD01_CODE} {form_content.PD01_TITLE}", 1, code=form_content.PD01_CODE,
                   page_title=tuple(form_content.form_title_lines(form_content.PD01_TITLE, title, plan))),
              forms.pd01_table(ts, plan, title, summary, body_size=options.table_size)]
    for key, code, form_title, blocks, equipment in (
        ("pd02", form_content.PD02_CODE, form_content.PD02_TITLE, form_content.pd02_blocks(plan), False),
        ("pd021", form_content.PD021_CODE, form_content.PD021_TITLE, form_content.pd021_blocks(plan), True),
    ):
        if not blocks:
            continue
        story += [PageBreak(), mark(key, f"{code} {form_title}", 1, code=code,
                                    page_title=tuple(form_content.form_title_lines(form_title, title, plan)))]
        # The blocks follow each other on the page; a block whose captions, header and first row do
        # not fit in what is left starts the next page (FormTable.split).
        for i, block in enumerate(blocks):
            block_mark = SectionMark(f"{key}-{i + 1}", block.label, 2, form_code=code, toc=False)
            story.append(forms.block_table(ts, plan, title, block, equipment=equipment,
                                           subtotals=options.subtotals, body_size=options.table_size,
                                           on_drawn=progress.rows, page_room=FORM_FRAME_HEIGHT,
                                           shade_months=options.month_marks == "shade",
                                           marks=(block_mark,), space_before=8.0 if i else 0.0))

    if announcement and not options.announcement_first:
        story += [NextPageTemplate("body"), FormCodeMark(None), PageBreak(), *announcement_pages()]

    story.insert(toc_index, _TableOfContents(ts, toc_entries))
    return story


def _with_title(text: str, title: str) -> str:
    """A text typed without its title line (plain text from the app) gets the default one."""
    return text if text.lstrip().startswith("#") else f"{title}\n\n{text}"


_ORG_PREFIXES = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
                 "อบต.", "อบจ.", "ทต.", "ทม.", "ทน.")


def _proper_name(name: str) -> str:
    """ท่าสะท้อน of องค์การบริหารส่วนตำบลท่าสะท้อน (kept whole by the line breaker)."""
    for prefix in _ORG_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):].strip()
    return name


def _as_cancel(cancel: Callable[[], bool] | threading.Event | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


def export_pdf(plan: PlanData, path: Path | str, options: ExportOptions | None = None, *,
               progress: ProgressCallback | None = None,
               cancel: Callable[[], bool] | threading.Event | None = None) -> ExportResult:
    """Write the plan as the official PDF document to ``path``.

    ``progress(fraction, message)`` is called now and then (fraction 0..1, message Thai); ``cancel``
    (a callable or a ``threading.Event``) is checked between flowables and pages: when it says so the
    export stops with ``ExportCancelled`` and no file is left behind. The file is written to a
    temporary name in the same folder and renamed at the end.
    """
    started = time.perf_counter()
    options = options or ExportOptions()
    path = Path(path)
    is_cancelled = _as_cancel(cancel)
    if progress:
        progress(0.0, "กำลังเตรียมแบบอักษร")
    fonts = register_fonts(options.font)
    ts = Typesetter(fonts, thai_digits=options.thai_digits)
    tracker = _Progress(progress, len(plan.projects))
    story = build_story(plan, ts, options, tracker)
    title = plan_title(plan)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".thaplan-", suffix=".pdf", dir=path.parent)
    os.close(fd)
    doc = _PlanDocTemplate(
        tmp_name, ts, progress=tracker.page, cancel=is_cancelled,
        title=f"{title} {plan.organisation.name}", author=plan.organisation.name,
        subject="แผนการดำเนินงาน (ส่วนที่ 1 บทนำ, ส่วนที่ 2 บัญชีโครงการ/กิจกรรม/งบประมาณ)",
        creator="ThaPlan Desktop", producer="ThaPlan Desktop (ReportLab)",
        keywords=["แผนการดำเนินงาน", plan.organisation.name, str(plan.edition.fiscal_year)],
        lang="th-TH", initialFontName=fonts.regular.name, initialFontSize=16,
        pageCompression=1 if options.compress else 0, invariant=0,
    )

    def canvasmaker(*args, **kwargs):
        canvas = _PlanCanvas(*args, **kwargs)
        canvas.thaplan_doc = doc
        canvas.setPageCompression(1 if options.compress else 0)
        return canvas

    use_a85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: smaller, and ReportLab's pure-Python ASCII85 is slow
    try:
        doc.build(story, canvasmaker=canvasmaker)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    finally:
        rl_config.useA85 = use_a85
    if progress:
        progress(1.0, "เสร็จแล้ว")
    arrows = sum(len(month_runs(p.months)) for p in plan.projects) if options.month_marks == "arrows" else 0
    return ExportResult(
        path=path, pages=doc.page,
        sections=[(key, t, page, doc.page_label(page)) for key, t, page in doc.sections],
        projects=len(plan.projects), arrows=arrows,
        missing_characters="".join(sorted(ts.shaper.missing)),
        seconds=time.perf_counter() - started, font_family=fonts.family,
    )


__all__ = ["ExportCancelled", "ExportOptions", "ExportResult", "export_pdf", "plan_title", "placeholders"]
