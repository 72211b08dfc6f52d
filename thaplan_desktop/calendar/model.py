"""The calendar of one edition: per month, which projects start, run and end, by unit, with the deadlines.

A project's months (fiscal months 1..12, 1 = ต.ค.) fall into *runs*, its maximal stretches of consecutive
months: ต.ค.–พ.ย. + มี.ค. is two runs, a whole-year project one run of twelve. A project *starts* in a month
when one of its runs begins there, *ends* when one ends there, and *runs* in every month of its runs
(so "running" includes the starting and the ending ones; a single-month run does all three). These are the
rules of INTERFACES.md's calendar JSON.

``build_calendar`` does the work once, O(projects × months): it resolves every row's names and runs (rows
sharing their months share their runs) and files each under the months of its runs, so that
``PlanCalendar.month(m)`` (the window's month switch) only looks lists up and ``filtered(f)`` re-files
the rows already resolved. Items keep the
plan's order (projects of ผด.02 before equipment of ผด.02/1, then their position); ``MonthView.by_unit``
groups them by unit in the unit list's order. Filters: by unit (หน่วยงาน) and by strategy (ยุทธศาสตร์; an
equipment row counts under the strategy of its program). Unknown names are refused in Thai.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from thaplan_desktop.calendar.deadlines import DatedDeadline
from thaplan_desktop.calendar.months import CalendarMonth
from thaplan_desktop.domain.fiscal import month_runs
from thaplan_desktop.domain.model import EditionKind, PlanData, Project, ProjectKind, Strategy
from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits

__all__ = [
    "NO_UNIT",
    "CalendarError",
    "CalendarFilter",
    "CalendarItem",
    "MonthView",
    "PlanCalendar",
    "Run",
    "UnitMonth",
    "build_calendar",
    "resolve_strategy",
    "runs_of",
]

NO_UNIT = "ไม่ระบุหน่วยงาน"
TEXTS = {
    "unknown_unit": "ไม่พบหน่วยงาน “{unit}” ในแผนนี้ (หน่วยงานที่มี: {known})",
    "unknown_strategy": "ไม่พบยุทธศาสตร์ “{strategy}” ในแผนนี้ (ระบุเลขหรือชื่อ เช่น 1)",
}


class CalendarError(ValueError):
    """A filter that names nothing in the plan; the message is Thai."""


@dataclass(frozen=True, slots=True)
class Run:
    """A maximal run of consecutive fiscal months of one project (``first``..``last``, 1 = ต.ค.)."""

    first: int
    last: int
    number: int = 1  # 1-based, in fiscal order among the project's runs
    of: int = 1  # how many runs the project has

    @property
    def months(self) -> range:
        """The fiscal months of the run."""
        return range(self.first, self.last + 1)

    def start(self, fiscal_year: int) -> CalendarMonth:
        """The calendar month the run begins in."""
        return CalendarMonth.of_fiscal(fiscal_year, self.first)

    def finish(self, fiscal_year: int) -> CalendarMonth:
        """The calendar month the run ends in (inclusive)."""
        return CalendarMonth.of_fiscal(fiscal_year, self.last)


def runs_of(months: Iterable[int]) -> tuple[Run, ...]:
    """The runs of a set of fiscal months: {1, 2, 6} → Run(1, 2, 1, 2), Run(6, 6, 2, 2)."""
    spans = month_runs(months)
    return tuple(Run(first, last, number, len(spans)) for number, (first, last) in enumerate(spans, start=1))


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """A project (ผด.02) or equipment row (ผด.02/1) as the calendar shows it: the row, its runs, names resolved."""

    project: Project
    runs: tuple[Run, ...]
    unit: str  # "" when the row names no unit
    strategy_id: int | None
    strategy: str  # "1. ยุทธศาสตร์…" or ""
    program: str
    unit_rank: int = 0  # the unit's place in the unit list (no unit: last)

    @property
    def project_id(self) -> int:
        """The row's id (what the window selects in the grid)."""
        return self.project.id

    @property
    def uuid(self) -> str:
        """The row's lasting UUID."""
        return self.project.uuid

    @property
    def kind(self) -> ProjectKind:
        """Project (ผด.02) or equipment (ผด.02/1)."""
        return self.project.kind

    @property
    def name(self) -> str:
        """The name as in the plan."""
        return self.project.name

    @property
    def details(self) -> str:
        """รายละเอียดของกิจกรรม."""
        return self.project.details

    @property
    def budget(self) -> Decimal:
        """งบประมาณ, baht."""
        return self.project.budget

    @property
    def location(self) -> str:
        """สถานที่ดำเนินการ."""
        return self.project.location

    @property
    def months(self) -> frozenset[int]:
        """The row's fiscal months."""
        return self.project.months


