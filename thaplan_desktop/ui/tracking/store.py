"""The tab's copy of the plan in use: each project's tracking records and its ``ProjectProgress`` row as of a day.

``TrackingStore`` keeps, per project of the shown edition, its status entries, details, disbursements and
spending schedule, and the row ``tracking.views.progress_rows`` makes of them as of ``as_of`` (status,
progress, disbursed, remaining, flags). It follows ``PlanState`` (a project's budget, months or unit
edited in the other tab: its row again; an edition loaded: everything forgotten until read) and emits
``changed`` with a ``StoreDelta``. ``StoreFeed`` keeps it filled: a whole read when an edition is shown
(its rows worked out on the worker too, from a snapshot of the state's projects; a project changed
meanwhile is worked out again here), then, after every operation, undo or redo whose ``Changes.tracking``
names projects, one read on the worker for them (reads queued while one is outstanding are folded into it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from PySide6.QtCore import QObject, Signal

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.domain.tracking import (
    Disbursement,
    ProjectTracking,
    SpendingSchedule,
    StatusEntry,
    TrackingRecords,
)
from thaplan_desktop.tracking.views import ProjectProgress, progress_rows
from thaplan_desktop.ui.session import PlanSession, Refresh, user_message
from thaplan_desktop.ui.state import Delta, PlanState
from thaplan_desktop.ui.tracking.backend import TrackingBackend


@dataclass(frozen=True, slots=True)
class StoreDelta:
    """What changed in the store."""

    reset: bool = False  # every row's figures (an edition loaded, records read, the as-of day changed)
    projects: frozenset[int] = frozenset()  # rows whose figures changed
    structure: bool = False  # projects came or went, or the print order or the units' names may have moved


class TrackingStore(QObject):
    """Tracking records and as-of rows of the shown edition's projects."""

    changed = Signal(object)  # StoreDelta

    def __init__(self, state: PlanState, as_of: dt.date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.as_of = as_of
        self.loaded = False  # records of the shown edition have been read
        self.rows: dict[int, ProjectProgress] = {}
        self.money: dict[int, tuple[int, int]] = {}  # project id → (budget, disbursed) in satang
        self._statuses: dict[int, list[StatusEntry]] = {}
        self._details: dict[int, ProjectTracking] = {}
        self._paid: dict[int, list[Disbursement]] = {}
        self._schedules: dict[int, SpendingSchedule] = {}
        state.changed.connect(self._on_state_changed)

    # --- lookups --------------------------------------------------------------------------------------

    def row(self, project_id: int) -> ProjectProgress | None:
        """A project as of ``as_of`` (None until read)."""
        return self.rows.get(project_id)

    def statuses_of(self, project_id: int) -> list[StatusEntry]:
        """Status entries of a project, by effective date."""
        return sorted(self._statuses.get(project_id, ()), key=lambda e: (e.effective_on, e.id))

    def disbursements_of(self, project_id: int) -> list[Disbursement]:
        """Disbursements of a project, by date."""
        return sorted(self._paid.get(project_id, ()), key=lambda d: (d.paid_on, d.id))

    def details_of(self, project_id: int) -> ProjectTracking:
        """Actual dates, contract, officer, problems (empty when nothing is recorded)."""
        return self._details.get(project_id) or ProjectTracking(project_id)

    # --- filling --------------------------------------------------------------------------------------

    def snapshot(self) -> PlanData | None:
        """The shown edition as plain data (the state's projects), for working out rows off the GUI thread."""
        state = self.state
        if state.edition is None or state.organisation is None:
            return None
        return PlanData(organisation=state.organisation, edition=state.edition, strategies=state.strategies,
                        programs=state.programs, units=state.units, equipment_types=state.equipment_types,
                        funding_sources=(), projects=tuple(state.projects.values()))

    def load(self, records: TrackingRecords, rows: list[ProjectProgress] | None = None,
             as_of: dt.date | None = None) -> None:
        """Take every project's records (a whole read) and their rows as of ``as_of`` if worked out already.

        Rows of projects that changed since (or of another day) are worked out again here.
        """
        self._statuses, self._paid = _group(records.statuses), _group(records.disbursements)
        self._details, self._schedules = dict(records.details), dict(records.schedules)
        self.loaded = True
        if rows is None or as_of != self.as_of:
            self._recompute(None)
        else:
            projects = self.state.projects
            self.rows = {r.project.id: r for r in rows if projects.get(r.project.id) is r.project}
            self.money = {pid: (_satang(r.budget), _satang(r.disbursed)) for pid, r in self.rows.items()}
            stale = projects.keys() - self.rows.keys()
            if stale:
                self._recompute(set(stale))
        self.changed.emit(StoreDelta(reset=True))

    def update(self, project_ids: Iterable[int], records: TrackingRecords) -> None:
        """Take the records of some projects (read after an operation) and work out their rows."""
        ids = set(project_ids)
        if not self.loaded or not ids:
            return
        statuses, paid = _group(e for e in records.statuses if e.project_id in ids), _group(
            d for d in records.disbursements if d.project_id in ids)
        for project_id in ids:
            self._statuses.pop(project_id, None)
            self._paid.pop(project_id, None)
            self._details.pop(project_id, None)
            self._schedules.pop(project_id, None)
            if project_id in statuses:
                self._statuses[project_id] = statuses[project_id]
            if project_id in paid:
                self._paid[project_id] = paid[project_id]
            if project_id in records.details:
                self._details[project_id] = records.details[project_id]
            if project_id in records.schedules:
                self._schedules[project_id] = records.schedules[project_id]
        shown = ids & self.state.projects.keys()
        self._recompute(shown)
        self.changed.emit(StoreDelta(projects=frozenset(shown)))

    def set_as_of(self, day: dt.date) -> None:
        """Show every project as it stood on ``day``."""
        if day == self.as_of:
            return
        self.as_of = day
        if self.loaded:
            self._recompute(None)
        self.changed.emit(StoreDelta(reset=True))

    def forget(self) -> None:
        """No records until the next whole read (another edition, or no file)."""
        self.loaded = False
        self.rows, self.money = {}, {}
        self._statuses, self._paid, self._details, self._schedules = {}, {}, {}, {}
        self.changed.emit(StoreDelta(reset=True, structure=True))

    def _on_state_changed(self, delta: Delta) -> None:
        if delta.reset:
            self.forget()
            return
        for project_id in delta.removed:
            self.rows.pop(project_id, None)
            self.money.pop(project_id, None)
        if delta.reference:  # a unit renamed or marked as another agency's: every row
            if self.loaded:
                self._recompute(None)
            self.changed.emit(StoreDelta(reset=True, structure=True))
            return
        touched = set(delta.updated) | set(delta.created)
        if self.loaded:
            self._recompute(touched)
        structure = bool(delta.created or delta.removed or delta.tree)
        if touched or structure:
            self.changed.emit(StoreDelta(projects=frozenset(touched), structure=structure))

    def _recompute(self, project_ids: set[int] | None) -> None:
        """Work out the rows of some projects (None: all) from their records and the state's projects."""
        state = self.state
        if state.edition is None or state.organisation is None:
            self.rows, self.money = {}, {}
            return
        if project_ids is None:
            projects = tuple(state.projects.values())
            self.rows, self.money = {}, {}
        else:
            projects = tuple(state.projects[i] for i in project_ids if i in state.projects)
        if not projects:
            return
        ids = {p.id for p in projects}
        everything = project_ids is None
        records = TrackingRecords(
            statuses=tuple(e for pid in ids for e in self._statuses.get(pid, ())) if not everything
            else tuple(e for entries in self._statuses.values() for e in entries),
            details={pid: d for pid, d in self._details.items() if everything or pid in ids},
            disbursements=tuple(d for pid in ids for d in self._paid.get(pid, ())) if not everything
            else tuple(d for items in self._paid.values() for d in items),
            schedules={pid: s for pid, s in self._schedules.items() if everything or pid in ids},
        )
        plan = self.snapshot()
        assert plan is not None
        for row in progress_rows(replace(plan, projects=projects), records, self.as_of):
            self.rows[row.project.id] = row
            self.money[row.project.id] = (_satang(row.budget), _satang(row.disbursed))


def _satang(amount: Decimal) -> int:
    return int(amount.scaleb(2).to_integral_value())


def _group(items: Iterable[StatusEntry] | Iterable[Disbursement]) -> dict:
    grouped: dict[int, list] = {}
    for item in items:
        grouped.setdefault(item.project_id, []).append(item)
    return grouped


class StoreFeed(QObject):
    """Keeps a ``TrackingStore`` filled from the plan while the tab is in use."""

    def __init__(self, store: TrackingStore, session: PlanSession, backend: TrackingBackend,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session = session
        self.backend = backend
        self.active = False  # the tab has been shown: follow the plan from now on
        self._pending: set[int] = set()
        self._outstanding = False  # a read of some projects is queued and not yet delivered
        self._loading: int | None = None  # the edition whose whole read is queued
        session.refreshed.connect(self._on_refreshed)
        store.changed.connect(self._on_store_changed)

    def start(self) -> None:
        """Begin following the plan (the tab was shown): read the shown edition now if not read yet."""
        self.active = True
        self._load_if_needed()

    def _on_store_changed(self, delta: StoreDelta) -> None:
        if delta.reset and not self.store.loaded:
            self._load_if_needed()

    def _load_if_needed(self) -> None:
        edition = self.store.state.edition
        if not self.active or edition is None or self.store.loaded or self._loading == edition.id:
            return
        self._loading = edition.id
        edition_id = edition.id
        plan, as_of = self.store.snapshot(), self.store.as_of

        def delivered(read: tuple[TrackingRecords, list[ProjectProgress]]) -> None:
            self._loading = None
            shown = self.store.state.edition
            if shown is not None and shown.id == edition_id:
                self._pending.clear()
                self.store.load(read[0], read[1], as_of)
            else:
                self._load_if_needed()

        def failed(exc: BaseException) -> None:
            self._loading = None
            self.session.failed.emit(user_message(exc))

        self.backend.tracking_rows(edition_id, plan, as_of, delivered, failed)

    def _on_refreshed(self, refresh: Refresh) -> None:
        if not self.active or not self.store.loaded:
            return
        edition = self.store.state.edition
        if edition is None or refresh.edition_id != edition.id:
            return
        ids: set[int] = set()
        for change in refresh.changes:
            ids |= change.tracking
        if not ids:
            return
        self._pending |= ids
        if self._outstanding:
            return  # the read already queued runs after this operation: it sees it
        self._outstanding = True
        edition_id = edition.id

        def delivered(records: TrackingRecords) -> None:
            self._outstanding = False
            pending, self._pending = self._pending, set()
            shown = self.store.state.edition
            if shown is not None and shown.id == edition_id:
                self.store.update(pending, records)

        def failed(exc: BaseException) -> None:
            self._outstanding = False
            self.session.failed.emit(user_message(exc))

        self.backend.tracking_records(edition_id, delivered, failed)
