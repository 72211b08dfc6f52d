"""The preview JSON as input: what ``thaplan import-preview --json`` prints reads back as the same projects.

The keys are those of INTERFACES.md (:data:`~..staged.JSON_KEYS`; ``filed_under``, which the preview
adds with ``--db``, is passed over); an unknown key, a wrong type, text that is no Unicode (a lone
surrogate such as ``"\\ud800"``) or a failed preview (``"ok": false``) is refused with a Thai message naming
the entry. The file is parsed whole, so it may be at most :data:`~.common.MAX_JSON_BYTES`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import MoneyError, parse_money
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.readers.common import LONE_SURROGATE, lone_surrogate, read_json
from thaplan_desktop.importing.staged import (
    ADDED_JSON_KEYS,
    JSON_KEYS,
    ImportResult,
    SheetReport,
    StagedProject,
)


def read_preview_json(path: Path) -> ImportResult:
    """The projects of a preview JSON file (``import-preview --json``), or raise :class:`ImportFailure`."""
    name = path.name
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("projects"), list):
        raise ImportFailure(FailureKind.BAD_JSON,
                            f"{where(name)} ไม่ใช่ไฟล์รายการโครงการ (ต้องมี \"projects\")", file=name)
    if data.get("ok") is False:
        raise ImportFailure(FailureKind.BAD_JSON,
                            f"{where(name)} เป็นผลการอ่านที่ล้มเหลว: {data.get('error') or ''}".strip(), file=name)
    projects = [_json_project(name, i, item) for i, item in enumerate(data["projects"], start=1)]
    return ImportResult(name, projects, [SheetReport("JSON", "table", rows=len(projects))])


def _json_project(file_name: str, index: int, item: Any) -> StagedProject:
    def fail(message: str) -> ImportFailure:
        return ImportFailure(FailureKind.BAD_JSON, f"{where(file_name)} รายการที่ {index}: {message}",
                             file=file_name, row=index)

    if not isinstance(item, dict):
        raise fail("ต้องเป็นออบเจกต์")
    unknown = set(item) - set(JSON_KEYS) - set(ADDED_JSON_KEYS)
    if unknown:
        raise fail(f"มีคีย์ที่ไม่รู้จัก {', '.join(sorted(unknown))}")
    try:
        kind = ProjectKind(item.get("kind", "project"))
    except ValueError as exc:
        raise fail(f"kind ต้องเป็น project หรือ equipment ไม่ใช่ “{item.get('kind')}”") from exc
    texts: dict[str, str] = {}
    for key in ("name", "details", "location", "unit", "strategy", "plan", "equipment_type"):
        value = item.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise fail(f"{key} ต้องเป็นข้อความ")
        if lone_surrogate(value):
            raise fail(f"{key} {LONE_SURROGATE}")
        texts[key] = normalise_space(value)
    if not texts["name"]:
        raise fail("ไม่มีชื่อโครงการ (name)")
    try:
        budget = parse_money(item.get("budget"))
    except MoneyError as exc:
        raise fail(str(exc)) from exc
    months = item.get("months", [])
    if not isinstance(months, list) or not all(isinstance(m, int) and 1 <= m <= 12 for m in months):
        raise fail("months ต้องเป็นรายการเลขเดือน 1 ถึง 12 (1 = ต.ค.)")
    warnings = [] if budget is not None else ["ไม่มีงบประมาณ"]
    return StagedProject(
        kind=kind, name=texts["name"], details=texts["details"],
        budget=budget, location=texts["location"], unit=texts["unit"],
        months=frozenset(months), strategy=texts["strategy"], plan=texts["plan"],
        equipment_type=texts["equipment_type"], source_file=file_name, source_sheet="", source_row=index,
        warnings=warnings,
    )
