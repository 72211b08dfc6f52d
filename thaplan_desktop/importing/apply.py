"""Stage 4 of an import: staged projects into an edition of the plan, in one undoable operation.

:func:`prepare_import` decides, without changing anything, what each staged row becomes: its strategy and
program (matched by normalised name, DOMAIN.md §6 spelling variants included), unit and equipment type,
what would have to be created, which rows duplicate existing projects (same name, unit and budget) and
which rows cannot go in. The GUI shows that and lets the officer change it; :func:`apply_import` then
hands the workspace the result as plain data (an ``ImportBatch``), which it writes in one transaction
after a backup (one undo step), or nothing.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from thaplan_desktop.domain.model import NamedItem, Program, Project, ProjectKind, Provenance, Strategy, Unit
from thaplan_desktop.domain.reference import canonical_program_name, dla_code_for, program_key
from thaplan_desktop.domain.thai import name_key, normalise_space
from thaplan_desktop.importing.errors import where
from thaplan_desktop.importing.staged import ImportResult, StagedProject
from thaplan_desktop.importing.vocabulary import classify_heading
from thaplan_desktop.workspace import (
    BatchProject,
    Changes,
    ImportBatch,
    New,
    NewProgram,
    NewStrategy,
    NewUnit,
    ProjectFields,
    Workspace,
    WorkspaceError,
)


class Duplicates(enum.StrEnum):
    """What to do with a staged row that duplicates an existing project (same name, unit and budget)."""

    SKIP = "skip"
    REPLACE = "replace"
    KEEP = "keep"


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Choices the command line takes as flags and the GUI asks for."""

    duplicates: Duplicates = Duplicates.SKIP
    create_missing: bool = True  # create strategies, programs, units and equipment types the plan lacks


@dataclass(slots=True)
class RowPlan:
    """What one staged row becomes. ``*_name`` fields name things to create when the ``*_id`` is None."""

    staged: StagedProject
    strategy_id: int | None = None
    strategy_name: str = ""
    program_id: int | None = None
    program_name: str = ""
    unit_id: int | None = None
    unit_name: str = ""
    equipment_type_id: int | None = None
    equipment_type_name: str = ""
    duplicate_of: int | None = None
    duplicate_row: RowPlan | None = None  # an earlier row of the same import that this one repeats
    action: str = "add"  # "add", "skip" (a duplicate left out), "replace" (overwrite the duplicate)
    problems: list[str] = field(default_factory=list)  # reasons the row cannot go in
    notes: list[str] = field(default_factory=list)  # what the officer may want to check afterwards

    @property
    def where(self) -> str:
        """Thai location of the row: file, sheet and row."""
        s = self.staged
        return where(s.source_file, s.source_sheet, s.source_row)


