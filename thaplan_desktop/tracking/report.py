"""The progress report as a format-neutral model: what the monitoring report says, whatever prints it.

``build_report(plan, records, as_of)`` gives a ``ProgressReport``: the summary by strategy (ยุทธศาสตร์) and
program (แผนงาน) — projects in the plan, done / in progress / not started / cancelled / carried over / not
reported (the six add up to the projects), budget, contracted, disbursed — with totals and the split by
kind (ผด.02 projects, ผด.02/1 equipment; an equipment row counts under the strategy of its program); the
per-project table grouped like ผด.02 and ผด.02/1; spending against the plan by month and cumulative; the
problems and obstacles collected; the projects that should have started, the cancelled ones with their
reasons, and those disbursed over budget or contract; ``remarks`` says what the per-project table notes
beside a project's figures. ``report_json`` is the JSON of INTERFACES.md
(``thaplan report progress --json``). The Excel report (``exporting/xlsx/progress_report.py``) and the PDF
(``exporting/reports/progress.py``) print from this model; the ติดตามผล tab reads the same ``ProjectProgress`` rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from thaplan_desktop.domain.fiscal import format_be_iso, format_thai_date
from thaplan_desktop.domain.grouping import UNFILED_PROGRAM, Block, pd02_blocks, pd021_blocks
from thaplan_desktop.domain.model import Edition, EditionKind, Organisation, PlanData, ProjectKind
from thaplan_desktop.domain.summary import percentage as percent  # one rounding for ผด.01 and this report
from thaplan_desktop.domain.tracking import RoundKind, TrackingRecords, TrackingStatus
from thaplan_desktop.tracking import forms
from thaplan_desktop.tracking.rounds import round_label
from thaplan_desktop.tracking.spending import ZERO, MonthSpending, spending_table
from thaplan_desktop.tracking.status import STATUS_ORDER
from thaplan_desktop.tracking.views import ProjectProgress, progress_rows

__all__ = [
    "Figures",
    "ProblemLine",
    "ProgramFigures",
    "ProgressReport",
    "StrategyFigures",
    "TableBlock",
    "build_report",
    "edition_key",
    "percent",
    "remarks",
    "report_json",
]

REPORT_TITLE = "รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน"
_CENT = Decimal("0.01")


def _money(amount: Decimal) -> str:
    return f"{amount.quantize(_CENT, rounding=ROUND_HALF_UP):.2f}"


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts by status and money of a group of projects (a program, a strategy, a kind, the whole)."""

    projects: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    cancelled: int = 0
    carried_over: int = 0
    unknown: int = 0
    budget: Decimal = ZERO
    contracted: Decimal = ZERO
    disbursed: Decimal = ZERO

    @classmethod
    def of(cls, rows: Iterable[ProjectProgress]) -> Figures:
        """The figures of some project rows."""
        counts = dict.fromkeys(TrackingStatus, 0)
        budget = contracted = disbursed = ZERO
        n = 0
        for row in rows:
            n += 1
            counts[row.status] += 1
            budget += row.budget
            contracted += row.contracted or ZERO
            disbursed += row.disbursed
        return cls(projects=n, **{s.value: counts[s] for s in STATUS_ORDER}, budget=budget,
                   contracted=contracted, disbursed=disbursed)

    def __add__(self, other: Figures) -> Figures:
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Figures)})

    def count(self, status: TrackingStatus) -> int:
        """How many projects have ``status``."""
        return int(getattr(self, TrackingStatus(status).value))

    def status_percentages(self) -> dict[TrackingStatus, Decimal]:
        """Each status's share of the projects, its own fraction rounded on its own as in ผด.01 (all 0.00 when
        none): equal counts give equal shares, and the six may add up to 99.99 or 100.01."""
        return {s: percent(self.count(s), self.projects) for s in STATUS_ORDER}

    @property
    def disbursed_percent(self) -> Decimal:
        """Disbursed as a percentage of the budget."""
        return percent(self.disbursed, self.budget)

    def to_json(self) -> dict[str, Any]:
        """Counts and money as INTERFACES.md writes them (money as strings with two decimals)."""
        result: dict[str, Any] = {"projects": self.projects}
        result.update({s.value: self.count(s) for s in STATUS_ORDER})
        result.update(budget=_money(self.budget), contracted=_money(self.contracted), disbursed=_money(self.disbursed))
        return result


