"""A chart out of the window: as a PNG or SVG file, or on the clipboard (a picture and its figures as text).

Every copy is drawn afresh from the chart's description (``render.render_chart``) at a fixed size, not
grabbed from the screen, so it does not depend on the window's size and says what the window says. The
PNG is drawn at twice that size for print; the SVG (``QSvgGenerator``) keeps text as text. The clipboard
gets the picture and the figures as tab-separated text (``ChartDescription.as_table``), so pasting into
a spreadsheet gives the numbers and into a document the picture. A file is written as every export is
(``exporting.output.atomic_output``): whole or not at all, never over a plan, its companion files, a folder or
a device (``OutputRefused``, Thai).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsScene

from thaplan_desktop.charts.description import ChartDescription
from thaplan_desktop.exporting.output import OutputRefused, atomic_output
from thaplan_desktop.ui.dashboard.render import render_chart

__all__ = ["EXPORT_SIZE", "chart_image", "copy_chart", "table_text", "write_png", "write_svg"]

EXPORT_SIZE = QSize(1000, 600)  # points of the drawing; the PNG has twice as many pixels
_PNG_SCALE = 2


def _draw(description: ChartDescription, painter: QPainter, size: QSize) -> None:
    """Draw ``description`` on ``painter`` over a ``size`` area."""
    scene = QGraphicsScene()
    chart = render_chart(description)
    scene.addItem(chart)
    area = QRectF(0, 0, size.width(), size.height())
    chart.setGeometry(area)
    scene.setSceneRect(area)
    layout = chart.layout()
    if layout is not None:
        layout.activate()
    scene.render(painter, area, area)
    scene.clear()


def chart_image(description: ChartDescription, size: QSize = EXPORT_SIZE, scale: int = _PNG_SCALE) -> QImage:
    """The chart as a picture, ``scale`` pixels per point."""
    image = QImage(size * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    _draw(description, painter, size)
    painter.end()
    return image


class _NotWritten(Exception):
    """Qt could not write the file (the temporary one is removed, the target left as it was)."""


def write_png(description: ChartDescription, path: Path) -> bool:
    """Save the chart as PNG; False when the file could not be written (``OutputRefused`` for a path no
    export may write)."""
    try:
        with atomic_output(path) as temporary:
            writer = QImageWriter(str(temporary), QByteArray(b"png"))
            if not writer.write(chart_image(description)):
                raise _NotWritten
    except OutputRefused:
        raise
    except (_NotWritten, OSError):
        return False
    return True


def write_svg(description: ChartDescription, path: Path, size: QSize = EXPORT_SIZE) -> bool:
    """Save the chart as SVG (text kept as text); False when the file could not be written (``OutputRefused``
    for a path no export may write)."""
    try:
        with atomic_output(path) as temporary:
            generator = QSvgGenerator()
            generator.setFileName(str(temporary))
            generator.setSize(size)
            generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
            generator.setTitle(description.title)
            generator.setDescription(description.subtitle)
            painter = QPainter()
            if not painter.begin(generator):
                raise _NotWritten
            painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
            _draw(description, painter, size)
            painter.end()
            del generator  # closes the file
            if temporary.stat().st_size == 0:
                raise _NotWritten
    except OutputRefused:
        raise
    except (_NotWritten, OSError):
        return False
    return True


def table_text(description: ChartDescription) -> str:
    """The chart's figures as tab-separated lines (title first)."""
    lines = [description.title + (f" — {description.subtitle}" if description.subtitle else "")]
    lines += ["\t".join(row) for row in description.as_table()]
    return "\n".join(lines)


def copy_chart(description: ChartDescription) -> None:
    """Put the chart on the clipboard: the picture, and its figures as text.

    Qt makes the clipboard's data itself (``setImage``) and the text joins it: a ``QMimeData`` made in
    Python and handed over would be deleted by Qt after Python has shut down, crashing the program on
    quit (PySide6 6.11, seen with the offscreen platform).
    """
    clipboard = QApplication.clipboard()
    clipboard.setImage(chart_image(description))
    data = clipboard.mimeData()
    if data is not None:
        data.setText(table_text(description))

