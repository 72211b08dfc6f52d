"""ผด.01's figures: each percentage its own rounding of its own fraction, as a calculator gives it."""

from decimal import Decimal

from thaplan_desktop.domain.model import Program, Project, ProjectKind, Strategy
from thaplan_desktop.domain.summary import largest_remainder_percentages, percentage, summarize


def test_a_percentage_is_its_fraction_rounded_half_up():
    assert percentage(17, 94) == Decimal("18.09")  # 18.085… (the largest-remainder rule printed 18.08)
    assert percentage(4, 94) == Decimal("4.26")
    assert percentage(1, 3) == Decimal("33.33")
    assert percentage(1, 8) == Decimal("12.50")
    assert percentage(1, 800) == Decimal("0.13")  # 0.125 rounds up
    assert percentage(94, 94) == Decimal("100.00")


def test_nothing_to_share_gives_zero_not_a_division_error():
    assert percentage(0, 0) == Decimal("0.00")
    assert percentage(Decimal("0.00"), Decimal("0.00")) == Decimal("0.00")


def test_a_donuts_slices_still_close_their_circle():
    """Charts keep the largest-remainder rule: a donut's slices add up to exactly 100.00."""
    shares = largest_remainder_percentages([1, 2, 3, 4, 5, 6, 7])  # 28 in all: 3.571…, 7.142…, …
    assert [str(s) for s in shares] == ["3.57", "7.14", "10.71", "14.29", "17.86", "21.43", "25.00"]
    for case in [(1,) * 7, (1,) * 300, (1, 1000000), (238613.38, 1, 1, 999999.99)]:
        assert sum(largest_remainder_percentages([Decimal(str(v)) for v in case])) == Decimal("100.00"), case
    assert largest_remainder_percentages([0, 0]) == [Decimal("0.00")] * 2


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
    # A strategy's รวม row is its own share of the whole, not the sum of its programs' rounded shares.
    assert first.total.count_percent == Decimal("60.00")
    assert first.total.budget_percent == percentage(Decimal("150001.50"), Decimal("350011.50"))


def test_equal_counts_give_equal_percentages():
    """Two programs of four projects each (of 94) both print 4.26, never 4.26 and 4.25."""
    strategies = [Strategy(1, 1, "ก", 1)]
    programs = [Program(p, 1, f"แผนงาน {p}", p) for p in range(1, 9)]
    sizes = [4, 4, 17, 13, 13, 13, 15, 15]  # 94 projects
    projects, i = [], 0
    for program, size in zip(range(1, 9), sizes, strict=True):
        for _ in range(size):
            i += 1
            projects.append(_project(i, program, "1000"))
    summary = summarize(strategies, programs, projects)
    rows = {p.id: r for p, r in summary.strategies[0].programs}
    assert rows[1].count_percent == rows[2].count_percent == Decimal("4.26")
    assert rows[1].budget_percent == rows[2].budget_percent
    assert rows[3].count_percent == Decimal("18.09")
    assert {rows[p].count_percent for p in (4, 5, 6)} == {Decimal("13.83")}
    assert summary.total.count_percent == Decimal("100.00")
