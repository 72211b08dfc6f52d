"""The calendar screen on the demo plan (fiscal 2563, seen on 15 พฤษภาคม 2563): what it shows, and where it goes.

What the screen should show is worked out apart from it: ``build_calendar`` on the demo's plan as the
session fixture reads it (the calendar model itself is tested against a hand-made plan in tests/calendar).
"""

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo_state import DEMO_TODAY  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QTabWidget  # noqa: E402
from screenhelp import screen_context, settle, show  # noqa: E402

from thaplan_desktop.calendar import CalendarFilter, CalendarMonth, build_calendar  # noqa: E402
from thaplan_desktop.ui import calendar as calendar_screen  # noqa: E402
from thaplan_desktop.ui.calendar.view import CalendarScreen  # noqa: E402
from thaplan_desktop.ui.calendar.year_model import DEADLINE_ROW, FIRST_UNIT_ROW, TOTAL_ROW  # noqa: E402
from thaplan_desktop.workspace import ProjectFields  # noqa: E402

MAY, JUNE = CalendarMonth(2563, 5), CalendarMonth(2563, 6)


@pytest.fixture
def context(qtbot, settings, demo_db):
    with screen_context(qtbot, settings, demo_db) as context:
        yield context


@pytest.fixture
def screen(qtbot, context):
    widget = CalendarScreen(context.session, today=lambda: DEMO_TODAY)
    show(qtbot, context, widget)
    qtbot.waitUntil(lambda: widget.data is not None, timeout=20000)
    return widget


@pytest.fixture(scope="module")
def expected(demo_plan):
    """The demo's calendar as the model makes it (no deadlines: they are checked by the screen's own list)."""
    return build_calendar(demo_plan)


def shown_month(screen):
    """What the month table shows: [(unit line, [(name, role), …]), …]."""
    model = screen.month_model
    result = []
    for row in range(model.rowCount()):
        name, role = model.index(row, 0).data(), model.index(row, 1).data()
        if model.is_unit_line(row):
            result.append((name, []))
        else:
            result[-1][1].append((name, role))
    return result


def expected_month(calendar, month):
    result = []
    for unit in calendar.month(month).by_unit():
        starting, ending = set(map(id, unit.starting)), set(map(id, unit.ending))
        rows = []
        for item in unit.running:
            role = {(True, True): "เริ่มและสิ้นสุด", (True, False): "เริ่ม", (False, True): "สิ้นสุด",
                    (False, False): "ดำเนินการต่อเนื่อง"}[(id(item) in starting, id(item) in ending)]
            rows.append((item.name, role))
        result.append((f"{unit.unit} ({len(unit.running)})", rows))
    return result


def test_it_opens_on_this_month_with_every_row_by_unit(screen, expected):
    assert screen.month == MAY
    assert screen.title.text() == "ปฏิทินการทำงาน ปีงบประมาณ 2563"
    assert screen.month_combo.currentText() == "พฤษภาคม 2563"
    assert shown_month(screen) == expected_month(expected, MAY)
    may = expected.month(MAY)
    assert screen.month_counts.text() == (f"ดำเนินการ {len(may.running)} รายการ · เริ่ม {len(may.starting)} · "
                                          f"สิ้นสุด {len(may.ending)}")
    first_unit = expected.month(MAY).by_unit()[0]
    assert screen.month_model.index(0, 1).data() == (f"เริ่ม {len(first_unit.starting)} · "
                                                     f"สิ้นสุด {len(first_unit.ending)}")


def test_the_year_overview_counts_each_unit_and_month(screen, expected, qtmodeltester):
    model = screen.year_model
    qtmodeltester.check(model)
    year_columns = [c for c, m in enumerate(model.months) if m.fiscal_year == 2563]
    assert [model.months[c] for c in year_columns] == list(expected.months())
    assert model.headerData(year_columns[0], Qt.Orientation.Horizontal) == "ต.ค. 62"
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in (DEADLINE_ROW, TOTAL_ROW)] == [
        "กำหนดเวลา", "รวมทุกหน่วยงาน"]
    for column in year_columns:
        view = expected.month(model.months[column])
        assert model.index(TOTAL_ROW, column).data() == f"{len(view.running):,}"
        by_unit = {u.unit: u for u in view.by_unit()}
        for row in range(FIRST_UNIT_ROW, model.rowCount()):
            unit = by_unit.get(model.headerData(row, Qt.Orientation.Vertical))
            counts = (len(unit.starting), len(unit.running), len(unit.ending)) if unit else (0, 0, 0)
            assert model.counts(row, column) == counts
    # The procedure's deadlines before the year and the annual monitoring report after it widen the overview.
    assert model.months[0] < expected.months()[0]
    assert model.months[-1] == CalendarMonth(2563, 12)
    assert model.index(DEADLINE_ROW, len(model.months) - 1).data() == "1"
    assert "รอบ 12 เดือน ปีงบประมาณ 2563" in model.index(DEADLINE_ROW, len(model.months) - 1).data(
        Qt.ItemDataRole.ToolTipRole)


