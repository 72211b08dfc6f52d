"""The totals strip under the ติดตามผล grid: the rows in view counted by status, budget, disbursed, remaining.

It reads ``facets.Totals`` of the rows shown, so with a unit or a status chosen it gives that unit's or
that status's figures; it follows every change (an entry typed, an undo, an import) as the grid does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.ui.tracking.facets import Totals

TEXTS = {
    "shown": "แสดง {shown} จาก {total} รายการ",
    "money": "งบประมาณ {budget} · เบิกจ่ายแล้ว {disbursed} ({percent}%) · คงเหลือ {remaining} บาท",
    "counts": "เสร็จ {done} · ระหว่างดำเนินการ {in_progress} · ยังไม่เริ่ม {not_started} · ยกเลิก {cancelled}"
              " · กันเงิน {carried_over}",
    "unknown": " · ไม่ได้รับรายงาน {unknown}",
    "late": "ควรเริ่มแล้ว {late}",
    "loading": "กำลังอ่านผลการดำเนินงาน…",
    "separator": "   │   ",
}


class TotalsStrip(QLabel):
    """One line of figures for the rows in view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tracking_totals")
        self.setWordWrap(True)
        self.setContentsMargins(6, 3, 6, 3)

    def show_totals(self, shown: Totals, total: int, *, loaded: bool = True) -> None:
        """Show the figures of the rows in view (``total``: rows in the edition)."""
        if not loaded:
            self.setText(TEXTS["loading"])
            return
        parts = [
            TEXTS["shown"].format(shown=f"{shown.count:,}", total=f"{total:,}"),
            TEXTS["money"].format(budget=format_money(shown.budget, always_satang=True),
                                  disbursed=format_money(shown.disbursed, always_satang=True),
                                  percent=f"{shown.disbursed_percent:.2f}",
                                  remaining=format_money(shown.remaining, always_satang=True)),
            TEXTS["counts"].format(**{s.value: f"{shown.of(s):,}" for s in TrackingStatus if s is not
                                      TrackingStatus.UNKNOWN}) + (
                TEXTS["unknown"].format(unknown=f"{shown.of(TrackingStatus.UNKNOWN):,}")
                if shown.of(TrackingStatus.UNKNOWN) else ""),
        ]
        if shown.late:
            parts.append(TEXTS["late"].format(late=f"{shown.late:,}"))
        self.setText(TEXTS["separator"].join(parts))
