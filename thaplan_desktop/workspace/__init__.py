"""The workspace: the one façade through which the GUI, the command line and importers change a plan.

Open a database file, read plain dataclasses, and change data only through typed operations. Every
operation runs in one transaction that is committed at once (there is no Save to forget), returns its own
``Changes`` value saying what it touched, and is recorded for undo/redo: the workspace notes each row's
values before and after (through SQLAlchemy's flush events), so undo restores the database exactly and
redo re-applies it. "Import 120 rows" is one operation, hence one undo step. Operations take typed field
objects (``fields``); no SQLAlchemy session or ORM object ever leaves this package and ``db``.

Modules: ``core`` (opening, the operation mechanism), ``history`` (undo/redo), ``reads``, ``projects``,
``tree`` (strategies and programs), ``lists`` (units, organisation, editions, settings), ``procedure``,
``procurement`` (the procurement plan's choices per row), ``batch`` (imports), ``tracking`` (the plan in use: statuses,
disbursements, report rounds), ``fields`` (the typed inputs), ``changes``; ``facade`` puts them together.

Not thread-safe: the GUI runs all workspace calls on one worker thread.
"""

from thaplan_desktop.db.files import DatabaseError
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.facade import Workspace
from thaplan_desktop.workspace.fields import (
    UNSET,
    AmendmentUpdate,
    BatchProject,
    DisbursementUpdate,
    EditionFields,
    ImportBatch,
    New,
    NewAmendment,
    NewDisbursement,
    NewExtension,
    NewPlan,
    NewProgram,
    NewStatus,
    NewStrategy,
    NewUnit,
    OrganisationFields,
    ProcurementFields,
    ProgramUpdate,
    ProgressBatch,
    ProgressUpdate,
    ProjectFields,
    RoundFields,
    StrategyUpdate,
    TrackingFields,
)

__all__ = [
    "UNSET",
    "AmendmentUpdate",
    "BatchProject",
    "Changes",
    "DatabaseError",
    "DisbursementUpdate",
    "EditionFields",
    "ImportBatch",
    "New",
    "NewAmendment",
    "NewDisbursement",
    "NewExtension",
    "NewPlan",
    "NewProgram",
    "NewStatus",
    "NewStrategy",
    "NewUnit",
    "OrganisationFields",
    "ProcurementFields",
    "ProgramUpdate",
    "ProgressBatch",
    "ProgressUpdate",
    "ProjectFields",
    "RoundFields",
    "StrategyUpdate",
    "TrackingFields",
    "Workspace",
    "WorkspaceError",
]
