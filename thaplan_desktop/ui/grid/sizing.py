"""How wide the entry grid's columns are: the text columns share what the fixed ones leave.

The number, budget and month columns keep their widths from ``columns.COLUMNS``; the four text columns
(name, details, location, unit) share the rest of the view's width by weight, none below its minimum.
On a narrow screen (1366 px laptops) the month columns give up a few pixels first.
"""

from __future__ import annotations

from thaplan_desktop.ui.columns import COLUMNS, FIRST_MONTH_COLUMN

# Text columns share the width left by the fixed ones (weights, minimum widths).
_STRETCH = {"name": 27, "details": 33, "location": 14, "unit": 14}
_MIN_WIDTH = {"name": 150, "details": 165, "location": 90, "unit": 100}


def _share(room: int, weights: dict[str, int], minimum: dict[str, int]) -> dict[str, int]:
    """Widths adding up to ``room`` in proportion to ``weights``, none below its minimum."""
    widths: dict[str, int] = {}
    left = dict(weights)
    while left:
        total = sum(left.values())
        free = room - sum(widths.values())
        below = {k for k, w in left.items() if free * w / total < minimum[k]}
        if not below:
            widths.update({k: int(free * w / total) for k, w in left.items()})
            break
        for key in below:
            widths[key] = minimum[key]
            del left[key]
    return widths


def column_widths(available: int) -> dict[int, int]:
    """Widths by column index of the text and month columns, for a view ``available`` pixels wide."""
    minimum = sum(_MIN_WIDTH.values())
    month_width = COLUMNS[FIRST_MONTH_COLUMN].width
    others = sum(spec.width for spec in COLUMNS if spec.key not in _STRETCH and spec.month is None)
    room = available - others - 12 * month_width
    if room < minimum:  # narrow: months down to 25 px, then the text columns at their minimum
        month_width = max(25, month_width - -(-(minimum - room) // 12))
        room = available - others - 12 * month_width
    shares = _share(room, _STRETCH, _MIN_WIDTH)
    widths: dict[int, int] = {}
    for i, spec in enumerate(COLUMNS):
        if spec.key in shares:
            widths[i] = shares[spec.key]
        elif spec.month is not None:
            widths[i] = month_width
    return widths
