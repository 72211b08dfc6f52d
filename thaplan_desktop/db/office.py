"""Several officers on one plan: the change feed, who changed what, and on PostgreSQL the rights of each role.

Every table whose model inherits ``Versioned`` (``office_tables()``) gets, from this module alone:
- the change feed: each inserted, updated or deleted row appends a ``change_log`` row (table, key, action,
  who, which workspace, when; for a row of a per-project table such as a disbursement, its project). On PostgreSQL triggers write it, whoever changes the row and however, and a
  ``NOTIFY thaplan_changes`` wakes listening windows; on SQLite ThaPlan's own writing connections carry
  temporary triggers that do the same (a file has one editor at a time, see ``db/lock.py``);
- on PostgreSQL, the version bump and ``changed_by`` (the database user) set by a trigger, so that even a
  hand-written UPDATE is seen by the other windows as a change;
- on PostgreSQL, the rights of the three roles, enforced by the server: ``thaplan_planner`` (the planning
  office) changes everything, ``thaplan_department`` reads everything and changes only the rows of its own
  units (row-level security over the model's ``office_scope``; its units are listed in ``office_member``),
  ``thaplan_reader`` (the executive, the committee) reads.

Writers are serialised on PostgreSQL by a transaction-level advisory lock taken first thing in every
writing transaction (and by the change trigger for writes from outside ThaPlan), so change-log ids are in
commit order and a window that has read up to id N has seen every change up to N. The triggers, policies
and grants are (re)installed by ``install_postgres`` at ``db init`` and after every ``db upgrade``.
"""

from __future__ import annotations

import getpass
import sqlite3
import uuid
import weakref
from collections.abc import Iterable
from typing import Literal

from sqlalchemy import Connection, Engine, inspect, text

from thaplan_desktop.db.models import Base, Versioned

__all__ = ["CHANNEL", "ROLES", "Role", "begin_write", "grant", "install_postgres", "install_sqlite_feed",
           "office_tables", "origin_of", "primary_key_of", "register_origin"]

CHANNEL = "thaplan_changes"
LOCK_KEY = 0x7468_6170  # "thap": the advisory lock every writing transaction takes first
Role = Literal["planner", "department", "reader"]
ROLES: dict[Role, str] = {"planner": "thaplan_planner", "department": "thaplan_department",
                          "reader": "thaplan_reader"}

_ORIGINS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def office_tables() -> dict[str, str | None]:
    """Every table of a ``Versioned`` model, with its unit expression for row-level security (or None)."""
    found: dict[str, str | None] = {}
    for mapper in Base.registry.mappers:
        if issubclass(mapper.class_, Versioned):
            found[str(mapper.persist_selectable.description)] = mapper.class_.office_scope
    return dict(sorted(found.items()))


def primary_key_of(table: str) -> list[str]:
    """The primary-key column names of a model table."""
    return [column.name for column in Base.metadata.tables[table].primary_key.columns]


# --- who is writing ---------------------------------------------------------------------------------------

def register_origin(engine: Engine) -> str:
    """Give an engine (one workspace) its own origin token, which its changes carry in the change log."""
    token = uuid.uuid4().hex[:16]
    _ORIGINS[engine] = token
    return token


def origin_of(engine: Engine) -> str:
    """The origin token of an engine ("" for one that has none)."""
    return _ORIGINS.get(engine, "")


def os_user() -> str:
    """The operating-system login, who changes a SQLite plan."""
    try:
        return getpass.getuser()
    except Exception:  # no login name at all (a service account without a passwd entry)
        return ""


def begin_write(connection: Connection, origin: str) -> None:
    """First thing in a writing transaction: on PostgreSQL take the writers' lock and say which workspace writes.

    (On SQLite the transaction itself is the lock, ``BEGIN IMMEDIATE``, and the origin is a connection
    function; nothing to do here.)
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key), set_config('thaplan.origin', :origin, true)"),
                           {"key": LOCK_KEY, "origin": origin})


# --- SQLite: temporary triggers on ThaPlan's own connections ----------------------------------------------

def install_sqlite_feed(connection: sqlite3.Connection, origin: str, user: str) -> None:
    """Temporary triggers on one SQLite connection that write the change log (nothing when it has no log yet).

    Temporary, so the file itself holds no trigger that needs ThaPlan's functions: a file opened by
    another SQLite tool still works, its changes simply go unlogged.
    """
    names = {row[0] for row in connection.execute("SELECT name FROM main.sqlite_master WHERE type='table'")}
    if "change_log" not in names:
        return
    connection.create_function("thaplan_origin", 0, lambda: origin, deterministic=True)
    connection.create_function("thaplan_user", 0, lambda: user, deterministic=True)
    statements = []
    for table in office_tables():
        if table not in names:
            continue
        key = " || '/' || ".join(f"{{row}}.{column}" for column in primary_key_of(table))
        project = "{row}.project_id" if "project_id" in Base.metadata.tables[table].c else "NULL"
        for action, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
            statements.append(
                f"CREATE TEMP TRIGGER IF NOT EXISTS thaplan_log_{table}_{action} AFTER {action.upper()} ON main.{table}"
                f" BEGIN INSERT INTO change_log (table_name, row_key, action, changed_by, origin, project_id,"
                f" changed_at) VALUES ('{table}', {key.format(row=row)}, '{action}', thaplan_user(), thaplan_origin(),"
                f" {project.format(row=row)}, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')); END")
    for statement in statements:
        connection.execute(statement)


# --- PostgreSQL: roles, triggers, row-level security, grants ----------------------------------------------

_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION thaplan_stamp_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.version = OLD.version THEN
    NEW.version := OLD.version + 1;
  END IF;
  NEW.changed_by := session_user;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION thaplan_log_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
  key text;
  changed jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock({LOCK_KEY});
  IF TG_OP = 'DELETE' THEN
    changed := to_jsonb(OLD);
  ELSE
    changed := to_jsonb(NEW);
  END IF;
  SELECT string_agg(changed ->> k, '/') INTO key FROM unnest(TG_ARGV) AS k;
  INSERT INTO change_log (table_name, row_key, action, changed_by, origin, project_id, changed_at)
  VALUES (TG_TABLE_NAME, key, lower(TG_OP), session_user,
          nullif(current_setting('thaplan.origin', true), ''), (changed ->> 'project_id')::integer, localtimestamp(0));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION thaplan_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANNEL}', current_database());
  RETURN NULL;
END $$;
"""


