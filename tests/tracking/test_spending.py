"""Planned spending by month: the budget spread evenly over the project's months, satang falling exactly as
``tracking/spending.py`` says (quotient rounded down, the satang left over one each to the earliest months),
unless the officer set a schedule; disbursed by month, with money kept for the next year after the year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from thaplan_desktop.domain.tracking import Disbursement
from thaplan_desktop.tracking.spending import (
    disbursed_by_month,
    month_end,
    month_start,
    planned_by_month,
    spending_table,
)

B = Decimal
D = dt.date


def test_an_even_spread_gives_the_satang_left_over_to_the_earliest_months():
    assert planned_by_month(B("300000.00"), {4, 5, 6}) == {4: B("100000.00"), 5: B("100000.00"), 6: B("100000.00")}
    assert planned_by_month(B("100000.00"), {6, 4, 5}) == {4: B("33333.34"), 5: B("33333.33"), 6: B("33333.33")}
    assert planned_by_month(B("238613.38"), {3, 4}) == {3: B("119306.69"), 4: B("119306.69")}
    assert planned_by_month(B("238613.39"), {3, 4}) == {3: B("119306.70"), 4: B("119306.69")}
    assert planned_by_month(B("1.00"), {1, 2, 3, 4, 5}) == dict.fromkeys(range(1, 6), B("0.20"))
    assert planned_by_month(B("0.02"), {7, 8, 9}) == {7: B("0.01"), 8: B("0.01")}  # nothing left for ส.ค.
    spread = planned_by_month(B("1000000.00"), set(range(1, 13)))
    assert [spread[m] for m in (1, 4, 5, 12)] == [B("83333.34"), B("83333.34"), B("83333.33"), B("83333.33")]
    assert sum(spread.values()) == B("1000000.00")


def test_the_officers_schedule_is_the_plan_and_no_months_is_no_plan():
    schedule = {7: B("150000"), 9: B("150000"), 8: B("0")}
    assert planned_by_month(B("300000"), {7, 8, 9}, schedule) == {7: B("150000"), 9: B("150000")}
    assert planned_by_month(B("50000"), set()) == {}


def test_months_begin_and_end_on_the_calendar_days_of_the_fiscal_year():
    assert (month_start(2563, 1), month_end(2563, 1)) == (D(2019, 10, 1), D(2019, 10, 31))
    assert (month_start(2563, 5), month_end(2563, 5)) == (D(2020, 2, 1), D(2020, 2, 29))  # 2020: a leap year
    assert month_end(2563, 12) == D(2020, 9, 30)


def test_disbursed_by_month_up_to_the_as_of_date_and_after_the_year():
    paid = [Disbursement(1, 1, D(2019, 10, 5), B("100")), Disbursement(2, 1, D(2019, 10, 31), B("50")),
            Disbursement(3, 1, D(2020, 3, 1), B("25")), Disbursement(4, 1, D(2020, 10, 2), B("400"))]
    assert disbursed_by_month(paid, 2563, D(2020, 2, 29)) == ({1: B("150")}, B("0"))
    assert disbursed_by_month(paid, 2563, D(2020, 12, 31)) == ({1: B("150"), 6: B("25")}, B("400"))


def test_the_table_runs_cumulative_and_leaves_months_not_begun_empty():
    table = spending_table({1: B("10"), 2: B("20"), 3: B("30")}, {1: B("5"), 2: B("25")}, 2563, D(2019, 11, 30))
    assert [(m.planned_cumulative, m.disbursed, m.disbursed_cumulative) for m in table[:3]] == [
        (B("10"), B("5"), B("5")), (B("30"), B("25"), B("30")), (B("60"), None, None)]
    assert table[-1].planned_cumulative == B("60")
