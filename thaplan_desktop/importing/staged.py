"""What an import produces before it touches a plan: staged projects with their warnings, per file.

The JSON form (:meth:`ImportResult.to_json_dict`) is the one ``thaplan import-preview --json`` prints and the
one the importer reads back: ``{"ok", "projects": [{kind, name, details, budget, location, unit, months,
strategy, plan, equipment_type}], "error"}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from thaplan_desktop.domain.model import ProjectKind

JSON_KEYS = ("kind", "name", "details", "budget", "location", "unit", "months", "strategy", "plan",
             "equipment_type")
ADDED_JSON_KEYS = ("filed_under",)  # written by ``import-preview --json --db``; read back and ignored


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


def failure_json_dict(message: str) -> dict[str, Any]:
    """The ``--json`` object for a file that cannot be read."""
    return {"ok": False, "projects": [], "error": message}


def dumps_preview(obj: dict[str, Any]) -> str:
    """The preview JSON as printed: UTF-8 text, one project (or warning) per line, keys in order; keys after
    ``error`` (``warnings``, with ``--db``) follow it."""

    def listed(items: list[Any]) -> str:
        if not items:
            return "[]"
        return "[\n    " + ",\n    ".join(json.dumps(p, ensure_ascii=False) for p in items) + "\n  ]"

    text = ('{\n  "ok": ' + json.dumps(obj.get("ok")) + ',\n  "projects": ' + listed(obj.get("projects") or [])
            + ',\n  "error": ' + json.dumps(obj.get("error"), ensure_ascii=False))
    for key, value in obj.items():
        if key not in ("ok", "projects", "error"):
            shown = listed(value) if isinstance(value, list) else json.dumps(value, ensure_ascii=False)
            text += f',\n  {json.dumps(key)}: {shown}'
    return text + "\n}"