@dataclass(frozen=True, slots=True)
class ProgramFigures:
    """A program (แผนงาน) line of the summary."""

    label: str  # "1.2 แผนงาน…"
    name: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class StrategyFigures:
    """A strategy (ยุทธศาสตร์) block of the summary: its programs and its total."""

    label: str  # "1. ยุทธศาสตร์…"
    name: str
    figures: Figures
    programs: tuple[ProgramFigures, ...]


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A group of the per-project table, as ผด.02 (strategy → program) or ผด.02/1 (type → program) groups it."""

    kind: ProjectKind
    group_lines: tuple[str, ...]
    rows: tuple[ProjectProgress, ...]
    total: Figures


@dataclass(frozen=True, slots=True)
class ProblemLine:
    """A project's problems and obstacles (ปัญหาและอุปสรรค), as collected in the report."""

    name: str
    unit: str
    status: TrackingStatus
    problems: str


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """Everything the monitoring report says about one edition as of one day."""

    organisation: Organisation
    edition: Edition
    as_of: dt.date
    round: RoundKind | None
    title_lines: tuple[str, ...]
    strategies: tuple[StrategyFigures, ...]
    totals: Figures
    kinds: dict[ProjectKind, Figures]
    units: tuple[tuple[str, Figures], ...]  # by unit, in the unit list's order
    blocks: tuple[TableBlock, ...]
    spending: tuple[MonthSpending, ...]
    unscheduled: Decimal  # budget of projects without months (not in the monthly plan)
    disbursed_after_year: Decimal
    problems: tuple[ProblemLine, ...]
    rows: tuple[ProjectProgress, ...]  # every project, in print order

    @property
    def late(self) -> tuple[ProjectProgress, ...]:
        """Projects that should have started by the as-of date (the plan says so, the status does not)."""
        return tuple(r for r in self.rows if r.should_have_started)

    @property
    def cancelled(self) -> tuple[ProjectProgress, ...]:
        """Cancelled projects, with their reasons."""
        return tuple(r for r in self.rows if r.status is TrackingStatus.CANCELLED)

    @property
    def overspent(self) -> tuple[ProjectProgress, ...]:
        """Projects disbursed over their budget or contract (allowed, flagged)."""
        return tuple(r for r in self.rows if r.over_budget or r.over_contract)


def edition_key(edition: Edition) -> str:
    """How ``--edition`` names an edition: ``main``, an additional edition's number, ``amended-N``."""
    if edition.kind is EditionKind.MAIN:
        return "main"
    if edition.kind is EditionKind.ADDITIONAL:
        return str(edition.number)
    return f"amended-{edition.number}"


def build_report(plan: PlanData, records: TrackingRecords, as_of: dt.date, *,
                 round: RoundKind | None = None) -> ProgressReport:
    """The report of ``plan``'s edition as of ``as_of`` (``round``: which round of the year it is)."""
    rows = progress_rows(plan, records, as_of)
    by_id = {r.project.id: r for r in rows}
    totals = Figures.of(rows)
    kinds = {kind: Figures.of(r for r in rows if r.project.kind is kind) for kind in ProjectKind}
    units = []
    for unit in sorted(plan.units, key=lambda u: (u.position, u.id)):
        members = [r for r in rows if r.project.unit_id == unit.id]
        if members:
            units.append((unit.name, Figures.of(members)))
    blocks = tuple(_table_block(ProjectKind.PROJECT, b, by_id) for b in pd02_blocks(plan)) + tuple(
        _table_block(ProjectKind.EQUIPMENT, b, by_id) for b in pd021_blocks(plan))
    planned: dict[int, Decimal] = {}
    disbursed: dict[int, Decimal] = {}
    for row in rows:
        for month, amount in row.planned.items():
            planned[month] = planned.get(month, ZERO) + amount
        for month, amount in row.disbursed_months.items():
            disbursed[month] = disbursed.get(month, ZERO) + amount
    year = plan.edition.fiscal_year
    return ProgressReport(
        organisation=plan.organisation, edition=plan.edition, as_of=as_of, round=round,
        title_lines=_title_lines(plan, as_of, round), strategies=_strategies(plan, rows), totals=totals,
        kinds=kinds, units=tuple(units), blocks=blocks, spending=spending_table(planned, disbursed, year, as_of),
        unscheduled=sum((r.budget for r in rows if not r.planned and r.budget), ZERO),
        disbursed_after_year=sum((r.disbursed_after_year for r in rows), ZERO),
        problems=tuple(ProblemLine(r.project.name, r.unit, r.status, r.problems) for r in rows if r.problems.strip()),
        rows=tuple(rows),
    )