@dataclass(slots=True)
class ImportPlan:
    """The whole import as it would be applied."""

    edition_id: int
    rows: list[RowPlan]
    options: ImportOptions
    new_strategies: list[str] = field(default_factory=list)
    new_programs: list[tuple[str, str]] = field(default_factory=list)  # (strategy, program)
    new_units: list[str] = field(default_factory=list)
    new_equipment_types: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)  # stored with the rows, in the same undo step

    def refresh(self) -> None:
        """Recompute what must be created from the rows as they now stand (after the GUI changed some):
        only what a row being written still lacks."""
        strategies: dict[str, str] = {}
        programs: dict[tuple[str, str], tuple[str, str]] = {}
        units: dict[str, str] = {}
        types: dict[str, str] = {}
        for row in self.to_write:
            if row.strategy_id is None and row.strategy_name:
                strategies.setdefault(strategy_key(row.strategy_name), row.strategy_name)
            if row.program_id is None and row.program_name and row.strategy_name:
                programs.setdefault((strategy_key(row.strategy_name), program_key(row.program_name)),
                                    (row.strategy_name, row.program_name))
            if row.unit_id is None and row.unit_name:
                units.setdefault(unit_key(row.unit_name), row.unit_name)
            if row.equipment_type_id is None and row.equipment_type_name:
                types.setdefault(equipment_type_key(row.equipment_type_name), row.equipment_type_name)
        self.new_strategies = list(strategies.values())
        self.new_programs = list(programs.values())
        self.new_units = list(units.values())
        self.new_equipment_types = list(types.values())

    @property
    def problems(self) -> list[str]:
        """Every reason the import cannot be applied, each naming its file, sheet and row."""
        found = [f"{row.where}: {p}" for row in self.to_write for p in row.problems]
        if not self.options.create_missing:
            found += [f"ไม่มียุทธศาสตร์ “{n}” ในแผน" for n in self.new_strategies]
            found += [f"ไม่มีแผนงาน “{p}” ในยุทธศาสตร์ “{s}”" for s, p in self.new_programs]
            found += [f"ไม่มีหน่วยงาน “{n}” ในรายการ" for n in self.new_units]
            found += [f"ไม่มีประเภทครุภัณฑ์ “{n}” ในรายการ" for n in self.new_equipment_types]
        return found

    @property
    def duplicates(self) -> list[RowPlan]:
        """Rows that duplicate existing projects or an earlier row of the same import."""
        return [r for r in self.rows if r.duplicate_of is not None or r.duplicate_row is not None]

    @property
    def to_write(self) -> list[RowPlan]:
        """Rows that will be added or replace a project."""
        return [r for r in self.rows if r.action in ("add", "replace")]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an applied import did."""

    changes: Changes
    added: int
    replaced: int
    skipped: int
    created_strategies: tuple[str, ...]
    created_programs: tuple[tuple[str, str], ...]
    created_units: tuple[str, ...]
    created_equipment_types: tuple[str, ...]


class ImportRefused(WorkspaceError):
    """The import cannot be applied as it stands; ``problems`` say why, each naming file, sheet and row."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("นำเข้าไม่ได้:\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = problems


# --- matching keys -----------------------------------------------------------------------------------

_STRATEGY_NUMBER = re.compile(r"^ที่[0-9]+[:.]?")


@lru_cache(maxsize=1 << 14)
def strategy_key(name: str) -> str:
    """Matching key of a strategy: no numbering, no "ยุทธศาสตร์" / "ยุทธศาสตร์ที่ n" prefix, no spaces."""
    _kind, rest, _depth = classify_heading(name)
    key = name_key(rest).removeprefix("ยุทธศาสตร์")
    return _STRATEGY_NUMBER.sub("", key)


def unit_key(name: str) -> str:
    """Matching key of a unit: no spaces, no "ฯ" abbreviation mark, no trailing dot."""
    return name_key(name).replace("ฯ", "").rstrip(".")


def equipment_type_key(name: str) -> str:
    """Matching key of an equipment type: no "ประเภท" or "ครุภัณฑ์" prefix."""
    return name_key(name).removeprefix("ประเภท").removeprefix("ครุภัณฑ์")


def _program_matches(a: str, b: str) -> bool:
    if program_key(a) == program_key(b):
        return True
    code_a, code_b = dla_code_for(a), dla_code_for(b)
    return code_a is not None and code_a == code_b


# --- preparing ---------------------------------------------------------------------------------------

def prepare_import(workspace: Workspace, edition_id: int, results: Iterable[ImportResult],
                   options: ImportOptions | None = None) -> ImportPlan:
    """Resolve every staged row against the plan; changes nothing."""
    options = options or ImportOptions()
    results = list(results)
    strategies = workspace.strategies()
    programs = workspace.programs()
    units = workspace.units()
    types = workspace.equipment_types()
    existing = workspace.projects(edition_id)
    plan = ImportPlan(edition_id, [], options, files=[r.file_name for r in results])
    resolver = _Resolver(strategies, programs, units, types, plan)
    duplicates = _DuplicateIndex(existing, units)
    plan.rows = [RowPlan(staged) for result in results for staged in result.projects]
    # Rows that name their strategy first: a program they create can then take in rows naming none.
    for row in sorted(plan.rows, key=lambda r: not r.staged.strategy):
        staged = row.staged
        if not staged.name:
            row.problems.append("ไม่มีชื่อโครงการ")
        if staged.budget is None:
            row.problems.append(next((w for w in staged.warnings if "จำนวนเงิน" in w), "ไม่มีงบประมาณ"))
        resolver.classify(row)
        row.duplicate_of = duplicates.find(staged)
    _find_repeats(plan.rows)
    assign_actions(plan.rows, options.duplicates)
    plan.refresh()
    return plan


