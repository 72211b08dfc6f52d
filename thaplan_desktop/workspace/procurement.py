"""The procurement plan's choices per row (แผนการจัดซื้อจัดจ้าง): read them, and change them undoably.

Each project and equipment row carries whether it is procured (``None``: the default rule of
``domain.procurement`` decides), the procurement method, the e-GP plan code and the expected month of the
announcement (``None``: the first month of the project's run). ``set_procurement`` changes any of them for
any rows as one operation and one undo step; its ``Changes`` lists the rows in ``projects``.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from thaplan_desktop.db import queries
from thaplan_desktop.db.models import ProjectRow
from thaplan_desktop.domain.procurement import ProcurementChoice
from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.core import WorkspaceCore
from thaplan_desktop.workspace.fields import ProcurementFields, given

__all__ = ["ProcurementOperations"]

TEXTS = {
    "label": "แก้ไขแผนการจัดซื้อจัดจ้าง",
    "no_project": "ไม่พบโครงการรหัส {id}",
    "bad_month": "เดือนที่คาดว่าจะประกาศต้องเป็นเดือนในปีงบประมาณ (1 = ต.ค. ถึง 12 = ก.ย.): {month}",
    "long_code": "รหัสแผนจัดซื้อจัดจ้างยาวเกิน {limit} ตัวอักษร: “{code}”",
    "long_method": "ชื่อวิธีจัดซื้อจัดจ้างยาวเกิน {limit} ตัวอักษร",
}
_CODE_LIMIT = 30
_METHOD_LIMIT = 100
_COLUMNS = {"procured": "procured", "method": "procurement_method", "egp_code": "egp_plan_code",
            "month": "procurement_month"}


def _columns(fields: ProcurementFields) -> dict[str, object]:
    """Checked column values for the fields given; a Thai WorkspaceError for a bad one."""
    values = given(fields)
    if "month" in values and values["month"] is not None:
        month = values["month"]
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise WorkspaceError(TEXTS["bad_month"].format(month=month))
    if "egp_code" in values:
        code = normalise_space(to_arabic_digits(str(values["egp_code"]))).replace(" ", "").upper()
        if len(code) > _CODE_LIMIT:
            raise WorkspaceError(TEXTS["long_code"].format(limit=_CODE_LIMIT, code=code))
        values["egp_code"] = code
    if "method" in values:
        method = normalise_space(str(values["method"]))
        if len(method) > _METHOD_LIMIT:
            raise WorkspaceError(TEXTS["long_method"].format(limit=_METHOD_LIMIT))
        values["method"] = method
    return {_COLUMNS[key]: value for key, value in values.items()}


class ProcurementOperations(WorkspaceCore):
    """The procurement plan's reads and operation."""

    def procurement_choices(self, edition_id: int) -> list[ProcurementChoice]:
        """What the officer set for each row of an edition (``None`` fields: the default rule), in print order."""
        with self._reading() as source:
            return queries.load_procurement(source, edition_id)

    def set_procurement(self, changes: Mapping[int, ProcurementFields], *,
                        label: str = TEXTS["label"]) -> Changes:
        """Change the procurement choices of rows (project id → fields) in one undoable operation."""
        columns = {project_id: _columns(fields) for project_id, fields in changes.items()}

        def body(s: Session) -> None:
            for project_id, values in columns.items():
                row = s.get(ProjectRow, project_id)
                if row is None:
                    raise WorkspaceError(TEXTS["no_project"].format(id=project_id))
                for key, value in values.items():
                    setattr(row, key, value)
        return self._run(label, body)
