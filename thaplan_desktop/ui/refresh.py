"""What the views receive from the worker: a whole edition (``EditionData``) or what changed (``Refresh``).

Both are plain dataclasses read on the worker thread by ``read_edition`` and ``refresh_of`` (the
``PlanSession`` calls them): the GUI never touches the workspace. A ``Refresh`` follows every operation,
undo and redo, a refused operation (the rows it named read again, so the views show what the database
holds now) and other officers' changes found in the change feed (``history == "others"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thaplan_desktop.domain.model import (
    Edition,
    NamedItem,
    Organisation,
    Program,
    Project,
    Strategy,
    Unit,
)
from thaplan_desktop.workspace import Changes, Location, Rights, Workspace

# More changed projects than this: reload the whole edition instead of the changed rows.
RELOAD_THRESHOLD = 2000


@dataclass(frozen=True, slots=True)
class EditionData:
    """Everything the window shows of one edition, read in one go on the worker."""

    path: Path  # the file, or for a server plan the database's name
    organisation: Organisation
    editions: tuple[Edition, ...]
    edition: Edition
    strategies: tuple[Strategy, ...]
    programs: tuple[Program, ...]
    units: tuple[Unit, ...]
    equipment_types: tuple[NamedItem, ...]
    projects: tuple[Project, ...]
    undo_label: str = ""
    redo_label: str = ""
    read_only: bool = False  # another copy of ThaPlan is editing the file, or the login may only read
    notice: str = ""  # Thai text to show on opening (why read-only, network folder, failed backup, rights)
    location: Location | None = None  # the file's path or the server plan's address
    user: str = ""  # who changes the plan: the database login, or the operating-system login on a file
    rights: Rights | None = None  # what the database lets the user change

    @property
    def on_server(self) -> bool:
        """True for a plan on the office's server."""
        return self.location is not None and not isinstance(self.location, Path)


@dataclass(frozen=True, slots=True)
class Refresh:
    """What the views must update after an operation, undo or redo (None: unchanged)."""

    edition_id: int
    labels: tuple[str, ...]
    projects: tuple[Project, ...] = ()  # changed or created projects of the shown edition, current values
    removed: frozenset[int] = frozenset()  # project ids no longer in the shown edition
    created: tuple[int, ...] = ()
    strategies: tuple[Strategy, ...] | None = None
    programs: tuple[Program, ...] | None = None
    units: tuple[Unit, ...] | None = None
    equipment_types: tuple[NamedItem, ...] | None = None
    organisation: Organisation | None = None
    editions: tuple[Edition, ...] | None = None
    reload: EditionData | None = None  # set when the whole edition was read again
    other_tables: frozenset[str] = frozenset()
    undo_label: str = ""
    redo_label: str = ""
    result: Any = None  # what the operation function returned
    changes: tuple[Changes, ...] = field(default=())
    history: str = ""  # "undo" or "redo" (``labels`` name the step), "others" (other officers' changes)

    @property
    def empty(self) -> bool:
        """True when the operation changed nothing."""
        return not self.changes


def read_edition(ws: Workspace, edition_id: int | None) -> EditionData:
    """The whole edition (None: the latest main edition), on the worker."""
    editions = tuple(ws.editions())
    if edition_id is None:
        edition = ws.find_edition()
    else:
        edition = next((e for e in editions if e.id == edition_id), None) or ws.edition(edition_id)
    return EditionData(
        path=ws.path, organisation=ws.organisation(), editions=editions, edition=edition,
        strategies=tuple(ws.strategies()), programs=tuple(ws.programs()), units=tuple(ws.units()),
        equipment_types=tuple(ws.equipment_types()), projects=tuple(ws.projects(edition.id)),
        undo_label=ws.undo_label(), redo_label=ws.redo_label(),
        read_only=ws.read_only, notice=ws.notice, location=ws.location, user=ws.user, rights=ws.rights(),
    )


def refresh_of(ws: Workspace, edition_id: int | None, changes: Iterable[Changes], *, result: Any = None,
               history: str = "", labelled: bool = True) -> Refresh:
    """Read, on the worker, what ``changes`` name of the shown edition (``labelled``: name them as steps)."""
    changes = tuple(changes)
    base = {"undo_label": ws.undo_label(), "redo_label": ws.redo_label(), "result": result,
            "changes": changes, "labels": tuple(c.label for c in changes) if labelled else (), "history": history}
    if edition_id is None:
        return Refresh(edition_id=-1, **base)
    project_ids: set[int] = set()
    created: list[int] = []
    tree = reference = meta = False
    other: set[str] = set()
    for c in changes:
        project_ids |= c.projects
        created += c.created
        tree |= c.tree
        reference |= c.reference
        meta |= c.meta
        other |= c.other_tables
    if len(project_ids) > RELOAD_THRESHOLD:
        data = read_edition(ws, edition_id)
        return Refresh(edition_id=edition_id, reload=data, **base)
    found = [p for p in ws.projects_by_ids(project_ids) if p.edition_id == edition_id]
    removed = frozenset(project_ids - {p.id for p in found})
    return Refresh(
        edition_id=edition_id, projects=tuple(found), removed=removed,
        created=tuple(i for i in created if i not in removed),
        strategies=tuple(ws.strategies()) if tree else None,
        programs=tuple(ws.programs()) if tree else None,
        units=tuple(ws.units()) if reference else None,
        equipment_types=tuple(ws.equipment_types()) if reference else None,
        organisation=ws.organisation() if meta else None,
        editions=tuple(ws.editions()) if meta else None,
        other_tables=frozenset(other), **base,
    )
