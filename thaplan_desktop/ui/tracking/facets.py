"""Live totals of the ติดตามผล tab: per tree node (ยุทธศาสตร์ → แผนงาน), per unit (หน่วยงาน), and of the rows shown.

Each total counts the projects by status and sums budget and disbursed, from the table's ``RowFacts`` (in
satang, by group of rows first — a few hundred groups — then spread over the groups' nodes and units, so
ten thousand rows add up in a few milliseconds). The tree's totals follow every criterion but the node
(so the tree says where the rows of the chosen status or unit are); the units' totals follow every
criterion but the unit; the strip's totals are the rows in view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.report import percent
from thaplan_desktop.ui.state import NodeKey
from thaplan_desktop.ui.tracking.columns import ENTRY_ORDER
from thaplan_desktop.ui.tracking.facts import SLOT, RowFacts
from thaplan_desktop.ui.tracking.filter import Criteria, group_flags


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
        return self.statuses[SLOT[status]]


_WIDTH = 4 + len(ENTRY_ORDER)  # count, late, budget, disbursed, then one count per status


def _accumulate(facts: RowFacts, rows: Iterable[int], accumulators: list[list[int]], by_group: bool) -> None:
    group, slot, late, budget, disbursed = facts.group, facts.slot, facts.late, facts.budget, facts.disbursed
    single = accumulators[0] if accumulators else []
    for i in rows:
        acc = accumulators[group[i]] if by_group else single
        acc[0] += 1
        acc[1] += late[i]
        acc[2] += budget[i]
        acc[3] += disbursed[i]
        if slot[i] >= 0:
            acc[4 + slot[i]] += 1


def _frozen(acc: list[int]) -> Totals:
    return Totals(acc[0], tuple(acc[4:]), acc[1], acc[2], acc[3])


def _add(into: dict, key: object, acc: list[int]) -> None:
    total = into.get(key)
    if total is None:
        into[key] = list(acc)
    else:
        for i, value in enumerate(acc):
            total[i] += value


def facet_totals(facts: RowFacts, criteria: Criteria, base: list[int]
                 ) -> tuple[dict[NodeKey, Totals], dict[int | None, Totals]]:
    """Totals per tree node (of ``base`` rows of the unit chosen) and per unit id (of those under the node).

    ``base``: the rows meeting every criterion but the node and the unit (``filter.base_rows``).
    """
    accumulators = [[0] * _WIDTH for _ in facts.groups]
    _accumulate(facts, base, accumulators, by_group=True)
    in_node, in_unit = group_flags(facts, criteria)
    nodes: dict[NodeKey, list[int]] = {}
    units: dict[int | None, list[int]] = {}
    for index, (keys, unit_id) in enumerate(facts.groups):
        acc = accumulators[index]
        if not acc[0]:
            continue
        if in_unit[index]:
            for key in keys:
                _add(nodes, key, acc)
        if in_node[index]:
            _add(units, unit_id, acc)
    return {k: _frozen(v) for k, v in nodes.items()}, {k: _frozen(v) for k, v in units.items()}


def totals_of(facts: RowFacts, rows: Iterable[int]) -> Totals:
    """Totals of some rows (the rows in view)."""
    acc = [0] * _WIDTH
    _accumulate(facts, rows, [acc], by_group=False)
    return _frozen(acc)
