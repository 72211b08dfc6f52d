from decimal import Decimal

from thaplan_desktop.domain.model import Program, Project, ProjectKind, Strategy
from thaplan_desktop.domain.summary import largest_remainder_percentages, summarize


def pct(*values):
    return [str(v) for v in largest_remainder_percentages([Decimal(str(v)) for v in values])]


def test_three_equal_thirds_add_up_to_exactly_100():
    assert pct(1, 1, 1) == ["33.34", "33.33", "33.33"]


def test_remainders_go_to_the_largest_remainders():
    shares = pct(1, 2, 3, 4, 5, 6, 7)  # 28 in all: 3.571…, 7.142…, …
    assert sum(Decimal(s) for s in shares) == Decimal("100.00")
    assert shares == ["3.57", "7.14", "10.71", "14.29", "17.86", "21.43", "25.00"]


def test_awkward_cases_still_sum_to_100():
    cases = [(1,) * 7, (1,) * 300, (1, 1000000), (0.01, 0.01, 0.01), (238613.38, 1, 1, 999999.99), (5,)]
    for case in cases:
        assert sum(Decimal(s) for s in pct(*case)) == Decimal("100.00"), case


def test_all_zero_budgets_give_zero_percentages_not_a_division_error():
    assert pct(0, 0) == ["0.00", "0.00"]
    assert pct() == []


def _project(i, program_id, budget, unit_id=None):
    return Project(id=i, edition_id=1, kind=ProjectKind.PROJECT, name=f"p{i}", budget=Decimal(budget),
                   months=frozenset({1}), program_id=program_id, unit_id=unit_id)


def test_summary_groups_by_strategy_then_program_with_totals():
    strategies = [Strategy(1, 1, "ยุทธศาสตร์ ก", 1), Strategy(2, 2, "ยุทธศาสตร์ ข", 2)]
    programs = [Program(10, 1, "แผนงาน ก1", 1), Program(11, 1, "แผนงาน ก2", 2), Program(20, 2, "แผนงาน ข1", 1),
                Program(21, 2, "แผนงานว่าง", 2)]
    projects = [_project(1, 10, "100000", 1), _project(2, 10, "50000.50", 2), _project(3, 11, "1"),
                _project(4, 20, "200000", 1), _project(5, None, "10")]
    summary = summarize(strategies, programs, projects, {1: "กองช่าง", 2: "สำนักปลัด"})

    assert [b.strategy.name for b in summary.strategies] == ["ยุทธศาสตร์ ก", "ยุทธศาสตร์ ข"]
    first = summary.strategies[0]
    assert [p.name for p, _ in first.programs] == ["แผนงาน ก1", "แผนงาน ก2"]  # the empty program is left out
    assert first.total.count == 3
    assert first.total.budget == Decimal("150001.50")
    assert first.programs[0][1].units == ("กองช่าง", "สำนักปลัด")
    assert summary.unfiled is not None
    assert summary.unfiled.count == 1
    assert summary.total.count == 5
    assert summary.total.budget == Decimal("350011.50")
    assert summary.total.count_percent == Decimal("100.00")
    assert summary.total.budget_percent == Decimal("100.00")
    # strategy rows are the sums of their program rows
    for block in summary.strategies:
        assert block.total.budget_percent == sum(r.budget_percent for _, r in block.programs)
