"""Folders the user cannot write: a plan on a CD or a read-only share is read, exported and backed up;
with a read-only data folder every command works or says, in one Thai line, what it cannot do."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from attacks import number, project_rows, xlsx
from hostile_kit import assert_one_thai_line, cli, fingerprint

pytestmark = pytest.mark.slow


def _folder(parent: Path, name: str, mode: int) -> Path:
    folder = parent / name
    folder.mkdir()
    os.chmod(folder, mode)
    return folder


@pytest.fixture
def shared_plan(plan: Path, open_folder: Path) -> Path:
    """The plan in a folder of its own that others may read."""
    folder = _folder(open_folder, "แผ่นซีดี", 0o755)
    copy = folder / "plan.sqlite"
    shutil.copy(plan, copy)
    os.chmod(copy, 0o644)
    return copy


def test_a_plan_in_a_read_only_folder_is_read_exported_and_backed_up(shared_plan: Path, open_folder: Path,
                                                                       unprivileged) -> None:
    data, out = _folder(open_folder, "ข้อมูล", 0o777), _folder(open_folder, "ส่งออก", 0o777)
    as_reader = unprivileged(shared_plan.parent)
    before = fingerprint(shared_plan)
    env = {"THAPLAN_DATA_DIR": str(data)}
    for args in (("info",), ("status",), ("export-xlsx", "--out", out / "แผน.xlsx"),
                 ("export-template", "--unit", "กองช่าง", "--out", out / "กองช่าง.xlsx"),
                 ("export-pdf", "--out", out / "แผน.pdf"), ("backup",), ("backups",),
                 ("export-progress", "--unit", "กองช่าง", "--out", out / "ผล.xlsx"),
                 ("report", "progress", "--as-of", "2563-03-31", "--out", out / "รายงาน.xlsx"),
                 ("report", "progress", "--as-of", "2563-03-31", "--json"),
                 ("export-procurement", "--out", out / "จัดซื้อ.xlsx"), ("calendar", "--ics", out / "ปฏิทิน.ics"),
                 ("calendar", "--month", "2563-03", "--json")):
        command = args[:2] if args[0] == "report" else args[:1]
        run = cli(*command, "--db", shared_plan, *args[len(command):], env=env, **as_reader)
        assert run.code == 0, (args, run.err)
        assert run.err == "" or "Traceback" not in run.err
    assert {p.name for p in out.iterdir()} == {"แผน.xlsx", "กองช่าง.xlsx", "แผน.pdf", "ผล.xlsx", "รายงาน.xlsx",
                                               "จัดซื้อ.xlsx", "ปฏิทิน.ics"}
    assert fingerprint(shared_plan) == before
    assert sorted(p.name for p in shared_plan.parent.iterdir()) == ["plan.sqlite"]  # nothing left beside it


def test_a_plan_in_a_read_only_folder_is_not_imported_into_and_says_why(shared_plan: Path, open_folder: Path,
                                                                        unprivileged) -> None:
    data = _folder(open_folder, "ข้อมูล", 0o777)
    book = xlsx(_folder(open_folder, "ไฟล์", 0o755) / "ผด02.xlsx", project_rows([number("D{r}", 5000)]))
    os.chmod(book, 0o644)
    as_reader = unprivileged(shared_plan.parent)
    before = fingerprint(shared_plan)
    run = cli("import", "--db", shared_plan, book, env={"THAPLAN_DATA_DIR": str(data)}, **as_reader)
    assert run.code == 1
    assert "อ่านอย่างเดียว" in assert_one_thai_line(run.err)
    assert fingerprint(shared_plan) == before


def test_with_a_read_only_data_folder_every_command_works_or_says_why(shared_plan: Path, open_folder: Path,
                                                                      unprivileged) -> None:
    os.chmod(shared_plan.parent, 0o777)
    data = _folder(open_folder, "ข้อมูลอ่านอย่างเดียว", 0o755)
    out = _folder(open_folder, "ส่งออก", 0o777)
    book = xlsx(out / "ผด02.xlsx", project_rows([number("D{r}", 5000)]))
    os.chmod(book, 0o644)
    as_user = unprivileged(data)
    env = {"THAPLAN_DATA_DIR": str(data)}
    before = fingerprint(shared_plan)
    for args in (("info",), ("status",), ("backups",), ("export-xlsx", "--out", out / "แผน.xlsx"),
                 ("import-preview", book)):
        run = cli(*(args if args[0] == "import-preview" else (args[0], "--db", shared_plan, *args[1:])), env=env,
                  **as_user)
        assert run.code == 0, (args, run.err)
    for args in (("import", "--db", shared_plan, book), ("backup", "--db", shared_plan),
                 ("restore", "1", "--db", shared_plan)):
        run = cli(*args, env=env, **as_user)
        assert run.code == 1, (args, run.out)
        assert_one_thai_line(run.err)
    assert fingerprint(shared_plan) == before
