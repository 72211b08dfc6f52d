"""Reading a plan for a command that only reads (``info``, the exports, the reports), and starting fast.

A plan file is read as it stands, with sqlite3 and the statements compiled beforehand (``db/read_sql.py``):
no SQLAlchemy and no ORM are imported, which is most of a reading command's start-up. The file is checked
first as the workspace checks it (a ThaPlan database of this version, sound). A plan on the office's server
reads through the workspace, read-only. Either way the command sees the same reads (:class:`PlanReads`),
made by the same functions of ``db.queries``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from thaplan_desktop.cli.common import CommandError, open_for_reading

if TYPE_CHECKING:
    from thaplan_desktop.db.location import Location
    from thaplan_desktop.db.queries import Source
    from thaplan_desktop.domain.model import Edition, PlanData
    from thaplan_desktop.domain.procurement import ProcurementChoice
    from thaplan_desktop.domain.tracking import ReportRound, TrackingRecords


class PlanReads(Protocol):
    """What a reading command asks of a plan (the workspace answers the same)."""

    def editions(self) -> list[Edition]: ...

    def find_edition(self, fiscal_year: int | None = None, selector: str = "main") -> Edition: ...

    def plan_data(self, edition_id: int) -> PlanData: ...

    def progress_data(self, edition_id: int) -> tuple[PlanData, TrackingRecords]: ...

    def report_rounds(self, fiscal_year: int) -> list[ReportRound]: ...

    def procurement_choices(self, edition_id: int) -> list[ProcurementChoice]: ...


class _FileReads:
    """:class:`PlanReads` of a plan file, over one read-only sqlite3 snapshot."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def editions(self) -> list[Edition]:
        from thaplan_desktop.db import queries

        return queries.load_editions(self.source)

    def find_edition(self, fiscal_year: int | None = None, selector: str = "main") -> Edition:
        from thaplan_desktop.domain.model import select_edition

        return select_edition(self.editions(), fiscal_year, selector)

    def _edition(self, edition_id: int) -> Edition:
        from thaplan_desktop.db import queries

        edition = queries.load_edition(self.source, edition_id)
        if edition is None:
            raise CommandError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
        return edition

    def plan_data(self, edition_id: int) -> PlanData:
        from thaplan_desktop.db import queries

        return queries.load_plan_data(self.source, self._edition(edition_id))

    def progress_data(self, edition_id: int) -> tuple[PlanData, TrackingRecords]:
        from thaplan_desktop.db import queries

        return (queries.load_plan_data(self.source, self._edition(edition_id)),
                queries.load_tracking_records(self.source, edition_id))

    def report_rounds(self, fiscal_year: int) -> list[ReportRound]:
        from thaplan_desktop.db import queries

        return queries.load_report_rounds(self.source, fiscal_year)

    def procurement_choices(self, edition_id: int) -> list[ProcurementChoice]:
        from thaplan_desktop.db import queries

        return queries.load_procurement(self.source, edition_id)


@contextmanager
def reading_plan(where: Location) -> Iterator[PlanReads]:
    """The plan at ``where``, to read only: nothing is locked, backed up, upgraded or written."""
    from thaplan_desktop.db.location import ServerAddress

    if isinstance(where, ServerAddress):
        with open_for_reading(where) as workspace:
            yield workspace
        return
    from thaplan_desktop.db import queries
    from thaplan_desktop.db.files import check_integrity, head_revision, stored_revision

    if stored_revision(where) != head_revision():  # a reading command never upgrades
        from thaplan_desktop.safety import NEEDS_UPGRADE

        raise CommandError(NEEDS_UPGRADE.format(name=where.name, path=where))
    check_integrity(where)  # a damaged page is said as such, not met halfway through
    with queries.read_only(where) as source:
        yield _FileReads(source)


def read_plan(args: argparse.Namespace) -> tuple[Edition, PlanData]:
    """The edition chosen by ``--db``, ``--year`` and ``--edition``, and its whole plan, read-only."""
    with reading_plan(args.db) as plan:
        edition = plan.find_edition(args.year, str(args.edition))
        return edition, plan.plan_data(edition.id)
