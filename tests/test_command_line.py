"""The command line as a user runs it: a separate process, Thai output, one-line Thai errors."""

import os
import subprocess
import sys
from decimal import Decimal

import pytest

from thaplan_desktop.cli import COMMANDS
from thaplan_desktop.demo import demo_data


def thaplan(*args, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "thaplan_desktop", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120)


def _thai(text):
    return any("\u0e00" <= c <= "\u0e7f" for c in text)


def test_version():
    result = thaplan("--version")
    assert result.returncode == 0
    assert "ThaPlan Desktop" in result.stdout


def test_demo_then_info_prints_the_totals_per_strategy_and_program(tmp_path):
    db = tmp_path / "d.sqlite"
    assert thaplan("demo", "--db", db, "--year", "2563", "--today", "2563-05-15").returncode == 0
    result = thaplan("info", "--db", db)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    data = demo_data()
    projects, equipment = data["projects"], data["equipment"]
    total = sum(Decimal(p["budget"]) for p in projects)
    assert "องค์การบริหารส่วนตำบลท่าสะท้อน" in out
    assert "ปีงบประมาณ 2563" in out
    for strategy in data["strategies"]:
        assert strategy["name"] in out
        for program in strategy["programs"]:
            assert program["name"] in out
    grand = next(line for line in out.splitlines() if line.startswith("รวมทั้งสิ้น")).split()
    assert grand[1] == str(len(projects))
    assert grand[2] == "100.00"
    assert grand[4] == "100.00"
    assert Decimal(grand[3].replace(",", "")) == total
    equipment_budget = sum(Decimal(p["budget"]) for p in equipment)
    assert f"ครุภัณฑ์ (ผด.02/1): {len(equipment)} รายการ งบประมาณ {equipment_budget:,.0f} บาท" in out


def test_new_creates_an_empty_plan(tmp_path):
    db = tmp_path / "n.sqlite"
    result = thaplan("new", "--db", db, "--name", "เทศบาลตำบลท่าข้าม", "--district", "อำเภอพุนพิน",
                     "--province", "สุราษฎร์ธานี", "--year", "2568")
    assert result.returncode == 0, result.stderr
    info = thaplan("info", "--db", db).stdout
    assert "เทศบาลตำบลท่าข้าม อำเภอพุนพิน จังหวัดสุราษฎร์ธานี" in info
    assert "ปีงบประมาณ 2568 ฉบับหลัก" in info


