"""The monitoring report as a PDF (รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน): ``write_progress_pdf``.

Printed from the report model alone (``tracking.report.ProgressReport``, the figures the JSON and the Excel
report give) with the plan's Thai typography:

- a cover (the report, the plan's year and edition, the round and its months, the as-of day, the office);
- the ประกาศผลการติดตามและประเมินผล, when the report is a recorded round whose announcement date is set
  (``announced``): the regulation it follows (ข้อ 29 (3)), when it went to the council and committee, a
  summary of the figures, the date, who signs (``resources/texts/monitoring_announcement.txt``, which an
  office may edit). Until then every page says ร่าง;
- ส่วนที่ 1 the summary: a paragraph of the figures, projects by status and the money per strategy and
  program, the same per unit, and the progress-by-status donut of the dashboard;
- ส่วนที่ 2 every project grouped like ผด.02 and ผด.02/1 (``progress_tables``);
- ส่วนที่ 3 spending against the plan by month and cumulative, as a table and as the dashboard's two
  spending charts (``charts.spending.spending_charts`` of the report's figures: one description, drawn by
  ``reports.charts`` here and by QtCharts in the window);
- ส่วนที่ 4 the problems and obstacles, the cancelled projects, those that should have started.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from reportlab.platypus import NextPageTemplate, PageBreak
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.charts.description import ChartDescription
from thaplan_desktop.charts.progress import progress_by_status
from thaplan_desktop.charts.spending import Disbursements, spending_charts, unscheduled_note
from thaplan_desktop.domain.fiscal import FISCAL_MONTH_NAMES, be_year, fiscal_month, format_thai_date
from thaplan_desktop.domain.model import EditionKind, OrgKind
from thaplan_desktop.domain.money import format_money, format_percent
from thaplan_desktop.domain.tracking import ReportRound
from thaplan_desktop.exporting.pdf.flowables import ThaiParagraph
from thaplan_desktop.exporting.pdf.layout import BODY_LEADING, Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.texts import default_text, fill
from thaplan_desktop.exporting.reports import progress_tables as tables
from thaplan_desktop.exporting.reports.charts import ChartFlowable
from thaplan_desktop.exporting.reports.document import (
    CM,
    LANDSCAPE_HEIGHT,
    LANDSCAPE_WIDTH,
    ProgressCallback,
    ReportOptions,
    WrittenReport,
    heading,
    mark,
    typesetter,
    write_pdf,
)
from thaplan_desktop.exporting.reports.pages import ReportCover, announcement
from thaplan_desktop.tracking.report import REPORT_TITLE, ProgressReport
from thaplan_desktop.tracking.rounds import round_label, round_name
from thaplan_desktop.tracking.status import STATUS_LABELS, STATUS_ORDER

__all__ = [
    "REPORT_TITLE",
    "announced",
    "announcement_lines",
    "build_story",
    "matching_round",
    "report_charts",
    "summary_lines",
    "with_round",
    "write_progress_pdf",
]

TEXTS = {
    "cover_report": "รายงานผลการติดตามและประเมินผล",
    "cover_plan": "แผนการดำเนินงาน",
    "year": "ประจำปีงบประมาณ พ.ศ. {year}",
    "as_of": "ข้อมูล ณ วันที่ {date}",
    "of": "ของ",
    "place": "อำเภอ{district} จังหวัด{province}",
    "planning_unit": "งานวิเคราะห์นโยบายและแผน สำนักปลัด",
    "part1": "ส่วนที่ 1 สรุปผลการดำเนินงาน",
    "part2": "ส่วนที่ 2 ผลการดำเนินงานรายโครงการ",
    "part3": "ส่วนที่ 3 การใช้จ่ายงบประมาณเทียบกับแผน",
    "part4": "ส่วนที่ 4 ปัญหาและอุปสรรค",
    "status_table": "ตารางที่ 1 จำนวนโครงการจำแนกตามสถานะการดำเนินงาน ตามยุทธศาสตร์และแผนงาน",
    "money_table": "ตารางที่ 2 งบประมาณตามแผน วงเงินตามสัญญา และผลการเบิกจ่าย ตามยุทธศาสตร์และแผนงาน",
    "unit_table": "ตารางที่ 3 ผลการดำเนินงานและการเบิกจ่าย จำแนกตามหน่วยงานรับผิดชอบหลัก",
    "spending_table": "ตารางที่ 4 แผนการใช้จ่ายงบประมาณเทียบกับผลการเบิกจ่าย รายเดือนและสะสม",
    "charts": "แผนภูมิการใช้จ่ายงบประมาณเทียบกับแผน",
    "summary_count": "แผนการดำเนินงานมีโครงการและรายการครุภัณฑ์ทั้งสิ้น {projects} รายการ งบประมาณรวม {budget} บาท",
    "summary_status": "ผลการดำเนินงาน ณ วันที่ {date}: {statuses}",
    "status_part": "{label} {count} รายการ (ร้อยละ {share})",
    "summary_money": "ก่อหนี้ผูกพันตามสัญญาแล้ว {contracted} บาท และเบิกจ่ายแล้ว {disbursed} บาท "
                     "คิดเป็นร้อยละ {share} ของงบประมาณตามแผน",
    "short_count": "โครงการและรายการครุภัณฑ์ตามแผน {projects} รายการ งบประมาณรวม {budget} บาท",
    "short_status": "ดำเนินการแล้วเสร็จ {done} รายการ อยู่ระหว่างดำเนินการ {in_progress} รายการ "
                    "ยังไม่ได้ดำเนินการ {not_started} รายการ{others}",
    "short_other": " {label} {count} รายการ",
    "short_money": "เบิกจ่ายแล้ว {disbursed} บาท คิดเป็นร้อยละ {share} ของงบประมาณตามแผน",
    "announcement_entry": "ประกาศผลการติดตามและประเมินผลแผนการดำเนินงาน",
    "reported": " และผู้บริหารท้องถิ่นได้เสนอผลการติดตามและประเมินผลต่อ{council}และ{committee} "
                "เมื่อวันที่ {date} แล้ว",
    "subject": "รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน: สรุปผล รายโครงการ การใช้จ่ายเทียบกับแผน "
               "ปัญหาและอุปสรรค",
    "building": "กำลังจัดหน้ารายงาน",
    "signature": "." * 40,
}
_COUNCILS = {OrgKind.SAO: "สภาองค์การบริหารส่วนตำบล", OrgKind.PAO: "สภาองค์การบริหารส่วนจังหวัด"}
_CHART_HEIGHT = 8.3 * CM


def announced(report: ProgressReport, record: ReportRound | None) -> bool:
    """Whether the report is an announced round: the round recorded for its year, as of the same day, with
    an announcement date. Any other report (another day, no round, a round not announced yet) is a draft."""
    return (record is not None and record.announced_on is not None and report.round is not None
            and record.round is report.round and record.fiscal_year == report.edition.fiscal_year
            and record.as_of == report.as_of)


def summary_lines(report: ProgressReport) -> tuple[str, str, str]:
    """The figures in three Thai sentences: projects and budget; each status's count and share; money."""
    totals = report.totals
    shares = totals.status_percentages()
    statuses = " ".join(TEXTS["status_part"].format(label=STATUS_LABELS[s], count=f"{totals.count(s):,}",
                                                    share=format_percent(shares[s]))
                        for s in STATUS_ORDER if totals.count(s))
    return (
        TEXTS["summary_count"].format(projects=f"{totals.projects:,}", budget=format_money(totals.budget)),
        TEXTS["summary_status"].format(date=format_thai_date(report.as_of), statuses=statuses),
        TEXTS["summary_money"].format(contracted=format_money(totals.contracted),
                                      disbursed=format_money(totals.disbursed),
                                      share=format_percent(totals.disbursed_percent)),
    )


