"""Live totals of the ติดตามผล tab: per tree node (ยุทธศาสตร์ → แผนงาน), per unit (หน่วยงาน), and of the rows shown.

Each total counts the projects by status and sums budget and disbursed (in satang, so ten thousand rows
add up in a few milliseconds). The tree's totals follow every criterion but the node (so the tree says
where the rows of the chosen status or unit are); the units' totals follow every criterion but the unit;
the strip's totals are the rows in view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.report import percent
from thaplan_desktop.ui.state import ROOT, NodeKey
from thaplan_desktop.ui.tracking.columns import ENTRY_ORDER
from thaplan_desktop.ui.tracking.filter import Criteria, base_match, unit_match
from thaplan_desktop.ui.tracking.model import TrackingTableModel

_STATUS_SLOT = {status: i for i, status in enumerate(ENTRY_ORDER)}


@dataclass(frozen=True, slots=True)
class Totals:
    """Projects by status, budget and disbursed of a group of rows."""

    count: int = 0
    statuses: tuple[int, ...] = (0,) * len(ENTRY_ORDER)  # in ``ENTRY_ORDER``
    late: int = 0  # should have started
    budget_satang: int = 0
    disbursed_satang: int = 0

    @property
    def budget(self) -> Decimal:
        """Budget in baht."""
        return Decimal(self.budget_satang).scaleb(-2)

    @property
    def disbursed(self) -> Decimal:
        """Disbursed in baht."""
        return Decimal(self.disbursed_satang).scaleb(-2)

    @property
    def remaining(self) -> Decimal:
        """Budget not disbursed."""
        return self.budget - self.disbursed

    @property
    def disbursed_percent(self) -> Decimal:
        """Disbursed as a percentage of the budget, two decimals."""
        return percent(self.disbursed, self.budget)

    def of(self, status: TrackingStatus) -> int:
        """How many projects have ``status``."""
        return self.statuses[_STATUS_SLOT[status]]


class _Sum:
    __slots__ = ("budget", "count", "disbursed", "late", "statuses")

    def __init__(self) -> None:
        self.count = self.late = self.budget = self.disbursed = 0
        self.statuses = [0] * len(ENTRY_ORDER)

    def add(self, slot: int, late: bool, budget: int, disbursed: int) -> None:
        self.count += 1
        if slot >= 0:
            self.statuses[slot] += 1
        self.late += late
        self.budget += budget
        self.disbursed += disbursed

    def frozen(self) -> Totals:
        return Totals(self.count, tuple(self.statuses), self.late, self.budget, self.disbursed)


def facet_totals(model: TrackingTableModel, criteria: Criteria) -> tuple[dict[NodeKey, Totals], dict[int | None, Totals]]:
    """Totals per tree node (every criterion but the node) and per unit id (every criterion but the unit)."""
    nodes: dict[NodeKey, _Sum] = {}
    units: dict[int | None, _Sum] = {}
    store, node_keys = model.store, model.state.node_keys
    node = criteria.node
    for row, project in enumerate(model.rows):
        if not base_match(model, row, criteria):
            continue
        keys = node_keys(project)
        in_node = node == ROOT or node in keys
        in_unit = unit_match(project, criteria)
        if not (in_node or in_unit):
            continue
        tracked = store.rows.get(project.id)
        slot = _STATUS_SLOT[tracked.status] if tracked is not None else -1
        late = tracked is not None and tracked.should_have_started
        money = store.money.get(project.id)
        budget, disbursed = money if money is not None else (int(project.budget.scaleb(2)), 0)
        if in_unit:
            for key in keys:
                total = nodes.get(key)
                if total is None:
                    total = nodes[key] = _Sum()
                total.add(slot, late, budget, disbursed)
        if in_node:
            total = units.get(project.unit_id)
            if total is None:
                total = units[project.unit_id] = _Sum()
            total.add(slot, late, budget, disbursed)
    return {k: v.frozen() for k, v in nodes.items()}, {k: v.frozen() for k, v in units.items()}


def totals_of(model: TrackingTableModel, project_ids: Iterable[int]) -> Totals:
    """Totals of some projects (the rows in view)."""
    store = model.store
    total = _Sum()
    for project_id in project_ids:
        tracked = store.rows.get(project_id)
        budget, disbursed = store.money.get(project_id, (0, 0))
        if tracked is None:
            project = model.state.projects.get(project_id)
            budget = int(project.budget.scaleb(2)) if project is not None else 0
        total.add(_STATUS_SLOT[tracked.status] if tracked is not None else -1,
                  tracked is not None and tracked.should_have_started, budget, disbursed)
    return total.frozen()
