"""Fixtures of the tracking tests: the small plan of ``small_plan``, built once per kind of plan and copied for
each test — a SQLite file, and a database on the tests' PostgreSQL server (``tests/conftest.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from small_plan import SmallPlan, build_small_plan


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> SmallPlan:
    return build_small_plan(tmp_path_factory.mktemp("small") / "small.sqlite")


@pytest.fixture(scope="session")
def small_server_template(pg_server, pg_initialised) -> tuple[str, SmallPlan]:
    """The small plan in a template database of the test server: (its name, the plan)."""
    name = pg_server.create_database(template=pg_initialised, name="thaplan_small")
    return name, build_small_plan(pg_server.url(name))


@pytest.fixture(params=["sqlite", "postgresql"])
def small(request: pytest.FixtureRequest, tmp_path: Path):
    """A private copy of the small plan with its tracking: a SQLite file, or a database on the test server."""
    if request.param == "sqlite":
        template: SmallPlan = request.getfixturevalue("small_template")
        path = tmp_path / "small.sqlite"
        shutil.copy(template.path, path)
        yield SmallPlan(path, template.edition_id, dict(template.ids))
        return
    from thaplan_desktop.db.location import parse_location

    server = request.getfixturevalue("pg_server")
    name, template = request.getfixturevalue("small_server_template")
    copy = server.create_database(template=name)
    yield SmallPlan(parse_location(server.url(copy)), template.edition_id, dict(template.ids))
    server.drop_database(copy)
