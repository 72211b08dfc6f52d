"""Reads are SQLAlchemy Core statements over the model tables; ``thaplan info`` runs the same ones compiled."""

from decimal import Decimal

from thaplan_desktop.db import queries
from thaplan_desktop.db.read_sql import SQL
from thaplan_desktop.db.reads import compiled_sql
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.workspace import Workspace


def test_the_sql_info_runs_is_the_statements_compiled():
    assert compiled_sql() == SQL, "db/read_sql.py is stale: run python -m thaplan_desktop.db.reads"


def test_the_demo_plan_reads_as_the_demo(demo_template):
    with Workspace.open(demo_template) as ws:
        edition = ws.find_edition()
        plan = ws.plan_data(edition.id)
    projects = [p for p in plan.projects if p.kind is ProjectKind.PROJECT]
    equipment = [p for p in plan.projects if p.kind is ProjectKind.EQUIPMENT]
    assert (len(projects), len(equipment)) == (94, 17)
    assert sum((p.budget for p in projects), Decimal(0)) == Decimal("32284722.78")
    assert sum((p.budget for p in equipment), Decimal(0)) == Decimal("645200.00")
    assert (len(plan.strategies), len(plan.programs), len(plan.equipment_types)) == (7, 17, 17)
    assert plan.organisation.name == "องค์การบริหารส่วนตำบลท่าสะท้อน"
    assert (edition.fiscal_year, str(edition.trigger_date)) == (2563, "2019-08-20")
    assert [p.position for p in plan.projects] == sorted(p.position for p in plan.projects)
    assert all(isinstance(u.is_external, bool) for u in plan.units)


def test_the_sqlite3_path_reads_what_the_workspace_reads(demo_template):
    with Workspace.open(demo_template) as ws:
        edition = ws.find_edition()
        expected = ws.plan_data(edition.id)
        editions = ws.editions()
        records = ws.procedure_records(edition.id)
    with queries.read_only(demo_template) as source:
        assert queries.load_editions(source) == editions
        assert queries.load_plan_data(source, edition) == expected
        assert queries.load_procedure_records(source, edition.id) == records
    assert [s.status for s in records.steps] == ["done"] * 7
    with Workspace.open(demo_template) as ws:
        tracking = ws.tracking_records(edition.id)
        rounds = ws.report_rounds(2563)
    with queries.read_only(demo_template) as source:
        assert queries.load_tracking_records(source, edition.id) == tracking
        assert queries.load_report_rounds(source, 2563) == rounds
    assert tracking.statuses
    assert tracking.disbursements
    assert tracking.details
    assert tracking.schedules
    assert [r.round for r in rounds] == ["6m"]