@dataclass(frozen=True, slots=True)
class CalendarFilter:
    """Which rows a calendar shows: one unit (by name) and/or one strategy (by id); None is every one."""

    unit: str | None = None
    strategy_id: int | None = None


@dataclass(frozen=True, slots=True)
class UnitMonth:
    """One unit's part of a month."""

    unit: str  # NO_UNIT for rows without one
    starting: tuple[CalendarItem, ...]
    running: tuple[CalendarItem, ...]
    ending: tuple[CalendarItem, ...]


@dataclass(frozen=True, slots=True)
class MonthView:
    """One month of the calendar: what starts, runs and ends in it, and the deadlines that fall in it."""

    month: CalendarMonth
    in_year: bool  # the month belongs to the plan's fiscal year (outside it, only deadlines can show)
    starting: tuple[CalendarItem, ...]
    running: tuple[CalendarItem, ...]
    ending: tuple[CalendarItem, ...]
    deadlines: tuple[DatedDeadline, ...]

    def by_unit(self) -> tuple[UnitMonth, ...]:
        """The month split by unit, units in list order (rows without a unit last), empty units left out."""
        ranks: dict[str, int] = {}
        for item in self.running:
            ranks.setdefault(item.unit or NO_UNIT, item.unit_rank)
        units = sorted(ranks, key=lambda name: (ranks[name], name))

        def of(unit: str, items: tuple[CalendarItem, ...]) -> tuple[CalendarItem, ...]:
            return tuple(i for i in items if (i.unit or NO_UNIT) == unit)

        return tuple(UnitMonth(u, of(u, self.starting), of(u, self.running), of(u, self.ending)) for u in units)


@dataclass(frozen=True, slots=True)
class PlanCalendar:
    """The calendar of one edition (after its filter): twelve fiscal months and the deadlines.

    Built by :func:`build_calendar`; ``month(m)`` is a lookup, fit for a window switching months, and
    ``filtered(f)`` shows other rows without resolving the plan again.
    """

    fiscal_year: int
    organisation: str
    edition_label: str
    edition_key: str  # "main", "additional-1", "amended-2": stable, unlike the label the officer may edit
    units: tuple[str, ...]  # the plan's units, in list order (what a unit filter may name)
    strategy_ids: frozenset[int]
    filter: CalendarFilter
    everything: tuple[CalendarItem, ...] = field(repr=False)  # every row of the edition, in order
    items: tuple[CalendarItem, ...]  # the rows the filter lets through
    deadlines: tuple[DatedDeadline, ...]  # by day
    # Per fiscal month (index 0 = ต.ค.): indexes into ``items`` of the rows starting, running, ending.
    _starting: tuple[tuple[int, ...], ...] = field(repr=False, default=())
    _running: tuple[tuple[int, ...], ...] = field(repr=False, default=())
    _ending: tuple[tuple[int, ...], ...] = field(repr=False, default=())

    def months(self) -> tuple[CalendarMonth, ...]:
        """The twelve months of the fiscal year, ต.ค. first."""
        return tuple(CalendarMonth.of_fiscal(self.fiscal_year, m) for m in range(1, 13))

    def month(self, month: CalendarMonth) -> MonthView:
        """What starts, runs and ends in ``month``, and its deadlines."""
        deadlines = tuple(d for d in self.deadlines if month.contains(d.day))
        if month.fiscal_year != self.fiscal_year:
            return MonthView(month, False, (), (), (), deadlines)
        index = month.fiscal_month - 1
        items = self.items
        return MonthView(
            month, True,
            tuple(items[i] for i in self._starting[index]),
            tuple(items[i] for i in self._running[index]),
            tuple(items[i] for i in self._ending[index]),
            deadlines,
        )

    def runs(self) -> Iterator[tuple[CalendarItem, Run]]:
        """Every run of every row, in the items' order."""
        for item in self.items:
            for run in item.runs:
                yield item, run

    def filtered(self, filter: CalendarFilter) -> PlanCalendar:
        """The same calendar showing the rows ``filter`` lets through; unknown names are refused in Thai."""
        unit = None
        if filter.unit is not None:
            unit = normalise_space(filter.unit)
            if unit not in self.units:
                raise CalendarError(TEXTS["unknown_unit"].format(unit=filter.unit, known=", ".join(self.units)))
        if filter.strategy_id is not None and filter.strategy_id not in self.strategy_ids:
            raise CalendarError(TEXTS["unknown_strategy"].format(strategy=filter.strategy_id))
        items = tuple(i for i in self.everything
                      if (unit is None or i.unit == unit)
                      and (filter.strategy_id is None or i.strategy_id == filter.strategy_id))
        starting: list[list[int]] = [[] for _ in range(12)]
        running: list[list[int]] = [[] for _ in range(12)]
        ending: list[list[int]] = [[] for _ in range(12)]
        for index, item in enumerate(items):
            for run in item.runs:
                starting[run.first - 1].append(index)
                ending[run.last - 1].append(index)
                for month in run.months:
                    running[month - 1].append(index)
        return replace(self, filter=filter, items=items, _starting=tuple(map(tuple, starting)),
                       _running=tuple(map(tuple, running)), _ending=tuple(map(tuple, ending)))


