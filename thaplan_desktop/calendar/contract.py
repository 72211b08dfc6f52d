"""The JSON of ``thaplan calendar --month … --json``, exactly as INTERFACES.md settles it.

``{"month": "2563-03", "starting": [names], "running": [names], "ending": [names],
"deadlines": [{"what": "...", "date": "2563-03-15"}]}``: Buddhist-era ISO dates, names in the calendar's
order (projects of ผด.02, then equipment of ผด.02/1, by their position in the plan), deadlines by day.
Keys are added, never renamed.
"""

from __future__ import annotations

from typing import Any

from thaplan_desktop.calendar.model import MonthView
from thaplan_desktop.calendar.months import be_iso_date

__all__ = ["month_json"]


def month_json(view: MonthView) -> dict[str, Any]:
    """One month of the calendar as the JSON object of INTERFACES.md."""
    return {
        "month": view.month.iso,
        "starting": [item.name for item in view.starting],
        "running": [item.name for item in view.running],
        "ending": [item.name for item in view.ending],
        "deadlines": [{"what": d.what, "date": be_iso_date(d.day)} for d in view.deadlines],
    }
