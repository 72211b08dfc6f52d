"""The same workbook twice in one import: its rows are duplicates of each other, handled by ``--duplicates``
as duplicates of projects already in the plan are — never two copies of every budget by default."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from attacks import number, project_rows, xlsx
from hostile_kit import cli

pytestmark = pytest.mark.slow


def _budgets(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        count, satang = con.execute("SELECT count(*), coalesce(sum(budget_satang), 0) FROM project").fetchone()
    finally:
        con.close()
    return int(count), int(satang)


@pytest.mark.parametrize(("rule", "copies"), [("skip", 1), ("replace", 1), ("keep", 2)])
def test_a_workbook_given_twice_counts_once_unless_kept(tmp_path: Path, plan: Path, rule: str, copies: int) -> None:
    path = xlsx(tmp_path / "ผด02 กองช่าง.xlsx", project_rows([number("D{r}", 150000), number("D{r}", 250000)]))
    again = tmp_path / "ผด02 กองช่าง (สำเนา).xlsx"
    again.write_bytes(path.read_bytes())
    count, satang = _budgets(plan)
    run = cli("import", "--db", plan, "--duplicates", rule, path, again)
    assert run.code == 0, run.err
    assert _budgets(plan) == (count + 2 * copies, satang + 400000 * 100 * copies)
    if rule != "keep":
        assert "ซ้ำกับ" in run.out  # each repeat names the row it repeats


def test_a_repeat_within_one_file_is_a_duplicate_too(tmp_path: Path, plan: Path) -> None:
    path = xlsx(tmp_path / "ผด02.xlsx", [*project_rows([number("D{r}", 150000)]),
                                         project_rows([number("D{r}", 150000)], first_row=3)[1]])
    count, satang = _budgets(plan)
    run = cli("import", "--db", plan, path)
    assert run.code == 0, run.err
    assert _budgets(plan) == (count + 1, satang + 150000 * 100)
