"""Filing a file's projects under the plan's names, before an import is prepared: names and remembered matches.

:func:`file_under_plan` matches the files' strategy and program names to the plan's (:mod:`.names`) and
files the staged projects under the chosen ones — by default the confident matches, which is what the
command line applies; the GUI passes the officer's choices — then :func:`~.apply.prepare_import` resolves
them exactly. :func:`filed_under` says, per project, where a prepared import puts it and what it creates.
Confirmed matches (a file's strategy or program name → the plan's) are stored in the plan itself, as JSON
in the setting :data:`SETTING` (``{"strategy": {key: name}, "program": {key: name}}``, keys normalised by
:mod:`.names`), so that the next import of any department's file finds them confident: the window's import
carries them (:func:`remember_with_import`), so one undo takes back the rows and what was remembered.
Only the workspace's public reads and operations are used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.importing.names import (
    PROGRAM,
    REMEMBERED,
    STRATEGY,
    Choices,
    NameAliases,
    NameMatch,
    PlanNames,
    PlanProgram,
    apply_choices,
    confident_choices,
    program_key,
    propose_matches,
    strategy_key,
)
from thaplan_desktop.importing.staged import ImportResult

if TYPE_CHECKING:
    from thaplan_desktop.importing.apply import ImportPlan
    from thaplan_desktop.workspace import Changes, Workspace

SETTING = "import.name_matches"


class FiledUnder(TypedDict):
    """Where a prepared import puts one project: names in the plan, and which of them it would create."""

    strategy: str
    program: str
    unit: str
    created: list[str]  # of "strategy", "program", "unit"


def plan_names(workspace: Workspace) -> PlanNames:
    """The plan's strategies and programs (with their strategy and budget code) and its remembered matches."""
    strategies = workspace.strategies()
    by_id = {s.id: s.name for s in strategies}
    programs = tuple(PlanProgram(by_id.get(p.strategy_id, ""), p.name, p.dla_code) for p in workspace.programs())
    return PlanNames(tuple(s.name for s in strategies), programs, load_aliases(workspace))


def load_aliases(workspace: Workspace) -> NameAliases:
    """The matches confirmed in earlier imports (none when the setting is missing or unreadable)."""
    try:
        data = json.loads(workspace.setting(SETTING) or "{}")
    except json.JSONDecodeError:
        return NameAliases()
    if not isinstance(data, dict):
        return NameAliases()

    def table(kind: str) -> dict[str, str]:
        found = data.get(kind)
        if not isinstance(found, dict):
            return {}
        return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}

    return NameAliases(table(STRATEGY), table(PROGRAM))


def remembered_matches(workspace: Workspace, matches: Iterable[NameMatch], choices: Choices) -> str | None:
    """The setting's new value once the officer's choices are remembered, or None when nothing changes.

    A name filed under one of the plan's is remembered (unless it was a confident match of the names
    themselves); a name to be created ("สร้างใหม่") forgets what was remembered for it.
    """
    aliases = load_aliases(workspace)
    tables = {STRATEGY: dict(aliases.strategies), PROGRAM: dict(aliases.programs)}
    for match in matches:
        if match.key not in choices:
            continue
        chosen = choices[match.key]
        key = (strategy_key if match.kind == STRATEGY else program_key)(match.name).key
        if not key:
            continue
        if chosen is None:
            tables[match.kind].pop(key, None)
        elif match.confident and chosen == match.match and match.reason != REMEMBERED:
            continue  # the names themselves say so: nothing to remember
        elif normalise_space(chosen) != normalise_space(match.name):
            tables[match.kind][key] = chosen
    if tables == {STRATEGY: dict(aliases.strategies), PROGRAM: dict(aliases.programs)}:
        return None
    return json.dumps(tables, ensure_ascii=False, sort_keys=True)


def remember_choices(workspace: Workspace, matches: Iterable[NameMatch], choices: Choices) -> Changes | None:
    """Keep the officer's choices for the plan's next imports (:func:`remembered_matches`) as an undoable
    change of their own, or nothing (None) when nothing changes."""
    value = remembered_matches(workspace, matches, choices)
    return None if value is None else workspace.set_setting(SETTING, value)


def remember_with_import(workspace: Workspace, plan: ImportPlan, matches: Iterable[NameMatch],
                         choices: Choices) -> bool:
    """Let the prepared import ``plan`` carry the officer's choices, so that applying it remembers them in
    the same undo step as its rows (undoing the import forgets them). False when nothing is to remember."""
    value = remembered_matches(workspace, matches, choices)
    if value is None:
        plan.settings.pop(SETTING, None)
        return False
    plan.settings[SETTING] = value
    return True


def file_under_plan(workspace: Workspace, results: Iterable[ImportResult],
                    choices: Choices | None = None) -> tuple[list[ImportResult], list[NameMatch]]:
    """The results with their projects filed under the plan's names, and the name matches behind that.

    ``choices`` (the officer's, keyed by :attr:`NameMatch.key`) override the confident matches, which are
    taken otherwise; a name with neither stays as written, and the import creates it.
    """
    results = list(results)
    names = plan_names(workspace)
    projects = [p for r in results for p in r.projects]
    matches = propose_matches(projects, names, choices)
    chosen = {**confident_choices(matches), **(choices or {})}
    return apply_choices(results, chosen, names), matches


def filed_under(workspace: Workspace, plan: ImportPlan) -> list[FiledUnder]:
    """Per staged row of a prepared import, in order: ``{"strategy", "program", "unit", "created"}`` — the
    names it goes under and which of the three the import would create (INTERFACES.md ``filed_under``)."""
    strategies = {s.id: s.name for s in workspace.strategies()}
    programs = {p.id: p for p in workspace.programs()}
    units = {u.id: u.name for u in workspace.units()}
    out: list[FiledUnder] = []
    for row in plan.rows:
        program = programs.get(row.program_id) if row.program_id is not None else None
        strategy_id = row.strategy_id if row.strategy_id is not None else program.strategy_id if program else None
        created = []
        if strategy_id is None and row.strategy_name:
            created.append("strategy")
        if program is None and row.program_name and row.strategy_name:
            created.append("program")
        if row.unit_id is None and row.unit_name:
            created.append("unit")
        out.append(FiledUnder(
            strategy=strategies.get(strategy_id, "") if strategy_id is not None else row.strategy_name,
            program=program.name if program is not None else row.program_name,
            unit=units.get(row.unit_id, "") if row.unit_id is not None else row.unit_name,
            created=created,
        ))
    return out
