"""The story: every part of the official document as flowables, in order, with its table-of-contents marks.

Order (DOMAIN.md §5): cover (ปก) · คำนำ · สารบัญ · ส่วนที่ 1 บทนำ (with the procedure chart) · ส่วนที่ 2
(landscape): แบบ ผด.01, แบบ ผด.02, แบบ ผด.02/1 · ประกาศ (once the edition is announced, with the ตราครุฑ
above its heading; at the back unless the options put it first; a draft has none, and says ร่าง on
every page instead). The texts' ``{…}`` placeholders are filled from the plan; the คำนำ is signed with
the month and year it was written (the edition's, or when its draft was prepared).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.platypus import NextPageTemplate, PageBreak
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.domain.fiscal import (
    FISCAL_MONTH_NAMES,
    be_year,
    fiscal_month,
    fiscal_year_bounds,
    format_thai_date,
)
from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.exporting import form_content
from thaplan_desktop.exporting.form_content import edition_suffix, plan_title
from thaplan_desktop.exporting.pdf import forms, segment
from thaplan_desktop.exporting.pdf.chart import ProcedureChart
from thaplan_desktop.exporting.pdf.flowables import SectionMark, ThaiParagraph
from thaplan_desktop.exporting.pdf.layout import Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.options import ExportOptions
from thaplan_desktop.exporting.pdf.pages import CoverPage, Crest, DividerPage, TableOfContents
from thaplan_desktop.exporting.pdf.template import ANNOUNCE_FRAME, FORM_FRAME_HEIGHT
from thaplan_desktop.exporting.pdf.texts import default_text, fill, markup_flowables


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
        "announcement_date": _with_era(edition.announcement_date) if edition.announcement_date else "",
        "executive_name": org.executive_name or "." * 40,
        "executive_title": org.executive_title or f"ผู้บริหาร{org.name}",
        "preface_date": month_and_year(preface_date(plan)),
    }


def _with_era(day: dt.date) -> str:
    """``21 ตุลาคม พ.ศ. 2562``, as a ประกาศ is dated."""
    return f"{day.day} {FISCAL_MONTH_NAMES[fiscal_month(day.month) - 1]} พ.ศ. {be_year(day.year)}"


def month_and_year(day: dt.date) -> str:
    """``ตุลาคม 2562``, as a คำนำ is signed."""
    return f"{FISCAL_MONTH_NAMES[fiscal_month(day.month) - 1]} {be_year(day.year)}"


def preface_date(plan: PlanData) -> dt.date:
    """When the คำนำ is signed: the edition's own date, else when its draft was prepared, else when the
    window for preparing it opened, else today."""
    edition = plan.edition
    return edition.preface_date or edition.prepared_on or edition.trigger_date or dt.date.today()


def _heading(ts: Typesetter, text: str, size: float) -> ThaiParagraph:
    return ThaiParagraph(ts, text, TextStyle(size=size, leading_factor=1.3, bold=True, align=Align.CENTER,
                                             space_after=size * 0.8), keep_with_next=True)


def build_story(plan: PlanData, ts: Typesetter, options: ExportOptions,
                on_rows: Callable[[int], None]) -> list[Flowable]:
    """The document's flowables in order; ``on_rows(count)`` is called as the form tables draw their rows."""
    values = placeholders(plan)
    title = plan_title(plan)
    body_size = options.body_size
    story: list[Flowable] = []
    toc_entries: list[tuple[str, str, int]] = []

    def mark(key: str, text: str, level: int = 0, *, code: str | None = None, toc: bool = True,
             page_title: tuple[str, ...] | None = None) -> SectionMark:
        if toc:
            toc_entries.append((key, text, level))
        return SectionMark(key, text, level, form_code=code, toc=toc, page_title=page_title,
                           keep_with_next=code is None)

    # Cover.
    story += [NextPageTemplate("cover"), CoverPage(ts, plan)]
    announcement = options.announcement and plan.edition.announced

    def announcement_pages() -> list[Flowable]:
        text = fill(default_text("announcement_template"), values)
        # One page, signature included: a long text (a long name, Thai digits, a number line) is set a
        # little smaller rather than leave who signs alone on a second page.
        size = body_size
        while True:
            flowables = markup_flowables(ts, text, body_size=size, title_size=size + 2,
                                         crest=lambda: Crest(plan.organisation.crest))
            if size <= body_size - 2.0 or _height(flowables, *ANNOUNCE_FRAME) <= ANNOUNCE_FRAME[1]:
                break
            size -= 0.5
        return [mark("announcement", "ประกาศ" + plan.organisation.name + " เรื่อง ประกาศใช้แผนการดำเนินงาน",
                     toc=not options.announcement_first), *flowables]

    if announcement and options.announcement_first:
        story += [NextPageTemplate("announce"), PageBreak(), *announcement_pages()]

    # คำนำ.
    preface = _signed(_with_title(options.preface_text or plan.edition.preface_text
                                  or default_text("preface_default"), "# คำนำ"))
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
              DividerPage(ts, ["ส่วนที่ 2", "บัญชีโครงการ/กิจกรรม/งบประมาณ", title])]
    summary = form_content.summary_of(plan, include_equipment=options.summary_includes_equipment)
    story += [NextPageTemplate("form"), PageBreak(),
              mark("pd01", f"{form_content.PD01_CODE} {form_content.PD01_TITLE}", 1, code=form_content.PD01_CODE,
                   page_title=tuple(form_content.form_title_lines(form_content.PD01_TITLE, title, plan))),
              forms.pd01_table(ts, plan, title, summary, body_size=options.table_size,
                               page_room=FORM_FRAME_HEIGHT)]
    for key, code, form_title, blocks, equipment in (
        ("pd02", form_content.PD02_CODE, form_content.PD02_TITLE, form_content.pd02_blocks(plan), False),
        ("pd021", form_content.PD021_CODE, form_content.PD021_TITLE, form_content.pd021_blocks(plan), True),
    ):
        if not blocks:
            continue
        story += [NextPageTemplate("form"), PageBreak(), mark(key, f"{code} {form_title}", 1, code=code,
                                    page_title=tuple(form_content.form_title_lines(form_title, title, plan)))]
        # The blocks follow each other on the page; a block whose captions, header and first row do
        # not fit in what is left starts the next page (FormTable.split). One set of column widths for
        # the whole form.
        columns = forms.pd02_columns(ts, plan, blocks, equipment=equipment, body_size=options.table_size)
        for i, block in enumerate(blocks):
            block_mark = SectionMark(f"{key}-{i + 1}", block.label, 2, form_code=code, toc=False)
            last = equipment and i == len(blocks) - 1  # ผด.02/1's รวมทั้งสิ้น (ผด.01 gives the projects' total)
            closing = (forms.grand_total_row(blocks, equipment=equipment),) if last else ()
            story.append(forms.block_table(ts, plan, title, block, equipment=equipment, columns=columns,
                                           subtotals=options.subtotals, body_size=options.table_size,
                                           on_drawn=on_rows, page_room=FORM_FRAME_HEIGHT,
                                           shade_months=options.month_marks == "shade",
                                           marks=(block_mark,), space_before=6.0 if i else 0.0,
                                           closing=closing,
                                           follows=bool(i) and blocks[i - 1].group_lines[0] == block.group_lines[0]))

    if announcement and not options.announcement_first:
        story += [NextPageTemplate("announce"), PageBreak(), *announcement_pages()]

    story.insert(toc_index, TableOfContents(ts, toc_entries))
    return story


