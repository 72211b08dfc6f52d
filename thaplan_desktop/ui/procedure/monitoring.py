"""The procedure screen's monitoring-report section: each round of the year as a small chart of its three steps.

The regulation (ฉบับที่ 3 พ.ศ. 2561) asks the executive to report the results of monitoring and evaluation to
the council and the development committee, announce them within 15 days and keep them posted at least 30
days, at least once a year within December (``workflow.monitoring``). ``read_monitoring`` gathers, on the
worker, the rounds of the edition's fiscal year (the annual one always) and — while its procedure is not
finished and the file holds that year — the year before's annual round, whose report falls in this year's
December. ``MonitoringSection`` draws one row per round: the round and its as-of date in a lane cell, then
its three deadlines as boxes joined by arrows, coloured by where each stands, with the due date and the
days left or late in the words of the plan's deadlines panel. A click on a row (or its button) asks the
view to open the round's dialog; "เพิ่มรอบการรายงาน…" adds a 6-month or quarterly round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.tracking import RoundKind
from thaplan_desktop.tracking.rounds import round_name
from thaplan_desktop.ui.procedure.chart import STATE_COLOURS
from thaplan_desktop.workflow.deadlines import Deadline, DeadlineKind, DeadlineState
from thaplan_desktop.workflow.monitoring import RoundState, load_monitoring
from thaplan_desktop.workspace import Workspace

__all__ = ["ROUND_ORDER", "MonitoringOverview", "MonitoringSection", "RoundRow", "YearRound", "read_monitoring"]

TEXTS = {
    "title": "การรายงานผลการติดตามและประเมินผล ปีงบประมาณ {year}",
    "rule": "รายงานต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น · ประกาศผลภายใน 15 วัน · ปิดประกาศอย่างน้อย 30 วัน · "
            "อย่างน้อยปีละหนึ่งครั้งภายในเดือนธันวาคม",
    "add": "เพิ่มรอบการรายงาน…",
    "add_tip": "บันทึกรอบ 6 เดือนหรือรายไตรมาส (รอบ 12 เดือนแสดงอยู่แล้วทุกปี)",
    "edit": "บันทึกวันที่…",
    "edit_tip": "บันทึกวันที่ของข้อมูล วันที่รายงานต่อสภา ประกาศผล ปิดประกาศ และปลดประกาศ",
    "of_year": "ของปีงบประมาณ {year}",
    "as_of": "ข้อมูล ณ {date}",
    "not_recorded": "ยังไม่ได้บันทึก",
    "due": "กำหนด {date}",
    "keep_until": "ปิดประกาศถึง {date}",
    "posted": "ปิดประกาศเมื่อ {date}",
    "click": "คลิกเพื่อบันทึกวันที่ของรอบนี้",
    "warning": "{round}: {message}",
    "warning_of_year": "{round} ปีงบประมาณ {year}: {message}",
    "loading": "กำลังอ่านการรายงานผล…",
}
# The boxes' own short titles (the deadline's full title is the box's tooltip).
STEP_TITLES = {
    DeadlineKind.REPORT_RESULTS: "รายงานต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น",
    DeadlineKind.ANNOUNCE_RESULTS: "ประกาศผลให้ประชาชนทราบ",
    DeadlineKind.KEEP_RESULTS_POSTED: "ปิดประกาศไว้อย่างน้อย 30 วัน",
}
# (fill, border) of a box by where its deadline stands; its status line takes ``chart.STATE_COLOURS``.
BOX_COLOURS = {
    DeadlineState.MET: ("#d1fae5", "#059669"),
    DeadlineState.LATE: ("#fef3c7", "#d97706"),
    DeadlineState.OVERDUE: ("#fee2e2", "#dc2626"),
    DeadlineState.BROKEN: ("#fee2e2", "#dc2626"),
    DeadlineState.DUE_SOON: ("#fff7ed", "#d97706"),
    DeadlineState.RUNNING: ("#dbeafe", "#2563eb"),
    DeadlineState.OPEN: ("#ffffff", "#94a3b8"),
    DeadlineState.UNKNOWN: ("#f3f4f6", "#d1d5db"),
}
ROUND_ORDER = (RoundKind.SIX_MONTHS, RoundKind.Q1, RoundKind.Q2, RoundKind.Q3, RoundKind.Q4, RoundKind.TWELVE_MONTHS)
_LANE_FILL = "#dbe4f0"
_LANE_W = 190
_TEXT_PX = 13  # the section is dense: a little smaller than the window's text


@dataclass(frozen=True, slots=True)
class YearRound:
    """A round shown on the screen, with the fiscal year it reports on."""

    fiscal_year: int
    state: RoundState

    @property
    def kind(self) -> RoundKind:
        """Which round."""
        return self.state.kind


@dataclass(frozen=True, slots=True)
class MonitoringOverview:
    """What the section shows for one fiscal year on one day."""

    fiscal_year: int
    today: dt.date
    rounds: tuple[YearRound, ...]

    def round(self, kind: RoundKind | str, fiscal_year: int | None = None) -> YearRound | None:
        """The round of a kind (of the shown fiscal year unless another is named), None when not shown."""
        year = self.fiscal_year if fiscal_year is None else fiscal_year
        return next((r for r in self.rounds if r.kind is RoundKind(kind) and r.fiscal_year == year), None)

    def addable(self) -> tuple[RoundKind, ...]:
        """The rounds the shown year may add (not shown yet: the annual one always is), in the year's order."""
        shown = {r.kind for r in self.rounds if r.fiscal_year == self.fiscal_year}
        return tuple(k for k in ROUND_ORDER if k not in shown)

    def warnings(self) -> list[tuple[str, DeadlineState]]:
        """Each round's warnings as one Thai line naming the round, with the state that colours it."""
        result = []
        for shown in self.rounds:
            name = round_name(shown.kind)
            for warning in shown.state.warnings:
                if shown.fiscal_year == self.fiscal_year:
                    text = TEXTS["warning"].format(round=name, message=warning.message)
                else:
                    text = TEXTS["warning_of_year"].format(round=name, year=shown.fiscal_year, message=warning.message)
                result.append((text, warning.state))
        return result


