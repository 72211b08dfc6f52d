"""Lines and arrows drawn over an .xlsx sheet (``xl/drawings/*.xml``) → :class:`~..grid.Shape` rows and columns.

Excel anchors a drawn shape to cells (column and row, plus an offset in EMU) or to the sheet (absolute
EMU); groups scale their children. Column widths and row heights (from the sheet part, gathered while it
is streamed: :class:`SheetDims`) turn those positions into fractional column and row numbers. A drawing
part is parsed one anchor at a time and each anchor dropped once placed, so a drawing of many shapes costs
one shape's memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse

from thaplan_desktop.importing.grid import Shape
from thaplan_desktop.importing.limits import MAX_PART_BYTES, Budget, part_too_big
from thaplan_desktop.importing.readers.common import edge, edges, position

EMU_PER_PIXEL = 9525
EMU_PER_POINT = 12700

NS = {
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_ANCHORS = ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")


@dataclass(slots=True)
class SheetDims:
    """What a sheet part says of its geometry: ``sheetFormatPr``, every ``col`` and the rows with a height."""

    format: dict[str, str] = field(default_factory=dict)
    cols: list[dict[str, str]] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)


def drawing_shapes(zf: zipfile.ZipFile, parts: list[str], dims: SheetDims, n_cols: int, n_rows: int,
                   budget: Budget) -> list[Shape]:
    """The shapes of a sheet's drawing parts, placed on its rows and columns."""
    scale: Scale | None = None
    shapes: list[Shape] = []
    for part in parts:
        try:
            info = zf.getinfo(part)
        except KeyError:
            continue
        if info.file_size > MAX_PART_BYTES:
            raise part_too_big(budget.file, part, info.file_size)
        budget.declare(part, info.file_size)
        budget.unpacked(info.file_size)
        with zf.open(info) as fh:
            depth = 0
            for event, el in iterparse(fh, events=("start", "end")):
                if event == "start":
                    depth += 1
                    continue
                depth -= 1
                if depth != 1:
                    continue
                for anchor in _unwrapped_one(el):
                    if anchor.tag.split("}")[-1] in _ANCHORS:
                        if scale is None:
                            scale = Scale.from_dims(dims, max(n_cols, 60), max(n_rows, 60))
                        shapes.extend(place_shapes([anchor], scale))
                el.clear()
    return shapes


def _unwrapped_one(el: Element) -> list[Element]:
    """A top-level element of a drawing, with an ``mc:AlternateContent`` wrapper opened."""
    if el.tag.split("}")[-1] != "AlternateContent":
        return [el]
    holder = Element("holder")
    holder.append(el)
    return _unwrapped(holder)


class Scale:
    """Converts between EMU on the sheet and fractional column/row numbers."""

    def __init__(self, col_widths_emu: list[int], default_col: int, row_heights_emu: list[int],
                 default_row: int) -> None:
        self.default_col = default_col
        self.default_row = default_row
        self.col_edges = edges(col_widths_emu)
        self.row_edges = edges(row_heights_emu)
        self.col_widths = col_widths_emu
        self.row_heights = row_heights_emu

    @classmethod
    def from_dims(cls, dims: SheetDims, n_cols: int, n_rows: int) -> Scale:
        """Column widths and row heights as a sheet part states them (defaults where it does not)."""
        fmt = dims.format
        default_chars = float(fmt.get("defaultColWidth") or float(fmt.get("baseColWidth") or 8) + 0.71)
        default_col = _chars_to_emu(default_chars)
        widths = [default_col] * (n_cols + 1)
        for attrs in dims.cols:
            try:
                first, last = int(attrs.get("min", 0)), int(attrs.get("max", 0))
                width = 0 if attrs.get("hidden") in ("1", "true") else _chars_to_emu(float(attrs["width"])) \
                    if "width" in attrs else default_col
            except ValueError:
                continue
            for c in range(max(first, 1), min(last, n_cols) + 1):
                widths[c - 1] = width
        default_row = int(float(fmt.get("defaultRowHeight") or 15) * EMU_PER_POINT)
        heights = [default_row] * (n_rows + 1)
        for attrs in dims.rows:
            try:
                r = int(attrs.get("r", 0))
                if not 1 <= r <= n_rows:
                    continue
                if attrs.get("hidden") in ("1", "true"):
                    heights[r - 1] = 0
                elif "ht" in attrs:
                    heights[r - 1] = int(float(attrs["ht"]) * EMU_PER_POINT)
            except ValueError:
                continue
        return cls(widths, default_col, heights, default_row)

    def col_width(self, c: int) -> int:
        return self.col_widths[c] if 0 <= c < len(self.col_widths) else self.default_col

    def row_height(self, r: int) -> int:
        return self.row_heights[r] if 0 <= r < len(self.row_heights) else self.default_row

    def x_of(self, col: int, off: int) -> int:
        return edge(self.col_edges, self.default_col, col) + off

    def y_of(self, row: int, off: int) -> int:
        return edge(self.row_edges, self.default_row, row) + off

    def col_at(self, x: float) -> float:
        return position(self.col_edges, self.default_col, x)

    def row_at(self, y: float) -> float:
        return position(self.row_edges, self.default_row, y)