def test_the_month_table_passes_the_model_tester_through_month_switches(screen, qtmodeltester):
    qtmodeltester.check(screen.month_model)
    screen.next_button.click()
    qtmodeltester.check(screen.month_model)
    screen.show_month(CalendarMonth(2563, 12))  # outside the year: no rows
    assert screen.month_model.rowCount() == 0
    qtmodeltester.check(screen.month_model)


def test_switching_months_by_button_by_list_and_by_the_overview(qtbot, screen, expected):
    with qtbot.waitSignal(screen.month_changed) as switched:
        screen.next_button.click()
    assert switched.args == [JUNE]
    assert shown_month(screen) == expected_month(expected, JUNE)
    screen.previous_button.click()
    assert screen.month == MAY
    column = screen.year_model.column_of(CalendarMonth(2562, 11))
    rect = screen.year.visualRect(screen.year_model.index(TOTAL_ROW, column))
    qtbot.mouseClick(screen.year.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.month == CalendarMonth(2562, 11)
    assert shown_month(screen) == expected_month(expected, CalendarMonth(2562, 11))
    screen.month_combo.setCurrentIndex(screen.year_model.column_of(CalendarMonth(2563, 9)))
    screen.month_combo.activated.emit(screen.month_combo.currentIndex())
    assert screen.month == CalendarMonth(2563, 9)
    screen.today_button.click()
    assert screen.month == MAY


def test_a_month_outside_the_year_shows_only_its_deadlines(screen):
    screen.show_month(CalendarMonth(2563, 12))
    assert screen.month_counts.text() == "ธันวาคม 2563 อยู่นอกปีงบประมาณ 2563: ไม่มีโครงการตามแผน แสดงเฉพาะกำหนดเวลา"
    lines = [screen.deadlines.item(i).text() for i in range(screen.deadlines.count())]
    assert lines == ["31 ธันวาคม 2563 — รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น"
                     " (รอบ 12 เดือน ปีงบประมาณ 2563) · การติดตามและประเมินผล"]
    assert not screen.next_button.isEnabled()


def test_deadlines_of_the_procedure_and_of_monitoring_are_listed_in_their_month(screen):
    first = screen.year_model.months[0]
    screen.show_month(first)
    lines = [screen.deadlines.item(i).text() for i in range(screen.deadlines.count())]
    assert lines
    assert all(line.endswith("· การจัดทำแผน") for line in lines)
    screen.show_month(MAY)
    lines = [screen.deadlines.item(i).text() for i in range(screen.deadlines.count())]
    assert any("(รอบ 6 เดือน ปีงบประมาณ 2563)" in line and line.endswith("· การติดตามและประเมินผล")
               for line in lines)


def test_filters_by_unit_and_by_strategy(screen, expected, demo_plan):
    screen.set_filter(unit="กองช่าง")
    assert screen.year_model.units == ["กองช่าง"]
    assert shown_month(screen) == expected_month(expected.filtered(CalendarFilter("กองช่าง")), MAY)
    assert screen.month == MAY  # the month stays
    strategy = sorted(demo_plan.strategies, key=lambda s: s.position)[1]
    screen.set_filter(strategy_id=strategy.id)
    assert screen.unit_combo.currentIndex() == 0
    assert shown_month(screen) == expected_month(expected.filtered(CalendarFilter(None, strategy.id)), MAY)
    assert screen.strategy_combo.currentText() == f"ยุทธศาสตร์ที่ {strategy.number} {strategy.name}"
    # The glance follows the filter too.
    filtered = expected.filtered(CalendarFilter(None, strategy.id)).month(MAY)
    assert screen.glance.cards[0].names(0) == [i.name for i in filtered.starting]
    screen.set_filter()
    assert shown_month(screen) == expected_month(expected, MAY)


def test_this_month_and_next_at_a_glance(screen, expected):
    first, second = screen.glance.cards
    assert (first.title(), second.title()) == ("เดือนนี้ — พฤษภาคม 2563", "เดือนหน้า — มิถุนายน 2563")
    assert first.names(0) == [i.name for i in expected.month(MAY).starting]
    assert first.names(1) == [i.name for i in expected.month(MAY).ending]
    assert second.names(0) == [i.name for i in expected.month(JUNE).starting]
    assert len(first.names(2)) == 2  # the six-month round's announcement and posting fall in May
    assert screen.glance.note.isHidden()


def test_after_the_year_the_glance_shows_its_last_two_months(qtbot, context):
    widget = CalendarScreen(context.session, today=lambda: dt.date(2021, 2, 1))
    show(qtbot, context, widget)
    qtbot.waitUntil(lambda: widget.data is not None, timeout=20000)
    assert [c.title() for c in widget.glance.cards] == ["เดือนก่อนสุดท้ายของปี — สิงหาคม 2563",
                                                        "เดือนสุดท้ายของปี — กันยายน 2563"]
    assert widget.glance.note.text() == "ปีงบประมาณ 2563 สิ้นสุดแล้ว (วันนี้ 1 กุมภาพันธ์ 2564): แสดงสองเดือนสุดท้ายของปี"
    assert widget.month == CalendarMonth(2563, 9)


def test_activating_a_row_asks_the_window_to_show_it_in_the_grid(qtbot, screen, expected):
    model = screen.month_model
    first_row = model.index(1, 0)  # under the first unit's line
    wanted = expected.month(MAY).by_unit()[0].running[0].project_id
    rect = screen.month_view.visualRect(first_row)
    with qtbot.waitSignal(screen.project_requested) as asked:
        qtbot.mousePress(screen.month_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(screen.month_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked.args == [wanted]
    with qtbot.assertNotEmitted(screen.project_requested):  # a unit line is no project
        screen.month_view.activated.emit(model.index(0, 0))
    card = screen.glance.cards[0].list
    starting = card.topLevelItem(0).child(0)
    with qtbot.waitSignal(screen.project_requested) as asked:
        card.itemActivated.emit(starting, 0)
    assert asked.args == [expected.month(MAY).starting[0].project_id]


def test_a_change_to_the_plan_shows_at_once(qtbot, context, screen, expected):
    project = next(i for i in expected.month(MAY).running if i.months != {8})  # May is fiscal month 8
    def role():
        return {name: role for _unit, rows in shown_month(screen) for name, role in rows}[project.name]

    before = role()
    context.session.update_projects({project.project_id: ProjectFields(months={8})})
    qtbot.waitUntil(lambda: role() == "เริ่มและสิ้นสุด", timeout=20000)  # read again after the change
    context.session.undo()
    qtbot.waitUntil(lambda: role() == before, timeout=20000)
    settle(qtbot, context)
    assert shown_month(screen) == expected_month(expected, MAY)


def test_a_hidden_screen_reads_when_shown_and_clears_when_the_file_closes(qtbot, context):
    tabs = QTabWidget()
    other = QTabWidget()
    tabs.addTab(other, "อื่น")
    widget = calendar_screen.install(context)
    tabs.addTab(widget, calendar_screen.TAB_TITLE)
    context.window.setCentralWidget(tabs)
    context.window.show()
    settle(qtbot, context)
    assert widget.data is None  # not shown: nothing read
    calendar_screen.show(context.window)
    assert tabs.currentWidget() is widget
    qtbot.waitUntil(lambda: widget.data is not None, timeout=20000)
    with qtbot.waitSignal(context.session.closed, timeout=20000):
        context.session.close()
    assert widget.data is None
    assert widget.month_model.rowCount() == 0
    assert widget.title.text() == "ยังไม่ได้เปิดแผน"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_calendar_as_filtered_is_printed_as_pdf_and_written_as_ics(qtbot, context, tmp_path, monkeypatch):
    from icalendar import Calendar
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    widget = calendar_screen.install(context)
    show(qtbot, context, widget)
    qtbot.waitUntil(lambda: widget.data is not None, timeout=20000)
    assert widget.pdf_button.isEnabled()
    assert widget.ics_button.isEnabled()
    widget.unit_combo.setCurrentIndex(widget.unit_combo.findData("กองช่าง"))
    widget.unit_combo.activated.emit(widget.unit_combo.currentIndex())
    works = [item for item in widget.calendar.items if item.months]
    assert works
    assert all(item.unit == "กองช่าง" for item in works)

    def save(name):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
        return target

    def note_for(target):
        qtbot.waitUntil(lambda: target.name in context.window.statusBar().currentMessage(), timeout=30000)
        note = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        assert str(target) in note.text()
        note.close()

    pdf = save("ปฏิทิน.pdf")
    widget.pdf_button.click()
    note_for(pdf)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")[:-1]
    assert len(pages) >= 4
    titles = [found.groups() for page in pages if (found := re.search(r"(\S+) ไตรมาสที่ (\d) \(", page))]
    assert {title[0] for title in titles} == {"กองช่าง"}  # the unit filter is printed, no other unit
    assert sorted({title[1] for title in titles}) == ["1", "2", "3", "4"]
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    # every row of the unit (its name's start: a cell's later lines interleave with the next column's)
    assert all("".join(item.name.split())[:16] in text for item in works)
    ics = save("ปฏิทิน.ics")
    widget.ics_button.click()
    note_for(ics)
    events = [c for c in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    summaries = [str(e["SUMMARY"]) for e in events if not str(e["SUMMARY"]).startswith("กำหนด")]
    assert len(summaries) == sum(len(item.runs) for item in works)  # one event per run of the unit's rows
    assert all(any(item.name in summary for summary in summaries) for item in works)
    assert not opened  # never opened unasked
