"""``thaplan export-pdf``: the options, the file written, one Thai line on errors."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from thaplan_desktop.cli import exports


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    exports.add_export_pdf_arguments(parser)
    return parser.parse_args(list(argv))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from demo_state import DEMO_TODAY, DEMO_YEAR

    from thaplan_desktop.demo import build_demo

    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    build_demo(path, fiscal_year=DEMO_YEAR, today=DEMO_TODAY).close()
    return path


def test_defaults() -> None:
    args = _args("--db", "plan.sqlite", "--out", "plan.pdf")
    assert args.edition == "main"
    assert args.year is None
    assert args.font == "auto"
    assert args.subtotals is True
    assert args.announcement is True
    assert args.thai_digits is False


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_export_with_thai_digits(demo_db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan.pdf"
    code = exports.run_export_pdf(_args("--db", str(demo_db), "--year", "2563", "--out", str(out),
                                        "--thai-digits", "--font", "laksaman", "--quiet"))
    assert code == 0
    assert out.is_file()
    assert "หน้า" in capsys.readouterr().out
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "๒๕๖๓" in text


def test_missing_font_file_is_one_thai_line(demo_db: Path, tmp_path: Path, capsys) -> None:
    code = exports.run_export_pdf(_args("--db", str(demo_db), "--out", str(tmp_path / "x.pdf"), "--font",
                         str(tmp_path / "none.ttf"), "--quiet"))
    assert code == 1
    assert "ไม่พบไฟล์แบบอักษร" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


# --- drafts and announced editions ------------------------------------------------------------------------

def _text(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def plan_copy(demo_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "plan.sqlite"
    shutil.copy(demo_db, target)
    return target


def test_a_draft_says_so_until_thaplan_announce_then_prints_its_announcement(plan_copy: Path, tmp_path: Path,
                                                                             capsys) -> None:
    from thaplan_desktop.cli import main

    draft = tmp_path / "draft.pdf"
    assert exports.run_export_pdf(_args("--db", str(plan_copy), "--edition", "1", "--out", str(draft),
                                        "--font", "laksaman", "--quiet")) == 0
    assert "ร่าง" in capsys.readouterr().out  # the command says the export is a draft
    text = _text(draft)
    assert text.count("ร่าง") >= len(text.split("\f")) - 1  # on every page
    assert "ประกาศ ณ วันที่" not in text
    assert main(["announce", "--db", str(plan_copy), "--edition", "1", "--date", "2563-05-14"]) == 0
    final = tmp_path / "final.pdf"
    assert exports.run_export_pdf(_args("--db", str(plan_copy), "--edition", "1", "--out", str(final),
                                        "--font", "laksaman", "--quiet")) == 0
    assert "ร่าง" not in capsys.readouterr().out
    assert "ประกาศ ณ วันที่ 14 พฤษภาคม พ.ศ. 2563" in _text(final)


def test_the_announced_main_edition_may_count_its_equipment_in_the_summary(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "main.pdf"
    assert exports.run_export_pdf(_args("--db", str(demo_db), "--out", str(out), "--font", "laksaman", "--quiet",
                                        "--summary-with-equipment")) == 0
    assert "ประกาศ ณ วันที่ 13 กันยายน พ.ศ. 2562" in _text(out)
    layout = _text(out, "-layout")
    grand = next(ln for ln in layout.splitlines() if ln.strip().startswith("รวมทั้งสิ้น") and "100.00" in ln)
    assert grand.split()[1] == "111"  # 94 projects and 17 equipment items
