"""Which rows this window may change: the database's rules for the user, known ahead so the views can say so.

The server enforces them (roles and row-level security); the window only follows them, so a department's
officer sees the other units' projects greyed, with the reason on hover, rather than typing into a row
the server will refuse. ``RowRights`` is plain Python: the read-only second copy of a file changes no
row, the planning office and a file's officer every row, a department the projects of its own units.
"""

from __future__ import annotations

from collections.abc import Callable

from thaplan_desktop.domain.model import Project
from thaplan_desktop.ui.office.texts import TEXTS
from thaplan_desktop.workspace import Rights


class RowRights:
    """What the user may change, row by row."""

    def __init__(self, rights: Rights | None = None, *, read_only: bool = False) -> None:
        self.rights = rights
        self.read_only = read_only

    @property
    def edits_everything(self) -> bool:
        """True when the user may change the whole plan: its tree, lists, documents, imports and every row."""
        return not self.read_only and (self.rights is None or self.rights.edits_everything)

    @property
    def edits_rows(self) -> bool:
        """True when the user may change some rows (everything, or a department's own)."""
        return not self.read_only and (self.rights is None or self.rights.can_edit)

    @property
    def department(self) -> bool:
        """True for a department's login: only its own units' projects."""
        return not self.edits_everything and self.rights is not None and self.rights.role == "department"

    def may_edit(self, project: Project) -> bool:
        """True when the user may change this project (and its tracking)."""
        if self.edits_everything:
            return True
        return self.department and self.rights is not None and project.unit_id in self.rights.unit_ids

    def own_unit(self) -> int | None:
        """The unit a department's new project goes to (its first unit); None for everyone else."""
        if not self.department or self.rights is None or not self.rights.unit_ids:
            return None
        return min(self.rights.unit_ids)

    def why_not(self, project: Project, unit_name: Callable[[int | None], str]) -> str:
        """Why the user may not change this project, in Thai ("" when they may)."""
        if self.may_edit(project) or not self.department or self.rights is None:
            return ""
        own = ", ".join(sorted(unit_name(u) for u in self.rights.unit_ids))
        return TEXTS["locked_unit"].format(unit=unit_name(project.unit_id) or TEXTS["no_unit"],
                                           user=self.rights.user, own=own or TEXTS["no_unit"])
