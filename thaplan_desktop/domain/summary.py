"""The ผด.01 summary: number of projects and budget per strategy and program, with percentages.

Each percentage is its own fraction of the whole, rounded half up to two decimals on its own: a program
row, a strategy's รวม row (its own count or budget over the whole, not the sum of its programs' rounded
figures) and the รวมทั้งสิ้น row (100.00) alike. A reader with a calculator gets every figure; equal
counts give equal percentages. The rounded rows may therefore add up to 99.99 or 100.01, as in any
table of rounded shares. The progress report's status shares (``tracking.report``) use the same
``percentage``; only a donut's slices (``charts``), which must close their circle, use
``largest_remainder_percentages``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from thaplan_desktop.domain.model import Program, Project, Strategy

HUNDRED = Decimal("100.00")
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One line of ผด.01: a program, a strategy's total, or the grand total."""

    label: str
    count: int
    count_percent: Decimal
    budget: Decimal
    budget_percent: Decimal
    units: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StrategySummary:
    """A strategy block of ผด.01: its program rows and its total row (รวม)."""

    strategy: Strategy
    programs: tuple[tuple[Program, SummaryRow], ...]
    total: SummaryRow


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """The whole ผด.01: the strategy blocks, projects not yet filed under a program, and รวมทั้งสิ้น."""

    strategies: tuple[StrategySummary, ...]
    unfiled: SummaryRow | None
    total: SummaryRow


def percentage(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """``part`` as a percentage of ``whole``, rounded half up to two decimals (0.00 when ``whole`` is 0)."""
    whole = Decimal(whole)
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(part) * 100 / whole).quantize(_CENT, rounding=ROUND_HALF_UP)


def largest_remainder_percentages(values: Sequence[Decimal | int]) -> list[Decimal]:
    """Shares of ``values`` in percent with two decimals, adding up to exactly 100.00: a donut's slices.

    Every share is first rounded down to the hundredth; the hundredths still missing go one each to
    the items with the largest remainders (ties: the larger value, then the earlier item).
    All zeros (or an empty list) give all zeros. Tables print ``percentage`` instead.
    """
    total = sum((Decimal(v) for v in values), Decimal(0))
    if total == 0:
        return [Decimal("0.00") for _ in values]
    exact = [Decimal(v) * 100 / total for v in values]
    floored = [e.quantize(_CENT, rounding=ROUND_FLOOR) for e in exact]
    missing = int(((HUNDRED - sum(floored, Decimal(0))) / _CENT).to_integral_value())
    order = sorted(range(len(values)), key=lambda i: (-(exact[i] - floored[i]), -Decimal(values[i]), i))
    for i in order[:missing]:
        floored[i] += _CENT
    return floored


def summarize(
    strategies: Iterable[Strategy],
    programs: Iterable[Program],
    projects: Iterable[Project],
    unit_names: dict[int, str] | None = None,
) -> PlanSummary:
    """Build ผด.01 from plain data. Strategies and programs without projects are left out."""
    unit_names = unit_names or {}
    programs_by_id = {p.id: p for p in programs}
    counts: dict[int | None, int] = {}
    budgets: dict[int | None, Decimal] = {}
    units: dict[int | None, list[str]] = {}
    for project in projects:
        key = project.program_id if project.program_id in programs_by_id else None
        counts[key] = counts.get(key, 0) + 1
        budgets[key] = budgets.get(key, Decimal(0)) + project.budget
        name = unit_names.get(project.unit_id) if project.unit_id is not None else None
        if name and name not in units.setdefault(key, []):
            units[key].append(name)
        units.setdefault(key, [])

    keys = list(counts)
    all_count = sum(counts.values())
    all_budget = sum(budgets.values(), Decimal(0))

    def row(label: str, members: list[int | None]) -> SummaryRow:
        unit_list: list[str] = []
        for k in members:
            unit_list += [u for u in units[k] if u not in unit_list]
        count = sum(counts[k] for k in members)
        budget = sum((budgets[k] for k in members), Decimal("0.00"))
        return SummaryRow(
            label=label,
            count=count,
            count_percent=percentage(count, all_count),
            budget=budget,
            budget_percent=percentage(budget, all_budget),
            units=tuple(unit_list),
        )

    blocks = []
    for strategy in sorted(strategies, key=lambda s: (s.position, s.number)):
        members = sorted(
            (p for p in programs_by_id.values() if p.strategy_id == strategy.id and p.id in counts),
            key=lambda p: (p.position, p.id),
        )
        if not members:
            continue
        program_rows = tuple((p, row(p.name, [p.id])) for p in members)
        blocks.append(StrategySummary(strategy, program_rows, row("รวม", [p.id for p in members])))
    unfiled = row("ยังไม่ได้จัดเข้าแผนงาน", [None]) if None in counts else None
    return PlanSummary(tuple(blocks), unfiled, row("รวมทั้งสิ้น", keys))