def _create_roles(connection: Connection) -> None:
    for role in ROLES.values():
        connection.exec_driver_sql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN"
            f" CREATE ROLE {role} NOLOGIN; END IF; END $$")


def install_postgres(connection: Connection) -> None:
    """Create the roles (once per server) and (re)install triggers, policies and grants; idempotent."""
    _create_roles(connection)
    connection.exec_driver_sql(_FUNCTIONS)
    planner, department, reader = ROLES["planner"], ROLES["department"], ROLES["reader"]
    everyone = f"{planner}, {department}, {reader}"
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    existing = set(inspect(connection).get_table_names())
    connection.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO {everyone}')
    office = office_tables()
    for table in sorted(existing):
        connection.exec_driver_sql(f'GRANT SELECT ON "{table}" TO {everyone}')
        if table in office or table in ("dla_area", "dla_program"):
            connection.exec_driver_sql(f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {planner}')
    connection.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {planner}, {department}')
    for table, scope in office.items():
        if table not in existing:  # a later migration creates it; the next db upgrade installs it
            continue
        keys = ", ".join(f"'{column}'" for column in primary_key_of(table))
        connection.exec_driver_sql(f"""
            DROP TRIGGER IF EXISTS thaplan_stamp ON "{table}";
            CREATE TRIGGER thaplan_stamp BEFORE INSERT OR UPDATE ON "{table}"
              FOR EACH ROW EXECUTE FUNCTION thaplan_stamp_row();
            DROP TRIGGER IF EXISTS thaplan_log ON "{table}";
            CREATE TRIGGER thaplan_log AFTER INSERT OR UPDATE OR DELETE ON "{table}"
              FOR EACH ROW EXECUTE FUNCTION thaplan_log_change({keys});
            DROP TRIGGER IF EXISTS thaplan_notify ON "{table}";
            CREATE TRIGGER thaplan_notify AFTER INSERT OR UPDATE OR DELETE ON "{table}"
              FOR EACH STATEMENT EXECUTE FUNCTION thaplan_notify();
        """)
        if scope is None:
            continue
        own = f"({scope}) IN (SELECT unit_id FROM office_member WHERE role_name = current_user)"
        connection.exec_driver_sql(f"""
            ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS thaplan_read ON "{table}";
            CREATE POLICY thaplan_read ON "{table}" FOR SELECT USING (true);
            DROP POLICY IF EXISTS thaplan_office ON "{table}";
            CREATE POLICY thaplan_office ON "{table}" FOR ALL TO {planner} USING (true) WITH CHECK (true);
            DROP POLICY IF EXISTS thaplan_department ON "{table}";
            CREATE POLICY thaplan_department ON "{table}" FOR ALL TO {department} USING ({own}) WITH CHECK ({own});
            GRANT INSERT, UPDATE, DELETE ON "{table}" TO {department};
        """)


def grant(connection: Connection, user: str, role: Role, unit_ids: Iterable[int] = ()) -> None:
    """Make the database user ``user`` a planner, a department (keying for ``unit_ids``) or a reader.

    Takes the user out of the other two roles and replaces its units; the user must exist (the server's
    administrator creates it, with its password).
    """
    quoted = connection.dialect.identifier_preparer.quote(user)
    for other, name in ROLES.items():
        verb = "GRANT" if other == role else "REVOKE"
        connection.exec_driver_sql(f"{verb} {name} {'TO' if verb == 'GRANT' else 'FROM'} {quoted}")
    connection.execute(text("DELETE FROM office_member WHERE role_name = :user"), {"user": user})
    for unit_id in unit_ids:
        connection.execute(text("INSERT INTO office_member (role_name, unit_id) VALUES (:user, :unit)"),
                           {"user": user, "unit": unit_id})