def _find_repeats(rows: list[RowPlan]) -> None:
    """Mark the rows of one import that repeat an earlier row (the same workbook given twice, a row copied):
    same kind, name, unit and budget."""
    first: dict[tuple[str, str, str, Decimal], RowPlan] = {}
    for row in rows:  # in file order
        s = row.staged
        if s.budget is None:
            continue
        key = (s.kind.value, name_key(s.name), unit_key(row.unit_name or s.unit), s.budget)
        row.duplicate_row = first.get(key)  # the latest of the repeats: a third copy repeats the second
        first[key] = row


def assign_actions(rows: list[RowPlan], rule: Duplicates) -> None:
    """What each row does under the duplicates rule, for projects already in the plan and for rows the
    import repeats alike: ``skip`` leaves the duplicate out; ``replace`` writes it over the project (a
    repeated row takes the place of the earlier one, which is then left out); ``keep`` adds it anyway.
    Rows already left out (``skip`` for a problem, or unticked) are not to be passed here, and a row repeats
    only a row passed: the copy of a row the officer left out is no repeat."""
    given = {id(row) for row in rows}
    for row in rows:
        if row.duplicate_of is not None:
            row.action = {Duplicates.SKIP: "skip", Duplicates.REPLACE: "replace", Duplicates.KEEP: "add"}[rule]
        else:
            row.action = "add"
    for row in rows:
        earlier = row.duplicate_row
        while earlier is not None and id(earlier) not in given:  # left out: what it repeated, if anything
            earlier = earlier.duplicate_row
        if earlier is None:
            continue
        if rule is Duplicates.SKIP:
            row.action = "skip"
        elif rule is Duplicates.REPLACE:
            row.action = "replace" if row.duplicate_of is not None else "add"
            earlier.action = "skip"


