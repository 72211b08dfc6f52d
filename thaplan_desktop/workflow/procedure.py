"""Reading an edition's procedure: steps, trigger, deadlines, extensions, posting and amendments.

``load_procedure(workspace, edition_id)`` returns one plain, frozen ``ProcedureState`` that the flowchart
view, the ``thaplan status`` command and the PDF chart all read; nothing here changes data (that is
``workflow.operations``). The records come from the workspace's reads (``procedure_records``); this
module gives them the procedure's meaning: step states, deadlines and warnings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from thaplan_desktop.domain.model import Edition, EditionKind, EditionStatus, OrgKind, TriggerKind
from thaplan_desktop.domain.procedure import Amendment, Extension, Posting, StepRecord
from thaplan_desktop.workflow.deadlines import (
    TRIGGER_LABELS,
    Deadline,
    DeadlineKind,
    DeadlineWarning,
    procedure_deadlines,
    warnings,
)
from thaplan_desktop.workflow.status import StepState, StepStatus
from thaplan_desktop.workflow.steps import ANNOUNCE, Procedure, procedure
from thaplan_desktop.workspace import Workspace

__all__ = [
    "WORKFLOW_TABLES",
    "Amendment",
    "EditContext",
    "Posting",
    "ProcedureState",
    "amendment_history",
    "concerns_procedure",
    "edit_context",
    "is_announced",
    "load_procedure",
    "step_states",
]

# Tables of the procedure besides ``edition``: a view refreshes when an operation touched one of them.
WORKFLOW_TABLES = frozenset({"procedure_step", "deadline_extension", "procedure_posting", "plan_amendment"})


def concerns_procedure(changes: object) -> bool:
    """True when a workspace ``Changes`` may alter what a procedure view shows."""
    return bool(getattr(changes, "meta", False)) or bool(
        WORKFLOW_TABLES & frozenset(getattr(changes, "other_tables", ()))
    )


@dataclass(frozen=True, slots=True)
class ProcedureState:
    """Everything about one edition's procedure on one day, as plain data."""

    edition: Edition
    org_kind: OrgKind
    procedure: Procedure
    steps: tuple[StepState, ...]
    extensions: tuple[Extension, ...]
    posting: Posting
    amendments: tuple[Amendment, ...]
    deadlines: tuple[Deadline, ...]
    warnings: tuple[DeadlineWarning, ...]
    today: dt.date

    def step(self, step_id: str) -> StepState:
        """The state of one step."""
        for state in self.steps:
            if state.id == step_id:
                return state
        raise KeyError(step_id)

    def deadline(self, kind: DeadlineKind) -> Deadline:
        """One of the three deadlines."""
        return next(d for d in self.deadlines if d.kind is kind)

    @property
    def announced(self) -> bool:
        """True once the edition is announced (step ประกาศใช้ done)."""
        return self.edition.status is EditionStatus.ANNOUNCED

    @property
    def current_step(self) -> StepState | None:
        """The first step not done yet (None when all are done)."""
        return next((s for s in self.steps if not s.done), None)

    @property
    def trigger_label(self) -> str:
        """What opened the 30-day window, in Thai."""
        return TRIGGER_LABELS.get(TriggerKind(self.edition.trigger_kind), str(self.edition.trigger_kind))


def step_states(proc: Procedure, records: Iterable[StepRecord]) -> dict[str, StepState]:
    """Every step's state for an edition, by step id (steps without a record are not started)."""
    rows = {r.step: r for r in records}
    result = {}
    for step in proc.steps:
        row = rows.get(step.id)
        if row is None:
            result[step.id] = StepState(step)
        else:
            result[step.id] = StepState(step, StepStatus(row.status), row.done_on, row.note, row.forced_reason)
    return result


def load_procedure(workspace: Workspace, edition_id: int, *,
                   today: dt.date | Callable[[], dt.date] | None = None) -> ProcedureState:
    """The procedure of one edition as it stands on ``today`` (default: the real today)."""
    day = today() if callable(today) else (today or dt.date.today())
    edition = workspace.edition(edition_id)
    org_kind = workspace.organisation().kind
    proc = procedure(org_kind)
    records = workspace.procedure_records(edition_id)
    states = step_states(proc, records.steps)
    posting = records.posting
    announced_on = states[ANNOUNCE].done_on if states[ANNOUNCE].done else None
    deadlines = procedure_deadlines(
        trigger_kind=edition.trigger_kind, trigger_date=edition.trigger_date, announced_on=announced_on,
        posted_on=posting.posted_on, removed_on=posting.removed_on, extensions=records.extensions, today=day,
    )
    return ProcedureState(
        edition=edition, org_kind=OrgKind(org_kind), procedure=proc,
        steps=tuple(states[s.id] for s in proc.steps), extensions=records.extensions, posting=posting,
        amendments=records.amendments, deadlines=tuple(deadlines), warnings=tuple(warnings(deadlines)), today=day,
    )


def is_announced(workspace: Workspace, edition_id: int) -> bool:
    """True when the edition is announced: editing its projects then means an amendment or a new edition."""
    return workspace.edition(edition_id).status is EditionStatus.ANNOUNCED


def amendment_history(workspace: Workspace, *, edition_id: int | None = None,
                      fiscal_year: int | None = None) -> list[Amendment]:
    """Amendments of one edition, or of every edition of a fiscal year, oldest first."""
    return workspace.amendments(edition_id=edition_id, fiscal_year=fiscal_year)


@dataclass(frozen=True, slots=True)
class EditContext:
    """What the "announced edition: amend or add?" question needs, read in one go on the worker."""

    edition: Edition
    history: tuple[Amendment, ...]  # amendments of the edition's fiscal year, oldest first
    next_amendment: int  # the number an amendment recorded now gets (แก้ไขครั้งที่ n/ปี)
    next_additional: int  # the number a new additional edition gets (เพิ่มเติม ฉบับที่ n)
    executive: str  # who approves (name and title), to prefill

    @property
    def announced(self) -> bool:
        """True when editing must be an amendment or go to a new edition."""
        return self.edition.status is EditionStatus.ANNOUNCED


def edit_context(workspace: Workspace, edition_id: int) -> EditContext:
    """The context of an edit to the projects of ``edition_id``."""
    edition = workspace.edition(edition_id)
    history = tuple(amendment_history(workspace, fiscal_year=edition.fiscal_year))
    additional = [e.number for e in workspace.editions()
                  if e.fiscal_year == edition.fiscal_year and e.kind is EditionKind.ADDITIONAL]
    org = workspace.organisation()
    executive = " ".join(part for part in (org.executive_name, org.executive_title) if part)
    return EditContext(edition=edition, history=history,
                       next_amendment=max((a.number for a in history), default=0) + 1,
                       next_additional=max(additional, default=0) + 1, executive=executive)
