"""The procedure chart: three actor lanes, the seven steps as boxes joined by arrows, coloured by status.

``build_scene`` draws one edition's ``ProcedureState`` into a QGraphicsScene, laid out as the plan's chart
(``workflow.steps``, as the PDF's chart is): each ``StepBox`` shows its number, title and status with
the Buddhist-era date done, and emits ``clicked`` for the view to edit it; cards in the staircase's
empty corners name the trigger and the deadline that matters now; a legend runs below. ``ChartView``
scales the whole chart to its widget.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.ui.text_layout import wrap_lines
from thaplan_desktop.workflow.deadlines import Deadline, DeadlineState
from thaplan_desktop.workflow.procedure import ProcedureState
from thaplan_desktop.workflow.status import STATUS_LABELS, StepState, StepStatus

TEXTS = {
    "chart_title": "แผนภูมิขั้นตอนการจัดทำแผนการดำเนินงาน",
    "legend": "สถานะ:",
    "forced_mark": "บันทึกข้ามลำดับ",
    "box_done": "เสร็จ {date}",
    "card_no_date": "ยังไม่ได้ระบุวันที่",
    "card_trigger": "วันเริ่มนับกำหนดเวลา",
    "due": "กำหนด {date}",
    "click_to_edit": "คลิกเพื่อบันทึกสถานะ วันที่ และหมายเหตุ",
    "tip_status": "สถานะ: {status}",
    "tip_date": "วันที่เสร็จ: {date}",
    "tip_note": "หมายเหตุ: {note}",
    "tip_forced": "บันทึกข้ามลำดับ เพราะ: {reason}",
}

STATE_COLOURS = {
    DeadlineState.OVERDUE: "#b91c1c",
    DeadlineState.BROKEN: "#b91c1c",
    DeadlineState.DUE_SOON: "#b45309",
    DeadlineState.LATE: "#b45309",
    DeadlineState.MET: "#047857",
    DeadlineState.RUNNING: "#1d4ed8",
    DeadlineState.OPEN: "#1f2937",
    DeadlineState.UNKNOWN: "#6b7280",
}

# (fill, border, status text) per status
STATUS_COLOURS: dict[StepStatus, tuple[str, str, str]] = {
    StepStatus.NOT_STARTED: ("#f3f4f6", "#9ca3af", "#4b5563"),
    StepStatus.IN_PROGRESS: ("#fde68a", "#d97706", "#92400e"),
    StepStatus.DONE: ("#a7f3d0", "#059669", "#065f46"),
}
_FORCED_BORDER = "#dc2626"
_LANE_FILLS = ("#eef2f7", "#f8fafc")
_LABEL_FILL = "#dbe4f0"
_INK = QColor("#1f2937")

# Scene geometry (scene units; the view scales the whole scene to the window).
_TITLE_H = 46.0
_LABEL_W = 178.0
_COL_W = 204.0
_BOX_W = 172.0
_PAD = 8.0
_LANE_GAP = 22.0  # space above and below the boxes inside a lane
_LEGEND_H = 40.0
_TITLE_PX = 17
_STATUS_PX = 15
_LABEL_PX = 16

# Words a line must not split, though Qt's Thai line breaker would (คณะ|กรรมการ, ผู้|บริหาร …).
UNBROKEN = ("คณะกรรมการ", "ผู้บริหาร", "นายกเทศมนตรี", "ดำเนินงาน", "ท้องถิ่น")


def _font(base: QFont, pixels: int, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


class StepBox(QGraphicsObject):
    """One step's box: number, title, status colour and the date done."""

    clicked = Signal(str)

    def __init__(self, state: StepState, size: QSize, base_font: QFont, current: bool) -> None:
        super().__init__()
        self.state = state
        self.current = current
        self._rect = QRectF(0, 0, size.width(), size.height())
        self._title_font = _font(base_font, _TITLE_PX)
        self._status_font = _font(base_font, _STATUS_PX, bold=True)
        self._number_font = _font(base_font, 13, bold=True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)
        self.setToolTip(self._tooltip())
        self._hover = False

    @property
    def step_id(self) -> str:
        """The step shown."""
        return self.state.id

    @property
    def fill_colour(self) -> QColor:
        """The status colour filling the box."""
        return QColor(STATUS_COLOURS[self.state.status][0])

    @property
    def status_text(self) -> str:
        """The line under the title: status and the Buddhist-era date."""
        if self.state.done and self.state.done_on:
            return TEXTS["box_done"].format(date=format_thai_date(self.state.done_on, short=True))
        return STATUS_LABELS[self.state.status]

    def _tooltip(self) -> str:
        s = self.state
        lines = [f"{s.step.number}. {s.step.title}", s.step.actor.name,
                 TEXTS["tip_status"].format(status=STATUS_LABELS[s.status])]
        if s.done_on:
            lines.append(TEXTS["tip_date"].format(date=format_thai_date(s.done_on)))
        if s.note:
            lines.append(TEXTS["tip_note"].format(note=s.note))
        if s.forced_reason:
            lines.append(TEXTS["tip_forced"].format(reason=s.forced_reason))
        lines.append(TEXTS["click_to_edit"])
        return "\n".join(lines)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        """The box with room for its border."""
        return self._rect.adjusted(-3, -3, 3, 3)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """Rounded box, number badge, title, status line."""
        fill, border, ink = STATUS_COLOURS[self.state.status]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(_FORCED_BORDER if self.state.forced_reason else border),
                   3.0 if (self.current or self._hover) else 1.6)
        if self.state.forced_reason:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill_colour = QColor(fill)
        if self._hover:
            fill_colour = fill_colour.darker(106)
        painter.setBrush(QBrush(fill_colour))
        painter.drawRoundedRect(self._rect, 10, 10)
        # number badge
        badge = QRectF(_PAD - 2, _PAD - 2, 24, 24)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(border))
        painter.drawEllipse(badge)
        painter.setPen(QColor("white"))
        painter.setFont(self._number_font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(self.state.step.number))
        # title
        painter.setPen(_INK)
        painter.setFont(self._title_font)
        status_h = QFontMetricsF(self._status_font).height() + _PAD
        title_rect = QRectF(_PAD + 20, _PAD, self._rect.width() - 2 * _PAD - 20,
                            self._rect.height() - _PAD - status_h - _PAD)
        lines = title_lines(self.state.step.title, self._title_font, title_rect.width())
        painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignCenter), "\n".join(lines))
        # status and date
        painter.setPen(QColor(ink))
        painter.setFont(self._status_font)
        status_rect = QRectF(_PAD, self._rect.height() - status_h, self._rect.width() - 2 * _PAD, status_h - 4)
        text = self.status_text
        if self.state.forced_reason:
            text += " ⚠"
        painter.drawText(status_rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 - Qt override
        """Highlight under the mouse."""
        self._hover = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 - Qt override
        """Remove the highlight."""
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt override
        """Take the press so the release reaches this box."""
        event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt override
        """A click edits the step."""
        if self._rect.contains(event.pos()):
            self.clicked.emit(self.state.id)


def title_lines(text: str, font: QFont, width: float) -> tuple[str, ...]:
    """A box title or lane label broken into lines, keeping ``UNBROKEN`` words whole."""
    return wrap_lines(text, font, width, UNBROKEN)


def _wrapped_height(text: str, font: QFont, width: float) -> float:
    return len(title_lines(text, font, width)) * QFontMetricsF(font).lineSpacing()


def _arrow(start: QPointF, end: QPointF, colour: QColor) -> list[QGraphicsItem]:
    path = QPainterPath(start)
    path.lineTo(end)
    line = QGraphicsPathItem(path)
    line.setPen(QPen(colour, 2.0))
    direction = end - start
    length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
    ux, uy = direction.x() / length, direction.y() / length
    size = 10.0
    back = QPointF(end.x() - ux * size, end.y() - uy * size)
    left = QPointF(back.x() - uy * size * 0.55, back.y() + ux * size * 0.55)
    right = QPointF(back.x() + uy * size * 0.55, back.y() - ux * size * 0.55)
    head = QGraphicsPolygonItem(QPolygonF([end, left, right]))
    head.setPen(QPen(colour, 1.0))
    head.setBrush(colour)
    return [line, head]


def build_scene(state: ProcedureState, base_font: QFont, scene: QGraphicsScene) -> dict[str, StepBox]:
    """Draw the chart of ``state`` into ``scene`` (cleared first); returns the boxes by step id."""
    scene.clear()
    proc = state.procedure
    title_font = _font(base_font, _TITLE_PX)
    status_h = QFontMetricsF(_font(base_font, _STATUS_PX, bold=True)).height() + _PAD
    title_w = _BOX_W - 2 * _PAD - 20
    tallest = max(_wrapped_height(s.title, title_font, title_w) for s in proc.steps)
    box_h = round(_PAD + tallest + _PAD + status_h + 10)
    label_font = _font(base_font, _LABEL_PX, bold=True)
    label_h = max(_wrapped_height(a.name, label_font, _LABEL_W - 2 * _PAD) for a in proc.actors)
    lane_h = max(box_h + 2 * _LANE_GAP, label_h + 2 * _PAD)
    lanes = len(proc.actors)
    width = _LABEL_W + proc.columns * _COL_W
    chart_top = _TITLE_H

    heading = QGraphicsSimpleTextItem(TEXTS["chart_title"])
    heading.setFont(_font(base_font, 20, bold=True))
    heading.setBrush(_INK)
    heading.setPos((width - heading.boundingRect().width()) / 2, (_TITLE_H - heading.boundingRect().height()) / 2)
    scene.addItem(heading)

    for actor in proc.actors:
        top = chart_top + actor.lane * lane_h
        lane = QGraphicsRectItem(0, top, width, lane_h)
        lane.setBrush(QColor(_LANE_FILLS[actor.lane % 2]))
        lane.setPen(QPen(QColor("#94a3b8"), 1.0))
        scene.addItem(lane)
        cell = QGraphicsRectItem(0, top, _LABEL_W, lane_h)
        cell.setBrush(QColor(_LABEL_FILL))
        cell.setPen(QPen(QColor("#94a3b8"), 1.0))
        scene.addItem(cell)
        label = QGraphicsTextItem()
        label.setDefaultTextColor(_INK)
        label.setFont(label_font)
        label.setTextWidth(_LABEL_W - 2 * _PAD)
        label.setHtml("<div align='center'>" + "<br>".join(title_lines(actor.name, label_font, _LABEL_W - 3 * _PAD))
                      + "</div>")
        label.setPos(_PAD, top + (lane_h - label.boundingRect().height()) / 2)
        scene.addItem(label)

    current = state.current_step.id if state.current_step is not None else None
    boxes: dict[str, StepBox] = {}
    for step_state in state.steps:
        step = step_state.step
        box = StepBox(step_state, QSize(int(_BOX_W), box_h), base_font, step.id == current)
        x = _LABEL_W + step.column * _COL_W + (_COL_W - _BOX_W) / 2
        y = chart_top + step.lane * lane_h + (lane_h - box_h) / 2
        box.setPos(x, y)
        box.setZValue(2)
        scene.addItem(box)
        boxes[step.id] = box

    ink = QColor("#374151")
    for before, after in proc.arrows:
        a, b = boxes[before], boxes[after]
        ra, rb = a.sceneBoundingRect().adjusted(3, 3, -3, -3), b.sceneBoundingRect().adjusted(3, 3, -3, -3)
        if a.state.step.lane == b.state.step.lane:
            start, end = QPointF(ra.right(), ra.center().y()), QPointF(rb.left(), rb.center().y())
        else:
            start, end = QPointF(ra.center().x(), ra.bottom()), QPointF(rb.center().x(), rb.top())
        for item in _arrow(start, end, ink):
            item.setZValue(1)
            scene.addItem(item)

    _add_cards(state, scene, base_font, chart_top, lane_h)

    # legend
    legend_top = chart_top + lanes * lane_h + 10
    legend_font = _font(base_font, 14)
    x = _LABEL_W
    caption = QGraphicsSimpleTextItem(TEXTS["legend"])
    caption.setFont(_font(base_font, 14, bold=True))
    caption.setPos(x - caption.boundingRect().width() - 10, legend_top + 2)
    scene.addItem(caption)
    for status in StepStatus:
        fill, border, _ink = STATUS_COLOURS[status]
        swatch = QGraphicsRectItem(x, legend_top + 4, 26, 16)
        swatch.setBrush(QColor(fill))
        swatch.setPen(QPen(QColor(border), 1.4))
        scene.addItem(swatch)
        text = QGraphicsSimpleTextItem(STATUS_LABELS[status])
        text.setFont(legend_font)
        text.setPos(x + 32, legend_top + 2)
        scene.addItem(text)
        x += 32 + text.boundingRect().width() + 28
    forced = QGraphicsRectItem(x, legend_top + 4, 26, 16)
    forced.setPen(QPen(QColor(_FORCED_BORDER), 1.6, Qt.PenStyle.DashLine))
    scene.addItem(forced)
    forced_text = QGraphicsSimpleTextItem(TEXTS["forced_mark"])
    forced_text.setFont(legend_font)
    forced_text.setPos(x + 32, legend_top + 2)
    scene.addItem(forced_text)

    scene.setSceneRect(QRectF(-6, -2, width + 12, legend_top + _LEGEND_H + 2))
    return boxes


def focus_deadline(state: ProcedureState) -> Deadline:
    """The deadline that matters now: the first one still open, else the last one met."""
    pending = [d for d in state.deadlines if d.state not in (DeadlineState.MET, DeadlineState.UNKNOWN)]
    if pending:
        return pending[0]
    known = [d for d in state.deadlines if d.state is not DeadlineState.UNKNOWN]
    return known[-1] if known else state.deadlines[0]


def _add_cards(state: ProcedureState, scene: QGraphicsScene, base_font: QFont, chart_top: float,
               lane_h: float) -> None:
    """Fill the staircase's empty corners: the trigger (middle lane), the deadline that matters (bottom)."""
    proc = state.procedure
    edition = state.edition
    deadline = focus_deadline(state)
    colour = STATE_COLOURS[deadline.state]
    due = TEXTS["due"].format(date=format_thai_date(deadline.due)) if deadline.due else ""
    trigger_date = format_thai_date(edition.trigger_date) if edition.trigger_date else TEXTS["card_no_date"]
    size = _TITLE_PX + 5 if deadline.due is not None else _TITLE_PX  # days left stand out
    cards = {
        1: (f"<b>{TEXTS['card_trigger']}</b><br>{state.trigger_label}<br>{trigger_date}", "#64748b"),
        2: (f"<b>{deadline.title}</b><br>{due}<br><span style='color:{colour}; font-size:{size}px;'>"
            f"<b>{deadline.status_text}</b></span>", colour),
    }
    for lane, (html, border) in cards.items():
        columns = [s.column for s in proc.steps if s.lane == lane]
        free = min(columns) if columns else 0
        if free < 2 or lane >= len(proc.actors):
            continue
        x = _LABEL_W + 14
        width = free * _COL_W - 28
        text = QGraphicsTextItem()
        text.setFont(_font(base_font, _TITLE_PX))
        text.setDefaultTextColor(_INK)
        text.setTextWidth(width - 2 * _PAD)
        text.setHtml(f"<div align='center'>{html}</div>")
        height = text.boundingRect().height() + 2 * _PAD
        top = chart_top + lane * lane_h + (lane_h - height) / 2
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, top, width, height), 8, 8)
        card = QGraphicsPathItem(path)
        card.setBrush(QColor("white"))
        card.setPen(QPen(QColor(border), 2.0 if lane == 2 else 1.0))
        scene.addItem(card)
        text.setPos(x + _PAD, top + _PAD)
        scene.addItem(text)


class ChartView(QGraphicsView):
    """The chart, always scaled to fit the widget."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor("white"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumSize(360, 200)

    def fit(self) -> None:
        """Scale the whole chart into the widget, keeping its proportions."""
        if not self.scene().sceneRect().isEmpty():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Scale with the window."""
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Fit when first shown."""
        super().showEvent(event)
        self.fit()
