"""Fixtures of the tracking tests: the small plan of ``small_plan``, built once, copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from small_plan import SmallPlan, build_small_plan


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> SmallPlan:
    return build_small_plan(tmp_path_factory.mktemp("small") / "small.sqlite")


@pytest.fixture
def small(small_template: SmallPlan, tmp_path: Path) -> SmallPlan:
    """A private copy of the small plan with its tracking."""
    path = tmp_path / "small.sqlite"
    shutil.copy(small_template.path, path)
    return SmallPlan(path, small_template.edition_id, dict(small_template.ids))