def _height(flowables: list[Flowable], width: float, height: float) -> float:
    """The height the flowables take one after the other in a frame (the first one's space before
    dropped, as a frame does at its top)."""
    total = 0.0
    for k, flowable in enumerate(flowables):
        _w, h = flowable.wrap(width, height)
        total += h + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if k else 0.0)
    return total


def _signed(text: str) -> str:
    """A คำนำ typed without the month it is signed gets it as the last line of its signature."""
    if "{preface_date}" in text or any(line.lstrip().startswith(">") and any(m in line for m in FISCAL_MONTH_NAMES)
                                       for line in text.splitlines()):
        return text
    return text.rstrip() + "\n> {preface_date}"


def _with_title(text: str, title: str) -> str:
    """A text typed without its title line (plain text from the app) gets the default one."""
    return text if text.lstrip().startswith("#") else f"{title}\n\n{text}"


_ORG_PREFIXES = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
                 "อบต.", "อบจ.", "ทต.", "ทม.", "ทน.")


def _proper_name(name: str) -> str:
    """ท่าสะท้อน of องค์การบริหารส่วนตำบลท่าสะท้อน."""
    for prefix in _ORG_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):].strip()
    return name


def known_names(plan: PlanData) -> segment.NameSet:
    """The names the plan knows, kept on one line whenever they fit: units, the organisation (also as
    อบต.… and its bare name), district and province, strategies, programs, equipment types, the
    executive's title and name, the planning unit and the plan's title."""
    org = plan.organisation
    proper = _proper_name(org.name)
    names = [org.name, proper, f"อำเภอ{org.district}", org.district, f"จังหวัด{org.province}", org.province,
             org.executive_title, org.executive_name, org.planning_unit, plan_title(plan)]
    names += [prefix + proper for prefix in _ORG_PREFIXES]
    names += [u.name for u in plan.units]
    names += [s.name for s in plan.strategies]
    names += [p.name for p in plan.programs]
    names += [t.name for t in plan.equipment_types]
    return segment.NameSet.of(names)
