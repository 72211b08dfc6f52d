"""The ติดตามผล grid's filter: search words, status, unit, "ควรเริ่มแล้ว", and the tree node selected.

``Criteria`` holds what the officer chose; ``TrackingFilterProxy`` works the verdicts out in bulk when
the criteria change (``filterAcceptsRow`` is a dictionary lookup). A row the officer edits stays in view
until the criteria change again, as a spreadsheet's filter does: typing a status down the list of calls to
make never pulls the next row under the cursor. Other rows follow the data as it changes.
``base_match`` (every criterion but the node and the unit) is shared with the tree's and the units' totals
(``facets``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Signal

from thaplan_desktop.domain.model import Project
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.ui.state import ROOT, NodeKey, search_key
from thaplan_desktop.ui.tracking.model import TrackingTableModel

_RESET_ABOVE = 1500  # rows whose visibility changes at once: beyond this the proxy resets instead


@dataclass(frozen=True, slots=True)
class Criteria:
    """What the grid shows: rows holding every word, of these statuses and unit, late only, under a node."""

    words: tuple[str, ...] = ()
    statuses: frozenset[TrackingStatus] = field(default_factory=frozenset)  # empty: every status
    unit_id: int | None = None  # None: every unit
    late: bool = False  # only projects that should have started by the as-of day
    node: NodeKey = ROOT

    @property
    def active(self) -> bool:
        """Some rows may be hidden."""
        return bool(self.words or self.statuses or self.unit_id is not None or self.late or self.node != ROOT)


def base_match(model: TrackingTableModel, row: int, criteria: Criteria) -> bool:
    """Search words, status and "should have started" (not the node, not the unit)."""
    if criteria.words:
        text = model.search_text(row)
        if not all(word in text for word in criteria.words):
            return False
    if criteria.statuses or criteria.late:
        tracked = model.store.row(model.rows[row].id)
        if tracked is None:
            return False
        if criteria.statuses and tracked.status not in criteria.statuses:
            return False
        if criteria.late and not tracked.should_have_started:
            return False
    return True


def unit_match(project: Project, criteria: Criteria) -> bool:
    """The unit criterion."""
    return criteria.unit_id is None or project.unit_id == criteria.unit_id


class TrackingFilterProxy(QSortFilterProxyModel):
    """The rows of ``TrackingTableModel`` that meet the ``Criteria``."""

    filter_changed = Signal()  # after the criteria changed, or rows' verdicts followed the data

    def __init__(self, model: TrackingTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.criteria = Criteria()
        self._verdict: dict[int, bool] = {}
        self._kept: set[int] = set()  # rows the officer edited: shown until the criteria change
        self.setDynamicSortFilter(False)
        self.setSourceModel(model)
        model.rows_changed_hooks.append(self._rows_changed)
        model.edit_hooks.append(self._kept.add)
        model.modelAboutToBeReset.connect(self._verdict.clear)

    @property
    def table(self) -> TrackingTableModel:
        """The table under the filter."""
        return self._model

    # --- choosing ----------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Keep rows holding every word of ``text``."""
        self.set_criteria(replace(self.criteria, words=tuple(search_key(text).split())))

    def set_statuses(self, statuses: frozenset[TrackingStatus]) -> None:
        """Keep rows of these statuses (empty: all)."""
        self.set_criteria(replace(self.criteria, statuses=frozenset(statuses)))

    def set_unit(self, unit_id: int | None) -> None:
        """Keep one unit's rows (None: all)."""
        self.set_criteria(replace(self.criteria, unit_id=unit_id))

    def set_late(self, late: bool) -> None:
        """Keep only the projects that should have started by now (the officer's calls to make)."""
        self.set_criteria(replace(self.criteria, late=late))

    def set_node(self, key: NodeKey) -> None:
        """Keep rows under a tree node."""
        self.set_criteria(replace(self.criteria, node=tuple(key)))

    def set_criteria(self, criteria: Criteria) -> None:
        """Show the rows meeting ``criteria``."""
        if criteria == self.criteria:
            return
        self._kept.clear()
        verdict = self._verdicts(criteria, range(len(self._model.rows)))
        before = self._verdict if self.criteria.active else {}
        flips = sum(1 for pid, shown in verdict.items() if before.get(pid, True) != shown)
        if flips > _RESET_ABOVE:
            self.beginResetModel()
            self.criteria, self._verdict = criteria, verdict
            self.endResetModel()
        else:
            self.beginFilterChange()
            self.criteria, self._verdict = criteria, verdict
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filter_changed.emit()

    def _verdicts(self, criteria: Criteria, rows: range | list[int]) -> dict[int, bool]:
        model = self._model
        node = criteria.node
        node_keys = model.state.node_keys
        result = {}
        for row in rows:
            project = model.rows[row]
            result[project.id] = (unit_match(project, criteria) and (node == ROOT or node in node_keys(project))
                                  and base_match(model, row, criteria))
        return result

    # --- following the data --------------------------------------------------------------------------------

    def _rows_changed(self, project_ids: frozenset[int]) -> None:
        model = self._model
        if not project_ids:  # the table was rebuilt: every verdict anew (edited rows stay)
            self._verdict = {pid: True for pid in self._kept if pid in model.row_of}
            return
        if not self.criteria.active:
            return
        rows = [model.row_of[i] for i in project_ids if i in model.row_of and i not in self._kept]
        fresh = self._verdicts(self.criteria, rows)
        changed = {pid: shown for pid, shown in fresh.items() if self._verdict.get(pid) != shown}
        if changed:
            self.beginFilterChange()
            self._verdict.update(changed)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            self.filter_changed.emit()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.criteria.active:
            return True
        project = self._model.rows[source_row]
        verdict = self._verdict.get(project.id)
        if verdict is None:
            verdict = self._verdict[project.id] = self._verdicts(self.criteria, [source_row])[project.id]
        return verdict

    # --- what is shown ---------------------------------------------------------------------------------------

    def shown_ids(self) -> list[int]:
        """Project ids of the rows shown, in order."""
        model = self._model
        if not self.criteria.active:
            return [p.id for p in model.rows]
        return [p.id for p in model.rows if self._verdict.get(p.id)]

    def project_id_at(self, proxy_row: int) -> int | None:
        """The project of a shown row."""
        index = self.mapToSource(self.index(proxy_row, 0))
        return self._model.rows[index.row()].id if index.isValid() else None

    def proxy_row_of(self, project_id: int) -> int:
        """The shown row of a project (-1 when hidden)."""
        source = self._model.row_of.get(project_id)
        if source is None:
            return -1
        return self.mapFromSource(self._model.index(source, 0)).row()
