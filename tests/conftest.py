"""Shared fixtures: a private user data folder for every test, the demo plan built once per run, and a
throwaway PostgreSQL server (started once per run, in a temporary folder, by ``pgserver``) for the tests that
run on both kinds of plan: ``plan_location`` is a new plan's place, a SQLite file or an empty server
database, and ``demo_location`` the demo plan on either.

On CI (the ``CI`` environment variable set, as ``.ci/run`` is run) a skipped test is a failed test:
``.ci/setup`` installs every tool the tests use and the test data lives in ``tests/data``, so a skip there
means something the suite should have checked went unchecked.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# GUI tests never need a display: Qt draws offscreen unless the caller chose otherwise (e.g. xcb under Xvfb).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SKIPS_FAIL = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """On CI, turn a skip into a failure that says why the test was skipped."""
    report = yield
    if SKIPS_FAIL and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped on CI, where every test must run: {reason}"
    return report


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups, logs and the default database of a test go to a temporary folder, never the user's."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("THAPLAN_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once for the whole run (copy it before changing it).

    Pinned to fiscal year 2563 as it stood on 15 พฤษภาคม 2563 (``demo_state``), whatever the machine's clock.
    """
    from demo_state import DEMO_TODAY, DEMO_YEAR

    from thaplan_desktop.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, fiscal_year=DEMO_YEAR, today=DEMO_TODAY).close()
    return path


@pytest.fixture(scope="session")
def demo_plan(demo_template: Path):
    """The demo plan's main edition as plain data (PlanData), read once for the whole run."""
    from thaplan_desktop.workspace import Workspace

    with Workspace.open(demo_template) as workspace:
        return workspace.plan_data(workspace.find_edition().id)


@pytest.fixture(scope="session")
def demo_draft_plan(demo_plan):
    """The demo's main edition as it stood before its announcement (a draft: no announcement date, no page)."""
    import dataclasses

    from thaplan_desktop.domain.model import EditionStatus

    draft = dataclasses.replace(demo_plan.edition, status=EditionStatus.DRAFT, announcement_date=None)
    return dataclasses.replace(demo_plan, edition=draft)


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    target = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, target)
    return target


@pytest.fixture
def demo_workspace(demo_location):
    """The demo plan opened as a workspace: a private copy, on a SQLite file and on the test server."""
    from thaplan_desktop.workspace import Workspace

    workspace = Workspace.open(demo_location)
    yield workspace
    workspace.close()


# --- the office server --------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for this run (initdb in a temporary folder, a unix socket, stopped at the end)."""
    from pgserver import ThrowawayServer

    server = ThrowawayServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_initialised(pg_server) -> str:
    """A template database holding what ``thaplan db init`` creates, and nothing else."""
    from thaplan_desktop.db.location import parse_location
    from thaplan_desktop.db.server import create_server_schema

    name = pg_server.create_database(name="thaplan_initialised")
    create_server_schema(parse_location(pg_server.url(name))).dispose()
    return name


@pytest.fixture(scope="session")
def pg_demo(pg_server, pg_initialised) -> str:
    """A template database holding the demo plan, pinned as ``demo_template`` is."""
    from demo_state import DEMO_TODAY, DEMO_YEAR

    from thaplan_desktop.demo import build_demo

    name = pg_server.create_database(template=pg_initialised, name="thaplan_demo")
    build_demo(pg_server.url(name), fiscal_year=DEMO_YEAR, today=DEMO_TODAY).close()
    return name


@pytest.fixture
def pg_database(pg_server, pg_initialised):
    """A new database on the test server, initialised for ThaPlan and empty (dropped after the test)."""
    from thaplan_desktop.db.location import parse_location

    name = pg_server.create_database(template=pg_initialised)
    yield parse_location(pg_server.url(name))
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def plan_location(request: pytest.FixtureRequest, tmp_path: Path):
    """Where a new plan goes: a SQLite file that does not exist yet, or an empty server database."""
    if request.param == "sqlite":
        return tmp_path / "plan.sqlite"
    return request.getfixturevalue("pg_database")


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_location(request: pytest.FixtureRequest, tmp_path: Path):
    """A private copy of the demo plan: a SQLite file, or a database on the test server."""
    if request.param == "sqlite":
        yield request.getfixturevalue("demo_db")
        return
    from thaplan_desktop.db.location import parse_location

    server, template = request.getfixturevalue("pg_server"), request.getfixturevalue("pg_demo")
    name = server.create_database(template=template)
    yield parse_location(server.url(name))
    server.drop_database(name)
