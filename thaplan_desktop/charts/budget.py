"""Budget charts: by strategy (or, with a strategy selected, by its programs) and by unit.

Bars, longest names beside them. Categories are the strategies (programs, units) that have at least one
row in scope, in print order (the unit list's order for units); rows filed under no program, or naming no
unit, make a last bar of their own. Projects (ผด.02) and equipment (ผด.02/1) count together, as ผด.01's
totals do; an equipment row counts under the strategy of its program.
"""

from __future__ import annotations

from thaplan_desktop.charts.description import (
    PALETTE,
    Category,
    ChartDescription,
    ChartKind,
    ValueFormat,
    series,
    value_axis,
)
from thaplan_desktop.charts.scope import Scoped, satang_of_rows
from thaplan_desktop.charts.spending import baht

__all__ = ["budget_by_tree", "budget_by_unit"]

TEXTS = {
    "by_strategy": "งบประมาณตามยุทธศาสตร์",
    "by_program": "งบประมาณตามแผนงาน",
    "by_unit": "งบประมาณตามหน่วยงานรับผิดชอบ",
    "strategy": "ยุทธศาสตร์",
    "program": "แผนงาน",
    "unit": "หน่วยงาน",
    "budget": "งบประมาณ (บาท)",
    "strategy_short": "ยุทธศาสตร์ที่ {number}",
    "unfiled": "ยังไม่ได้จัดเข้าแผนงาน",
    "no_unit": "ไม่ระบุหน่วยงาน",
}


def _bars(key: str, title: str, subtitle: str, category_title: str, bars: list[tuple[Category, int]],
          highlight: str | None = None) -> ChartDescription:
    values = [baht(satang) for _c, satang in bars]
    return ChartDescription(
        key=key, kind=ChartKind.BAR, title=title, subtitle=subtitle,
        categories=tuple(c for c, _s in bars),
        series=(series("budget", TEXTS["budget"], values, ValueFormat.BAHT, PALETTE[0]),),
        value_format=ValueFormat.BAHT, category_title=category_title,
        value_axis=value_axis(values, ValueFormat.BAHT), highlight=highlight,
    )


def _short(name: str) -> str:
    return name.removeprefix("แผนงาน").strip() or name


def budget_by_tree(scope: Scoped) -> ChartDescription:
    """Budget per strategy; with a strategy (or one of its programs) selected, per program of that strategy.

    With a program selected its strategy's programs are shown and the selected one is highlighted.
    """
    plan = scope.plan
    if scope.strategy is None:
        program_strategy = {p.id: p.strategy_id for p in plan.programs}
        totals: dict[int | None, int] = {}
        for project, satang in zip(scope.projects, scope.satang, strict=True):
            key = program_strategy.get(project.program_id) if project.program_id is not None else None
            totals[key] = totals.get(key, 0) + satang
        bars = [(Category(f"strategy:{s.id}", f"{s.number}. {s.name}",
                          TEXTS["strategy_short"].format(number=s.number)), totals[s.id])
                for s in sorted(plan.strategies, key=lambda s: (s.position, s.number)) if s.id in totals]
        if None in totals:
            bars.append((Category("unfiled", TEXTS["unfiled"], TEXTS["unfiled"]), totals[None]))
        return _bars("budget_by_strategy", TEXTS["by_strategy"], scope.subtitle, TEXTS["strategy"], bars)
    strategy = scope.strategy
    programs = sorted((p for p in plan.programs if p.strategy_id == strategy.id), key=lambda p: (p.position, p.id))
    members = {p.id for p in programs}
    rows = [p for p in plan.projects if p.program_id in members]  # the strategy's, whichever program is selected
    totals = {}
    for project, satang in zip(rows, satang_of_rows(rows), strict=True):
        totals[project.program_id] = totals.get(project.program_id, 0) + satang
    bars = [(Category(f"program:{p.id}", p.name, _short(p.name)), totals[p.id]) for p in programs if p.id in totals]
    highlight = f"program:{scope.program.id}" if scope.program is not None else None
    subtitle = (TEXTS["strategy_short"].format(number=strategy.number) + f" {strategy.name}"
                if scope.program is not None else scope.subtitle)
    return _bars("budget_by_program", TEXTS["by_program"], subtitle, TEXTS["program"], bars, highlight)


def budget_by_unit(scope: Scoped) -> ChartDescription:
    """Budget per unit (หน่วยงานรับผิดชอบหลัก) of the rows in scope."""
    totals: dict[int | None, int] = {}
    known = {u.id for u in scope.plan.units}
    for project, satang in zip(scope.projects, scope.satang, strict=True):
        key = project.unit_id if project.unit_id in known else None
        totals[key] = totals.get(key, 0) + satang
    bars = [(Category(f"unit:{u.id}", u.name, u.name), totals[u.id])
            for u in sorted(scope.plan.units, key=lambda u: (u.position, u.id)) if u.id in totals]
    if None in totals:
        bars.append((Category("no_unit", TEXTS["no_unit"], TEXTS["no_unit"]), totals[None]))
    return _bars("budget_by_unit", TEXTS["by_unit"], scope.subtitle, TEXTS["unit"], bars)
