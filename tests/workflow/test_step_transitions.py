"""Step status transitions: order is checked, forcing with a reason overrides it, dates are sane."""

import datetime as dt

from thaplan_desktop.workflow.status import StepState, StepStatus, check_transition
from thaplan_desktop.workflow.steps import procedure

PROC = procedure()
TODAY = dt.date(2019, 10, 20)


def states(**done):
    """States with the named steps done on the given dates."""
    return {s.id: StepState(s, StepStatus.DONE, done[s.id]) if s.id in done else StepState(s)
            for s in PROC.steps}


def test_the_first_step_can_be_done_at_once():
    assert check_transition(PROC, states(), "collect", StepStatus.DONE, TODAY, TODAY).allowed_without_force


def test_a_step_cannot_be_done_before_the_one_it_follows_unless_forced():
    check = check_transition(PROC, states(), "draft", StepStatus.DONE, TODAY, TODAY)
    assert not check.allowed_without_force
    assert check.allowed(forced=True)
    assert "ขั้นตอนที่ 2 ทำเสร็จก่อนขั้นตอนที่ 1" in check.message


def test_nor_on_an_earlier_date_than_the_one_it_follows():
    check = check_transition(PROC, states(collect=dt.date(2019, 10, 5)), "draft", StepStatus.DONE,
                             dt.date(2019, 10, 4), TODAY)
    assert check.order_problems
    assert "5 ตุลาคม 2562" in check.message
    same_day = check_transition(PROC, states(collect=dt.date(2019, 10, 5)), "draft", StepStatus.DONE,
                                dt.date(2019, 10, 5), TODAY)
    assert same_day.allowed_without_force


def test_starting_a_step_early_is_fine():
    assert check_transition(PROC, states(), "review", StepStatus.IN_PROGRESS, None, TODAY).allowed_without_force


def test_a_done_step_cannot_be_reopened_while_the_next_is_done_unless_forced():
    day = dt.date(2019, 10, 1)
    check = check_transition(PROC, states(collect=day, draft=day), "collect", StepStatus.IN_PROGRESS, None, TODAY)
    assert check.order_problems
    assert check.allowed(forced=True)
    assert check_transition(PROC, states(collect=day, draft=day), "draft", StepStatus.NOT_STARTED, None,
                            TODAY).allowed_without_force


def test_done_needs_a_date_not_in_the_future_even_when_forced():
    missing = check_transition(PROC, states(), "collect", StepStatus.DONE, None, TODAY)
    assert missing.errors
    assert not missing.allowed(forced=True)
    future = check_transition(PROC, states(), "collect", StepStatus.DONE, TODAY + dt.timedelta(days=1), TODAY)
    assert not future.allowed(forced=True)
