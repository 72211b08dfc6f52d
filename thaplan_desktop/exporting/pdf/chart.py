"""The procedure chart (แผนภูมิขั้นตอนการจัดทำแผนการดำเนินงาน) drawn as vector graphics.

The chart is drawn from ``thaplan_desktop.workflow.steps.procedure``: the same definition (actors,
steps with lane and column, arrows) the app's flowchart view uses, so screen and paper agree on what
is drawn. The app draws the staircase with lanes as rows; a portrait A4 page is too narrow for five
step columns of Thai text, so here the same staircase is drawn transposed (lanes as columns, the
actor's name on top, steps reading downwards), which keeps every box legible.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, black, white
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.domain.model import OrgKind
from thaplan_desktop.exporting.pdf.layout import Align, TextStyle, Typesetter
from thaplan_desktop.workflow.steps import Procedure, procedure

_LANE_FILL = Color(0.95, 0.97, 0.99)
_LABEL_FILL = Color(0.86, 0.90, 0.96)
_PAD = 5.0
_COL_GAP = 12.0  # space left and right of the boxes inside a lane
_ROW_GAP = 20.0  # vertical room for an arrow between two rows of boxes
_ARROW_HEAD = 5.0


class ProcedureChart(Flowable):
    """The chart as a flowable of fixed height (never split).

    On a portrait page the staircase is drawn transposed: the actors' lanes are columns with the
    actor's name at the top, the chart's columns become rows, so the steps read from top to bottom;
    work passing within a lane goes down, the hand-over to the next actor goes right.
    """

    def __init__(self, typesetter: Typesetter, org_kind: OrgKind | None = None, *, size: float = 14.0,
                 steps: Procedure | None = None) -> None:
        super().__init__()
        self.ts = typesetter
        self.procedure = steps or procedure(org_kind)
        self.text_style = TextStyle(size=size, leading_factor=1.35, align=Align.CENTER)
        self.label_style = self.text_style.but(bold=True)
        self.width = 0.0
        self.height = 0.0
        self._geometry: dict | None = None

    def _layout(self, width: float) -> dict:
        ts = self.ts
        proc = self.procedure
        lanes = max(a.lane for a in proc.actors) + 1
        lane_w = width / lanes
        box_w = lane_w - 2 * _COL_GAP
        label_lines = {a.lane: ts.lines(a.name, self.label_style, lane_w - 2 * _PAD) for a in proc.actors}
        label_h = max(len(v) for v in label_lines.values()) * self.label_style.leading + 2 * _PAD
        step_lines = {s.id: ts.lines(s.title, self.text_style, box_w - 2 * _PAD) for s in proc.steps}
        rows = proc.columns
        row_h = [0.0] * rows
        for s in proc.steps:
            row_h[s.column] = max(row_h[s.column], len(step_lines[s.id]) * self.text_style.leading + 2 * _PAD)
        height = label_h + _ROW_GAP * 0.8 + sum(row_h) + _ROW_GAP * (rows - 1) + _ROW_GAP * 0.8
        return {"lane_w": lane_w, "box_w": box_w, "label_h": label_h, "row_h": row_h,
                "label_lines": label_lines, "step_lines": step_lines, "height": height, "lanes": lanes}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """Full frame width; height from the text of the steps."""
        self.width = availWidth
        self._geometry = self._layout(availWidth)
        self.height = self._geometry["height"]
        return self.width, self.height

    def draw(self) -> None:
        """Lanes with their actors, step boxes, arrows."""
        g = self._geometry
        assert g is not None
        canvas = self.canv
        ts = self.ts
        proc = self.procedure
        lane_w = g["lane_w"]
        canvas.saveState()
        canvas.setLineWidth(0.8)
        canvas.setStrokeColor(black)
        for lane in range(g["lanes"]):
            x = lane * lane_w
            canvas.setFillColor(_LANE_FILL)
            canvas.rect(x, 0, lane_w, self.height, stroke=1, fill=1)
            canvas.setFillColor(_LABEL_FILL)
            canvas.rect(x, self.height - g["label_h"], lane_w, g["label_h"], stroke=1, fill=1)
            canvas.setFillColor(black)
            lines = g["label_lines"].get(lane, [])
            text_h = len(lines) * self.label_style.leading
            ts.draw_lines(canvas, lines, x + _PAD, self.height - (g["label_h"] - text_h) / 2.0,
                          lane_w - 2 * _PAD, self.label_style)
        row_top = [self.height - g["label_h"] - _ROW_GAP * 0.8]
        for h in g["row_h"]:
            row_top.append(row_top[-1] - h - _ROW_GAP)
        boxes: dict[str, tuple[float, float, float, float]] = {}
        for step in proc.steps:
            lines = g["step_lines"][step.id]
            box_h = len(lines) * self.text_style.leading + 2 * _PAD
            x = step.lane * lane_w + _COL_GAP
            y = row_top[step.column] - (g["row_h"][step.column] - box_h) / 2.0 - box_h
            canvas.setFillColor(white)
            canvas.roundRect(x, y, g["box_w"], box_h, 5, stroke=1, fill=1)
            canvas.setFillColor(black)
            ts.draw_lines(canvas, lines, x + _PAD, y + box_h - _PAD, g["box_w"] - 2 * _PAD, self.text_style)
            boxes[step.id] = (x, y, g["box_w"], box_h)
        canvas.setFillColor(black)
        for source, target in proc.arrows:
            x0, y0, w0, h0 = boxes[source]
            x1, y1, w1, h1 = boxes[target]
            if abs(x0 - x1) < 1.0:  # same lane: down
                _arrow(canvas, x0 + w0 / 2.0, y0, x1 + w1 / 2.0, y1 + h1)
            elif abs((y0 + h0 / 2.0) - (y1 + h1 / 2.0)) < 1.0:  # same row, next lane: right
                _arrow(canvas, x0 + w0, y0 + h0 / 2.0, x1, y1 + h1 / 2.0)
            else:  # down to the middle of the gap, across, down
                mid = (y0 + y1 + h1) / 2.0
                canvas.line(x0 + w0 / 2.0, y0, x0 + w0 / 2.0, mid)
                canvas.line(x0 + w0 / 2.0, mid, x1 + w1 / 2.0, mid)
                _arrow(canvas, x1 + w1 / 2.0, mid, x1 + w1 / 2.0, y1 + h1)
        canvas.restoreState()


def _arrow(canvas: Canvas, x0: float, y0: float, x1: float, y1: float) -> None:
    """A straight line ending in a filled arrowhead at (x1, y1); horizontal or vertical."""
    dx, dy = x1 - x0, y1 - y0
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    bx, by = x1 - ux * _ARROW_HEAD, y1 - uy * _ARROW_HEAD
    canvas.line(x0, y0, bx, by)
    half = _ARROW_HEAD * 0.55
    path = canvas.beginPath()
    path.moveTo(x1, y1)
    path.lineTo(bx - uy * half, by + ux * half)
    path.lineTo(bx + uy * half, by - ux * half)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
