"""Reading a plan directly, to compare it before and after an operation (undo tests), on a file or a server.

The bookkeeping of several officers is left out: the change log only grows, and a row's ``version`` and
``changed_by`` move on with every change, undo included (an undo is a new change of its own).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BOOKKEEPING = {"version", "changed_by"}
SKIPPED_TABLES = {"change_log"}


def dump(location):
    """Every row of every table, as the plan holds it (bookkeeping columns and the change log left out)."""
    if isinstance(location, (str, Path)) and "://" not in str(location):
        return _dump_file(Path(location))
    return _dump_server(location)


def _dump_file(path):
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        result = {}
        for table in tables:
            if table in SKIPPED_TABLES:
                continue
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in BOOKKEEPING]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            result[table] = sorted(rows, key=repr)
        return result
    finally:
        con.close()


def _dump_server(location):
    from sqlalchemy import create_engine, inspect, text

    from thaplan_desktop.db.location import parse_location

    address = parse_location(str(location.text if hasattr(location, "text") else location))
    engine = create_engine(address.url)
    try:
        with engine.connect() as con:
            result = {}
            for table in sorted(inspect(con).get_table_names()):
                if table in SKIPPED_TABLES:
                    continue
                columns = [c["name"] for c in inspect(con).get_columns(table) if c["name"] not in BOOKKEEPING]
                rows = con.execute(text(f'SELECT {", ".join(columns)} FROM "{table}"')).fetchall()
                result[table] = sorted((tuple(r) for r in rows), key=repr)
            return result
    finally:
        engine.dispose()


def rows(location, table):
    """The rows of one table as dictionaries (column → value), read directly from the plan."""
    if isinstance(location, (str, Path)) and "://" not in str(location):
        con = sqlite3.connect(location)
        con.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in con.execute(f"SELECT * FROM {table}")]
        finally:
            con.close()
    from sqlalchemy import create_engine, text

    from thaplan_desktop.db.location import parse_location

    engine = create_engine(parse_location(str(getattr(location, "text", location))).url)
    try:
        with engine.connect() as con:
            return [dict(r._mapping) for r in con.execute(text(f'SELECT * FROM "{table}"'))]
    finally:
        engine.dispose()
