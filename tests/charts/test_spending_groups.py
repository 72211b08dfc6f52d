"""Rows sharing their months are spread together: the same satang as spreading each row alone."""

from decimal import Decimal as D

from thaplan_desktop.charts.spending import planned_by_month, spread_evenly
from thaplan_desktop.domain.model import Project, ProjectKind


def row(number, budget, months):
    return Project(id=number, edition_id=1, kind=ProjectKind.PROJECT, name=f"r{number}", budget=D(budget),
                   months=frozenset(months))


def test_each_budgets_remainder_still_goes_to_its_earliest_months():
    # Over ต.ค.–ธ.ค.: 0.01 gives ต.ค. one satang; 0.02 gives ต.ค. and พ.ย. one each; 0.03 one to each month.
    rows = [row(1, "0.01", {1, 2, 3}), row(2, "0.02", {3, 2, 1}), row(3, "0.03", {1, 2, 3}), row(4, "1.00", {7})]
    assert planned_by_month(rows) == [3, 2, 1, 0, 0, 0, 100, 0, 0, 0, 0, 0]


def test_the_same_as_spreading_each_row_alone():
    budgets = ["100.00", "0.05", "33.33", "1000000.01", "7.77", "0.10", "12345.67", "2.00"]
    month_sets = [{1, 2, 3}, {6, 7}, {1, 2, 3}, set(range(1, 13)), {6, 7}, {12}, {4, 8, 9}, {1, 2, 3}]
    rows = [row(i, b, m) for i, (b, m) in enumerate(zip(budgets, month_sets, strict=True))]
    alone = [0] * 12
    for r in rows:
        for month, satang in spread_evenly(r.budget, r.months).items():
            alone[month - 1] += satang
    assert planned_by_month(rows) == alone
    assert sum(planned_by_month(rows)) == sum(int(D(b) * 100) for b in budgets)


def test_a_schedule_replaces_the_spread_of_its_row():
    rows = [row(1, "300.00", {1, 2, 3}), row(2, "90.00", {4})]
    assert planned_by_month(rows, schedules={2: {5: D("40"), 6: D("50")}}) == [
        10000, 10000, 10000, 0, 4000, 5000, 0, 0, 0, 0, 0, 0]
