"""Fixtures for the procedure: a fresh plan of an อบต. and of a เทศบาล."""

import pytest

from thaplan_desktop.workspace import Workspace


@pytest.fixture
def ws(tmp_path):
    """A new, empty plan for fiscal 2563 (an อบต.)."""
    workspace = Workspace.create(tmp_path / "plan.sqlite", name="องค์การบริหารส่วนตำบลท่าสะท้อน",
                                 district="พุนพิน", province="สุราษฎร์ธานี", fiscal_year=2563)
    yield workspace
    workspace.close()
