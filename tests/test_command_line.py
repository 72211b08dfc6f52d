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
    assert thaplan("demo", "--db", db).returncode == 0
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
