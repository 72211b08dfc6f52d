"""What the ติดตามผล tab's filter and totals read of each row, kept in flat lists so ten thousand rows go quickly.

``RowFacts`` holds, by row of the table: the project id, its search text, its group (the tree nodes it
counts under and its unit: a few hundred groups in a plan), its status's slot in ``columns.ENTRY_ORDER``
(the entry typed and not yet read back counts), whether it should have started, and its budget and
disbursed in satang. ``build_facts`` makes them for every row (after the table is rebuilt);
``update_facts`` again for the rows whose data changed; ``fill_texts`` the search texts, a chunk at a time
while the window is idle (the first keystroke fills what is left).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from thaplan_desktop.ui.state import NodeKey
from thaplan_desktop.ui.tracking.columns import ENTRY_ORDER

if TYPE_CHECKING:
    from thaplan_desktop.ui.tracking.model import TrackingTableModel

SLOT = {status: i for i, status in enumerate(ENTRY_ORDER)}
Group = tuple[tuple[NodeKey, ...], int | None]  # the nodes a row counts under, its unit id


@dataclass(slots=True)
class RowFacts:
    """The filter's and the totals' view of every row, by row."""

    ids: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # filled a chunk at a time (``fill_texts``) until ``texts_from``
    texts_from: int = 0  # rows from here on have no search text yet
    group: list[int] = field(default_factory=list)
    slot: list[int] = field(default_factory=list)  # -1: not read yet
    late: list[bool] = field(default_factory=list)
    budget: list[int] = field(default_factory=list)
    disbursed: list[int] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    _group_of: dict[Group, int] = field(default_factory=dict)

    def group_index(self, group: Group) -> int:
        """The index of a group (added when new)."""
        found = self._group_of.get(group)
        if found is None:
            found = self._group_of[group] = len(self.groups)
            self.groups.append(group)
        return found


def build_facts(model: TrackingTableModel) -> RowFacts:
    """The facts of every row of ``model`` (the search texts come later: ``fill_texts``)."""
    facts = RowFacts()
    n = len(model.rows)
    facts.ids = [p.id for p in model.rows]
    facts.texts = [""] * n
    facts.group = [0] * n
    facts.slot = [-1] * n
    facts.late = [False] * n
    facts.budget = [0] * n
    facts.disbursed = [0] * n
    update_facts(facts, model, range(n))
    return facts


def fill_texts(facts: RowFacts, model: TrackingTableModel, count: int | None = None) -> bool:
    """Give the next ``count`` rows (None: all) their search text; True once every row has one."""
    start = facts.texts_from
    end = len(facts.ids) if count is None else min(len(facts.ids), start + count)
    texts, search_text = facts.texts, model.search_text
    for row in range(start, end):
        texts[row] = search_text(row)
    facts.texts_from = end
    return end >= len(facts.ids)


def update_facts(facts: RowFacts, model: TrackingTableModel, rows: Iterable[int]) -> None:
    """Work out again the facts of some rows (their data changed)."""
    state, store = model.state, model.store
    node_keys, money, tracked = state.node_keys, store.money, store.rows
    groups: dict[tuple[object, ...], int] = {}  # by the classification a row's nodes follow from
    for row in rows:
        project = model.rows[row]
        if row < facts.texts_from:
            facts.texts[row] = model.search_text(row)
        signature = (project.kind, project.program_id, project.equipment_type_id, project.unit_id)
        index = groups.get(signature)
        if index is None:
            index = groups[signature] = facts.group_index((node_keys(project), project.unit_id))
        facts.group[row] = index
        status = model.shown_status(project)
        facts.slot[row] = SLOT[status] if status is not None else -1
        found = tracked.get(project.id)
        facts.late[row] = found is not None and found.should_have_started and status is ENTRY_ORDER[0]
        amounts = money.get(project.id)
        facts.budget[row], facts.disbursed[row] = amounts if amounts is not None else (
            int(project.budget.scaleb(2)), 0)
