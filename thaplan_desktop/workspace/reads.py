"""Reading a plan through the workspace: plain dataclasses of ``domain``, never ORM objects.

Each read runs the Core statements of ``db.reads`` in one short read transaction and converts the rows
with ``db.queries``, the same converters ``thaplan info`` uses on its sqlite3 path.
"""

from __future__ import annotations

from collections.abc import Iterable

from thaplan_desktop.db import queries
from thaplan_desktop.db.reads import projects_with_ids
from thaplan_desktop.domain.model import (
    Edition,
    EditionNotFound,
    NamedItem,
    Organisation,
    PlanData,
    Program,
    Project,
    Strategy,
    Unit,
    select_edition,
)
from thaplan_desktop.domain.procedure import Amendment, ProcedureRecords
from thaplan_desktop.workspace.changes import WorkspaceError
from thaplan_desktop.workspace.core import WorkspaceCore

__all__ = ["Reads"]

_CHUNK = 500  # ids per IN (…) list, well under SQLite's limit on parameters


class Reads(WorkspaceCore):
    """The workspace's reads."""

    def organisation(self) -> Organisation:
        """The file's organisation."""
        with self._reading() as source:
            return queries.load_organisation(source)

    def editions(self) -> list[Edition]:
        """All editions, oldest fiscal year first, main before additional editions."""
        with self._reading() as source:
            return queries.load_editions(source)

    def edition(self, edition_id: int) -> Edition:
        """One edition."""
        with self._reading() as source:
            edition = queries.load_edition(source, edition_id)
        if edition is None:
            raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
        return edition

    def find_edition(self, fiscal_year: int | None = None, selector: str = "main") -> Edition:
        """The edition a command line names: ``main`` or an additional edition's number, in a fiscal year.

        Without a year: the latest fiscal year in the file.
        """
        try:
            return select_edition(self.editions(), fiscal_year, selector)
        except EditionNotFound as exc:
            raise WorkspaceError(str(exc)) from exc

    def strategies(self) -> list[Strategy]:
        """Strategies in print order."""
        with self._reading() as source:
            return queries.load_strategies(source)

    def programs(self) -> list[Program]:
        """Programs in order within their strategy."""
        with self._reading() as source:
            return queries.load_programs(source)

    def units(self) -> list[Unit]:
        """Units in list order."""
        with self._reading() as source:
            return queries.load_units(source)

    def equipment_types(self) -> list[NamedItem]:
        """Equipment types (ประเภทครุภัณฑ์) in order."""
        with self._reading() as source:
            return queries.load_named(source, "equipment_type")

    def funding_sources(self) -> list[NamedItem]:
        """Funding sources in order."""
        with self._reading() as source:
            return queries.load_named(source, "funding_source")

    def projects(self, edition_id: int) -> list[Project]:
        """Projects and equipment of an edition, in print order."""
        with self._reading() as source:
            return queries.load_projects(source, edition_id)

    def project(self, project_id: int) -> Project:
        """One project."""
        with self._reading() as source:
            project = queries.load_project(source, project_id)
        if project is None:
            raise WorkspaceError(f"ไม่พบโครงการรหัส {project_id}")
        return project

    def projects_by_ids(self, project_ids: Iterable[int]) -> list[Project]:
        """The projects among ``project_ids`` that exist (any edition), in print order.

        Their versions are noted as every read's are: a window that read a row again (after a conflict, or
        another officer's change) may edit it.
        """
        ids = sorted(set(project_ids))
        found: list[Project] = []
        with self._connection() as connection:
            for start in range(0, len(ids), _CHUNK):
                rows = connection.execute(projects_with_ids(ids[start:start + _CHUNK]))
                note = self._seen.noter("project", tuple(rows.keys()))
                for row in rows:
                    if note is not None:
                        note(row)
                    found.append(queries.project_of(row))
        return sorted(found, key=lambda p: (p.position, p.id))

    def plan_data(self, edition_id: int) -> PlanData:
        """Everything an exporter needs about one edition, read in one transaction."""
        with self._reading() as source:
            edition = queries.load_edition(source, edition_id)
            if edition is None:
                raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
            return queries.load_plan_data(source, edition)

    def setting(self, key: str, default: str = "") -> str:
        """A setting stored in the file."""
        with self._reading() as source:
            value = queries.load_setting(source, key)
        return default if value is None else value

    def procedure_records(self, edition_id: int) -> ProcedureRecords:
        """What is stored about an edition's procedure (steps, extensions, posting, amendments)."""
        with self._reading() as source:
            return queries.load_procedure_records(source, edition_id)

    def amendments(self, *, edition_id: int | None = None, fiscal_year: int | None = None) -> list[Amendment]:
        """Amendments of one edition, or of every edition of a fiscal year, oldest first."""
        if edition_id is None and fiscal_year is None:
            raise WorkspaceError("ต้องระบุฉบับของแผนหรือปีงบประมาณ")
        with self._reading() as source:
            return queries.load_amendments(source, edition_id=edition_id, fiscal_year=fiscal_year)
