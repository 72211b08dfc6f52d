"""``Workspace``: the one class the GUI, the command line, importers and the workflow change a plan through.

It gathers the reads and the operations, grouped by area in their own modules (``projects``, ``tree``,
``lists``, ``procedure``, ``procurement``, ``batch``, ``tracking``) over one core (``core``: files, listeners,
the operation mechanism) and one history (``history``: undo/redo); ``office`` adds what several officers on
one plan need (others' changes, the user's rights).
"""

from __future__ import annotations

from thaplan_desktop.workspace.batch import BatchOperations
from thaplan_desktop.workspace.lists import ListOperations
from thaplan_desktop.workspace.office import OfficeOperations
from thaplan_desktop.workspace.procedure import ProcedureOperations
from thaplan_desktop.workspace.procurement import ProcurementOperations
from thaplan_desktop.workspace.projects import ProjectOperations
from thaplan_desktop.workspace.reads import Reads
from thaplan_desktop.workspace.tracking import TrackingOperations
from thaplan_desktop.workspace.tree import TreeOperations

__all__ = ["Workspace"]


class Workspace(ProjectOperations, TreeOperations, ListOperations, ProcedureOperations, ProcurementOperations,
                BatchOperations, TrackingOperations, OfficeOperations, Reads):
    """An open ThaPlan database with its undo history. Create with ``open`` or ``create``.

    Every operation runs in one transaction that is committed at once (there is no Save to forget),
    returns a ``Changes`` value saying what it touched, and is recorded for undo/redo. Not thread-safe:
    the GUI runs all workspace calls on one worker thread.
    """
