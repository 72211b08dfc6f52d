"""Names no one should type still print: 200 tone marks on one letter (issue 17, item 12) and control
characters an older ThaPlan stored (item 7) leave an official document of the usual length whose text layer
reads back as Thai, with a ToUnicode map in which no glyph stands for more than a cluster."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import zlib
from pathlib import Path

import pytest
from hostile_kit import cli, fingerprint

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler)")]

STACKED = "โครงการก" + "\u0e48" * 200 + "ซ่อมถนน"  # ก and 200 mai ek, then more words
ZALGO = "Road" + "\u0301\u0300" * 60 + "Repair"
CONTROLS = "โครงการ\x00ซ่อม\x1b[2J\x07ถนน\x08\x7f\x9b"


def _rename(db: Path, names: list[str]) -> None:
    con = sqlite3.connect(db)
    with con:
        ids = [row[0] for row in con.execute("SELECT id FROM project ORDER BY id LIMIT ?", (len(names),))]
        for project_id, name in zip(ids, names, strict=True):
            con.execute("UPDATE project SET name = ? WHERE id = ?", (name, project_id))
    con.close()


def _export(db: Path, out: Path) -> tuple[int, str]:
    run = cli("export-pdf", "--db", db, "--out", out, "--font", "laksaman", "--quiet")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", pages).group(1)), text.decode("utf-8")  # type: ignore[union-attr]


def _longest_mapping(pdf: Path) -> int:
    """The most UTF-16 units one glyph code stands for in the file's ToUnicode maps."""
    data = pdf.read_bytes()
    longest = 0
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        body = stream.group(1)
        try:
            body = zlib.decompress(body)
        except zlib.error:
            pass
        if b"beginbfchar" not in body:
            continue
        for dst in re.findall(rb"<[0-9A-F]+>\s*<([0-9A-F]*)>", body):
            longest = max(longest, len(dst) // 4)
    return longest


def test_stacked_marks_print_capped_on_a_page_of_the_usual_length(tmp_path: Path, plan: Path) -> None:
    usual = tmp_path / "usual.sqlite"
    shutil.copy(plan, usual)
    _rename(usual, ["โครงการก่ซ่อมถนน", "RoadRepair"])
    _rename(plan, [STACKED, ZALGO])
    before = fingerprint(plan)
    usual_pages, _ = _export(usual, tmp_path / "usual.pdf")
    pages, text = _export(plan, tmp_path / "stacked.pdf")
    assert pages <= usual_pages + 1
    assert "โครงการก\u0e48\u0e48ซ่อมถนน" in text  # the letter keeps two marks above, the words after it stay
    assert "\u0e48" * 3 not in text
    assert re.search("Road[\u0300-\u036f]{1,3}Repair", text)
    assert "\ufffd" not in text
    assert _longest_mapping(tmp_path / "stacked.pdf") <= 8
    assert fingerprint(plan) == before


def test_a_plan_holding_control_characters_exports_its_pdf_without_them(tmp_path: Path, plan: Path) -> None:
    _rename(plan, [CONTROLS])
    con = sqlite3.connect(plan)  # as an older ThaPlan stored them
    with con:
        con.execute("UPDATE organisation SET name = ?", ("อบต.\x1b]0;pwned\x07ทดสอบ",))
    con.close()
    pages, text = _export(plan, tmp_path / "plan.pdf")
    assert pages > 10
    assert not any(ch < " " and ch not in "\t\n\f" or "\x7f" <= ch <= "\x9f" for ch in text)
    assert "ซ่อม" in text
    assert "อบต." in text
