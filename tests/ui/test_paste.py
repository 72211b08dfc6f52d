"""Paste from Excel/LibreOffice: Thai, quoted cells with line breaks, new or overwritten rows, all or nothing."""

from decimal import Decimal

from dbsnapshot import dump
from guihelp import db_project, settle, take_messages

from thaplan_desktop.domain.fiscal import mask_to_months
from thaplan_desktop.ui.columns import COLUMN_INDEX
from thaplan_desktop.ui.grid.paste import parse_tsv, to_tsv

# Two rows as Excel puts them on the clipboard: CRLF, a quoted cell with a line break and quotes.
EXCEL = (
    'โครงการจัดงานประเพณีลอยกระทง\t"จัดกิจกรรมประกวดกระทง\r\nและการแสดง ""รำวง"""\t๕๐,๐๐๐\tหมู่ที่ 3\tกองการศึกษา ศาสนาและวัฒนธรรม'
    "\t\t✓\t\t\t\t\t\t\t\t\t\t\r\n"
    "โครงการแข่งขันกีฬาต้านยาเสพติด\tแข่งขันฟุตบอล วอลเลย์บอล\t120000\tสนามกีฬา อบต.\tกองการศึกษา ศาสนาและวัฒนธรรม"
    "\t\t\t\t\t\t\t✓\t✓\t\t\t\t\r\n"
)


def test_parse_tsv_reads_quoted_cells_with_line_breaks():
    rows = parse_tsv(EXCEL)
    assert len(rows) == 2
    assert rows[0][1] == 'จัดกิจกรรมประกวดกระทง\nและการแสดง "รำวง"'
    assert rows[0][2] == "๕๐,๐๐๐"
    assert len(rows[0]) == 17
    assert parse_tsv(to_tsv(rows)) == rows


def test_pasted_rows_past_the_end_become_new_projects_in_the_selected_program(window, qtbot, demo_db):
    program = window.state.programs[5]
    window.select_node(("program", program.id))
    last = window.proxy.rowCount()
    window.grid.setCurrentIndex(window.proxy.index(last - 1, COLUMN_INDEX["name"]))
    # Start on a fresh row: paste as new.
    assert window.clipboard.paste(EXCEL, as_new=True)
    settle(qtbot, window)
    assert window.proxy.rowCount() == last + 2
    new = [window.grid_model.project_at(window.proxy.mapToSource(window.proxy.index(r, 0)).row())
           for r in (last, last + 1)]
    first = db_project(demo_db, new[0].id)
    assert first["name"] == "โครงการจัดงานประเพณีลอยกระทง"
    assert first["details"] == 'จัดกิจกรรมประกวดกระทง\nและการแสดง "รำวง"'
    assert first["budget_satang"] == 5_000_000
    assert first["program_id"] == program.id
    assert mask_to_months(first["months_mask"]) == {2}
    assert mask_to_months(db_project(demo_db, new[1].id)["months_mask"]) == {7, 8}
    assert window.state.unit_name(first["unit_id"]) == "กองการศึกษา ศาสนาและวัฒนธรรม"
    # One paste, one undo step.
    assert window.session.undo_label.startswith("วางเป็นโครงการใหม่ 2")


def test_paste_overwrites_from_the_current_row_and_adds_the_rest(window, qtbot, demo_db):
    program = window.state.programs[5]
    window.select_node(("program", program.id))
    count = window.proxy.rowCount()
    row = count - 1
    target = window.grid_model.project_at(window.proxy.mapToSource(window.proxy.index(row, 0)).row())
    window.grid.setCurrentIndex(window.proxy.index(row, COLUMN_INDEX["budget"]))
    assert window.clipboard.paste("7,500\n8,500.50\n")
    settle(qtbot, window)
    assert db_project(demo_db, target.id)["budget_satang"] == 750_000
    assert db_project(demo_db, target.id)["name"] == target.name  # other cells untouched
    assert window.proxy.rowCount() == count + 1  # the second line became a new project


def test_a_paste_that_does_not_fit_is_refused_and_changes_nothing(window, qtbot, demo_db):
    before = dump(demo_db)
    window.grid.setCurrentIndex(window.proxy.index(0, COLUMN_INDEX["details"]))
    # A budget that is not an amount, on the second line.
    assert not window.clipboard.paste("ก\t100\nข\tหนึ่งร้อยบาทถ้วนนะ\n")
    message = take_messages()
    assert "แถวที่ 2" in message
    assert "งบประมาณ" in message
    assert "ไม่มีการเปลี่ยนแปลง" in message
    # Too many columns for the room to the right.
    window.grid.setCurrentIndex(window.proxy.index(0, COLUMN_INDEX["m12"]))
    assert not window.clipboard.paste("x\tx\tx\n")
    assert "คอลัมน์" in take_messages()
    settle(qtbot, window)
    assert dump(demo_db) == before
    assert window.session.undo_label == ""


def test_a_paste_the_database_refuses_is_not_half_applied(window, qtbot, demo_db):
    before = dump(demo_db)
    window.grid.setCurrentIndex(window.proxy.index(0, COLUMN_INDEX["name"]))
    # The parser accepts both rows; the workspace refuses the negative budget: nothing is written.
    window.clipboard.paste("ก\t\t100\nข\t\t-100\n")
    settle(qtbot, window)
    assert dump(demo_db) == before


def test_pasting_a_header_row_skips_it(window, qtbot):
    window.grid.setCurrentIndex(window.proxy.index(0, COLUMN_INDEX["name"]))
    assert window.clipboard.paste("โครงการ\tรายละเอียดของกิจกรรม\nโครงการใหม่\tรายละเอียด\n", as_new=True)
    settle(qtbot, window)
    names = [p.name for p in window.state.projects.values()]
    assert "โครงการใหม่" in names
    assert "โครงการ" not in names
    assert window.state.totals_of(("root",)).budget > Decimal(0)