def test_existing_files_are_not_overwritten_without_force(tmp_path):
    db = tmp_path / "d.sqlite"
    db.write_text("precious")
    result = thaplan("demo", "--db", db)
    assert result.returncode != 0
    assert db.read_text() == "precious"
    assert "--force" in result.stderr
    assert thaplan("demo", "--db", db, "--force").returncode == 0
    assert thaplan("info", "--db", db).returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ("info",),  # --db missing
        ("info", "--db", "/nonexistent/x.sqlite"),
        ("info", "--db", "{bad}"),
        ("info", "--db", "{demo}", "--year", "2570"),
        ("info", "--db", "{demo}", "--edition", "5"),
        ("new", "--db", "{new}", "--name", "อบต.", "--district", "ก", "--province", "ข", "--year", "63"),
        ("new", "--db", "{new}", "--name", " ", "--district", "ก", "--province", "ข", "--year", "2563"),
        ("bogus",),
    ],
)
def test_errors_are_one_thai_line_without_traceback(tmp_path, demo_db, args):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all")
    args = [a.format(bad=bad, demo=demo_db, new=tmp_path / "new.sqlite") for a in args]
    result = thaplan(*args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert _thai(lines[0])
    assert "Traceback" not in result.stderr


def test_info_imports_neither_qt_nor_the_exporters_nor_the_word_list(tmp_path, demo_db):
    """``thaplan info`` starts fast: it loads none of the big libraries the other commands use."""
    heavy = ("PySide6", "shiboken6", "reportlab", "openpyxl", "pythainlp", "uharfbuzz", "python_calamine", "xlrd")
    code = ("import sys; from thaplan_desktop.cli import main; code = main(['info', '--db', sys.argv[1]]);"
            f"loaded = sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r}));"
            "assert code == 0 and not loaded, f'info imported {loaded}'")
    result = subprocess.run([sys.executable, "-c", code, str(demo_db)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "รวมทั้งสิ้น" in result.stdout


@pytest.mark.parametrize("name", sorted(command.name for command in COMMANDS))
def test_every_subcommand_shows_its_thai_help(name, capsys):
    from thaplan_desktop.cli import main

    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    assert _thai(capsys.readouterr().out)


ENGLISH_ARGPARSE = ("usage", "options", "positional arguments", "show this help", "invalid", "argument",
                    "required", "expected", "choose from", "error")


def test_a_christian_era_year_is_taken_as_buddhist_era_and_said(demo_db):
    result = thaplan("info", "--db", demo_db, "--year", "2020")
    assert result.returncode == 0, result.stderr
    assert "พ.ศ. 2563" in result.stderr
    assert "ปีงบประมาณ 2563" in result.stdout


@pytest.mark.parametrize("year", ["abc", "25x3", "99999"])
def test_a_bad_year_is_one_thai_line_without_argparse_english(demo_db, year):
    result = thaplan("info", "--db", demo_db, "--year", year)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert _thai(line)
    assert not any(word in line.lower() for word in ENGLISH_ARGPARSE), line


def test_unknown_options_and_missing_arguments_speak_thai_only(demo_db):
    for args in (["info", "--db", demo_db, "--bogus"], ["export-pdf", "--db", demo_db], ["restore"]):
        result = thaplan(*args)
        assert result.returncode == 2
        [line] = result.stderr.strip().splitlines()
        assert _thai(line)
        assert not any(word in line.lower() for word in ENGLISH_ARGPARSE), line


@pytest.mark.parametrize("args", [["--help"], ["info", "--help"], ["db", "upgrade", "--help"]])
def test_help_has_thai_headings(args):
    result = thaplan(*args)
    assert result.returncode == 0
    assert "วิธีใช้:" in result.stdout
    assert "ตัวเลือก" in result.stdout
    assert not any(word in result.stdout for word in ("usage:", "options:", "positional arguments", "show this"))


def test_a_missing_edition_is_named_in_thai_not_main(demo_db):
    main_missing = thaplan("info", "--db", demo_db, "--year", "2570")
    additional_missing = thaplan("info", "--db", demo_db, "--edition", "5")
    assert "ไม่พบแผนฉบับหลัก ของปีงบประมาณ 2570" in main_missing.stderr
    assert "ไม่พบแผนฉบับเพิ่มเติมที่ 5" in additional_missing.stderr
    assert "main" not in main_missing.stderr + additional_missing.stderr


def test_output_into_a_closed_pipe_ends_quietly(demo_db):
    read_end, write_end = os.pipe()
    os.close(read_end)  # like ``| head`` that has already exited
    try:
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)
        result = subprocess.run([sys.executable, "-m", "thaplan_desktop", "info", "--db", str(demo_db)],
                                stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == 0
    assert result.stderr == ""


def _files(folder):
    """The folder's files and contents, but SQLite's own shared-memory index and empty log of a reader."""
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(("-shm", "-wal"))}


@pytest.mark.parametrize("command", [["status"], ["info"], ["export-xlsx", "--out", "{out}/plan.xlsx"]])
def test_reading_commands_write_nothing_no_backup_no_lock(tmp_path, demo_db, command):
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    plan = plan_dir / "plan.sqlite"
    plan.write_bytes(demo_db.read_bytes())
    data_dir = tmp_path / "data"
    before = _files(plan_dir)
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(out=out) for a in command]
    result = thaplan(*args, "--db", plan, env_extra={"THAPLAN_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stderr
    assert _files(plan_dir) == before  # the plan unchanged, no lock file
    assert all(p.stat().st_size == 0 for p in plan_dir.glob("*-wal"))
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").rglob("*.sqlite"))


def test_an_old_plan_is_refused_by_reading_commands_and_upgraded_by_db_upgrade(tmp_path):
    from pathlib import Path

    first = Path(__file__).parent / "data" / "schema_0001_demo.sqlite"
    plan = tmp_path / "old.sqlite"
    plan.write_bytes(first.read_bytes())
    env = {"THAPLAN_DATA_DIR": str(tmp_path / "data")}
    for args in (["info"], ["status"], ["export-xlsx", "--out", tmp_path / "x.xlsx"]):
        refused = thaplan(*args, "--db", plan, env_extra=env)
        assert refused.returncode == 1
        [line] = refused.stderr.strip().splitlines()
        assert "thaplan db upgrade" in line
        assert plan.read_bytes() == first.read_bytes()
    upgraded = thaplan("db", "upgrade", "--db", plan, env_extra=env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "สำรองไฟล์เดิมไว้ที่" in upgraded.stdout
    assert any((tmp_path / "data" / "backups").rglob("*.sqlite"))
    assert thaplan("info", "--db", plan, env_extra=env).returncode == 0
    again = thaplan("db", "upgrade", "--db", plan, env_extra=env)
    assert "รุ่นล่าสุดแล้ว" in again.stdout


def test_the_window_without_a_display_says_so_in_one_thai_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["THAPLAN_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "thaplan_desktop", "--demo"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "ไม่พบหน้าจอแสดงผล" in line
    assert "core dumped" not in result.stderr
    assert "qt.qpa" not in result.stderr


def test_info_prints_each_percentage_as_its_own_fraction(demo_db):
    """Two programs of four projects each both print 4.26 (they printed 4.26 and 4.25), and a strategy's
    รวม is its own share: 17 of 94 is 18.09 (it printed 18.08, the sum of its programs' rounded shares)."""
    out = thaplan("info", "--db", demo_db).stdout.splitlines()
    counts = {}
    for line in out:
        parts = line.split()
        if len(parts) >= 5 and parts[-4].isdigit() and parts[-3].replace(".", "").isdigit():
            counts.setdefault(int(parts[-4]), set()).add(parts[-3])
    assert counts[4] == {"4.26"}
    assert counts[17] == {"18.09"}
    assert all(len(shares) == 1 for shares in counts.values()), counts
