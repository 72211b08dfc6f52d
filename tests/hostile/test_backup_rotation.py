"""Failures never eat the backups: an automatic copy the same as the newest is not made again, and the
newest copy of each of the last seven days is kept beside the newest twenty — for a plan file and for a plan
on the office's server alike."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from thaplan_desktop.db.backup import KEEP_BACKUPS, backup_folder, backup_server
from thaplan_desktop.db.location import parse_location
from thaplan_desktop.paths import backups_dir
from thaplan_desktop.safety import (
    backup_before_import,
    backup_now,
    backups_of,
    open_for_editing,
    restore_backup,
)
from thaplan_desktop.workspace import ProjectFields


def _edit(plan: Path, name: str) -> None:
    ws = open_for_editing(plan)
    try:
        ws.add_project(ws.find_edition().id, ProjectFields(name=name, budget=1, months={1}))
    finally:
        ws.close()


def test_twenty_five_failed_imports_keep_the_real_backups(plan: Path) -> None:
    _edit(plan, "งานจริงวันนี้")
    real = [backup_now(plan)]
    _edit(plan, "งานจริงอีกชิ้น")
    real.append(backup_before_import(plan))
    for _ in range(KEEP_BACKUPS + 5):  # each failed import (or upgrade attempt) backs the same content up again
        backup_before_import(plan)
    kept = [b.path for b in backups_of(plan)]
    assert set(real) <= set(kept)
    assert len(kept) <= 3  # today's "open" copy and the two real ones: no copy of unchanged content


def test_the_newest_copy_of_each_of_the_last_seven_days_is_kept(plan: Path) -> None:
    folder = backup_folder(plan, backups_dir())
    folder.mkdir(parents=True)
    today = dt.datetime.now().replace(microsecond=0)
    made: dict[dt.date, list[Path]] = {}
    for days_ago in range(1, 11):  # ten earlier days, three copies each
        for hour in (9, 12, 15):
            taken = (today - dt.timedelta(days=days_ago)).replace(hour=hour, minute=0, second=0)
            path = folder / f"{plan.stem}-{taken:%Y%m%d-%H%M%S}-000000-import.sqlite"
            shutil.copy(plan, path)
            made.setdefault(taken.date(), []).append(path)
    for i in range(KEEP_BACKUPS + 2):  # a busy day: more than twenty different copies today
        _edit(plan, f"งานวันนี้ {i}")
        backup_now(plan)
    kept = {b.path for b in backups_of(plan)}
    days = sorted(made, reverse=True)
    for day in days[:6]:  # with today, the last seven days that have copies
        assert made[day][-1] in kept, day
    assert not any(p in kept for day in days[6:] for p in made[day])
    assert sum(1 for b in backups_of(plan) if b.taken.date() == today.date()) == KEEP_BACKUPS


@pytest.fixture
def server_plan(pg_server, pg_demo):
    """A private copy of the demo plan on the test server."""
    name = pg_server.create_database(template=pg_demo)
    yield parse_location(pg_server.url(name))
    pg_server.drop_database(name)


def test_a_server_plans_backups_keep_the_same_rules(server_plan) -> None:
    """Backups of a server plan are SQLite files made by copy: unchanged content is not copied again, and
    the newest copy of each of the last seven days stays beside the newest ones."""
    manual = backup_now(server_plan)
    for _ in range(3):  # each restore backs up what it replaces first: here, content already backed up
        assert restore_backup(manual, server_plan) == manual
    assert [b.path for b in backups_of(server_plan)] == [manual]
    folder = backup_folder(server_plan, backups_dir())
    today = dt.datetime.now().replace(microsecond=0)
    made: dict[dt.date, list[Path]] = {}
    for days_ago in range(1, 11):  # ten earlier days, two copies each
        for hour in (9, 15):
            taken = (today - dt.timedelta(days=days_ago)).replace(hour=hour, minute=0, second=0)
            path = folder / f"{server_plan.name}-{taken:%Y%m%d-%H%M%S}-000000-before-restore.sqlite"
            shutil.copy(manual, path)
            made.setdefault(taken.date(), []).append(path)
    for _ in range(4):
        backup_server(server_plan, backups_dir(), "manual", keep=3)
    kept = {b.path for b in backups_of(server_plan)}
    days = sorted(made, reverse=True)
    for day in days[:6]:  # with today, the last seven days that have copies
        assert made[day][-1] in kept, day
        assert made[day][0] not in kept, day
    assert not any(p in kept for day in days[6:] for p in made[day])
    assert sum(1 for b in backups_of(server_plan) if b.taken.date() == today.date()) == 3
