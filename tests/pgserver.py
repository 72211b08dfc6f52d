"""A throwaway PostgreSQL server for the tests and the benchmarks: a cluster in a temporary folder.

``initdb`` refuses to run as root, so when the tests run as root (CI does) the cluster is made and run by
Debian's ``postgres`` user through ``runuser``; otherwise by the current user. The server listens on a
unix socket in its own folder only (no TCP port, so parallel runs never collide), with durability off
(a test server holds nothing worth keeping). Databases are made by copying a template, which is fast.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

SUPERUSER = "postgres"


def server_programs() -> Path:
    """The folder of PostgreSQL's programs (Debian keeps them off PATH, under /usr/lib/postgresql/N/bin)."""
    override = os.environ.get("THAPLAN_PG_BIN")
    if override:
        return Path(override)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL's initdb was not found: install Debian's postgresql package (.ci/setup does)")


class ThrowawayServer:
    """A PostgreSQL cluster in a temporary folder, started on a unix socket; ``stop()`` removes it all."""

    def __init__(self) -> None:
        self.bin = server_programs()
        self.root = Path(tempfile.mkdtemp(prefix="thaplan-pg-"))
        self.data = self.root / "data"
        self.socket = self.root
        self.port = 5432  # only names the socket file inside our own folder
        self._runas: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._runas = ["runuser", "-u", "postgres", "--"]
        os.chmod(self.root, 0o755)

    def _run(self, *command: str) -> None:
        subprocess.run([*self._runas, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       cwd=self.root)

    def start(self) -> ThrowawayServer:
        """initdb, then pg_ctl start; returns when the server accepts connections."""
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses='' -c unix_socket_directories='{self.socket}' -p {self.port}"
                   " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A SQLAlchemy URL for ``database`` as ``user`` over the socket (no password: trust)."""
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket}&port={self.port}"

    def admin(self) -> psycopg.Connection:
        """An autocommit connection as the superuser to the ``postgres`` database."""
        return psycopg.connect(host=str(self.socket), port=self.port, user=SUPERUSER, dbname="postgres",
                               autocommit=True)

    def create_database(self, template: str | None = None, name: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); its name."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        with self.admin() as conn:
            clause = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else " TEMPLATE template0"
            conn.execute(f'CREATE DATABASE "{name}"{clause}')
        return name

    def drop_database(self, name: str) -> None:
        """Remove a database (closing its connections first)."""
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_user(self, name: str) -> None:
        """A login role with no rights of its own (the plan's roles are granted by ThaPlan)."""
        with self.admin() as conn:
            conn.execute(f'CREATE ROLE "{name}" LOGIN')
