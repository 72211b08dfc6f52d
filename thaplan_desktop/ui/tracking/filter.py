"""The ติดตามผล grid's filter: search words, status, unit, "ควรเริ่มแล้ว", and the tree node selected.

``Criteria`` holds what the officer chose; ``TrackingFilterProxy`` works the verdicts out in bulk over the
table's ``facts.RowFacts`` when the criteria change (typing more letters only looks again at the rows that
matched; ``filterAcceptsRow`` is a dictionary lookup). A row the officer edits stays in view until the
criteria change again, as a spreadsheet's filter does: typing a status down the list of calls to make
never pulls the next row under the cursor. Other rows follow the data as it changes. The rows meeting
every criterion but the node and the unit (``base_rows``) are what the tree's and the units' totals count
(``facets``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Signal

from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.ui.state import ROOT, NodeKey, search_key
from thaplan_desktop.ui.tracking.facts import SLOT, RowFacts
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


def base_rows(facts: RowFacts, criteria: Criteria, candidates: Sequence[int] | None = None) -> list[int]:
    """Rows meeting the search words, the status and "should have started" (not the node, not the unit)."""
    rows: Sequence[int] = range(len(facts.ids)) if candidates is None else candidates
    texts = facts.texts
    words = criteria.words
    if len(words) == 1:
        word = words[0]
        rows = [i for i in rows if word in texts[i]]
    elif words:
        rows = [i for i in rows if all(w in texts[i] for w in words)]
    if criteria.statuses:
        slots = {SLOT[s] for s in criteria.statuses}
        slot = facts.slot
        rows = [i for i in rows if slot[i] in slots]
    if criteria.late:
        late = facts.late
        rows = [i for i in rows if late[i]]
    return list(rows)


def group_flags(facts: RowFacts, criteria: Criteria) -> tuple[list[bool], list[bool]]:
    """For each group of rows: under the node chosen, and of the unit chosen."""
    node, unit = criteria.node, criteria.unit_id
    in_node = [node == ROOT or node in keys for keys, _unit in facts.groups]
    in_unit = [unit is None or unit_id == unit for _keys, unit_id in facts.groups]
    return in_node, in_unit


class TrackingFilterProxy(QSortFilterProxyModel):
    """The rows of ``TrackingTableModel`` that meet the ``Criteria``."""

    filter_changed = Signal()  # after the criteria changed, or rows' verdicts followed the data

    def __init__(self, model: TrackingTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.criteria = Criteria()
        self.base: list[int] | None = None  # rows meeting every criterion but node and unit (None: not known)
        self._accept: list[bool] = []  # by source row: shown (empty: every row, when nothing is chosen)
        self._kept: set[int] = set()  # rows the officer edited: shown until the criteria change
        self.setDynamicSortFilter(False)
        self.setSourceModel(model)
        model.rows_changed_hooks.append(self._rows_changed)
        model.edit_hooks.append(self._kept.add)
        model.modelAboutToBeReset.connect(self._forget)

    @property
    def table(self) -> TrackingTableModel:
        """The table under the filter."""
        return self._model

    def _forget(self) -> None:
        self._accept = []
        self.base = None

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
        old = self.criteria
        narrowing = (self.base is not None and not self._kept and bool(old.words)
                     and " ".join(criteria.words).startswith(" ".join(old.words))
                     and replace(criteria, words=()) == replace(old, words=()))
        self._kept.clear()
        facts = self._model.facts_with_texts() if criteria.words else self._model.facts()
        base = base_rows(facts, criteria, self.base if narrowing else None)
        accept = self._accepted(facts, criteria, base)
        before = self._accept if old.active and len(self._accept) == len(accept) else [True] * len(accept)
        flips = sum(1 for was, now in zip(before, accept, strict=True) if was is not now)
        if flips > _RESET_ABOVE:
            self.beginResetModel()
            self.criteria, self._accept = criteria, accept
            self.endResetModel()
        else:
            self.beginFilterChange()
            self.criteria, self._accept = criteria, accept
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.base = base  # after a reset, which forgets it
        self.filter_changed.emit()

    @staticmethod
    def _accepted(facts: RowFacts, criteria: Criteria, base: list[int]) -> list[bool]:
        """By row: meets every criterion (``base`` meets all but the node and the unit)."""
        accept = [False] * len(facts.ids)
        if criteria.node == ROOT and criteria.unit_id is None:
            for i in base:
                accept[i] = True
        else:
            group = facts.group
            in_node, in_unit = group_flags(facts, criteria)
            for i in base:
                g = group[i]
                if in_node[g] and in_unit[g]:
                    accept[i] = True
        return accept

    def base_rows(self) -> list[int]:
        """Rows meeting every criterion but the node and the unit (what the tree and units count)."""
        if self.base is None:
            model = self._model
            self.base = base_rows(model.facts_with_texts() if self.criteria.words else model.facts(), self.criteria)
        return self.base

    # --- following the data --------------------------------------------------------------------------------

    def _rows_changed(self, project_ids: frozenset[int]) -> None:
        self.base = None  # worked out again when next asked
        model = self._model
        if not project_ids:  # the table was rebuilt: every verdict anew (edited rows stay)
            self._accept = []
            if self.criteria.active:
                facts = model.facts_with_texts() if self.criteria.words else model.facts()
                self._accept = self._accepted(facts, self.criteria, base_rows(facts, self.criteria))
                for project_id in self._kept:
                    if project_id in model.row_of:
                        self._accept[model.row_of[project_id]] = True
            return
        if not self.criteria.active or len(self._accept) != len(model.rows):
            return
        facts = model.facts_with_texts() if self.criteria.words else model.facts()
        rows = [model.row_of[i] for i in project_ids if i in model.row_of and i not in self._kept]
        fresh = self._accepted(facts, self.criteria, base_rows(facts, self.criteria, rows))
        changed = [r for r in rows if fresh[r] is not self._accept[r]]
        if changed:
            self.beginFilterChange()
            for row in changed:
                self._accept[row] = fresh[row]
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            self.filter_changed.emit()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        accept = self._accept
        return accept[source_row] if source_row < len(accept) else not self.criteria.active

    # --- what is shown ---------------------------------------------------------------------------------------

    def shown_rows(self) -> list[int]:
        """Source rows shown, in order."""
        model = self._model
        if not self.criteria.active:
            return list(range(len(model.rows)))
        return [i for i, shown in enumerate(self._accept) if shown]

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
