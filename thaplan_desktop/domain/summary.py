"""The ผด.01 summary: number of projects and budget per strategy and program, with percentages.

Percentages are rounded to two decimals by the largest-remainder method at the program level, so that the
program rows, the strategy rows (the sum of their programs) and the grand total all read exactly 100.00.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

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


def largest_remainder_percentages(values: Sequence[Decimal | int]) -> list[Decimal]:
    """Shares of ``values`` in percent with two decimals, adding up to exactly 100.00.

    Every share is first rounded down to the hundredth; the hundredths still missing go one each to
    the items with the largest remainders (ties: the larger value, then the earlier item).
    All zeros (or an empty list) give all zeros.
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
    count_pct = dict(zip(keys, largest_remainder_percentages([counts[k] for k in keys]), strict=True))
    budget_pct = dict(zip(keys, largest_remainder_percentages([budgets[k] for k in keys]), strict=True))

    def row(label: str, members: list[int | None]) -> SummaryRow:
        unit_list: list[str] = []
        for k in members:
            unit_list += [u for u in units[k] if u not in unit_list]
        return SummaryRow(
            label=label,
            count=sum(counts[k] for k in members),
            count_percent=sum((count_pct[k] for k in members), Decimal("0.00")),
            budget=sum((budgets[k] for k in members), Decimal("0.00")),
            budget_percent=sum((budget_pct[k] for k in members), Decimal("0.00")),
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