def read_monitoring(workspace: Workspace, fiscal_year: int, today: dt.date) -> MonitoringOverview:
    """The rounds of ``fiscal_year`` and, while unfinished, the year before's annual round (on the worker)."""
    rounds = [YearRound(fiscal_year, r) for r in load_monitoring(workspace, fiscal_year, today=today).rounds]
    if any(e.fiscal_year == fiscal_year - 1 for e in workspace.editions()):
        previous = load_monitoring(workspace, fiscal_year - 1, today=today)
        annual = next(r for r in previous.rounds if r.kind is RoundKind.TWELVE_MONTHS)
        if any(d.state is not DeadlineState.MET for d in annual.deadlines):
            rounds.insert(0, YearRound(fiscal_year - 1, annual))
    return MonitoringOverview(fiscal_year, today, tuple(rounds))


class _Clickable(QFrame):
    """A frame that reports a click on it (a box, or the round's lane cell)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A click inside asks for the round's dialog."""
        if event.button() is Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class DeadlineBox(_Clickable):
    """One step of a round: its short title, the due date, and the status in the deadlines panel's words."""

    def __init__(self, deadline: Deadline, posted_on: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deadline = deadline
        fill, border = BOX_COLOURS[deadline.state]
        width = 2 if deadline.state.is_warning else 1
        self.setObjectName("roundBox")
        self.setStyleSheet(f"QFrame#roundBox {{ background: {fill}; border: {width}px solid {border}; "
                           "border-radius: 8px; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(7, 4, 7, 4)
        layout.setSpacing(0)
        layout.addWidget(_label(STEP_TITLES[deadline.kind], bold=True))
        if deadline.kind is DeadlineKind.KEEP_RESULTS_POSTED and posted_on is not None:
            layout.addWidget(_label(TEXTS["posted"].format(date=format_thai_date(posted_on, short=True))))
        if deadline.due is not None and deadline.state is not DeadlineState.UNKNOWN:
            key = "keep_until" if deadline.kind is DeadlineKind.KEEP_RESULTS_POSTED else "due"
            layout.addWidget(_label(TEXTS[key].format(date=format_thai_date(deadline.due, short=True))))
        self.status = _label(deadline.status_text, STATE_COLOURS[deadline.state], bold=deadline.state.is_warning)
        self.status.setObjectName(f"status_{deadline.kind}")
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setToolTip(f"{deadline.title}\n{deadline.rule}\n{TEXTS['click']}")


class RoundRow(QFrame):
    """One round: its lane cell (name, months, as-of date), its three boxes joined by arrows, its button."""

    clicked = Signal(int, str)  # fiscal year, round kind

    def __init__(self, shown: YearRound, fiscal_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown = shown
        state = shown.state
        record = state.record
        self.setObjectName("roundRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        lane = _Clickable()
        lane.setObjectName("roundLane")
        lane.setStyleSheet(f"QFrame#roundLane {{ background: {_LANE_FILL}; border-radius: 6px; }}")
        lane.setFixedWidth(_LANE_W)
        lane_layout = QVBoxLayout(lane)
        lane_layout.setContentsMargins(7, 4, 7, 4)
        lane_layout.setSpacing(0)
        name = round_name(state.kind)
        months = state.label[len(name):].strip().removeprefix("(").removesuffix(")")
        self.name_label = _label(name, bold=True)
        lane_layout.addWidget(self.name_label)
        lane_layout.addWidget(_label(months))
        if shown.fiscal_year != fiscal_year:
            lane_layout.addWidget(_label(TEXTS["of_year"].format(year=shown.fiscal_year)))
        self.as_of_label = _label(TEXTS["as_of"].format(date=format_thai_date(record.as_of, short=True)) if record
                                  else TEXTS["not_recorded"], None if record else "#6b7280")
        lane_layout.addWidget(self.as_of_label)
        if record is not None and record.note:
            lane.setToolTip(record.note)
        lane_layout.addStretch(1)
        self.edit_button = QPushButton(TEXTS["edit"])
        self.edit_button.setToolTip(TEXTS["edit_tip"])
        self.edit_button.setStyleSheet(f"font-size: {_TEXT_PX}px; padding: 1px 6px;")
        self.edit_button.clicked.connect(self._clicked)
        lane_layout.addWidget(self.edit_button)
        lane.clicked.connect(self._clicked)
        layout.addWidget(lane)
        self.boxes: dict[DeadlineKind, DeadlineBox] = {}
        for number, deadline in enumerate(state.deadlines):
            if number:
                arrow = QLabel("➜")
                arrow.setStyleSheet("color: #374151; font-size: 16px;")
                layout.addWidget(arrow)
            box = DeadlineBox(deadline, record.posted_on if record else None)
            box.clicked.connect(self._clicked)
            layout.addWidget(box, 1)
            self.boxes[deadline.kind] = box

    def _clicked(self) -> None:
        self.clicked.emit(self.shown.fiscal_year, str(self.shown.kind))

    def status_text(self, kind: DeadlineKind) -> str:
        """What the box of one deadline says about it (days left, late, met …)."""
        return self.boxes[kind].status.text()


class MonitoringSection(QWidget):
    """Under the plan's chart: the monitoring report's rounds of the year; ``show_overview`` fills it."""

    round_requested = Signal(int, str)  # fiscal year, round kind: open the round's dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitoringSection")
        self.setStyleSheet("#monitoringSection { background: white; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(4)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = _label(TEXTS["loading"], bold=True)
        self.title.setStyleSheet("font-weight: bold; font-size: 15px; color: #1e3a8a;")
        titles.addWidget(self.title)
        self.rule = _label(TEXTS["rule"], "#4b5563", pixels=12)
        titles.addWidget(self.rule)
        head.addLayout(titles, 1)
        self.add_button = QPushButton(TEXTS["add"])
        self.add_button.setToolTip(TEXTS["add_tip"])
        head.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(head)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(5)
        layout.addLayout(self.rows_layout)
        layout.addStretch(1)
        self.rows: dict[tuple[int, RoundKind], RoundRow] = {}
        self.overview: MonitoringOverview | None = None

    def show_overview(self, overview: MonitoringOverview) -> None:
        """Draw the rounds of ``overview``, one row each."""
        self.overview = overview
        self.title.setText(TEXTS["title"].format(year=overview.fiscal_year))
        for row in self.rows.values():
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = {}
        for shown in overview.rounds:
            row = RoundRow(shown, overview.fiscal_year)
            row.clicked.connect(self.round_requested)
            self.rows_layout.addWidget(row)
            row.setVisible(True)
            self.rows[(shown.fiscal_year, shown.kind)] = row
        self.add_button.setEnabled(bool(overview.addable()))

    def row(self, kind: RoundKind | str, fiscal_year: int | None = None) -> RoundRow:
        """The row of a round (of the shown fiscal year unless another is named)."""
        assert self.overview is not None
        year = self.overview.fiscal_year if fiscal_year is None else fiscal_year
        return self.rows[(year, RoundKind(kind))]


def _label(text: str, colour: str | None = None, bold: bool = False, pixels: int = _TEXT_PX) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # a click goes to the box
    style = ["background: transparent;", f"font-size: {pixels}px;"]
    if colour:
        style.append(f"color: {colour};")
    if bold:
        style.append("font-weight: bold;")
    label.setStyleSheet(" ".join(style))
    return label
