"""Progress by status: how many rows are done, in progress, not started … (a donut).

The seam for tracking (``charts.tracking``): the rows in scope counted by status as of a day, keyed by the
six statuses of INTERFACES.md (``done``, ``in_progress``, ``not_started``, ``cancelled``, ``carried_over``,
``unknown``), named as tracking names them. Slices keep that order and their colours; a status with no row
has no slice. Shares are percentages with two decimals that add up to 100.00.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from thaplan_desktop.charts.description import Category, ChartDescription, ChartKind, ValueFormat, series
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.status import STATUS_LABELS, STATUS_ORDER

__all__ = ["STATUSES", "progress_by_status"]

_COLOURS = {
    TrackingStatus.DONE: "#2CA02C",
    TrackingStatus.IN_PROGRESS: "#1F77B4",
    TrackingStatus.NOT_STARTED: "#BFBFBF",
    TrackingStatus.CANCELLED: "#D62728",
    TrackingStatus.CARRIED_OVER: "#FF7F0E",
    TrackingStatus.UNKNOWN: "#7F7F7F",
}
# The six statuses, in tracking's order (the report's columns), with tracking's Thai names and a colour each.
STATUSES: tuple[tuple[str, str, str], ...] = tuple(
    (status.value, STATUS_LABELS[status], _COLOURS[status]) for status in STATUS_ORDER)
TEXTS = {
    "title": "ความก้าวหน้าของโครงการตามสถานะ",
    "status": "สถานะ",
    "count": "จำนวนโครงการ/รายการ",
    "unknown_status": "ไม่รู้จักสถานะ: {status}",
}


def progress_by_status(counts: Mapping[str, int], *, subtitle: str = "") -> ChartDescription:
    """A donut of the rows per status; ``counts`` maps status keys to numbers of rows."""
    known = {key for key, _name, _colour in STATUSES}
    for status in counts:
        if status not in known:
            raise ValueError(TEXTS["unknown_status"].format(status=status))
    present = [(key, name, colour) for key, name, colour in STATUSES if counts.get(key, 0) > 0]
    values: list[Decimal | None] = [Decimal(counts[key]) for key, _n, _c in present]
    return ChartDescription(
        key="progress_by_status", kind=ChartKind.DONUT, title=TEXTS["title"], subtitle=subtitle,
        categories=tuple(Category(f"status:{key}", name, name, colour) for key, name, colour in present),
        series=(series("projects", TEXTS["count"], values, ValueFormat.COUNT, "", with_shares=True),),
        value_format=ValueFormat.COUNT, category_title=TEXTS["status"],
    )
