"""The GUI's copy of the shown edition: projects by id, the classification, and live node totals.

Plain Python (Qt only for the ``changed`` signal). ``PlanState.load`` takes an ``EditionData``,
``PlanState.apply`` a ``Refresh``; both emit ``changed`` with a ``Delta`` that the item models turn into
row insertions, removals, moves and ``dataChanged``. The state also knows the print order of ผด.02 and
ผด.02/1 (strategy → program for projects, equipment type → program for equipment), the numbering that
restarts in each block, and which tree nodes a project counts under.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QObject, Signal

from thaplan_desktop.domain.model import (
    Edition,
    NamedItem,
    Organisation,
    Program,
    Project,
    ProjectKind,
    Strategy,
    Unit,
)
from thaplan_desktop.domain.thai import to_arabic_digits
from thaplan_desktop.domain.validation import Problem, validate_project
from thaplan_desktop.ui.office.rights import RowRights
from thaplan_desktop.ui.session import EditionData, Refresh

# Tree node keys: ("root",), ("strategy", id), ("program", id), ("equipment",), ("etype", id or 0),
# ("etype_program", type id or 0, program id), ("unfiled",).
NodeKey = tuple
ROOT: NodeKey = ("root",)
EQUIPMENT: NodeKey = ("equipment",)
UNFILED: NodeKey = ("unfiled",)
_LAST = 10**9
_EQUIPMENT_KIND = ProjectKind.EQUIPMENT  # looked up once: enum attribute access is slow in hot loops


@dataclass(frozen=True, slots=True)
class Delta:
    """What changed in the state, for the models."""

    reset: bool = False  # a whole new edition: rebuild everything
    updated: frozenset[int] = frozenset()  # projects whose values changed (still present)
    removed: frozenset[int] = frozenset()
    created: tuple[int, ...] = ()
    tree: bool = False  # strategies or programs changed (order, names, numbers)
    reference: bool = False  # units or equipment types changed
    meta: bool = False  # organisation or editions changed


@dataclass(slots=True)
class Totals:
    """Number of projects and their budget under a tree node."""

    count: int = 0
    budget: Decimal = Decimal("0.00")


class PlanState(QObject):
    """The shown edition, kept in step with the database by the session's refreshes."""

    changed = Signal(object)  # Delta

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.organisation: Organisation | None = None
        self.editions: tuple[Edition, ...] = ()
        self.edition: Edition | None = None
        self.strategies: tuple[Strategy, ...] = ()
        self.programs: tuple[Program, ...] = ()
        self.units: tuple[Unit, ...] = ()
        self.equipment_types: tuple[NamedItem, ...] = ()
        self.projects: dict[int, Project] = {}
        self.totals: dict[NodeKey, Totals] = {}
        self.read_only = False  # another copy of ThaPlan is editing the file: nothing may change here
        self.read_only_notice = ""  # why, in Thai
        self.rights = RowRights()  # which rows the user may change (a department: its own units' projects)
        self._index_reference()

    # --- loading and refreshing -----------------------------------------------------------------------

    def load(self, data: EditionData) -> None:
        """Replace everything with a freshly read edition."""
        self.organisation = data.organisation
        self.editions = data.editions
        self.edition = data.edition
        self.strategies = data.strategies
        self.programs = data.programs
        self.units = data.units
        self.equipment_types = data.equipment_types
        self.projects = {p.id: p for p in data.projects}
        self.read_only = data.read_only
        self.read_only_notice = data.notice if data.read_only else ""
        self.rights = RowRights(data.rights, read_only=data.read_only)
        self._index_reference()
        self._recount()
        self.changed.emit(Delta(reset=True, tree=True, reference=True, meta=True))

    def clear(self) -> None:
        """Forget the edition (no file open)."""
        self.organisation = self.edition = None
        self.editions = self.strategies = self.programs = self.units = self.equipment_types = ()
        self.projects = {}
        self.read_only, self.read_only_notice = False, ""
        self.rights = RowRights()
        self._index_reference()
        self._recount()
        self.changed.emit(Delta(reset=True, tree=True, reference=True, meta=True))

    def apply(self, refresh: Refresh) -> Delta | None:
        """Take in what an operation changed; emit and return the delta (None when nothing changed)."""
        if refresh.reload is not None:
            self.load(refresh.reload)
            return Delta(reset=True)
        if self.edition is None or refresh.edition_id != self.edition.id:
            return None
        tree = refresh.strategies is not None or refresh.programs is not None
        reference = refresh.units is not None or refresh.equipment_types is not None
        meta = refresh.organisation is not None or refresh.editions is not None
        if refresh.strategies is not None:
            self.strategies = refresh.strategies
        if refresh.programs is not None:
            self.programs = refresh.programs
        if refresh.units is not None:
            self.units = refresh.units
        if refresh.equipment_types is not None:
            self.equipment_types = refresh.equipment_types
        if refresh.organisation is not None:
            self.organisation = refresh.organisation
        if refresh.editions is not None:
            self.editions = refresh.editions
            self.edition = next((e for e in self.editions if e.id == self.edition.id), self.edition)
        if tree or reference:
            self._index_reference()
        updated: set[int] = set()
        for project in refresh.projects:
            old = self.projects.get(project.id)
            if old is not None and not tree:
                self._count(old, -1)
            self.projects[project.id] = project
            if not tree:
                self._count(project, +1)
            if old is not None:
                updated.add(project.id)
        removed = set()
        for project_id in refresh.removed:
            old = self.projects.pop(project_id, None)
            if old is not None:
                removed.add(project_id)
                if not tree:
                    self._count(old, -1)
        if tree:
            self._recount()
        created = tuple(p.id for p in refresh.projects if p.id not in updated)
        if not (updated or removed or created or tree or reference or meta):
            return None
        delta = Delta(updated=frozenset(updated), removed=frozenset(removed), created=created,
                      tree=tree, reference=reference, meta=meta)
        self.changed.emit(delta)
        return delta

    # --- lookups ---------------------------------------------------------------------------------------

    def _index_reference(self) -> None:
        self.strategy_by_id = {s.id: s for s in self.strategies}
        self.program_by_id = {p.id: p for p in self.programs}
        self.unit_by_id = {u.id: u for u in self.units}
        self.unit_id_by_name = {u.name: u.id for u in self.units}
        self.type_by_id = {t.id: t for t in self.equipment_types}
        self.strategy_rank = {s.id: i for i, s in enumerate(self.strategies)}
        self.program_rank: dict[int, int] = {}
        self.program_number: dict[int, str] = {}
        for s_index, strategy in enumerate(self.strategies):
            members = sorted((p for p in self.programs if p.strategy_id == strategy.id),
                             key=lambda p: (p.position, p.id))
            for p_index, program in enumerate(members, start=1):
                self.program_rank[program.id] = s_index * 10_000 + p_index
                self.program_number[program.id] = f"{strategy.number}.{p_index}"
        self.type_rank = {t.id: i for i, t in enumerate(self.equipment_types)}

    def programs_of(self, strategy_id: int) -> list[Program]:
        """Programs of a strategy in order."""
        return sorted((p for p in self.programs if p.strategy_id == strategy_id), key=lambda p: (p.position, p.id))

    def may_edit(self, project: Project) -> bool:
        """True when this window may change the project: not read-only, and the user's rights cover its unit."""
        return self.rights.may_edit(project)

    def why_locked(self, project: Project) -> str:
        """Why the project cannot be changed here, in Thai ("" when it can, or the whole window is read-only)."""
        return self.rights.why_not(project, self.unit_name)

    def unit_name(self, unit_id: int | None) -> str:
        """A unit's name ("" for none)."""
        unit = self.unit_by_id.get(unit_id) if unit_id is not None else None
        return unit.name if unit is not None else ""

    def program_label(self, program_id: int | None) -> str:
        """"1.2 แผนงาน…" or ""."""
        program = self.program_by_id.get(program_id) if program_id is not None else None
        if program is None:
            return ""
        return f"{self.program_number.get(program.id, '')} {program.name}"

    def order_key(self, project: Project) -> tuple:
        """Where a project prints: ผด.02 by strategy and program, then ผด.02/1 by type and program."""
        program_rank = self.program_rank.get(project.program_id, _LAST) if project.program_id else _LAST
        if project.kind is _EQUIPMENT_KIND:
            type_rank = self.type_rank.get(project.equipment_type_id, _LAST) if project.equipment_type_id else _LAST
            return (1, type_rank, program_rank, project.position, project.id)
        return (0, 0, program_rank, project.position, project.id)

    def block_of(self, project: Project) -> tuple:
        """The printed block (numbering restarts in each): kind, equipment type, program."""
        program = project.program_id if project.program_id in self.program_by_id else None
        if project.kind is _EQUIPMENT_KIND:
            return (1, project.equipment_type_id, program)
        return (0, None, program)

    def node_keys(self, project: Project) -> tuple[NodeKey, ...]:
        """The tree nodes a project counts under (and is shown for)."""
        program = self.program_by_id.get(project.program_id) if project.program_id is not None else None
        if project.kind is _EQUIPMENT_KIND:
            type_id = project.equipment_type_id if project.equipment_type_id in self.type_by_id else 0
            keys: tuple[NodeKey, ...] = (ROOT, EQUIPMENT, ("etype", type_id))
            if program is not None:
                return (*keys, ("etype_program", type_id, program.id))
            return (*keys, UNFILED)
        if program is None:
            return (ROOT, UNFILED)
        return (ROOT, ("strategy", program.strategy_id), ("program", program.id))

    def search_text(self, project: Project) -> str:
        """What the search box looks in: name, details, location and unit, normalised."""
        return search_key(" ".join((project.name, project.details, project.location,
                                    self.unit_name(project.unit_id))))

    def problems(self, project: Project) -> list[Problem]:
        """What is wrong with a project (a program that no longer exists counts as not filed)."""
        if (project.months and project.program_id in self.program_by_id and project.budget >= 0
                and project.name.strip() and (project.kind is not _EQUIPMENT_KIND or project.equipment_type_id)):
            return []  # the common case, without building the full list
        problems = validate_project(project)
        if project.program_id is not None and project.program_id not in self.program_by_id:
            problems.append(Problem("program", "ยังไม่ได้จัดเข้าแผนงาน"))
        return problems

    # --- totals ----------------------------------------------------------------------------------------

    def _recount(self) -> None:
        # Sum per classification first (a few hundred groups), then spread each group over its nodes.
        groups: dict[tuple, list] = {}
        for project in self.projects.values():
            signature = (project.kind, project.program_id, project.equipment_type_id)
            group = groups.get(signature)
            if group is None:
                groups[signature] = [1, project.budget, project]
            else:
                group[0] += 1
                group[1] += project.budget
        self.totals = {}
        for count, budget, sample in groups.values():
            for key in self.node_keys(sample):
                totals = self.totals.get(key)
                if totals is None:
                    totals = self.totals[key] = Totals()
                totals.count += count
                totals.budget += budget

    def _count(self, project: Project, sign: int) -> None:
        for key in self.node_keys(project):
            totals = self.totals.get(key)
            if totals is None:
                totals = self.totals[key] = Totals()
            totals.count += sign
            totals.budget += sign * project.budget

    def totals_of(self, key: NodeKey) -> Totals:
        """Count and budget under a node (zero when empty)."""
        return self.totals.get(key) or Totals()

    def budget_of(self, ids: Iterable[int]) -> Decimal:
        """Sum of the budgets of some projects."""
        return sum((self.projects[i].budget for i in ids if i in self.projects), Decimal("0.00"))


_THAI_DIGIT = re.compile("[๐-๙]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff\u00ad]")


def search_key(text: str) -> str:
    """Text normalised for searching: one space between words, Arabic digits, lower-case Latin.

    Same result as ``normalise_space(to_arabic_digits(text)).lower()``, built for speed: the search
    texts of 10,000 projects are made in a few milliseconds.
    """
    if _THAI_DIGIT.search(text):
        text = to_arabic_digits(text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return " ".join(text.replace("\u00a0", " ").split()).lower()
