"""The exported forms survive LibreOffice: saved again as .xlsx and as .ods, they read back the same.

Departments open what we send in whatever they have; LibreOffice rewrites the arrows in its own way.
Skipped where LibreOffice (soffice) is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from xlsx_plans import small_plan

from thaplan_desktop.exporting.xlsx import export_forms
from thaplan_desktop.importing import read_file

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")]


def convert(source: Path, target_format: str, out_dir: Path) -> Path:
    out_dir.mkdir(exist_ok=True)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{out_dir}/profile", "--convert-to",
                    target_format, "--outdir", str(out_dir), str(source)], check=True, capture_output=True,
                   timeout=240)
    return out_dir / f"{source.stem}.{target_format.split(':')[0]}"


@pytest.mark.parametrize("fmt", ["ods", "xlsx:Calc MS Excel 2007 XML"])
def test_resaved_by_libreoffice(tmp_path: Path, fmt: str) -> None:
    original = tmp_path / "plan.xlsx"
    export_forms(small_plan(), original)
    resaved = convert(original, fmt, tmp_path / "lo")
    expected = [p.to_json_dict() for p in read_file(original).projects]
    assert [p.to_json_dict() for p in read_file(resaved).projects] == expected
