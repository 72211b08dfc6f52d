"""The largest budgets a plan may hold print whole in the PDF (issue 17, item 10): every project at
999,999,999,999.99 baht, the strategies' and the plan's totals of them on ผด.01 and ผด.02 set in their
columns, never over the next one, never broken over two lines."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from hostile_kit import cli

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler)")]

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d\d")


def _overlaps(boxes: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Amounts whose box runs into another word's on the same line (an amount wider than its column)."""
    found = []
    for x0, y0, x1, y1, word in boxes:
        if not _AMOUNT.fullmatch(word):
            continue
        middle = (y0 + y1) / 2
        found.extend((word, other) for u0, v0, u1, v1, other in boxes
                     if (u0, v0, other) != (x0, y0, word) and v0 < middle < v1 and u0 < x1 - 0.5 and x0 < u1 - 0.5)
    return found


def test_the_largest_totals_fit_their_columns(tmp_path: Path, plan: Path) -> None:
    con = sqlite3.connect(plan)
    with con:
        con.execute("UPDATE project SET budget_satang = 99999999999999")  # 999,999,999,999.99 baht each
    con.close()
    out = tmp_path / "plan.pdf"
    run = cli("export-pdf", "--db", plan, "--out", out, "--font", "laksaman", "--quiet")
    assert run.code == 0, run.err
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    amounts = set(re.findall(r"\d{1,3}(?:,\d{3}){3,}\.\d\d", text))
    assert "999,999,999,999.99" in amounts
    assert max(map(len, amounts)) >= len("93,999,999,999,999.06"), amounts  # the plan's total, whole
    bbox = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for number, page in enumerate(bbox.split("<page ")[1:], start=1):
        boxes = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(page)]
        assert _overlaps(boxes) == [], f"page {number}"
