"""How the procurement plan screen reaches the plan: its read, its one operation and its export, all typed.

``ProcurementBackend`` goes through the window's ``PlanSession``: ``load`` reads the shown edition's rows
with the officer's choices and what follows from them (``domain.procurement.procurement_rows``: procured
or not and why, the expected month) in print order; ``set_choices`` changes the choices of any rows as
one workspace operation (``Workspace.set_procurement``: one undo step, refused in Thai when a value is
wrong); ``export`` reads the annex afresh on the worker and writes it with a writer of ``FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from thaplan_desktop.domain.grouping import pd02_blocks, pd021_blocks
from thaplan_desktop.domain.procurement import ProcurementRow, procurement_rows
from thaplan_desktop.exporting.procurement import ProcurementAnnex, procurement_annex
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.session import PlanSession, Refresh
from thaplan_desktop.workspace import ProcurementFields, Workspace

Failed = Callable[[BaseException], None] | None


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    rows: int
    units: int


class Writer(Protocol):
    """Writes an annex to a file: the office's name and whether the edition is still a draft come along."""

    def __call__(self, annex: ProcurementAnnex, path: Path, *, author: str, draft: bool) -> ExportResult: ...


def _xlsx(annex: ProcurementAnnex, path: Path, *, author: str, draft: bool) -> ExportResult:
    from thaplan_desktop.exporting.xlsx.procurement import export_procurement_xlsx

    report = export_procurement_xlsx(annex, path)
    return ExportResult(report.path, report.rows, report.units)


def _pdf(annex: ProcurementAnnex, path: Path, *, author: str, draft: bool) -> ExportResult:
    from thaplan_desktop.exporting.reports.procurement import write_procurement_pdf

    write_procurement_pdf(annex, path, author=author, draft=draft)
    return ExportResult(path, len(annex.rows), len(annex.groups))


# The annex's formats by file suffix (as ``thaplan export-procurement --out`` chooses); the screen's export
# offers every format listed. The PDF is a draft (ร่าง) until the edition is announced.
FORMATS: dict[str, Writer] = {".xlsx": _xlsx, ".pdf": _pdf}


@dataclass(frozen=True, slots=True)
class ProcurementData:
    """One edition's rows as the procurement plan sees them, in print order."""

    fiscal_year: int
    rows: tuple[ProcurementRow, ...]
    units: Mapping[int, str]  # unit id → name
    external: Mapping[int, str]  # units of other agencies (the default rule leaves their rows out)

    def unit_of(self, row: ProcurementRow) -> str:
        """The row's unit name ("" when none)."""
        unit_id = row.project.unit_id
        return self.units.get(unit_id, "") if unit_id is not None else ""


def read_procurement(workspace: Workspace, edition_id: int) -> ProcurementData:
    """The rows of an edition with their procurement choices (runs on the worker)."""
    plan = workspace.plan_data(edition_id)
    rows = {r.project.id: r for r in procurement_rows(plan, workspace.procurement_choices(edition_id))}
    ordered = [rows.pop(p.id) for block in (*pd02_blocks(plan), *pd021_blocks(plan)) for p in block.projects
               if p.id in rows]
    ordered += rows.values()  # any row the print grouping leaves out, in stored order
    return ProcurementData(plan.edition.fiscal_year, tuple(ordered), {u.id: u.name for u in plan.units},
                           {u.id: u.name for u in plan.units if u.is_external})


class ProcurementBackend:
    """The procurement screen's read, operation and export, through the window's session."""

    def __init__(self, session: PlanSession) -> None:
        self.session = session

    def load(self, done: Callable[[ProcurementData], None], failed: Failed = None) -> bool:
        """Read the shown edition's rows; False when no plan is open (nothing is read)."""
        edition_id = self.session.edition_id
        if edition_id is None:
            return False
        self.session.read(lambda ws: read_procurement(ws, edition_id), done, failed)
        return True

    def set_choices(self, changes: Mapping[int, ProcurementFields], *, label: str,
                    done: Callable[[Refresh], None] | None = None, failed: Failed = None) -> Job:
        """Change rows' procurement choices (project id → fields) as one undoable operation."""
        changes = dict(changes)
        return self.session.run_operation(lambda ws, job: ws.set_procurement(changes, label=label), label=label,
                                          done=done, failed=failed)

    def export(self, path: Path, *, label: str, done: Callable[[ExportResult], None],
               failed: Failed = None) -> Job | None:
        """Write the shown edition's annex to ``path`` (its suffix picks the format) on the worker.

        None when no plan is open (nothing is written).
        """
        edition_id = self.session.edition_id
        if edition_id is None:
            return None
        writer = FORMATS[path.suffix.lower()]

        def work(workspace: Workspace, job: Job) -> ExportResult:
            plan = workspace.plan_data(edition_id)
            return writer(procurement_annex(plan, workspace.procurement_choices(edition_id)), path,
                          author=plan.organisation.name, draft=not plan.edition.announced)

        return self.session.work(work, label=label, done=done, failed=failed)
