"""The dashboard screen on the demo plan (fiscal 2563, seen on 15 พฤษภาคม 2563): its charts follow the tree.

What it should draw is worked out apart from it, from the demo file itself: the chart descriptions of the
plan and its tracking as of the demo's day (their figures are checked by hand in tests/charts; the
renderer is checked against descriptions in test_chart_render).
"""

import os
from decimal import Decimal

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo_state import DEMO_TODAY  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402
from PySide6.QtWidgets import QTabWidget  # noqa: E402
from screenhelp import screen_context, settle, show  # noqa: E402

from thaplan_desktop.charts import ChartScope, dashboard_charts, tracking_index  # noqa: E402
from thaplan_desktop.ui import dashboard  # noqa: E402
from thaplan_desktop.ui.dashboard.render import bar_order  # noqa: E402
from thaplan_desktop.ui.dashboard.view import DashboardScreen, scope_of_node  # noqa: E402
from thaplan_desktop.workspace import ProjectFields, Workspace  # noqa: E402


@pytest.fixture(scope="module")
def demo_tracking(demo_template):
    with Workspace.open(demo_template) as ws:
        plan, records = ws.progress_data(ws.find_edition().id)
    return plan, tracking_index(plan, records, DEMO_TODAY)


def expected(demo_tracking, scope=None):
    plan, index = demo_tracking
    return dashboard_charts(plan, scope, index)


@pytest.fixture
def context(qtbot, settings, demo_db):
    with screen_context(qtbot, settings, demo_db) as context:
        yield context


@pytest.fixture
def screen(qtbot, context):
    widget = DashboardScreen(context.session, settings=context.settings, today=lambda: DEMO_TODAY)
    show(qtbot, context, widget)
    qtbot.waitUntil(lambda: widget.data is not None, timeout=20000)
    return widget


def bars(card):
    """The values a bar card draws, in the description's category order."""
    [bar_set] = card.chart.series()[0].barSets()
    drawn = [bar_set.at(i) for i in range(bar_set.count())]
    order = bar_order(card.description)
    result = [0.0] * len(drawn)
    for position, index in enumerate(order):
        result[index] = drawn[position]
    return result


def test_it_draws_every_chart_of_the_whole_plan(screen, demo_tracking):
    assert screen.descriptions == expected(demo_tracking)
    assert [c.description.key for c in screen.cards] == [
        "budget_by_strategy", "budget_by_unit", "projects_per_month", "progress_by_status",
        "monthly_spending", "cumulative_spending"]
    for card in screen.cards[:3]:
        assert bars(card) == [float(v) for v in card.description.series[0].values]
    assert screen.title.text() == "ภาพรวม — ทั้งแผน"
    assert screen.as_of.text() == "ความก้าวหน้าและการเบิกจ่าย ณ วันที่ 15 พฤษภาคม 2563"
    spending = screen.card("monthly_spending").description
    assert [s.key for s in spending.series] == ["planned", "disbursed"]
    assert spending.series[1].values[7] is not None  # พ.ค. 2563 has begun
    assert spending.series[1].values[8:] == (None,) * 4


def test_it_follows_the_trees_selection(screen, demo_tracking):
    plan, _index = demo_tracking
    strategy = sorted(plan.strategies, key=lambda s: s.position)[2]
    screen.show_node(("strategy", strategy.id))
    assert screen.descriptions == expected(demo_tracking, ChartScope(strategy_id=strategy.id))
    programs = screen.cards[0].description
    assert programs.key == "budget_by_program"  # a strategy selected shows its programs
    assert screen.title.text() == f"ภาพรวม — ยุทธศาสตร์ที่ {strategy.number} {strategy.name}"
    program = next(p for p in plan.programs if p.strategy_id == strategy.id)
    screen.show_node(("program", program.id))
    assert screen.cards[0].description.highlight == f"program:{program.id}"
    assert screen.descriptions == expected(demo_tracking, ChartScope(program_id=program.id))
    screen.show_node(("equipment",))
    assert screen.descriptions == expected(demo_tracking)
    assert scope_of_node(("root",)) == ChartScope()
    screen.show_node(("strategy", 10**6))  # a strategy that is gone: the whole plan
    assert screen.descriptions == expected(demo_tracking)


