"""Budgets no plan can hold: refused in the preview and the import, naming the row; never a crash, never
silently rounded. A number held as a number (a formula's result) is rounded to satang."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from attacks import number, project_rows, text, xlsx
from hostile_kit import assert_one_thai_line, cli, fingerprint

from thaplan_desktop.workspace import ProjectFields, Workspace, WorkspaceError

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("cell", "says"), [
    (number("D{r}", "1E17"), "เกินขีดจำกัด 1,000,000,000,000 บาท"),  # passed the preview, then overflowed the file
    (number("D{r}", "1E30"), "เกินขีดจำกัด 1,000,000,000,000 บาท"),  # said "damaged"
    (number("D{r}", "inf"), "ไม่ใช่จำนวนที่ใช้ได้"),
    (text("D{r}", "1,000.005"), "ทศนิยมเกินสองตำแหน่ง"),  # became 1,000.01 unnoticed
    (text("D{r}", "1,000,000,000,001"), "เกินขีดจำกัด"),
])
def test_a_budget_no_plan_can_hold_is_refused_naming_its_row(tmp_path: Path, plan: Path, cell: str, says: str) -> None:
    path = xlsx(tmp_path / "ผด02.xlsx", project_rows([number("D{r}", 5000), cell]))
    before = fingerprint(plan)
    preview = cli("import-preview", path)
    assert preview.code == 1
    line = assert_one_thai_line(preview.err)
    assert says in line
    assert "แผ่นงาน “ผด.02” แถวที่ 3" in line  # the header is row 1: the second project is row 3
    imported = cli("import", "--db", plan, path)
    assert imported.code == 1
    assert says in assert_one_thai_line(imported.err)
    assert fingerprint(plan) == before


def test_a_number_with_float_noise_is_rounded_to_satang(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "ผด02.xlsx", project_rows([number("D{r}", "1000.0049999999"), number("D{r}", "1000.005")]))
    run = cli("import-preview", "--json", path)
    assert run.code == 0, run.err
    assert '"budget": "1000.00"' in run.out
    assert '"budget": "1000.01"' in run.out


def test_the_largest_budget_goes_in_and_one_satang_more_does_not(plan: Path) -> None:
    with Workspace.open(plan) as workspace:
        edition = workspace.find_edition().id
        workspace.add_project(edition, ProjectFields(name="งบสูงสุด", budget=Decimal("1000000000000.00"), months={1}))
        before = fingerprint(plan)
        for budget in (Decimal("1000000000000.01"), Decimal(10) ** 17, Decimal("Infinity"), Decimal("1.005")):
            with pytest.raises(WorkspaceError):
                workspace.add_project(edition, ProjectFields(name="เกิน", budget=budget, months={1}))
    assert fingerprint(plan)[1] == before[1]
    assert [p.budget for p in Workspace.open(plan).projects(edition) if p.name == "งบสูงสุด"] == [Decimal(10) ** 12]


def test_tracking_money_no_plan_can_hold_is_refused(plan: Path) -> None:
    """Disbursements, contract amounts and spending schedules obey the same ceiling as budgets."""
    import datetime as dt

    from demo_state import DEMO_TODAY

    from thaplan_desktop.workspace import NewDisbursement, TrackingFields

    with Workspace.open(plan) as workspace:
        project = workspace.projects(workspace.find_edition().id)[0].id
        workspace.add_disbursement(project, NewDisbursement(dt.date(2020, 3, 1), Decimal("1000000000000.00")),
                                   today=DEMO_TODAY)
        before = fingerprint(plan)
        for amount in (Decimal("1000000000000.01"), Decimal(10) ** 17, Decimal("Infinity"), Decimal("1.005")):
            with pytest.raises(WorkspaceError, match="1,000,000,000,000"):
                workspace.add_disbursement(project, NewDisbursement(dt.date(2020, 3, 2), amount), today=DEMO_TODAY)
            with pytest.raises(WorkspaceError, match="1,000,000,000,000"):
                workspace.update_tracking(project, TrackingFields(contract=amount), today=DEMO_TODAY)
            with pytest.raises(WorkspaceError, match="1,000,000,000,000"):
                workspace.set_schedule(project, {1: amount})
    assert fingerprint(plan)[1] == before[1]


def test_a_progress_report_with_an_amount_no_plan_can_hold_is_refused_naming_its_row(tmp_path: Path,
                                                                                   plan: Path) -> None:
    import json
    import sqlite3

    con = sqlite3.connect(plan)
    try:
        name, unit = con.execute("SELECT p.name, u.name FROM project p JOIN unit u ON u.id = p.unit_id "
                                 "ORDER BY p.id LIMIT 1").fetchone()
    finally:
        con.close()
    path = tmp_path / "ผล.json"
    path.write_text(json.dumps({"as_of": "2563-04-30", "records": [
        {"name": name, "unit": unit, "status": "in_progress", "progress": 10,
         "disbursements": [{"date": "2563-04-01", "amount": "100,000,000,000,000,000", "note": ""}]}]}), encoding="utf-8")
    before = fingerprint(plan)
    run = cli("import-progress", "--db", plan, path)
    assert run.code == 1
    assert "ไม่ได้นำเข้า" in assert_one_thai_line(run.err)
    assert "เกินขีดจำกัด 1,000,000,000,000 บาท" in run.out  # the row's problem, in the preview of every row
    assert fingerprint(plan) == before
