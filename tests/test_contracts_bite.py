"""Each import-linter contract bites: a probe import that breaks DESIGN.md makes ``lint-imports`` fail.

A contract that never fails protects nothing. Each probe writes one forbidden import into a scratch copy
of the package and runs ``lint-imports`` on the copy with the repository's own configuration; the named
contract must come out broken. The other tests check that no top-level module escapes the contracts.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "thaplan_desktop"
CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACTS = {c["id"]: c for c in CONFIG["tool"]["importlinter"]["contracts"]}

# (contract ids that must break, module file to change, the import written into it)
PROBES = [
    (["qt"], "paths.py", "import PySide6.QtCore"),
    (["qt"], "workspace/core.py", "from PySide6 import QtCore"),
    (["ui-private", "qt"], "exporting/form_content.py", "import thaplan_desktop.ui.columns"),
    (["ui-private"], "cli/plan.py", "import thaplan_desktop.ui.session"),
    (["db-private"], "ui/grid/model.py", "import thaplan_desktop.db.models"),
    (["db-private"], "importing/staged.py", "from thaplan_desktop.db import queries"),
    (["domain"], "domain/money.py", "import sqlalchemy"),
    (["domain"], "domain/model.py", "import thaplan_desktop.workspace"),
    (["tracking"], "tracking/status.py", "import sqlalchemy"),
    (["tracking", "layers"], "tracking/report.py", "import thaplan_desktop.workspace"),
    (["layers"], "tracking/views.py", "import thaplan_desktop.exporting.form_content"),
    (["layers"], "db/engine.py", "import thaplan_desktop.workspace"),
    (["layers"], "importing/staged.py", "import thaplan_desktop.exporting.form_content"),
    (["layers"], "workspace/core.py", "import thaplan_desktop.workflow.steps"),
]


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([lint, "--no-cache", "--config", str(root / "pyproject.toml")], cwd=root, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("probe")
    shutil.copytree(PACKAGE, root / "thaplan_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_scratch_copy_keeps_every_contract(scratch: Path) -> None:
    result = _lint(scratch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(CONTRACTS)} kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("broken", "module", "line"), PROBES, ids=[f"{p[1]}: {p[2]}" for p in PROBES])
def test_a_forbidden_import_breaks_its_contract(scratch: Path, broken: list[str], module: str,
                                                line: str) -> None:
    target = scratch / "thaplan_desktop" / module
    original = target.read_text(encoding="utf-8")
    target.write_text(original + f"\n{line}  # probe\n", encoding="utf-8")
    try:
        result = _lint(scratch)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode != 0, result.stdout
    report = "".join(result.stdout.split())  # lint-imports wraps long names, sometimes eating a space
    for contract_id in broken:
        assert "".join(CONTRACTS[contract_id]["name"].split()) + "BROKEN" in report, result.stdout


def _top_level_modules() -> set[str]:
    names = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    return {f"thaplan_desktop.{n}" for n in names}


def test_every_top_level_module_but_ui_is_kept_from_qt() -> None:
    assert set(CONTRACTS["qt"]["source_modules"]) == _top_level_modules() - {"thaplan_desktop.ui"}


def test_every_top_level_module_has_its_layer() -> None:
    layered = {name.strip() for layer in CONTRACTS["layers"]["layers"] for name in layer.replace(":", "|").split("|")}
    assert layered == _top_level_modules()


def test_no_contract_allows_indirect_imports() -> None:
    assert not any(c.get("allow_indirect_imports") for c in CONTRACTS.values())