class _Resolver:
    def __init__(self, strategies: list[Strategy], programs: list[Program], units: list[Unit],
                 types: list[NamedItem], plan: ImportPlan) -> None:
        self.strategies = strategies
        self.programs = programs
        self.units = units
        self.types = types
        self.plan = plan
        # The programs this import creates, by strategy and program key and by strategy and DLA code: a row
        # asks whether its program is among them (a linear look through them made a big import quadratic).
        self._new_keys: set[tuple[str, str]] = set()
        self._new_codes: set[tuple[str, str]] = set()
        for strategy, program in plan.new_programs:
            self._note_new_program(strategy, program)

    def _note_new_program(self, strategy: str, program: str) -> None:
        self._new_keys.add((strategy_key(strategy), program_key(program)))
        code = dla_code_for(program)
        if code is not None:
            self._new_codes.add((strategy_key(strategy), code))

    def _is_new_program(self, strategy: str, program: str) -> bool:
        code = dla_code_for(program)
        return ((strategy_key(strategy), program_key(program)) in self._new_keys
                or (code is not None and (strategy_key(strategy), code) in self._new_codes))

    def classify(self, row: RowPlan) -> None:
        s = row.staged
        if s.strategy:
            match = next((x for x in self.strategies if strategy_key(x.name) == strategy_key(s.strategy)), None)
            if match is not None:
                row.strategy_id, row.strategy_name = match.id, match.name
            else:
                row.strategy_name = s.strategy
                if s.strategy not in self.plan.new_strategies and not any(
                        strategy_key(n) == strategy_key(s.strategy) for n in self.plan.new_strategies):
                    self.plan.new_strategies.append(s.strategy)
        if s.plan:
            self._program(row)
        if s.unit:
            unit = self._unit(s.unit)
            if unit is not None:
                row.unit_id, row.unit_name = unit.id, unit.name
            else:
                row.unit_name = s.unit
                if not any(unit_key(n) == unit_key(s.unit) for n in self.plan.new_units):
                    self.plan.new_units.append(s.unit)
        if s.kind is ProjectKind.EQUIPMENT and s.equipment_type:
            found = next((t for t in self.types if equipment_type_key(t.name) == equipment_type_key(s.equipment_type)),
                         None)
            if found is not None:
                row.equipment_type_id, row.equipment_type_name = found.id, found.name
            else:
                row.equipment_type_name = s.equipment_type
                if not any(equipment_type_key(n) == equipment_type_key(s.equipment_type)
                           for n in self.plan.new_equipment_types):
                    self.plan.new_equipment_types.append(s.equipment_type)

    def _program(self, row: RowPlan) -> None:
        name = row.staged.plan
        if row.strategy_id is not None:
            candidates = [p for p in self.programs if p.strategy_id == row.strategy_id]
        elif row.strategy_name:
            candidates = []  # the strategy itself is new: so is its program
        else:
            candidates = list(self.programs)  # no strategy in the file (ผด.02/1): any strategy's program
        found = next((p for p in candidates if _program_matches(p.name, name)), None)
        if found is not None:
            row.program_id, row.program_name = found.id, found.name
            if row.strategy_id is None and not row.strategy_name:
                row.strategy_id = found.strategy_id
            return
        if not row.strategy_name:
            pending = next(((st, pr) for st, pr in self.plan.new_programs if _program_matches(pr, name)), None)
            if pending is not None:  # created by another row of this import
                row.strategy_name, row.program_name = pending
                return
            row.notes.append(f"ไม่พบแผนงาน “{name}” ในแผน และไฟล์ไม่ได้บอกยุทธศาสตร์: นำเข้าโดยยังไม่จัดเข้าแผนงาน")
            return
        row.program_name = canonical_program_name(name) or name
        key = (row.strategy_name, row.program_name)
        if not self._is_new_program(*key):
            self.plan.new_programs.append(key)
            self._note_new_program(*key)

    def _unit(self, name: str) -> Unit | None:
        key = unit_key(name)
        key = unit_key(_UNIT_ALIASES.get(key, key))
        exact = next((u for u in self.units if unit_key(u.name) == key), None)
        if exact is not None:
            return exact
        if name.endswith(("ฯ", ".")) or len(key) >= 6:
            # "กองการศึกษาฯ" for "กองการศึกษา ศาสนาและวัฒนธรรม": a unique unit beginning the same way
            starts = [u for u in self.units if unit_key(u.name).startswith(key)]
            if len(starts) == 1:
                return starts[0]
        return None


# Abbreviations of units met in department files (matching keys), and the unit they stand for.
_UNIT_ALIASES = {
    "สป": "สำนักปลัด", "สำนักปลัดอบต": "สำนักปลัด", "สำนักปลัดเทศบาล": "สำนักงานปลัดเทศบาล",
    "กองสธ": "กองสาธารณสุขและสิ่งแวดล้อม", "กองสาธารณสุข": "กองสาธารณสุขและสิ่งแวดล้อม",
    "กศ": "กองการศึกษา ศาสนาและวัฒนธรรม", "กองการศึกษา": "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสวัสดิการ": "กองสวัสดิการสังคม",
}


class _DuplicateIndex:
    def __init__(self, projects: list[Project], units: list[Unit]) -> None:
        names = {u.id: unit_key(u.name) for u in units}
        self.index: dict[tuple[str, str, str, Decimal], int] = {}
        for p in projects:
            key = (p.kind.value, name_key(p.name), names.get(p.unit_id, "") if p.unit_id else "", p.budget)
            self.index.setdefault(key, p.id)

    def find(self, staged: StagedProject) -> int | None:
        if staged.budget is None:
            return None
        return self.index.get((staged.kind.value, name_key(staged.name), unit_key(staged.unit), staged.budget))


# --- applying ----------------------------------------------------------------------------------------