def _title_lines(plan: PlanData, as_of: dt.date, round: RoundKind | None) -> tuple[str, ...]:
    edition = plan.edition
    title = f"{REPORT_TITLE} ประจำปีงบประมาณ พ.ศ. {edition.fiscal_year}"
    if edition.kind is not EditionKind.MAIN:
        title += f" ({edition.label})"
    org = plan.organisation
    lines = [title]
    if round is not None:
        lines.append(round_label(round, edition.fiscal_year))
    lines += [f"ข้อมูล ณ วันที่ {format_thai_date(as_of)}", f"{org.name} อำเภอ{org.district} จังหวัด{org.province}"]
    return tuple(lines)


def _table_block(kind: ProjectKind, block: Block, by_id: dict[int, ProjectProgress]) -> TableBlock:
    rows = tuple(by_id[p.id] for p in block.projects)
    return TableBlock(kind, block.group_lines, rows, Figures.of(rows))


def _strategies(plan: PlanData, rows: list[ProjectProgress]) -> tuple[StrategyFigures, ...]:
    """The summary: every project and equipment row under the strategy of its program."""
    programs = {p.id: p for p in plan.programs}
    by_program: dict[int | None, list[ProjectProgress]] = {}
    for row in rows:
        key = row.project.program_id if row.project.program_id in programs else None
        by_program.setdefault(key, []).append(row)
    result = []
    for s_index, strategy in enumerate(sorted(plan.strategies, key=lambda s: (s.position, s.number)), start=1):
        number = strategy.number or s_index
        members = sorted((p for p in plan.programs if p.strategy_id == strategy.id and p.id in by_program),
                         key=lambda p: (p.position, p.id))
        if not members:
            continue
        program_lines = tuple(ProgramFigures(f"{number}.{i} {p.name}", p.name, Figures.of(by_program[p.id]))
                              for i, p in enumerate(members, start=1))
        total = sum((line.figures for line in program_lines), Figures())
        result.append(StrategyFigures(f"{number}. {strategy.name}", strategy.name, total, program_lines))
    if None in by_program:
        figures = Figures.of(by_program[None])
        result.append(StrategyFigures(UNFILED_PROGRAM, UNFILED_PROGRAM, figures,
                                      (ProgramFigures(UNFILED_PROGRAM, UNFILED_PROGRAM, figures),)))
    return tuple(result)


def report_json(report: ProgressReport) -> dict[str, Any]:
    """The report as ``thaplan report progress --json`` prints it (INTERFACES.md)."""
    totals = report.totals.to_json()
    totals["kinds"] = {kind.value: report.kinds[kind].to_json() for kind in ProjectKind}
    return {
        "as_of": format_be_iso(report.as_of),
        "year": report.edition.fiscal_year,
        "edition": edition_key(report.edition),
        "strategies": [
            {"name": s.name, **s.figures.to_json(),
             "programs": [{"name": p.name, **p.figures.to_json()} for p in s.programs]}
            for s in report.strategies
        ],
        "totals": totals,
    }


def remarks(row: ProjectProgress) -> str:
    """What the per-project table says about a project besides its figures, in Thai: why it was cancelled,
    that it should have started, that it is disbursed over its budget or contract, its problems."""
    parts = []
    if row.status is TrackingStatus.CANCELLED and row.reason:
        parts.append(forms.FLAGS["cancelled"].format(reason=row.reason))
    if row.should_have_started:
        parts.append(forms.FLAGS["late"])
    if row.over_budget:
        parts.append(forms.FLAGS["over_budget"])
    elif row.over_contract:
        parts.append(forms.FLAGS["over_contract"])
    if row.problems:
        parts.append(row.problems)
    return "\n".join(parts)
