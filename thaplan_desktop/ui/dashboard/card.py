"""One chart on the dashboard: the drawing, its note, and its own คัดลอก, PNG and SVG commands.

``ChartCard.set_description`` draws a new ``QChart`` from the description (``render``) and keeps the
description, from which the copies are made (``export``). The commands are buttons above the chart and
the chart's context menu; where to save is asked through ``prompts`` (the folder used last), and the
outcome goes to the window's status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from thaplan_desktop.charts.description import ChartDescription, ChartKind
from thaplan_desktop.exporting.output import OutputRefused
from thaplan_desktop.ui.dashboard.export import copy_chart, write_png, write_svg
from thaplan_desktop.ui.dashboard.render import render_chart
from thaplan_desktop.ui.dashboard.texts import TEXTS
from thaplan_desktop.ui.prompts import ask_save_path, message_box

Notify = Callable[[str], None]  # a Thai line for the status bar
_MIN_HEIGHT = 420
_BAR_FRAME = 170  # a bar chart's title, axis and margins
_BAR_ROW = 30  # and a row per bar


def _safe_name(text: str) -> str:
    return "".join("-" if c in '/\\:*?"<>|' else c for c in text).strip()


class ChartCard(QFrame):
    """A chart with its commands."""

    def __init__(self, settings: QSettings | None = None, notify: Notify | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.notify = notify
        self.description: ChartDescription | None = None
        self.fiscal_year = 0
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(_MIN_HEIGHT)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.copy_action = QAction(TEXTS["copy"], self)
        self.copy_action.setToolTip(TEXTS["copy_tip"])
        self.copy_action.triggered.connect(self.copy)
        self.png_action = QAction(TEXTS["save_png"], self)
        self.png_action.triggered.connect(lambda: self.save("png"))
        self.svg_action = QAction(TEXTS["save_svg"], self)
        self.svg_action.triggered.connect(lambda: self.save("svg"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for action in (self.copy_action, self.png_action, self.svg_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for action in (self.copy_action, self.png_action, self.svg_action):
            action.setEnabled(enabled)

    @property
    def chart(self) -> QChart:
        """The chart drawn now."""
        return self.view.chart()

    def set_description(self, description: ChartDescription | None, fiscal_year: int = 0) -> None:
        """Draw ``description`` (None: an empty card)."""
        self.description = description
        self.fiscal_year = fiscal_year
        rows = len(description.categories) if description is not None and description.kind is ChartKind.BAR else 0
        self.view.setMinimumHeight(max(_MIN_HEIGHT, _BAR_FRAME + _BAR_ROW * rows))  # every bar's name readable
        old = self.view.chart()
        self.view.setChart(render_chart(description) if description is not None else QChart())
        if old is not None:
            old.deleteLater()
        note = description.note if description is not None else ""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._set_enabled(description is not None)

    # --- the commands -------------------------------------------------------------------------------

    def copy(self) -> None:
        """คัดลอก: the chart's picture and figures to the clipboard."""
        if self.description is None:
            return
        copy_chart(self.description)
        self._tell(TEXTS["copied"].format(title=self.description.title))

    def save(self, kind: str, path: Path | None = None) -> Path | None:
        """Save as ``png`` or ``svg``, asking where unless ``path`` is given; the path written (None: not)."""
        description = self.description
        if description is None:
            return None
        if path is None:
            if self.settings is None:
                return None
            name = TEXTS["file_name"].format(title=_safe_name(description.title), year=self.fiscal_year).strip()
            path = ask_save_path(self.window(), self.settings, TEXTS[f"{kind}_caption"], f"{name}.{kind}",
                                 TEXTS[f"{kind}_filter"], f".{kind}")
            if path is None:
                return None
        try:
            written = write_png(description, path) if kind == "png" else write_svg(description, path)
        except OutputRefused as refused:  # the plan itself, its files, a folder, a device
            message_box(self.window(), TEXTS[f"{kind}_caption"], str(refused))
            return None
        if not written:
            message_box(self.window(), TEXTS[f"{kind}_caption"], TEXTS["save_failed"].format(path=path))
            return None
        self._tell(TEXTS["saved"].format(title=description.title, path=path))
        return path

    def _tell(self, text: str) -> None:
        if self.notify is not None:
            self.notify(text)

    def _menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.copy_action, self.png_action, self.svg_action):
            menu.addAction(action)
        menu.popup(self.view.mapToGlobal(position))