def announcement_lines(report: ProgressReport) -> tuple[str, str, str]:
    """The figures as the ประกาศ sums them up, shorter than ``summary_lines``: projects and budget; how many
    are done, in progress, not started (and any other status); disbursed and its share of the budget."""
    totals = report.totals
    others = "".join(TEXTS["short_other"].format(label=STATUS_LABELS[s], count=f"{totals.count(s):,}")
                     for s in STATUS_ORDER[3:] if totals.count(s))
    return (
        TEXTS["short_count"].format(projects=f"{totals.projects:,}", budget=format_money(totals.budget)),
        TEXTS["short_status"].format(done=f"{totals.done:,}", in_progress=f"{totals.in_progress:,}",
                                     not_started=f"{totals.not_started:,}", others=others),
        TEXTS["short_money"].format(disbursed=format_money(totals.disbursed),
                                    share=format_percent(totals.disbursed_percent)),
    )


def report_charts(report: ProgressReport) -> tuple[ChartDescription, ChartDescription, ChartDescription]:
    """The dashboard's descriptions of the report's figures: monthly and cumulative spending against the plan,
    and progress by status."""
    subtitle = TEXTS["as_of"].format(date=format_thai_date(report.as_of))
    known = [m for m in report.spending if m.disbursed is not None]
    disbursements = Disbursements({m.month: m.disbursed for m in known if m.disbursed is not None},
                                  max((m.month for m in known), default=0))
    without = [r for r in report.rows if not r.project.months and not r.planned]
    monthly, cumulative = spending_charts(report.edition.fiscal_year, [m.planned for m in report.spending],
                                          disbursements, subtitle=subtitle,
                                          note=unscheduled_note(report.unscheduled, len(without)))
    statuses = progress_by_status({s.value: report.totals.count(s) for s in STATUS_ORDER}, subtitle=subtitle)
    return monthly, cumulative, statuses


