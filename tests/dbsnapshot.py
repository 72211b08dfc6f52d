"""Reading a database file directly, to compare it before and after an operation (undo tests)."""

from __future__ import annotations

import sqlite3


def dump(path):
    """Every row of every table, as the file holds it."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()
