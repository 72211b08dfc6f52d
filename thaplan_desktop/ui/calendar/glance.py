"""This month and next month at a glance: what starts, what ends and which deadlines fall in each.

``GlancePanel.show_calendar(calendar, today)`` fills two cards. They are today's month and the next while
today is in the plan's fiscal year; before the year, its first two months, and after it, its last two,
with a line saying so. Each card counts the rows starting, running and ending and the deadlines, and
lists the rows starting, those ending and the deadlines; activating a row (double-click, Enter) asks to
go to it (``project_requested``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from thaplan_desktop.calendar.model import CalendarItem, MonthView, PlanCalendar
from thaplan_desktop.calendar.months import CalendarMonth
from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.ui.calendar.texts import TEXTS

_PROJECT = Qt.ItemDataRole.UserRole


def glance_months(calendar: PlanCalendar, today: dt.date) -> tuple[tuple[str, CalendarMonth], tuple[str, CalendarMonth],
                                                                    str]:
    """The two months to show with their title keys, and a note ("" while today is in the year)."""
    months = calendar.months()
    current = CalendarMonth.of_date(today)
    shown = format_thai_date(today)
    if current < months[0]:
        return (("glance_first", months[0]), ("glance_second", months[1]),
                TEXTS["glance_before"].format(year=calendar.fiscal_year, today=shown))
    if current > months[-1]:
        return (("glance_last_but_one", months[-2]), ("glance_last", months[-1]),
                TEXTS["glance_after"].format(year=calendar.fiscal_year, today=shown))
    return ("glance_this", current), ("glance_next", current.next()), ""


class MonthCard(QGroupBox):
    """One month at a glance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(True)
        self.list.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.list, 1)
        self.month: CalendarMonth | None = None

    def show_month(self, title: str, view: MonthView) -> None:
        """Fill the card with one month."""
        self.month = view.month
        self.setTitle(title)
        self.counts.setText(TEXTS["glance_counts"].format(
            starting=f"{len(view.starting):,}", running=f"{len(view.running):,}", ending=f"{len(view.ending):,}",
            deadlines=len(view.deadlines)))
        self.list.clear()
        for key, items in (("glance_starting", view.starting), ("glance_ending", view.ending)):
            self._section(TEXTS[key].format(count=f"{len(items):,}"), items)
        deadlines = QTreeWidgetItem([TEXTS["glance_deadlines"].format(count=len(view.deadlines))])
        for deadline in view.deadlines:
            line = TEXTS["deadline_line"].format(date=format_thai_date(deadline.day, short=True), what=deadline.what,
                                                 done=TEXTS["deadline_done"] if deadline.done else "")
            child = QTreeWidgetItem([line])
            child.setToolTip(0, deadline.detail or line)
            deadlines.addChild(child)
        self.list.addTopLevelItem(deadlines)
        deadlines.setExpanded(True)

    def _section(self, title: str, items: tuple[CalendarItem, ...]) -> None:
        section = QTreeWidgetItem([title])
        children = []
        for item in items:
            child = QTreeWidgetItem([item.name])
            child.setData(0, _PROJECT, item.project_id)
            child.setToolTip(0, item.unit or item.name)
            children.append(child)
        section.addChildren(children)
        self.list.addTopLevelItem(section)
        section.setExpanded(True)

    def names(self, section: int) -> list[str]:
        """The lines listed under a section (0 starting, 1 ending, 2 deadlines)."""
        top = self.list.topLevelItem(section)
        if top is None:
            return []
        children = (top.child(i) for i in range(top.childCount()))
        return [child.text(0) for child in children if child is not None]


class GlancePanel(QWidget):
    """Two month cards: this month and next (or the year's first or last two)."""

    project_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.cards = (MonthCard(), MonthCard())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(TEXTS["glance_title"])
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(self.note)
        for card in self.cards:
            layout.addWidget(card, 1)
            card.list.itemActivated.connect(self._activated)

    def show_calendar(self, calendar: PlanCalendar | None, today: dt.date) -> None:
        """Fill the cards from ``calendar`` (filtered as the screen shows it); None empties them."""
        if calendar is None:
            for card in self.cards:
                card.setTitle("")
                card.counts.clear()
                card.list.clear()
            self.note.hide()
            return
        first, second, note = glance_months(calendar, today)
        for card, (key, month) in zip(self.cards, (first, second), strict=True):
            card.show_month(TEXTS[key].format(month=month.label()), calendar.month(month))
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        project_id = item.data(0, _PROJECT)
        if project_id is not None:
            self.project_requested.emit(int(project_id))
