"""Samples saved again by LibreOffice as .xls and .ods still read exactly as expected.

This checks the legacy and OpenDocument paths on real layouts: fills through xlrd, arrows through the
BIFF8 drawing records and through OpenDocument shapes. Needs LibreOffice (``.ci/setup`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from preview_expected import assert_has_expected, preview
from sample_files import expected, sample

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NAMES = ["khaohuakhwai_health_arrows", "tapan_samnakpalad_pd02", "tapan_equipment_pd021", "thakham_ks_kh_thai"]
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (bash .ci/setup installs it)")]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lo")
    sources = [str(sample(f"{n}.xlsx")) for n in NAMES]
    for fmt in ("xls", "ods"):
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                        fmt, "--outdir", str(folder), *sources], check=True, capture_output=True, timeout=300)
    return folder


@pytest.mark.parametrize("fmt", ["xls", "ods"])
@pytest.mark.parametrize("name", NAMES)
def test_resaved_sample(converted: Path, name: str, fmt: str) -> None:
    code, got = preview(converted / f"{name}.{fmt}")
    assert code == 0
    assert_has_expected(got, expected(name))
