"""OpenDocument spreadsheets: values through calamine, merges and shaded month cells from the styles."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from import_builders import MONTHS, STANDARD_LABELS, write_ods

from thaplan_desktop.importing import read_file


def test_ods_with_merged_two_level_header_and_shaded_months(tmp_path: Path) -> None:
    header = [*STANDARD_LABELS, "พ.ศ. 2562", None, None, "พ.ศ. 2563", *[None] * 8]
    months = [None] * 6 + list(MONTHS)
    rows = [
        ["บัญชีโครงการ/กิจกรรม/งบประมาณ"],
        header,
        months,
        ["1. ยุทธศาสตร์การพัฒนาคน"],
        ["1.1 แผนงานสาธารณสุข"],
        [1, "โครงการพ่นหมอกควัน", "ทุก 7 วัน", "60,000", "ทุกหมู่บ้าน", "กองสาธารณสุขและสิ่งแวดล้อม"],
    ]
    spans = {(1, c): (2, 1) for c in range(6)}
    spans[(1, 6)] = (1, 3)
    spans[(1, 9)] = (1, 9)
    spans[(3, 0)] = (1, 18)
    spans[(4, 0)] = (1, 18)
    path = tmp_path / "health.ods"
    write_ods(path, "สาธารณสุข", rows, spans=spans, filled=[(5, 6 + 7), (5, 6 + 8)])
    (p,) = read_file(path).projects
    assert (p.name, p.budget, p.strategy, p.plan, p.months) == (
        "โครงการพ่นหมอกควัน", Decimal("60000.00"), "ยุทธศาสตร์การพัฒนาคน", "แผนงานสาธารณสุข", frozenset({8, 9}))


def test_ods_lines_drawn_over_month_cells(tmp_path: Path) -> None:
    rows = [[*STANDARD_LABELS, *MONTHS], [1, "โครงการ", "", 500, "", "กองคลัง"], [2, "โครงการ ข", "", 700, "", "กองคลัง"]]
    # months start in column G (x = 6 in); row 2 (0-based 1) spans y = 0.25–0.5 in
    path = tmp_path / "lines.ods"
    write_ods(path, "ผด.02", rows, lines=[(9.1, 0.375, 11.9, 0.375), (6.2, 0.625, 6.8, 0.625)])
    a, b = read_file(path).projects
    assert a.months == frozenset({4, 5, 6})
    assert b.months == frozenset({1})
