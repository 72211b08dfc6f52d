"""What part of the plan the dashboard's charts cover: the whole plan, one strategy or one program.

The charts follow the tree's selection (ยุทธศาสตร์ → แผนงาน): with nothing selected they cover every row
of the edition, with a strategy its rows (an equipment row counts under the strategy of its program), with
a program that program's rows. ``Scoped`` resolves a ``ChartScope`` against a plan once, for every chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thaplan_desktop.domain.model import PlanData, Program, Project, Strategy

__all__ = ["ChartScope", "Scoped", "satang_of_rows", "scoped"]

TEXTS = {
    "whole": "ทั้งแผน",
    "strategy": "ยุทธศาสตร์ที่ {number} {name}",
    "unknown": "ไม่พบยุทธศาสตร์หรือแผนงานที่เลือกในแผนนี้",
}


@dataclass(frozen=True, slots=True)
class ChartScope:
    """The tree's selection: a program (its strategy follows), a strategy, or neither (the whole plan)."""

    strategy_id: int | None = None
    program_id: int | None = None


@dataclass(frozen=True, slots=True)
class Scoped:
    """A scope resolved against one plan: the strategy and program selected and the rows they cover."""

    plan: PlanData
    strategy: Strategy | None
    program: Program | None
    projects: tuple[Project, ...]
    subtitle: str
    satang: tuple[int, ...]  # each row's budget in whole satang, as ``projects`` (every chart sums these)


def scoped(plan: PlanData, scope: ChartScope | None = None) -> Scoped:
    """Resolve ``scope`` against ``plan``; a selection the plan does not have is a ValueError (Thai)."""
    scope = scope or ChartScope()
    programs = {p.id: p for p in plan.programs}
    strategies = {s.id: s for s in plan.strategies}
    program = None
    strategy = None
    if scope.program_id is not None:
        program = programs.get(scope.program_id)
        if program is None:
            raise ValueError(TEXTS["unknown"])
        strategy = strategies.get(program.strategy_id)
    elif scope.strategy_id is not None:
        strategy = strategies.get(scope.strategy_id)
        if strategy is None:
            raise ValueError(TEXTS["unknown"])
    if program is not None:
        rows = tuple(p for p in plan.projects if p.program_id == program.id)
        subtitle = program.name
    elif strategy is not None:
        members = {p.id for p in plan.programs if p.strategy_id == strategy.id}
        rows = tuple(p for p in plan.projects if p.program_id in members)
        subtitle = TEXTS["strategy"].format(number=strategy.number, name=strategy.name)
    else:
        rows = plan.projects
        subtitle = TEXTS["whole"]
    return Scoped(plan, strategy, program, rows, subtitle, satang_of_rows(rows))


def satang_of_rows(rows: Sequence[Project]) -> tuple[int, ...]:
    """Each row's budget in whole satang (budgets are stored in satang: this is exact)."""
    return tuple(int(p.budget.scaleb(2).to_integral_value()) for p in rows)
