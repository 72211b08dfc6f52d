"""The workspace: the one façade through which the GUI, the command line and importers change a plan.

Open a database file, read plain dataclasses, and change data only through typed operations. Every
operation runs in one transaction that is committed at once (there is no Save to forget), returns its own
``Changes`` value saying what it touched, and is recorded for undo/redo: the workspace notes each row's
values before and after (through SQLAlchemy's flush events), so undo restores the database exactly and
redo re-applies it. "Import 120 rows" is one operation, hence one undo step. Operations take typed field
objects (``fields``); no SQLAlchemy session or ORM object ever leaves this package and ``db``.

A plan is a SQLite file or a database on the office's PostgreSQL server; several officers may work on a
server plan at once. Every row carries a version: an edit of a row someone else changed since this
workspace read it is refused with a ``ConflictError`` naming who changed it and what it is now; a change
the database does not allow the user, with a ``PermissionDenied``. Undo is this workspace's own and
refuses to undo over someone else's later change.

Modules: ``core`` (opening, the operation mechanism), ``history`` (undo/redo), ``versions`` and
``conflicts`` (optimistic concurrency), ``office`` (others' changes, rights), ``reads``, ``projects``,
``tree`` (strategies and programs), ``lists`` (units, organisation, editions, settings), ``procedure``,
``procurement`` (the procurement plan's choices per row), ``batch`` (imports), ``tracking`` (the plan in use: statuses,
disbursements, report rounds), ``fields`` (the typed inputs), ``changes``; ``facade`` puts them together.

Not thread-safe: the GUI runs all workspace calls on one worker thread.
"""

from thaplan_desktop.db.files import DatabaseError
from thaplan_desktop.db.location import Location, ServerAddress, parse_location
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
from thaplan_desktop.workspace.office import ChangeNote, Rights
from thaplan_desktop.workspace.versions import ConflictError, PermissionDenied

__all__ = [
    "UNSET",
    "AmendmentUpdate",
    "BatchProject",
    "ChangeNote",
    "Changes",
    "ConflictError",
    "DatabaseError",
    "DisbursementUpdate",
    "EditionFields",
    "ImportBatch",
    "Location",
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
    "PermissionDenied",
    "ProcurementFields",
    "ProgramUpdate",
    "ProgressBatch",
    "ProgressUpdate",
    "ProjectFields",
    "Rights",
    "RoundFields",
    "ServerAddress",
    "StrategyUpdate",
    "TrackingFields",
    "Workspace",
    "WorkspaceError",
    "parse_location",
]
