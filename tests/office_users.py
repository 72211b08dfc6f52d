"""Logins of the tests' PostgreSQL server with their ThaPlan roles, and connecting as one of them."""

from __future__ import annotations

from thaplan_desktop.db.location import parse_location
from thaplan_desktop.workspace import ServerAddress


def as_user(server, address: ServerAddress, user: str) -> ServerAddress:
    """The same plan, reached as the login ``user``."""
    return parse_location(server.url(address.name, user=user))


def make_users(server, address: ServerAddress, **roles: tuple[str, list[str]]) -> None:
    """Create login roles and give each its ThaPlan role (and units, by name) in the plan at ``address``."""
    from thaplan_desktop.db.office import grant
    from thaplan_desktop.db.server import open_server

    engine = open_server(address)
    with engine.begin() as connection:
        units = {name: i for i, name in connection.exec_driver_sql("SELECT id, name FROM unit")}
        for user, (role, unit_names) in roles.items():
            connection.exec_driver_sql(
                f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}') THEN"
                f" CREATE ROLE {user} LOGIN; END IF; END $$")
            grant(connection, user, role, [units[u] for u in unit_names])
    engine.dispose()


def sql_as(server, address: ServerAddress, user: str):
    """A psycopg connection (autocommit) to the plan as ``user``: hand-written SQL, as from psql."""
    import psycopg

    url = as_user(server, address, user).url
    return psycopg.connect(host=url.query["host"], port=int(url.query["port"]), user=user, dbname=url.database,
                           autocommit=True)