def resolve_strategy(strategies: Iterable[Strategy], text: str) -> int:
    """The id of the strategy named by its number (``1``) or its name; a Thai CalendarError otherwise."""
    wanted = normalise_space(to_arabic_digits(text))
    for strategy in strategies:
        if wanted.isdigit() and strategy.number == int(wanted):
            return strategy.id
        if normalise_space(strategy.name) == wanted:
            return strategy.id
    raise CalendarError(TEXTS["unknown_strategy"].format(strategy=text))


def _edition_key(plan: PlanData) -> str:
    edition = plan.edition
    return "main" if edition.kind is EditionKind.MAIN else f"{edition.kind}-{edition.number}"


def _items(plan: PlanData) -> tuple[CalendarItem, ...]:
    """Every row of the plan as a calendar item, projects before equipment, by position."""
    units = {u.id: u for u in plan.units}
    unit_ranks = {u.id: rank for rank, u in enumerate(sorted(plan.units, key=lambda u: (u.position, u.id)))}
    no_unit_rank = len(unit_ranks)
    programs = {p.id: p for p in plan.programs}
    strategies = {s.id: s for s in plan.strategies}
    strategy_names = {s.id: f"{s.number}. {s.name}" for s in plan.strategies}
    runs_by_months: dict[frozenset[int], tuple[Run, ...]] = {}  # many rows share their months
    project_kind = ProjectKind.PROJECT
    items = []
    for project in sorted(plan.projects, key=lambda p: (p.kind is not project_kind, p.position, p.id)):
        unit = units.get(project.unit_id) if project.unit_id is not None else None
        program = programs.get(project.program_id) if project.program_id is not None else None
        strategy_id = program.strategy_id if program is not None and program.strategy_id in strategies else None
        runs = runs_by_months.get(project.months)
        if runs is None:
            runs = runs_by_months[project.months] = runs_of(project.months)
        items.append(CalendarItem(
            project, runs, unit.name if unit else "", strategy_id,
            strategy_names[strategy_id] if strategy_id is not None else "",
            program.name if program else "", unit_ranks[unit.id] if unit else no_unit_rank,
        ))
    return tuple(items)


def build_calendar(plan: PlanData, *, deadlines: Sequence[DatedDeadline] = (),
                   filter: CalendarFilter | None = None) -> PlanCalendar:
    """The calendar of ``plan``'s edition, showing the rows ``filter`` lets through, and ``deadlines``."""
    everything = _items(plan)
    calendar = PlanCalendar(
        fiscal_year=plan.edition.fiscal_year, organisation=plan.organisation.name,
        edition_label=plan.edition.label, edition_key=_edition_key(plan),
        units=tuple(u.name for u in sorted(plan.units, key=lambda u: (u.position, u.id))),
        strategy_ids=frozenset(s.id for s in plan.strategies), filter=CalendarFilter(),
        everything=everything, items=(), deadlines=tuple(sorted(deadlines, key=lambda d: (d.day, d.key))),
    )
    return calendar.filtered(filter or CalendarFilter())
