"""Step status and the rules for changing it: pure logic, no Qt, no database.

A step is not started, in progress or done; done carries the date it was done and a note (the meeting
or document number). The rules, each of which can be overridden only by forcing with a reason (kept
with the step):

- a step cannot be done before the step(s) it follows are done;
- nor on a date earlier than theirs;
- a done step cannot be reopened while a step that follows it is done.

Unconditional: a done step needs its date, and that date cannot be later than today.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.workflow.steps import Procedure, StepDef

__all__ = ["STATUS_LABELS", "StepState", "StepStatus", "TransitionCheck", "check_transition"]


class StepStatus(enum.StrEnum):
    """Where one step of the procedure stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


STATUS_LABELS: dict[StepStatus, str] = {
    StepStatus.NOT_STARTED: "ยังไม่เริ่ม",
    StepStatus.IN_PROGRESS: "กำลังดำเนินการ",
    StepStatus.DONE: "เสร็จแล้ว",
}


@dataclass(frozen=True, slots=True)
class StepState:
    """One step of one edition: its definition and where it stands."""

    step: StepDef
    status: StepStatus = StepStatus.NOT_STARTED
    done_on: dt.date | None = None
    note: str = ""
    forced_reason: str = ""

    @property
    def id(self) -> str:
        """The step's id."""
        return self.step.id

    @property
    def done(self) -> bool:
        """True when the step is done."""
        return self.status is StepStatus.DONE


@dataclass(frozen=True, slots=True)
class TransitionCheck:
    """What stands against a change of status: hard errors, and order problems that forcing overrides."""

    errors: tuple[str, ...] = ()
    order_problems: tuple[str, ...] = ()

    @property
    def allowed_without_force(self) -> bool:
        """True when the change can be made as it is."""
        return not self.errors and not self.order_problems

    def allowed(self, forced: bool) -> bool:
        """True when the change can be made (``forced``: with a reason given)."""
        return not self.errors and (forced or not self.order_problems)

    @property
    def message(self) -> str:
        """All problems as Thai text, one per line."""
        return "\n".join(self.errors + self.order_problems)


def check_transition(
    proc: Procedure,
    states: Mapping[str, StepState],
    step_id: str,
    status: StepStatus,
    done_on: dt.date | None,
    today: dt.date,
) -> TransitionCheck:
    """What stands against setting ``step_id`` to ``status`` (done on ``done_on``) given the other steps."""
    step = proc.step(step_id)
    errors: list[str] = []
    order: list[str] = []
    status = StepStatus(status)
    if status is StepStatus.DONE:
        if done_on is None:
            errors.append(f"กรุณาระบุวันที่ดำเนินการ “{step.title}” เสร็จ")
        elif done_on > today:
            errors.append(f"วันที่ดำเนินการเสร็จ ({format_thai_date(done_on)}) ต้องไม่เลยวันนี้")
        for before_id in step.follows:
            before = states.get(before_id)
            title = proc.step(before_id).title
            if before is None or not before.done:
                order.append(f"ขั้นตอนที่ {step.number} ทำเสร็จก่อนขั้นตอนที่ {proc.step(before_id).number} "
                             f"“{title}” ไม่ได้")
            elif done_on is not None and before.done_on is not None and done_on < before.done_on:
                order.append(f"วันที่ {format_thai_date(done_on)} อยู่ก่อนวันที่ขั้นตอนที่ "
                             f"{proc.step(before_id).number} “{title}” เสร็จ ({format_thai_date(before.done_on)})")
    else:
        current = states.get(step_id)
        if current is not None and current.done:
            for later in proc.steps:
                if step_id in later.follows and later.id in states and states[later.id].done:
                    order.append(f"ขั้นตอนที่ {later.number} “{later.title}” เสร็จแล้ว "
                                 f"จึงเปลี่ยนขั้นตอนที่ {step.number} กลับเป็นยังไม่เสร็จไม่ได้")
    return TransitionCheck(tuple(errors), tuple(order))
