"""Where a plan lives: a SQLite file (a path) or the office's PostgreSQL database (a URL), and its password.

Every ``--db`` takes either. A URL names the server, the user and the database
(``postgresql+psycopg://somchai@server/plan``, or ``postgresql://…``); it never carries the password, which
comes from libpq's own places (``PGPASSWORD``, ``~/.pgpass``) or, where the optional ``keyring`` library and
a keyring exist, from the operating system's keyring (``remember_password``), or from what the officer typed
into the window's connection dialog this run (``use_password``: in memory only, never written). Messages and logs show a URL
through :func:`scrub`, which blanks any password written into one. Standard library only until a URL is
actually used, so that commands on a file start without SQLAlchemy.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thaplan_desktop.db.files import DatabaseError
from thaplan_desktop.logs import scrub

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

__all__ = ["KEYRING_SERVICE", "Location", "ServerAddress", "is_server", "keyring_available", "parse_location",
           "remember_password", "scrub", "stored_password", "use_password"]

KEYRING_SERVICE = "ThaPlan"
_SCHEMES = ("postgresql+psycopg://", "postgresql://", "postgres://")
_TYPED: dict[str, str] = {}  # passwords typed in the window this run, by ``ServerAddress.key``: memory only
_PASSWORD_IN_URL = re.compile(r"^[a-z][a-z0-9+.-]*://[^:/?#@\s]*:[^@/?#\s]*@", re.IGNORECASE)

TEXTS = {
    "password": "อย่าใส่รหัสผ่านไว้ใน URL ของฐานข้อมูล (จะติดอยู่ในประวัติคำสั่งและบันทึก) — ใช้ PGPASSWORD,"
                " ไฟล์ ~/.pgpass หรือจดจำรหัสผ่านไว้ในพวงกุญแจของระบบ",
    "scheme": "ไม่รู้จักฐานข้อมูล {url}: ใช้ได้เฉพาะไฟล์ .sqlite หรือ PostgreSQL (postgresql+psycopg://ผู้ใช้@เครื่อง/ฐานข้อมูล)",
    "no_database": "URL {url} ไม่ได้ระบุชื่อฐานข้อมูล (เช่น postgresql+psycopg://ผู้ใช้@เครื่อง/แผน)",
}


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """A plan on a PostgreSQL server: the URL as given (without a password)."""

    text: str

    @property
    def url(self) -> URL:
        """The SQLAlchemy URL, for the psycopg 3 driver."""
        from sqlalchemy.engine import make_url

        url = make_url(self.text)
        return url.set(drivername="postgresql+psycopg")

    @property
    def name(self) -> str:
        """The database's name, where a file's name would be said."""
        return str(self.url.database or "")

    @property
    def key(self) -> str:
        """The server and database as the keyring and the backups folder know them: ``user@host:port/db``."""
        url = self.url
        host = url.host or str(url.query.get("host", "") or "localhost")
        return f"{url.username or ''}@{host}:{url.port or 5432}/{url.database}"

    def __str__(self) -> str:
        return scrub(self.text)

    def connect_args(self) -> dict[str, Any]:
        """psycopg's connection arguments beyond the URL: the password typed this run, else the keyring's when
        libpq has none."""
        args: dict[str, Any] = {"application_name": "ThaPlan", "connect_timeout": 10}
        typed = _TYPED.get(self.key)
        if typed:
            args["password"] = typed
        elif not os.environ.get("PGPASSWORD"):
            password = stored_password(self)
            if password:
                args["password"] = password
        return args


Location = Path | ServerAddress


def is_server(location: object) -> bool:
    """True for a plan on a database server, False for a file."""
    return isinstance(location, ServerAddress)


def parse_location(text: str | Path) -> Location:
    """A ``--db`` value: a database URL becomes a ServerAddress, anything else a Path.

    Refuses (DatabaseError, Thai) a URL with a password in it, another kind of database, or no database name.
    """
    if isinstance(text, Path) or "://" not in text:
        return Path(text)
    if _PASSWORD_IN_URL.search(text):
        raise DatabaseError(TEXTS["password"])
    if not text.lower().startswith(_SCHEMES):
        raise DatabaseError(TEXTS["scheme"].format(url=scrub(text)))
    address = ServerAddress(text)
    try:
        name = address.name
    except Exception as exc:  # SQLAlchemy's ArgumentError for a URL it cannot read
        raise DatabaseError(TEXTS["scheme"].format(url=scrub(text))) from exc
    if not name:
        raise DatabaseError(TEXTS["no_database"].format(url=scrub(text)))
    return address


def _keyring() -> Any:
    """The ``keyring`` module when it is installed and a real keyring backs it; None otherwise."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # optional: absent on a headless machine
        return None
    try:
        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
    except Exception:  # a broken keyring backend is no keyring
        return None
    return keyring


def stored_password(address: ServerAddress) -> str | None:
    """The password remembered for this server and user in the operating system's keyring, if any."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        value = keyring.get_password(KEYRING_SERVICE, address.key)
    except Exception:  # a locked or failing keyring: libpq's own sources still apply
        return None
    return str(value) if value else None


def remember_password(address: ServerAddress, password: str) -> bool:
    """Keep the password in the operating system's keyring (the officer asked to); False when there is none."""
    keyring = _keyring()
    if keyring is None:
        return False
    keyring.set_password(KEYRING_SERVICE, address.key, password)
    return True


def keyring_available() -> bool:
    """True when the operating system's keyring can remember a password (the optional ``keyring`` library)."""
    return _keyring() is not None


def use_password(address: ServerAddress, password: str) -> None:
    """Connect to this server as this user with ``password`` until the program ends ("" forgets it).

    What the officer typed into the window's connection dialog: kept in this process's memory only, never
    written anywhere; it goes before ``PGPASSWORD``, ``~/.pgpass`` and the keyring.
    """
    if password:
        _TYPED[address.key] = password
    else:
        _TYPED.pop(address.key, None)
