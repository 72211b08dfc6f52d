"""Benchmark: time and peak memory of ``thaplan import-preview --json`` on big and hostile files (target ≤ 300 MB).

Each figure is one new process (``python -m thaplan_desktop import-preview --json FILE``, output thrown
away): its wall time and its peak resident memory (``ru_maxrss``). The files are written here, directly as
XML in their zip packages (openpyxl would need gigabytes for the largest):

- honest ผด.02 workbooks of 1,000 / 10,000 / 50,000 / 200,000 project rows shaped like
  ``bench_import_preview.py``'s (two-level header, merged headings, fills, text marks, continuation rows,
  subtotals as formulas without a stored value);
- the three attack files of issue 17: a 2 MB .xlsx holding one shared string of 2 GiB, a 107 KB .xlsx with
  one cell in column XFD on each of 20,000 rows, and a 1 KB .ods of one cell repeated 41 million times.

``--source DIR`` runs another checkout's package (e.g. ``git archive`` of an older commit) for a "before"
column; ``--limit-gb`` caps each process's address space so that a reader that would take gigabytes stops
there (its figure is then the cap). Run: ``python bench/bench_import_memory.py [--rows 1000,10000]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

TARGET_MB = 300
ROOT = Path(__file__).resolve().parents[1]
MONTHS = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="ผด.02" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
STYLES = (  # style 1: bordered text; style 2: a grey fill
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN}">'
    '<fonts count="1"><font><sz val="14"/><name val="TH SarabunPSK"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFBFBFBF"/></patternFill></fill></fills>'
    '<borders count="2"><border/><border><left style="thin"/><right style="thin"/><top style="thin"/>'
    '<bottom style="thin"/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" applyBorder="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" applyFill="1"/></cellXfs></styleSheet>')


def _letters(c: int) -> str:
    text = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        text = chr(65 + rem) + text
    return text


def _package(path: Path, sheet: Callable[[zipfile.ZipFile], None], strings: list[str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", STYLES)
        zf.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
                    + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
        sheet(zf)


class _Strings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))


def build_honest(path: Path, n_projects: int) -> None:
    """A ผด.02 of ``n_projects`` rows, as Excel saves one (shared strings, styles, merges)."""
    strings = _Strings()
    merges: list[str] = []

    def text(r: int, c: int, value: str, style: int = 1) -> str:
        return f'<c r="{_letters(c)}{r}" s="{style}" t="s"><v>{strings(value)}</v></c>'

    def number(r: int, c: int, value: int, style: int = 1) -> str:
        return f'<c r="{_letters(c)}{r}" s="{style}"><v>{value}</v></c>'

    def write_sheet(zf: zipfile.ZipFile) -> None:
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            def out(s: str) -> None:
                fh.write(s.encode("utf-8"))

            out(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}"><sheetData>')
            out(f'<row r="1">{text(1, 17, "แบบ ผด.02", 0)}</row><row r="2">{text(2, 0, "บัญชีโครงการ/กิจกรรม/งบประมาณ", 0)}</row>'
                f'<row r="3">{text(3, 0, "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563", 0)}</row>')
            labels = ("ที่", "โครงการ", "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ", "งบประมาณ (บาท)",
                      "สถานที่ดำเนินการ", "หน่วยงานรับผิดชอบหลัก")
            out('<row r="5">' + "".join(text(5, j, label) for j, label in enumerate(labels))
                + text(5, 6, "พ.ศ. 2562") + text(5, 9, "พ.ศ. 2563") + "</row>")
            out('<row r="6">' + "".join(text(6, 6 + m, name) for m, name in enumerate(MONTHS)) + "</row>")
            merges.extend(f"{_letters(j)}5:{_letters(j)}6" for j in range(6))
            merges.extend(("G5:I5", "J5:R5"))
            r, done, block = 7, 0, 0
            while done < n_projects:
                block += 1
                for heading in (f"{block}. ยุทธศาสตร์การพัฒนาที่ {block}", f"{block}.1 แผนงานเคหะและชุมชน"):
                    out(f'<row r="{r}">{text(r, 0, heading)}</row>')
                    merges.append(f"A{r}:R{r}")
                    r += 1
                first_row = r
                for i in range(1, 51):
                    if done >= n_projects:
                        break
                    budget = (done % 50 + 1) * 10000
                    cells = [number(r, 0, i), text(r, 1, f"โครงการก่อสร้างถนน ค.ส.ล. หมู่ที่ {i % 9 + 1} สายที่ {done}"),
                             text(r, 2, "ผิวจราจรกว้าง 5 เมตร ยาว 150 เมตร หนา 0.15 เมตร หรือพื้นที่ไม่น้อยกว่า 750 ตารางเมตร"),
                             text(r, 3, f"{budget:,}") if done % 3 else number(r, 3, budget),
                             text(r, 4, f"บ้านหมู่ที่ {i % 9 + 1}"), text(r, 5, "กองช่าง")]
                    first = done % 10
                    for m in range(first, first + 3):
                        cells.append(f'<c r="{_letters(6 + m)}{r}" s="2"/>' if done % 2 else text(r, 6 + m, "◄►"))
                    out(f'<row r="{r}">' + "".join(cells) + "</row>")
                    r += 1
                    if i % 7 == 0:
                        out(f'<row r="{r}">{text(r, 1, "(ต่อ) รายละเอียดเพิ่มเติม")}</row>')
                        r += 1
                    done += 1
                out(f'<row r="{r}">{text(r, 1, "รวม")}<c r="D{r}"><f>SUM(D{first_row}:D{r - 1})</f></c></row>')
                r += 1
            out("</sheetData><mergeCells>" + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
                + "</mergeCells></worksheet>")

    _package(path, write_sheet, [])
    # the shared strings are known only now: write the package again with them (cheap beside the sheet)
    strings_list = sorted(strings.index, key=strings.index.__getitem__)
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        sheet_copy = Path(folder) / "sheet.xml"
        with zipfile.ZipFile(path) as zin:
            with zin.open("xl/worksheets/sheet1.xml") as src, sheet_copy.open("wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)

        def copy_sheet(zf: zipfile.ZipFile) -> None:
            with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh, sheet_copy.open("rb") as src:
                while chunk := src.read(1 << 20):
                    fh.write(chunk)

        _package(path, copy_sheet, strings_list)


# The attack files are the hostile suite's own (tests/hostile/attacks.py), at the sizes.
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
import attacks  # noqa: E402


def build_shared_string_bomb(path: Path, gib: float = 2.0) -> None:
    """One shared string of ``gib`` GiB (a 2 MB file), used by a cell under a project header."""
    rows = ['<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>3</v></c></row>',
            '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>0</v></c><c r="C2"><v>1000</v></c></row>']
    attacks.xlsx(path, rows, shared=["ที่", "โครงการ", "งบประมาณ"], shared_gib=gib)


def build_sparse_xfd(path: Path, rows: int = 20_000) -> None:
    """One cell in column XFD (the last) on each of ``rows`` rows."""
    attacks.xlsx(path, (f'<row r="{r}">{attacks.text(f"XFD{r}", "x")}</row>' for r in range(1, rows + 1)))


def build_repeated_ods(path: Path, rows: int = 40_000, cols: int = 1024) -> None:
    """One text cell repeated ``cols`` times in a row repeated ``rows`` times (41 million cells in 1 KB)."""
    attacks.ods(path, f'<table:table-row table:number-rows-repeated="{rows}">'
                      f'{attacks.ods_cell("โครงการ", repeat=cols)}</table:table-row>')


def measure(path: Path, source: Path, limit_gb: float) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one ``import-preview --json`` process on ``path``."""
    env = dict(os.environ, PYTHONPATH=str(source))
    limit = int(limit_gb * (1 << 30))

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "thaplan_desktop", "import-preview", "--json", str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, preexec_fn=cap,
                               cwd=source)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    """Print the table; exit 1 when any figure of this checkout passes the memory target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000,10000,50000,200000", help="sizes of the honest workbooks")
    parser.add_argument("--source", type=Path, default=None, help="another checkout to measure beside this one")
    parser.add_argument("--limit-gb", type=float, default=4.0, help="address-space cap of each process")
    parser.add_argument("--no-attacks", action="store_true", help="honest workbooks only")
    args = parser.parse_args()
    cases: list[tuple[str, Callable[[Path], None], str]] = [
        (f"{int(n):,} rows (.xlsx)", lambda p, n=int(n): build_honest(p, n), "xlsx") for n in args.rows.split(",") if n]
    if not args.no_attacks:
        cases += [("2 GiB shared string (.xlsx)", build_shared_string_bomb, "xlsx"),
                  ("XFD on 20,000 rows (.xlsx)", build_sparse_xfd, "xlsx"),
                  ("41 million repeated cells (.ods)", build_repeated_ods, "ods")]
    sources = [("now", ROOT)] + ([("before", args.source.resolve())] if args.source else [])
    header = f"{'file':34} {'size':>9} " + " ".join(f"{label + ' s':>10} {label + ' MB':>10} {'exit':>4}"
                                                      for label, _src in sources)
    print(header)
    print("-" * len(header))
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for label, build, suffix in cases:
            path = Path(folder) / f"case.{suffix}"
            build(path)
            line = f"{label:34} {path.stat().st_size / 1024:>7,.0f} K "
            for which, source in sources:
                seconds, peak, code = measure(path, source, args.limit_gb)
                if which == "now":
                    worst = max(worst, peak)
                line += f"{seconds:>10.2f} {peak:>10.0f} {code:>4} "
            print(line.rstrip(), flush=True)
            path.unlink()
    print(f"peak memory of this checkout: {worst:.0f} MB; target ≤ {TARGET_MB} MB")
    return 0 if worst <= TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