def _edition_suffix(report: ProgressReport) -> str:
    edition = report.edition
    return "" if edition.kind is EditionKind.MAIN else f" ({edition.label})"


def _dated(day: dt.date) -> str:
    """``30 เมษายน พ.ศ. 2563``, as a ประกาศ is dated."""
    return f"{day.day} {FISCAL_MONTH_NAMES[fiscal_month(day.month) - 1]} พ.ศ. {be_year(day.year)}"


def _announcement_text(report: ProgressReport, record: ReportRound) -> str:
    org = report.organisation
    municipal = org.kind.is_municipality
    council = "สภาเทศบาล" if municipal else _COUNCILS.get(org.kind, "สภาท้องถิ่น")
    committee = "คณะกรรมการพัฒนาเทศบาล" if municipal else "คณะกรรมการพัฒนาท้องถิ่น"
    count, status, money = announcement_lines(report)
    assert record.announced_on is not None
    reported = (TEXTS["reported"].format(council=council, committee=committee, date=format_thai_date(record.reported_on))
                if record.reported_on else "")
    values = {
        "org": org.name, "year": str(report.edition.fiscal_year), "edition": _edition_suffix(report),
        "round": f" {round_name(record.round)}",
        "round_text": f" {round_label(record.round, report.edition.fiscal_year)}",
        "as_of": format_thai_date(report.as_of), "reported": reported,
        "summary_count": count, "summary_status": status, "summary_money": money,
        "announcement_date": _dated(record.announced_on),
        "executive_name": org.executive_name or TEXTS["signature"],
        "executive_title": org.executive_title or f"ผู้บริหาร{org.name}",
    }
    return fill(default_text("monitoring_announcement"), values)


def _cover(ts: Typesetter, report: ProgressReport) -> ReportCover:
    org = report.organisation
    lines = [(TEXTS["cover_report"], 26.0), (TEXTS["cover_plan"], 26.0),
             (TEXTS["year"].format(year=report.edition.fiscal_year), 24.0)]
    if report.edition.kind is not EditionKind.MAIN:
        lines.append((f"({report.edition.label})", 22.0))
    if report.round is not None:
        lines.append((round_label(report.round, report.edition.fiscal_year), 22.0))
    lines += [(TEXTS["as_of"].format(date=format_thai_date(report.as_of)), 22.0), (TEXTS["of"], 22.0),
              (org.name, 24.0), (TEXTS["place"].format(district=org.district, province=org.province), 20.0)]
    return ReportCover(ts, lines, logo=org.logo, bottom=(org.planning_unit or TEXTS["planning_unit"], org.name))


def _names(report: ProgressReport) -> list[str]:
    org = report.organisation
    names = [org.name, org.district, org.province, f"อำเภอ{org.district}", f"จังหวัด{org.province}",
             org.executive_name, org.executive_title, org.planning_unit]
    names += [name for name, _f in report.units]
    for strategy in report.strategies:
        names += [strategy.name, *(p.name for p in strategy.programs)]
    return names


def _part(ts: Typesetter, key: str, title: str) -> list[Flowable]:
    return [mark(key, title), heading(ts, title)]