def apply_import(workspace: Workspace, plan: ImportPlan) -> ImportSummary:
    """Write the import in one operation (one undo step); raise :class:`ImportRefused` and write nothing
    when any row cannot go in or, with ``create_missing`` off, when something would have to be created.
    The workspace backs the file up first and imports nothing when no backup can be made."""
    plan.refresh()
    problems = plan.problems
    if problems:
        raise ImportRefused(problems)
    to_write = plan.to_write
    changes = workspace.import_batch(import_batch(plan))
    changed = changes.projects
    replacing = [r for r in to_write if r.action == "replace"]
    return ImportSummary(
        changes=changes,
        added=sum(1 for r in to_write if r.action == "add"),
        replaced=sum(1 for r in replacing if r.duplicate_of in changed),
        # a "replace" whose values equal the project already there changed nothing: it counts as skipped
        skipped=sum(1 for r in plan.rows if r.action == "skip")
        + sum(1 for r in replacing if r.duplicate_of not in changed),
        created_strategies=tuple(plan.new_strategies),
        created_programs=tuple(plan.new_programs),
        created_units=tuple(plan.new_units),
        created_equipment_types=tuple(plan.new_equipment_types),
    )


def import_batch(plan: ImportPlan) -> ImportBatch:
    """The plan as the workspace writes it: what to create, and each row with its references resolved."""
    to_write = plan.to_write
    files = ", ".join(dict.fromkeys(plan.files))
    label = f"นำเข้า {len(to_write)} รายการจาก {files}" if files else f"นำเข้า {len(to_write)} รายการ"
    strategies = {strategy_key(name): New(i) for i, name in enumerate(plan.new_strategies)}
    programs = {(strategy_key(s), program_key(p)): New(i) for i, (s, p) in enumerate(plan.new_programs)}
    units = {unit_key(name): New(i) for i, name in enumerate(plan.new_units)}
    types = {equipment_type_key(name): New(i) for i, name in enumerate(plan.new_equipment_types)}
    return ImportBatch(
        edition_id=plan.edition_id,
        label=label,
        strategies=tuple(NewStrategy(name) for name in plan.new_strategies),
        programs=tuple(NewProgram(strategy=_strategy_for(plan, s, strategies),
                                  name=canonical_program_name(p) or p, dla_code=dla_code_for(p))
                       for s, p in plan.new_programs),
        units=tuple(NewUnit(name, is_external=not _looks_internal(name)) for name in plan.new_units),
        equipment_types=tuple(plan.new_equipment_types),
        projects=tuple(_project_of(row, programs, units, types) for row in to_write),
        settings=tuple(plan.settings.items()),
    )


def _strategy_for(plan: ImportPlan, name: str, created: dict[str, New]) -> int | New:
    key = strategy_key(name)
    if key in created:
        return created[key]
    for row in plan.rows:
        if row.strategy_id is not None and strategy_key(row.strategy_name) == key:
            return row.strategy_id
    raise WorkspaceError(f"ไม่พบยุทธศาสตร์ “{name}”")  # pragma: no cover - prepare_import guarantees one


def _project_of(row: RowPlan, programs: dict[tuple[str, str], New], units: dict[str, New],
                types: dict[str, New]) -> BatchProject:
    s = row.staged
    program: int | New | None = row.program_id
    if program is None and row.program_name:
        program = programs.get((strategy_key(row.strategy_name), program_key(row.program_name)))
    unit: int | New | None = row.unit_id
    if unit is None and row.unit_name:
        unit = units.get(unit_key(row.unit_name))
    equipment_type: int | New | None = row.equipment_type_id
    if equipment_type is None and row.equipment_type_name:
        equipment_type = types.get(equipment_type_key(row.equipment_type_name))
    fields = ProjectFields(
        kind=s.kind, name=s.name, details=s.details,
        budget=s.budget if s.budget is not None else Decimal("0.00"), location=s.location,
        months=frozenset(s.months), provenance=Provenance.IMPORTED,
        source_file=s.source_file, source_sheet=s.source_sheet, source_row=s.source_row,
    )
    return BatchProject(
        fields=fields, program=program, unit=unit,
        equipment_type=equipment_type if s.kind is ProjectKind.EQUIPMENT else None,
        replaces=row.duplicate_of if row.action == "replace" else None,
    )


def _looks_internal(name: str) -> bool:
    """A division of the office itself (กอง…, สำนัก…, หน่วยตรวจสอบภายใน) rather than another agency."""
    return bool(re.match(r"^(กอง|สำนัก|ส่วน|ฝ่าย|งาน|หน่วยตรวจสอบ)", normalise_space(name)))