def test_a_scope_chosen_while_hidden_is_drawn_when_shown(qtbot, screen, demo_tracking):
    plan, _index = demo_tracking
    strategy = sorted(plan.strategies, key=lambda s: s.position)[0]
    screen.hide()
    screen.show_node(("strategy", strategy.id))
    assert screen.descriptions == expected(demo_tracking)  # nothing drawn while hidden
    with qtbot.waitSignal(screen.redrawn):
        screen.show()
    assert screen.descriptions == expected(demo_tracking, ChartScope(strategy_id=strategy.id))


def test_a_change_to_the_plan_is_drawn_again(qtbot, context, screen, demo_tracking):
    plan, _index = demo_tracking
    project = max(plan.projects, key=lambda p: p.budget)
    before = screen.card("budget_by_strategy").description.series[0].total
    context.session.update_projects({project.id: ProjectFields(budget=project.budget + Decimal("1000000"))})
    qtbot.waitUntil(lambda: screen.card("budget_by_strategy").description.series[0].total == before + 1000000,
                    timeout=20000)
    context.session.undo()
    qtbot.waitUntil(lambda: screen.card("budget_by_strategy").description.series[0].total == before, timeout=20000)
    settle(qtbot, context)
    assert screen.descriptions == expected(demo_tracking)


def test_each_chart_copies_and_saves_itself(screen, tmp_path):
    card = screen.card("budget_by_unit")
    card.copy_action.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasImage()
    assert mime.text().splitlines()[0] == "งบประมาณตามหน่วยงานรับผิดชอบ — ทั้งแผน"
    assert mime.text().splitlines()[2].startswith("สำนักปลัด\t")
    png = card.save("png", tmp_path / "unit.png")
    svg = card.save("svg", tmp_path / "unit.svg")
    assert (png, svg) == (tmp_path / "unit.png", tmp_path / "unit.svg")
    assert not QImage(str(png)).isNull()
    assert "งบประมาณตามหน่วยงานรับผิดชอบ" in svg.read_text(encoding="utf-8")


def test_installed_in_a_tab_it_reads_when_shown_and_empties_when_the_file_closes(qtbot, context):
    tabs = QTabWidget()
    tabs.addTab(QTabWidget(), "อื่น")
    widget = dashboard.install(context)
    tabs.addTab(widget, dashboard.TAB_TITLE)
    context.window.setCentralWidget(tabs)
    context.window.show()
    settle(qtbot, context)
    assert widget.data is None
    dashboard.show(context.window)
    assert tabs.currentWidget() is widget
    qtbot.waitUntil(lambda: widget.data is not None, timeout=20000)
    with qtbot.waitSignal(context.session.closed, timeout=20000):
        context.session.close()
    assert widget.descriptions == ()
    assert all(card.description is None for card in widget.cards)
    assert widget.title.text() == "ยังไม่ได้เปิดแผน"


def test_a_chart_is_never_saved_over_the_plan(screen, demo_db):
    """A chart's file is written as every export: never over the plan (nor its files, a folder, a device)."""
    import hashlib

    from PySide6.QtWidgets import QMessageBox

    lock = demo_db.with_name(demo_db.name + ".lock")  # the open plan's editing lock
    before, lock_before = hashlib.sha256(demo_db.read_bytes()).hexdigest(), lock.read_bytes()
    card = screen.card("budget_by_unit")
    assert card.save("png", demo_db) is None
    assert card.save("svg", lock) is None
    assert lock.read_bytes() == lock_before
    boxes = [b for b in card.window().findChildren(QMessageBox) if "ไม่เขียนทับ" in b.text()]
    assert len(boxes) == 2
    for box in boxes:
        box.close()
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before
