"""The print order of a plan: its rows grouped as the forms print them, whatever the output.

ผด.02 by strategy (ยุทธศาสตร์) then program (แผนงาน), ผด.02/1 by equipment type (ประเภทครุภัณฑ์) then program,
each in print order, rows not filed under a program last. The forms (``exporting.form_content``) and the
reports of the plan in use (``tracking.report``) group rows the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from thaplan_desktop.domain.model import PlanData, Program, Project, ProjectKind, Strategy

UNFILED_PROGRAM = "ยังไม่ได้จัดเข้าแผนงาน"


@dataclass(frozen=True, slots=True)
class Block:
    """A group of rows printed as one table: the group lines above it and its projects."""

    group_lines: tuple[str, ...]
    projects: tuple[Project, ...]
    label: str  # for the outline


def pd02_blocks(plan: PlanData) -> list[Block]:
    """ผด.02 blocks: strategy → program, in print order; projects not filed under a program last."""
    projects = [p for p in plan.projects if p.kind is ProjectKind.PROJECT]
    return _blocks_by_strategy(plan, projects)


def _sorted(projects: Iterable[Project]) -> list[Project]:
    return sorted(projects, key=lambda p: (p.position, p.id))


def _blocks_by_strategy(plan: PlanData, projects: list[Project]) -> list[Block]:
    by_program: dict[int | None, list[Project]] = {}
    known = {p.id for p in plan.programs}
    for project in projects:
        key = project.program_id if project.program_id in known else None
        by_program.setdefault(key, []).append(project)
    blocks = []
    strategies = sorted(plan.strategies, key=lambda s: (s.position, s.number))
    for s_index, strategy in enumerate(strategies, start=1):
        number = strategy.number or s_index
        programs = _programs_of(plan, strategy)
        p_index = 0
        for program in programs:
            members = by_program.get(program.id)
            if not members:
                continue
            p_index += 1
            blocks.append(Block((f"{number}. {strategy.name}", f"{number}.{p_index} {program.name}"),
                                tuple(_sorted(members)), f"{number}.{p_index} {program.name}"))
    if None in by_program:
        blocks.append(Block((UNFILED_PROGRAM,), tuple(_sorted(by_program[None])), UNFILED_PROGRAM))
    return blocks


def _programs_of(plan: PlanData, strategy: Strategy) -> list[Program]:
    return sorted((p for p in plan.programs if p.strategy_id == strategy.id), key=lambda p: (p.position, p.id))


def pd021_blocks(plan: PlanData) -> list[Block]:
    """ผด.02/1 blocks: equipment type → program, in print order."""
    items = [p for p in plan.projects if p.kind is ProjectKind.EQUIPMENT]
    programs = {p.id: p for p in plan.programs}
    strategy_pos = {s.id: (s.position, s.number) for s in plan.strategies}
    types = sorted(plan.equipment_types, key=lambda t: (t.position, t.id))
    by_type: dict[int | None, list[Project]] = {}
    for item in items:
        key = item.equipment_type_id if any(t.id == item.equipment_type_id for t in types) else None
        by_type.setdefault(key, []).append(item)
    blocks: list[Block] = []
    t_index = 0
    groups: list[tuple[str, list[Project]]] = [(f"ประเภท{t.name}", by_type[t.id]) for t in types if t.id in by_type]
    if None in by_type:
        groups.append(("ครุภัณฑ์ที่ยังไม่ได้ระบุประเภท", by_type[None]))
    for type_label, members in groups:
        t_index += 1
        by_program: dict[int | None, list[Project]] = {}
        for item in members:
            key = item.program_id if item.program_id in programs else None
            by_program.setdefault(key, []).append(item)

        def order(pid: int | None) -> tuple[Any, ...]:
            if pid is None:
                return (1, (0, 0), 0, 0)
            program = programs[pid]
            return (0, strategy_pos.get(program.strategy_id, (0, 0)), program.position, program.id)

        for p_index, pid in enumerate(sorted(by_program, key=order), start=1):
            name = programs[pid].name if pid is not None else UNFILED_PROGRAM
            blocks.append(Block((f"{t_index}. {type_label}", f"{t_index}.{p_index} {name}"),
                                tuple(_sorted(by_program[pid])), f"{t_index}.{p_index} {type_label} – {name}"))
    return blocks