def _chars_to_emu(chars: float) -> int:
    return int((chars * 7 + 5) * EMU_PER_PIXEL)


def _int(el: Element | None, path: str, default: int = 0) -> int:
    if el is None:
        return default
    found = el.find(path, NS)
    try:
        return int(found.text or default) if found is not None else default
    except ValueError:
        return default


def _anchor_rect(anchor: Element, scale: Scale) -> tuple[float, float, float, float] | None:
    tag = anchor.tag.split("}")[-1]
    start = anchor.find("xdr:from", NS)
    if tag == "absoluteAnchor":
        pos = anchor.find("xdr:pos", NS)
        ext = anchor.find("xdr:ext", NS)
        if pos is None or ext is None:
            return None
        x0, y0 = float(pos.get("x", 0)), float(pos.get("y", 0))
        return x0, y0, x0 + float(ext.get("cx", 0)), y0 + float(ext.get("cy", 0))
    if start is None:
        return None
    x0 = scale.x_of(_int(start, "xdr:col"), _int(start, "xdr:colOff"))
    y0 = scale.y_of(_int(start, "xdr:row"), _int(start, "xdr:rowOff"))
    if tag == "twoCellAnchor":
        end = anchor.find("xdr:to", NS)
        if end is None:
            return None
        x1 = scale.x_of(_int(end, "xdr:col"), _int(end, "xdr:colOff"))
        y1 = scale.y_of(_int(end, "xdr:row"), _int(end, "xdr:rowOff"))
        return float(x0), float(y0), float(x1), float(y1)
    ext = anchor.find("xdr:ext", NS)
    if ext is None:
        return None
    return float(x0), float(y0), x0 + float(ext.get("cx", 0)), y0 + float(ext.get("cy", 0))


def _has_text(el: Element) -> bool:
    return any((t.text or "").strip() for t in el.iter(f"{{{NS['a']}}}t"))


def _leaf_rects(el: Element, rect: tuple[float, float, float, float]) -> Iterable[tuple[float, float, float, float]]:
    """Rectangles (EMU) of the lines and bars in an anchored element; groups are opened up."""
    tag = el.tag.split("}")[-1]
    if tag == "cxnSp" or (tag == "sp" and not _has_text(el)):
        yield rect
    elif tag == "grpSp":
        xfrm = el.find("xdr:grpSpPr/a:xfrm", NS)
        if xfrm is None:
            return
        off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
        ch_off, ch_ext = xfrm.find("a:chOff", NS), xfrm.find("a:chExt", NS)
        if off is None or ext is None or ch_off is None or ch_ext is None:
            return
        cx0, cy0 = float(ch_off.get("x", 0)), float(ch_off.get("y", 0))
        cw, ch = float(ch_ext.get("cx", 0)) or 1.0, float(ch_ext.get("cy", 0)) or 1.0
        sx, sy = (rect[2] - rect[0]) / cw, (rect[3] - rect[1]) / ch
        for child in el:
            ctag = child.tag.split("}")[-1]
            if ctag not in ("sp", "cxnSp", "grpSp"):
                continue
            cxfrm = child.find("xdr:spPr/a:xfrm", NS)
            if cxfrm is None:
                cxfrm = child.find("xdr:grpSpPr/a:xfrm", NS)
            if cxfrm is None:
                continue
            coff, cext = cxfrm.find("a:off", NS), cxfrm.find("a:ext", NS)
            if coff is None or cext is None:
                continue
            x0 = rect[0] + (float(coff.get("x", 0)) - cx0) * sx
            y0 = rect[1] + (float(coff.get("y", 0)) - cy0) * sy
            x1 = x0 + float(cext.get("cx", 0)) * sx
            y1 = y0 + float(cext.get("cy", 0)) * sy
            yield from _leaf_rects(child, (x0, y0, x1, y1))


def _unwrapped(parent: Element) -> list[Element]:
    """Children of an element, with Excel's ``mc:AlternateContent`` wrappers opened (the Choice, else the
    Fallback): newer Excel versions wrap shapes and whole anchors in them."""
    children: list[Element] = []
    for child in parent:
        if child.tag.split("}")[-1] != "AlternateContent":
            children.append(child)
            continue
        branches = [b for b in child if b.tag.split("}")[-1] in ("Choice", "Fallback")]
        if branches:
            children.extend(_unwrapped(branches[0]))
    return children


def place_shapes(anchors: list[Element], scale: Scale) -> list[Shape]:
    shapes: list[Shape] = []
    for anchor in anchors:
        rect = _anchor_rect(anchor, scale)
        if rect is None:
            continue
        for child in _unwrapped(anchor):
            for x0, y0, x1, y1 in _leaf_rects(child, rect):
                x0, x1 = min(x0, x1), max(x0, x1)
                y0, y1 = min(y0, y1), max(y0, y1)
                if x1 - x0 <= 0 or (y1 - y0) > (x1 - x0):
                    continue  # vertical lines and tall boxes mark no months
                row = int(scale.row_at((y0 + y1) / 2))
                shapes.append(Shape(row, scale.col_at(x0), scale.col_at(x1)))
    return shapes
