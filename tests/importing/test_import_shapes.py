"""Months marked only by arrows and lines drawn over the month cells (the sheet's drawing layer)."""

from __future__ import annotations

from pathlib import Path

from import_builders import add_drawing, arrow, column, month_header, new_workbook, text_box, write_sheet

from thaplan_desktop.importing import read_file


def _sheet(tmp_path: Path, rows: int = 3) -> tuple[Path, int]:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)  # months in columns G..R (0-based 6..17)
    for i in range(rows):
        write_sheet(ws, [[i + 1, f"โครงการ {i + 1}", "", 1000, "", "กองช่าง"]], start_row=3 + i)
    for c in range(first, first + 12):
        ws.column_dimensions[column(c)].width = 4.6
    path = tmp_path / "arrows.xlsx"
    wb.save(path)
    return path, first - 1


def test_two_cell_anchored_arrows(tmp_path: Path) -> None:
    path, g = _sheet(tmp_path)
    add_drawing(path, [
        arrow(2, g + 3, 40000, g + 5, 300000),     # ม.ค.–มี.ค.
        arrow(3, g + 0, 80000, g + 0, 260000),     # a short arrow inside ต.ค.
        arrow(4, g + 0, 20000, g + 11, 330000),    # the whole year
    ])
    a, b, c = read_file(path).projects
    assert a.months == frozenset({4, 5, 6})
    assert b.months == frozenset({1})
    assert c.months == frozenset(range(1, 13))


def test_arrow_ending_at_the_start_of_a_cell_does_not_mark_it(tmp_path: Path) -> None:
    path, g = _sheet(tmp_path, rows=1)
    add_drawing(path, [arrow(2, g + 6, 30000, g + 8, 0)])
    (p,) = read_file(path).projects
    assert p.months == frozenset({7, 8})


def test_text_boxes_are_not_marks(tmp_path: Path) -> None:
    path, g = _sheet(tmp_path, rows=1)
    add_drawing(path, [text_box(2, g + 2, "แบบ ผด.02"), arrow(2, g + 9, 30000, g + 9, 300000)])
    (p,) = read_file(path).projects
    assert p.months == frozenset({10})


def test_one_cell_anchor_with_extent(tmp_path: Path) -> None:
    path, g = _sheet(tmp_path, rows=1)
    col_emu = int((4.6 * 7 + 5) * 9525)
    anchor = (
        f"<xdr:oneCellAnchor><xdr:from><xdr:col>{g + 1}</xdr:col><xdr:colOff>20000</xdr:colOff>"
        "<xdr:row>2</xdr:row><xdr:rowOff>90000</xdr:rowOff></xdr:from>"
        f'<xdr:ext cx="{2 * col_emu}" cy="0"/><xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="3" name="L"/>'
        '<xdr:cNvCxnSpPr/></xdr:nvCxnSpPr><xdr:spPr><a:prstGeom prst="line"/></xdr:spPr></xdr:cxnSp>'
        "<xdr:clientData/></xdr:oneCellAnchor>"
    )
    add_drawing(path, [anchor])
    (p,) = read_file(path).projects
    assert p.months == frozenset({2, 3})


def test_grouped_arrows_are_placed_by_the_group_transform(tmp_path: Path) -> None:
    path, g = _sheet(tmp_path, rows=2)
    col_emu = int((4.6 * 7 + 5) * 9525)
    row_emu = 15 * 12700
    # The group spans rows 2..3 (0-based) and columns g+0 .. g+6; children in their own coordinates.
    child = (
        '<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="{id}" name="A"/><xdr:cNvCxnSpPr/></xdr:nvCxnSpPr>'
        '<xdr:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="straightConnector1"/></xdr:spPr></xdr:cxnSp>'
    )
    children = (child.format(id=5, x=100 + 2 * 600, y=100 + 300, cx=2 * 600)        # cols g+2..g+3, row 2
                + child.format(id=6, x=100 + 5 * 600 + 60, y=100 + 900, cx=480))     # col g+5, row 3
    anchor = (
        f"<xdr:twoCellAnchor><xdr:from><xdr:col>{g}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>"
        f"<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{g + 6}</xdr:col><xdr:colOff>0</xdr:colOff>"
        "<xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        '<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="4" name="G"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
        f'<xdr:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{6 * col_emu}" cy="{2 * row_emu}"/>'
        '<a:chOff x="100" y="100"/><a:chExt cx="3600" cy="1200"/></a:xfrm></xdr:grpSpPr>'
        f"{children}</xdr:grpSp><xdr:clientData/></xdr:twoCellAnchor>"
    )
    add_drawing(path, [anchor])
    a, b = read_file(path).projects
    assert a.months == frozenset({3, 4})
    assert b.months == frozenset({6})


def test_shapes_wrapped_in_alternate_content(tmp_path: Path) -> None:
    path, g = _sheet(tmp_path, rows=2)
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    inner = arrow(3, g + 4, 30000, g + 6, 300000)
    wrapped_anchor = f'<mc:AlternateContent {mc}><mc:Choice Requires="a14">{inner}</mc:Choice></mc:AlternateContent>'
    shape_inside = arrow(2, g + 1, 30000, g + 2, 300000).replace(
        '<xdr:cxnSp macro="">', f'<mc:AlternateContent {mc}><mc:Choice Requires="a14"><xdr:cxnSp macro="">').replace(
        "</xdr:cxnSp>", "</xdr:cxnSp></mc:Choice><mc:Fallback/></mc:AlternateContent>")
    add_drawing(path, [shape_inside, wrapped_anchor])
    a, b = read_file(path).projects
    assert a.months == frozenset({2, 3})
    assert b.months == frozenset({5, 6, 7})
