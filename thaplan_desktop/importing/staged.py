"""What an import produces before it touches a plan: staged projects with their warnings, per file.

The JSON form (:meth:`ImportResult.to_json_dict`) is the one ``thaplan import-preview --json`` prints and the
one the importer reads back: ``{"ok", "projects": [{kind, name, details, budget, location, unit, months,
strategy, plan, equipment_type}], "error"}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.thai import has_controls, normalise_space, strip_controls

JSON_KEYS = ("kind", "name", "details", "budget", "location", "unit", "months", "strategy", "plan",
             "equipment_type")
ADDED_JSON_KEYS = ("filed_under",)  # written by ``import-preview --json --db``; read back and ignored
_TEXTS = ("name", "details", "location", "unit", "strategy", "plan", "equipment_type", "source_file", "source_sheet")


@dataclass(slots=True)
class StagedProject:
    """One project or equipment row read from a file, not yet in any plan."""

    kind: ProjectKind
    name: str
    details: str = ""
    budget: Decimal | None = None
    location: str = ""
    unit: str = ""
    months: frozenset[int] = frozenset()
    strategy: str = ""
    plan: str = ""
    equipment_type: str = ""
    source_file: str = ""
    source_sheet: str = ""
    source_row: int | None = None  # 1-based, as the spreadsheet shows it
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Every staged text is one line without control characters (NUL, BEL, ESC …): whatever a file holds,
        # nothing of it reaches the plan, a workbook written from it or a terminal showing it.
        for name in _TEXTS:
            value = getattr(self, name)
            if has_controls(value, multiline=False):
                setattr(self, name, normalise_space(strip_controls(value, multiline=False)))

    def to_json_dict(self) -> dict[str, Any]:
        """The project as the preview JSON writes it (keys in the documented order)."""
        budget = self.budget if self.budget is not None else Decimal("0")
        return {
            "kind": self.kind.value,
            "name": self.name,
            "details": self.details,
            "budget": f"{budget:.2f}",
            "location": self.location,
            "unit": self.unit,
            "months": sorted(self.months),
            "strategy": self.strategy,
            "plan": self.plan,
            "equipment_type": self.equipment_type,
        }


@dataclass(slots=True)
class SheetReport:
    """What the reader made of one sheet: the table it found, or why it skipped the sheet."""

    name: str
    status: str  # "table", "summary", "instructions", "no_table", "empty", "hidden"
    header_row: int | None = None  # 1-based first header row
    columns: dict[str, str] = field(default_factory=dict)  # field → "C: รายละเอียด…" (letter and label)
    month_columns: dict[str, list[int]] = field(default_factory=dict)  # column letter → its fiscal months
    rows: int = 0
    notes: list[str] = field(default_factory=list)
    column_labels: dict[int, str] = field(default_factory=dict)  # 0-based column → its header text
    mapping: dict[str, int] = field(default_factory=dict)  # field name → 0-based column, as detected
    fiscal_year: int | None = None  # the fiscal year (พ.ศ.) the month header or the titles name, if any


@dataclass(slots=True)
class ImportResult:
    """Everything read from one file."""

    file_name: str
    projects: list[StagedProject]
    sheets: list[SheetReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def fiscal_years(self) -> list[int]:
        """The fiscal years the file's tables name (their month headers, else their titles)."""
        return sorted({s.fiscal_year for s in self.sheets if s.fiscal_year is not None})

    def to_json_dict(self) -> dict[str, Any]:
        """The ``--json`` object of ``thaplan import-preview``."""
        return {"ok": True, "projects": [p.to_json_dict() for p in self.projects], "error": None}

    def json_lazily(self) -> dict[str, Any]:
        """:meth:`to_json_dict` with the projects as a generator, for :func:`iter_preview`."""
        return {"ok": True, "projects": (p.to_json_dict() for p in self.projects), "error": None}


def failure_json_dict(message: str) -> dict[str, Any]:
    """The ``--json`` object for a file that cannot be read."""
    return {"ok": False, "projects": [], "error": message}


def dumps_preview(obj: dict[str, Any]) -> str:
    """The preview JSON as printed: UTF-8 text, one project (or warning) per line, keys in order; keys after
    ``error`` (``warnings``, with ``--db``) follow it."""
    return "".join(iter_preview(obj))


def iter_preview(obj: dict[str, Any]) -> Iterator[str]:
    """:func:`dumps_preview`'s text piece by piece: ``obj["projects"]`` may be any iterable (a generator
    of 200,000 projects is written one at a time, never held as one text)."""

    def listed(items: Iterable[Any]) -> Iterator[str]:
        first = True
        for item in items:
            yield ("[\n    " if first else ",\n    ") + json.dumps(item, ensure_ascii=False)
            first = False
        yield "[]" if first else "\n  ]"

    yield '{\n  "ok": ' + json.dumps(obj.get("ok")) + ',\n  "projects": '
    yield from listed(obj.get("projects") or [])
    yield ',\n  "error": ' + json.dumps(obj.get("error"), ensure_ascii=False)
    for key, value in obj.items():
        if key not in ("ok", "projects", "error"):
            yield f',\n  {json.dumps(key)}: '
            if isinstance(value, list):
                yield from listed(value)
            else:
                yield json.dumps(value, ensure_ascii=False)
    yield "\n}"
