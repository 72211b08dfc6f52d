"""Benchmark: ``thaplan import-preview --json`` of a 1,000-row ผด.02 workbook (target ≤ 1.5 s).

Builds the workbook once (two-level header, merged headings, fills, text marks, continuation rows and
subtotals), then times the whole preview in this process and as a fresh command-line process.
Run: ``python bench/bench_import_preview.py``.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

TARGET_SECONDS = 1.5
MONTHS = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.")


def build(path: Path, n_projects: int = 1000) -> None:
    """A realistic ผด.02 with ``n_projects`` project rows (and headings, subtotals, continuations)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ผด.02"
    ws["R1"] = "แบบ ผด.02"
    ws["A2"] = "บัญชีโครงการ/กิจกรรม/งบประมาณ"
    ws["A3"] = "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"
    labels = ("ที่", "โครงการ", "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ", "งบประมาณ (บาท)", "สถานที่ดำเนินการ",
              "หน่วยงานรับผิดชอบหลัก")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="TH SarabunPSK", size=14)
    for j, label in enumerate(labels, start=1):
        ws.cell(5, j, label)
        ws.merge_cells(start_row=5, start_column=j, end_row=6, end_column=j)
    ws.cell(5, 7, "พ.ศ. 2562")
    ws.merge_cells("G5:I5")
    ws.cell(5, 10, "พ.ศ. 2563")
    ws.merge_cells("J5:R5")
    for m, name in enumerate(MONTHS):
        ws.cell(6, 7 + m, name)
    fill = PatternFill("solid", fgColor="BFBFBF")
    r = 7
    done = 0
    block = 0
    while done < n_projects:
        block += 1
        ws.cell(r, 1, f"{block}. ยุทธศาสตร์การพัฒนาที่ {block}")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=18)
        r += 1
        ws.cell(r, 1, f"{block}.1 แผนงานเคหะและชุมชน")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=18)
        r += 1
        for i in range(1, 51):
            if done >= n_projects:
                break
            values = (i, f"โครงการก่อสร้างถนน ค.ส.ล. หมู่ที่ {i % 9 + 1} สายที่ {done}",
                      "ผิวจราจรกว้าง 5 เมตร ยาว 150 เมตร หนา 0.15 เมตร หรือพื้นที่ไม่น้อยกว่า 750 ตารางเมตร",
                      f"{(done % 50 + 1) * 10000:,}" if done % 3 else (done % 50 + 1) * 10000,
                      f"บ้านหมู่ที่ {i % 9 + 1}", "กองช่าง")
            for j, value in enumerate(values, start=1):
                cell = ws.cell(r, j, value)
                cell.font = font
                cell.border = border
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            first = done % 10
            for m in range(first, first + 3):
                if done % 2:
                    ws.cell(r, 7 + m).fill = fill
                else:
                    ws.cell(r, 7 + m, "◄►")
            r += 1
            if i % 7 == 0:
                ws.cell(r, 2, "(ต่อ) รายละเอียดเพิ่มเติม")
                r += 1
            done += 1
        ws.cell(r, 2, "รวม")
        ws.cell(r, 4, f"=SUM(D{r - 50}:D{r - 1})")
        r += 1
    wb.save(path)


def main() -> int:
    """Print the figures; exit 1 when the in-process time misses the target."""
    from thaplan_desktop.cli.imports import run_import_preview

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.xlsx"
        build(path)
        runs = []
        count = 0
        for _ in range(3):
            out = io.StringIO()
            start = time.perf_counter()
            run_import_preview(argparse.Namespace(file=str(path), json=True), out=out)
            runs.append(time.perf_counter() - start)
            count = out.getvalue().count('"kind"')
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "thaplan_desktop", "import-preview", "--json", str(path)],
                       check=True, capture_output=True)
        process = time.perf_counter() - start
    best = min(runs)
    print(f"import-preview 1,000-row workbook: {best:.2f} s in process (best of 3, {count} projects), "
          f"{process:.2f} s as a new process; target ≤ {TARGET_SECONDS} s")
    return 0 if best <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