def build_story(ts: Typesetter, report: ProgressReport, record: ReportRound | None) -> list[Flowable]:
    """The report's flowables in order."""
    width, room = LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT
    monthly, cumulative, statuses = report_charts(report)
    story: list[Flowable] = [_cover(ts, report)]
    if announced(report, record):
        assert record is not None
        story += [NextPageTemplate("announce"), PageBreak(),
                  mark("announcement", f"ประกาศ{report.organisation.name} {TEXTS['announcement_entry']}"),
                  *announcement(ts, _announcement_text(report, record), crest=report.organisation.crest)]
    prose = TextStyle(size=16.0, leading_factor=BODY_LEADING, align=Align.JUSTIFY, first_indent=1.5 * CM,
                      space_after=4.0)
    caption = TextStyle(size=15.0, leading_factor=1.3, bold=True, space_before=10.0, space_after=4.0)

    def table_caption(text: str) -> ThaiParagraph:
        return ThaiParagraph(ts, text, caption, keep_with_next=True)

    story += [NextPageTemplate("landscape"), PageBreak(), *_part(ts, "summary", TEXTS["part1"]),
              ThaiParagraph(ts, " ".join(summary_lines(report)), prose),
              tables.status_table(ts, report, width, room, TEXTS["status_table"]),
              tables.money_table(ts, report, width, room, TEXTS["money_table"]),
              tables.unit_table(ts, report, width, room, TEXTS["unit_table"]),
              ChartFlowable(ts, statuses, height=_CHART_HEIGHT, space_before=12.0)]
    story += [PageBreak(), *_part(ts, "projects", TEXTS["part2"]), *tables.project_tables(ts, report, width, room)]
    story += [PageBreak(), *_part(ts, "spending", TEXTS["part3"]), table_caption(TEXTS["spending_table"]),
              tables.spending_table(ts, report, monthly, width), *tables.spending_notes(ts, report),
              PageBreak(), mark("spending-charts", TEXTS["charts"], 1),
              ChartFlowable(ts, monthly, height=_CHART_HEIGHT, space_after=0.6 * CM),
              ChartFlowable(ts, cumulative, height=_CHART_HEIGHT)]
    story += [PageBreak(), *_part(ts, "problems", TEXTS["part4"]), *tables.problem_tables(ts, report, width, room)]
    return story


def write_progress_pdf(report: ProgressReport, path: Path | str, *, record: ReportRound | None = None,
                       options: ReportOptions | None = None, progress: ProgressCallback | None = None,
                       cancel: Callable[[], bool] | None = None) -> WrittenReport:
    """Write ``report`` as its PDF to ``path`` (whole or not at all; ``ExportCancelled`` when cancelled).

    ``record``: the round recorded for the report's year (``Workspace.report_rounds``); when it is this
    report's round, as of the same day, with an announcement date, the PDF carries its ประกาศ and no ร่าง.
    """
    options = options or ReportOptions()
    if progress is not None:
        progress(0.0, TEXTS["building"])
    ts = typesetter(options, _names(report))
    story = build_story(ts, report, record)
    org = report.organisation
    running = " ".join([report.title_lines[0], *([round_name(report.round)] if report.round else []),
                        TEXTS["as_of"].format(date=format_thai_date(report.as_of))])
    return write_pdf(path, story, ts, title=f"{report.title_lines[0]} {org.name}", subject=TEXTS["subject"],
                     author=org.name, running_title=running, draft=not announced(report, record), options=options,
                     expected_pages=6 + len(report.rows) // 12, progress=progress, cancel=cancel,
                     message=TEXTS["building"])


def matching_round(rounds: Iterable[ReportRound], report: ProgressReport) -> ReportRound | None:
    """The round recorded for the report's year that it is: same as-of day (and same round, when the report
    names one). Its announcement date decides whether the PDF carries the ประกาศ."""
    for record in rounds:
        if (record.fiscal_year == report.edition.fiscal_year and record.as_of == report.as_of
                and (report.round is None or record.round is report.round)):
            return record
    return None


def with_round(report: ProgressReport, record: ReportRound | None) -> ProgressReport:
    """The report named as the recorded round it matches (same as-of day), for a report made by date."""
    if report.round is not None or record is None or record.as_of != report.as_of:
        return report
    return replace(report, round=record.round)
