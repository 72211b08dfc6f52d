"""The dashboard screen (ภาพรวม): every chart of the shown edition for the tree's selection.

``DashboardScreen`` reads the plan and its tracking through its backend when the plan changes and the
screen is visible (``ui.screens.PlanFollower``); the charts are then described for the scope
(``charts.dashboard_charts``: budget by strategy — or by the selected strategy's programs — and by unit,
projects per month, planned spending against disbursed, monthly and cumulative, progress by status) and
drawn in ``ChartCard``s, each of which copies and saves itself. ``show_node(key)`` is the slot the
window connects to the tree's selection: a strategy node scopes the charts to it (its programs in the
budget chart), a program node to that program (highlighted among its strategy's), any other node to the
whole plan. A scope chosen while the screen is hidden is drawn when it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from thaplan_desktop.charts import ChartScope, dashboard_charts
from thaplan_desktop.charts.description import ChartDescription
from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.ui.dashboard.backend import DashboardBackend, DashboardData
from thaplan_desktop.ui.dashboard.card import ChartCard, Notify
from thaplan_desktop.ui.dashboard.texts import TEXTS
from thaplan_desktop.ui.screens import PlanFollower
from thaplan_desktop.ui.session import PlanSession, user_message

CHARTS = 6  # budget by tree, by unit, projects per month, progress by status, monthly and cumulative spending
_COLUMNS = 2
# Where each chart goes, by its key: the two budget charts side by side, then projects per month beside
# progress, then the two spending charts.
_PLACES = {"budget_by_strategy": 0, "budget_by_program": 0, "budget_by_unit": 1, "projects_per_month": 2,
           "progress_by_status": 3, "monthly_spending": 4, "cumulative_spending": 5}


def scope_of_node(key: tuple) -> ChartScope:
    """The charts' scope for a node of the ยุทธศาสตร์ → แผนงาน tree (``ui.state`` node keys)."""
    if len(key) == 2 and key[0] == "strategy":
        return ChartScope(strategy_id=key[1])
    if len(key) == 2 and key[0] == "program":
        return ChartScope(program_id=key[1])
    return ChartScope()


class DashboardScreen(QWidget):
    """The charts of the shown edition."""

    failed = Signal(str)  # a read went wrong (Thai)
    redrawn = Signal()  # the charts were drawn for the current data and scope

    def __init__(self, session: PlanSession, *, settings: QSettings | None = None, notify: Notify | None = None,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = DashboardBackend(session, today)
        self.data: DashboardData | None = None
        self.scope = ChartScope()
        self._drawn: tuple[DashboardData, ChartScope] | None = None
        self.descriptions: tuple[ChartDescription, ...] = ()
        self.title = QLabel(TEXTS["no_plan"])
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.as_of = QLabel()
        hint = QLabel(TEXTS["scope_note"])
        hint.setEnabled(False)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(16)
        header.addWidget(self.as_of)
        header.addStretch(1)
        header.addWidget(hint)
        self.cards = [ChartCard(settings, notify) for _ in range(CHARTS)]
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        for place, card in enumerate(self.cards):
            grid.addWidget(card, place // _COLUMNS, place % _COLUMNS)
        for column in range(_COLUMNS):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self.follower = PlanFollower(session, self, self.reload, clear=self.clear)

    # --- reading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the shown edition again (the follower calls this)."""
        if self.backend.load(self.show_data, lambda exc: self.failed.emit(user_message(exc))) and self.data is None:
            self.title.setText(TEXTS["loading"])

    def show_data(self, data: DashboardData) -> None:
        """Draw the charts of data just read, for the current scope."""
        self.data = data
        self.as_of.setText(TEXTS["as_of"].format(date=format_thai_date(data.tracking.as_of)))
        self.redraw()

    def clear(self) -> None:
        """No plan open: no charts."""
        self.data = None
        self._drawn = None
        self.descriptions = ()
        self.title.setText(TEXTS["no_plan"])
        self.as_of.clear()
        for card in self.cards:
            card.set_description(None)

    # --- the tree's selection -----------------------------------------------------------------------

    def show_node(self, key: tuple) -> None:
        """Follow the tree: the charts of the strategy or program ``key`` names (else the whole plan)."""
        self.show_scope(scope_of_node(key))

    def show_scope(self, scope: ChartScope) -> None:
        """Draw the charts for ``scope`` (at once when visible, else when next shown)."""
        self.scope = scope
        if self.isVisible():
            self.redraw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.data is not None and self._drawn != (self.data, self.scope):
            self.redraw()

    def redraw(self) -> None:
        """Describe and draw every chart for the current data and scope."""
        data = self.data
        if data is None:
            return
        try:
            descriptions = dashboard_charts(data.plan, self.scope, data.tracking)
        except ValueError:  # the selected strategy or program is gone: the whole plan
            self.scope = ChartScope()
            descriptions = dashboard_charts(data.plan, self.scope, data.tracking)
        self.descriptions = descriptions
        placed: list[ChartDescription | None] = [None] * CHARTS
        for description in descriptions:
            placed[_PLACES[description.key]] = description
        year = data.plan.edition.fiscal_year
        for card, chart in zip(self.cards, placed, strict=True):
            card.set_description(chart, year)
        scope_text = next((d.subtitle for d in descriptions if d.key == "projects_per_month"), "")
        self.title.setText(TEXTS["title"].format(scope=scope_text))
        self._drawn = (data, self.scope)
        self.redrawn.emit()

    def card(self, key: str) -> ChartCard | None:
        """The card drawing the chart ``key`` (``budget_by_unit`` …), if any."""
        return next((c for c in self.cards if c.description is not None and c.description.key == key), None)
