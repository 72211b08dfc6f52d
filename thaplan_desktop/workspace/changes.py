"""What an operation changed (``Changes``), and the error an operation refuses with (``WorkspaceError``)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Changes", "WorkspaceError"]


class WorkspaceError(Exception):
    """An operation refused because of bad input; the message is Thai, fit for the user."""


@dataclass(frozen=True, slots=True)
class Changes:
    """What one operation (or its undo/redo) changed, for views to refresh only what concerns them."""

    label: str
    projects: frozenset[int] = frozenset()
    tree: bool = False  # strategies or programs
    reference: bool = False  # units, equipment types, funding sources
    meta: bool = False  # organisation, editions, settings
    other_tables: frozenset[str] = frozenset()
    created: tuple[int, ...] = ()  # ids of projects created, in order
    inserted: tuple[tuple[str, int], ...] = ()  # (table, id) of every row created with an integer id, in order
    tracking: frozenset[int] = frozenset()  # projects whose tracking (status, disbursements …) changed

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.projects or self.tree or self.reference or self.meta or self.other_tables
                    or self.tracking)

    def inserted_into(self, table: str) -> tuple[int, ...]:
        """Ids of the rows the operation created in ``table`` (``"strategy"``, ``"edition"`` …), in order."""
        return tuple(key for name, key in self.inserted if name == table)
