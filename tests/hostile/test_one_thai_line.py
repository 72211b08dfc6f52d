"""Whatever breaks — a full disk, a non-font, a damaged page, a lone surrogate, a file that may not be read,
a folder given for a file — the officer reads one Thai line saying what is wrong; never a traceback, never
an English SQL dump; and a plan comes out of it as it went in."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest
from attacks import number, project_rows, xlsx
from hostile_kit import assert_one_thai_line, cli, fingerprint

from thaplan_desktop.cli import main


def _full_after(monkeypatch: pytest.MonkeyPatch, plan: Path, pages: int) -> None:
    """Connections that write to ``plan`` find the disk full ``pages`` pages on (SQLite's own error)."""
    import thaplan_desktop.db.engine as engine

    real = sqlite3.connect

    def connect(target, *args, **kwargs):  # type: ignore[no-untyped-def]
        connection = real(target, *args, **kwargs)
        if isinstance(target, str) and "mode=rw" in target and plan.name in target:
            count = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {count + pages}")
        return connection

    monkeypatch.setattr(engine.sqlite3, "connect", connect)


def test_a_full_disk_during_an_import_rolls_back_and_says_so(tmp_path: Path, plan: Path, monkeypatch,
                                                             capsys) -> None:
    book = xlsx(tmp_path / "ผด02.xlsx", project_rows([number("D{r}", 5000 + i) for i in range(400)]))
    before = fingerprint(plan)
    _full_after(monkeypatch, plan, 2)
    assert main(["import", "--db", str(plan), str(book)]) == 1
    line = assert_one_thai_line(capsys.readouterr().err)
    assert "พื้นที่ดิสก์เต็ม" in line
    assert fingerprint(plan)[1] == [("ok",)]
    con = sqlite3.connect(plan)
    try:
        assert con.execute("SELECT count(*) FROM project WHERE name LIKE 'โครงการซ่อมถนนสายที่%'").fetchone() == (0,)
    finally:
        con.close()
    assert before[1] == [("ok",)]


def test_export_xlsx_on_a_full_disk_leaves_the_old_file_and_no_part(tmp_path: Path, plan: Path, monkeypatch,
                                                                    capsys) -> None:
    import openpyxl

    out = tmp_path / "แผน.xlsx"
    out.write_bytes(b"the workbook of last week")

    def full(self, filename):  # type: ignore[no-untyped-def]
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(filename))

    monkeypatch.setattr(openpyxl.Workbook, "save", full)
    assert main(["export-xlsx", "--db", str(plan), "--out", str(out)]) == 1
    assert "พื้นที่ดิสก์เต็ม" in assert_one_thai_line(capsys.readouterr().err)
    assert out.read_bytes() == b"the workbook of last week"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(plan.name)] == ["แผน.xlsx"]


@pytest.mark.slow
def test_a_font_that_is_no_font_is_said_so(tmp_path: Path, plan: Path) -> None:
    note = tmp_path / "แบบอักษร.ttf"
    note.write_text("ไม่ใช่แบบอักษร", encoding="utf-8")
    cut = tmp_path / "ขาด.ttf"
    cut.write_bytes(Path(__file__).parents[2].joinpath("fonts", "Laksaman.ttf").read_bytes()[:3000])
    for font in (note, cut, tmp_path):
        run = cli("export-pdf", "--db", plan, "--out", tmp_path / "แผน.pdf", "--font", font)
        assert run.code == 1
        assert "แบบอักษร" in assert_one_thai_line(run.err)
    assert not (tmp_path / "แผน.pdf").exists()


@pytest.mark.slow
def test_a_damaged_page_is_said_to_be_damaged(tmp_path: Path, plan: Path) -> None:
    con = sqlite3.connect(plan)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'project'").fetchone()[0]
    con.close()
    with plan.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * 64)
    for command in ("info", "status", "export-xlsx"):
        run = cli(command, "--db", plan, *(("--out", tmp_path / "a.xlsx") if command == "export-xlsx" else ()))
        assert run.code == 1, command
        assert "เสียหาย" in assert_one_thai_line(run.err)


@pytest.mark.slow
def test_a_lone_surrogate_in_json_is_refused_naming_the_entry(tmp_path: Path, plan: Path) -> None:
    path = tmp_path / "รายการ.json"
    path.write_text('{"ok": true, "error": null, "projects": [{"kind": "project", "name": "งาน\\ud800ถนน", '
                    '"budget": "100.00", "months": [1]}]}', encoding="utf-8")
    before = fingerprint(plan)
    for args in (("import-preview", path), ("import", "--db", plan, path)):
        run = cli(*args)
        assert run.code == 1
        assert "รายการที่ 1" in assert_one_thai_line(run.err)
    assert fingerprint(plan) == before
    assert json.loads(path.read_text(encoding="utf-8"))  # the file itself is valid JSON


@pytest.mark.slow
def test_a_folder_or_an_unreadable_file_is_said_to_be_what_it_is(tmp_path: Path, plan: Path, unprivileged) -> None:
    folder = tmp_path / "โฟลเดอร์.sqlite"
    folder.mkdir()
    for args in (("info", "--db", folder), ("import-preview", folder)):
        run = cli(*args)
        assert run.code == 1
        assert "โฟลเดอร์" in assert_one_thai_line(run.err)
    os.chmod(plan, 0o000)
    book = xlsx(tmp_path / "ผด02.xlsx", project_rows([number("D{r}", 5000)]))
    os.chmod(book, 0o000)
    as_reader = unprivileged(tmp_path)
    try:
        for args in (("info", "--db", plan), ("import-preview", book)):
            run = cli(*args, **as_reader)
            assert run.code == 1
            line = assert_one_thai_line(run.err)
            assert "สิทธิ์" in line
            assert "เสียหาย" not in line
    finally:
        os.chmod(plan, 0o644)
        os.chmod(book, 0o644)
