"""The entry grid's filter: rows whose text holds every search word, under the tree node selected.

``ProjectFilterProxy`` sits between ``ProjectTableModel`` and the grid view. It works out its verdicts in
bulk when the search or the node changes, and resets instead of announcing thousands of row ranges when
most rows come or go at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Signal

from thaplan_desktop.ui.grid.model import ProjectTableModel
from thaplan_desktop.ui.state import ROOT, NodeKey, search_key

_RESET_ABOVE = 1500  # rows whose visibility changes: beyond this, the filter resets instead


class ProjectFilterProxy(QSortFilterProxyModel):
    """Rows whose text holds every search word, under the selected tree node (the root: all).

    Verdicts are worked out in bulk per project when the search or node changes (typing more letters
    only re-checks the rows still shown), so ``filterAcceptsRow`` is a dictionary lookup; the source
    model tells the proxy which projects changed before it announces them, and those are checked anew.
    """

    filter_changed = Signal()  # once after the search or node changed (rows came and went in many ranges)

    def __init__(self, model: ProjectTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._node: NodeKey = ROOT
        self._verdict: dict[int, bool] = {}
        self.setDynamicSortFilter(True)
        self._model = model  # kept in Python: filterAcceptsRow runs 10,000 times a keystroke
        self.setSourceModel(model)
        model.project_changed_hooks.append(self._forget)
        model.modelAboutToBeReset.connect(self._verdict.clear)

    @property
    def table(self) -> ProjectTableModel:
        """The project table under the filter."""
        return self._model

    def _forget(self, project_id: int) -> None:
        self._verdict.pop(project_id, None)

    @property
    def node(self) -> NodeKey:
        """The tree node the rows are filtered by."""
        return self._node

    @property
    def search(self) -> str:
        """The search words, joined."""
        return " ".join(self._words)

    @property
    def active(self) -> bool:
        """True when some rows may be hidden."""
        return bool(self._words) or self._node != ROOT

    def set_search(self, text: str) -> None:
        """Keep rows holding every word of ``text`` (normalised as the rows' text)."""
        words = search_key(text).split()
        if words == self._words:
            return
        narrowing = bool(self._words) and " ".join(words).startswith(" ".join(self._words))
        self._refilter(words, self._node, narrowing)

    def set_node(self, key: NodeKey) -> None:
        """Keep rows under a tree node."""
        key = tuple(key)
        if key == self._node:
            return
        self._refilter(self._words, key, narrowing=False)

    def _refilter(self, words: list[str], node: NodeKey, narrowing: bool) -> None:
        model = self._model
        rows = model.rows
        texts = model.search_texts()
        ids = model.row_ids()
        candidates: Sequence[int]
        if narrowing:
            old = self._verdict
            candidates = [i for i, pid in enumerate(ids) if old.get(pid)]
        else:
            candidates = range(len(rows))
        if node != ROOT:
            node_keys = model.state.node_keys
            candidates = [i for i in candidates if node in node_keys(rows[i])]
        if len(words) == 1:
            word = words[0]
            candidates = [i for i in candidates if word in texts[i]]
        elif words:
            candidates = [i for i in candidates if all(w in texts[i] for w in words)]
        verdict = dict.fromkeys(ids, False)
        for i in candidates:
            verdict[ids[i]] = True
        if self.active:
            previous = self._verdict
            flips = sum(1 for pid in ids if previous.get(pid, False) != verdict[pid])
        else:
            flips = len(ids) - len(candidates)
        if flips > _RESET_ABOVE:
            # Thousands of rows come and go in as many ranges: a reset is cheaper for the view than
            # that many removals (the view keeps its current project, see ProjectGridView).
            self.beginResetModel()
            self._words, self._node = words, node
            self._verdict = verdict
            self.endResetModel()
        else:
            self.beginFilterChange()
            self._words, self._node = words, node
            self._verdict = verdict
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filter_changed.emit()

    def _accepts(self, row: int) -> bool:
        model = self._model
        project = model.rows[row]
        if self._node != ROOT and self._node not in model.state.node_keys(project):
            return False
        if self._words:
            text = model.search_text(row)
            return all(word in text for word in self._words)
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words and self._node == ROOT:
            return True
        project_id = self._model.rows[source_row].id
        verdict = self._verdict.get(project_id)
        if verdict is None:
            verdict = self._verdict[project_id] = self._accepts(source_row)
        return verdict

    def shown_budget(self) -> tuple[int, Decimal]:
        """Number and budget of the rows shown."""
        model = self._model
        if not self.active:
            return len(model.rows), model.state.totals_of(ROOT).budget
        shown = [p.budget for p in model.rows if self._verdict.get(p.id)]
        return len(shown), sum(shown, Decimal("0.00"))

    def source_rows(self) -> list[int]:
        """Source rows shown, in order."""
        return [self.mapToSource(self.index(r, 0)).row() for r in range(self.rowCount())]

    def project_ids(self, rows: Iterable[int]) -> list[int]:
        """Project ids of proxy rows."""
        model = self._model
        return [model.rows[self.mapToSource(self.index(r, 0)).row()].id for r in rows]
