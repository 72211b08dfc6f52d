"""A server as the officer types it (machine, port, database, user), the servers used before, and how the
window names a server plan and the user's rights.

``ServerEntry`` turns the dialog's four fields into the plan's ``ServerAddress`` (a URL without a password)
and back. The servers used before are kept in the settings (``settings.OFFICE_SERVERS``), newest first,
never with a password. ``describe_rights``, ``problem_text`` and ``check_text`` say a check's outcome and
the user's rights in Thai (``texts``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from urllib.parse import quote

from PySide6.QtCore import QSettings

from thaplan_desktop.safety import ServerCheck
from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.office.texts import PROBLEMS, ROLES, TEXTS
from thaplan_desktop.workspace import Rights, ServerAddress, parse_location

DEFAULT_PORT = 5432
_KEEP = 8  # servers remembered


@dataclass(frozen=True, slots=True)
class ServerEntry:
    """A plan on a server as the dialog's fields hold it (a machine's name, or a socket's folder)."""

    server: str
    database: str
    user: str
    port: int = DEFAULT_PORT

    def address(self) -> ServerAddress:
        """The plan's address (DatabaseError, Thai, when the fields make no address)."""
        user, database = quote(self.user.strip(), safe=""), quote(self.database.strip(), safe="")
        host = self.server.strip() or "localhost"
        if host.startswith("/"):  # a unix socket's folder: the server on this machine
            text = f"postgresql+psycopg://{user}@/{database}?host={host}&port={self.port}"
        else:
            host = f"[{host}]" if ":" in host else host  # an IPv6 address
            text = f"postgresql+psycopg://{user}@{host}:{self.port}/{database}"
        location = parse_location(text)
        assert isinstance(location, ServerAddress)
        return location

    @classmethod
    def of(cls, address: ServerAddress) -> ServerEntry:
        """The fields of an address."""
        url = address.url
        query_host = url.query.get("host", "")
        host = url.host or (query_host if isinstance(query_host, str) else query_host[0] if query_host else "")
        query_port = url.query.get("port", "")
        port = url.port or int(str(query_port if isinstance(query_port, str) else query_port[0]) or DEFAULT_PORT)
        return cls(server=host or "localhost", database=url.database or "", user=url.username or "", port=port)

    @property
    def label(self) -> str:
        """How the list of servers used before names it."""
        return TEXTS["recent_item"].format(database=self.database, server=self.server, user=self.user)


def recent_servers(settings: QSettings) -> list[ServerEntry]:
    """The servers used before, newest first."""
    try:
        items = json.loads(str(settings.value(settings_keys.OFFICE_SERVERS, "[]") or "[]"))
    except ValueError:
        return []
    entries = []
    for item in items if isinstance(items, list) else []:
        try:
            entries.append(ServerEntry(server=str(item["server"]), database=str(item["database"]),
                                       user=str(item["user"]), port=int(item.get("port", DEFAULT_PORT))))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return entries


def remember_server(settings: QSettings, entry: ServerEntry) -> None:
    """Put a server first in the list of those used before (its password is never kept here)."""
    entries = [entry] + [e for e in recent_servers(settings) if e != entry]
    settings.setValue(settings_keys.OFFICE_SERVERS, json.dumps([asdict(e) for e in entries[:_KEEP]],
                                                               ensure_ascii=False))
    settings.sync()


def describe_rights(rights: Rights | None, unit_names: dict[int, str]) -> str:
    """What the user may do, in a few Thai words ("" when unknown)."""
    if rights is None:
        return ""
    if rights.role == "department":
        units = ", ".join(sorted(unit_names.get(u, str(u)) for u in rights.unit_ids)) or TEXTS["no_unit"]
        return ROLES["department"].format(units=units)
    return ROLES.get(rights.role, rights.role)


def problem_text(problem: str, entry: ServerEntry) -> str:
    """The Thai sentence for a failed check, with what to do."""
    return PROBLEMS.get(problem, PROBLEMS["other"]).format(server=entry.server, port=entry.port,
                                                           database=entry.database, user=entry.user)


def check_text(check: ServerCheck, entry: ServerEntry) -> str:
    """The outcome of a check in one Thai line."""
    if not check.ok:
        return problem_text(check.problem, entry)
    rights = check.notice or describe_rights(check.rights, {})
    return TEXTS["ok"].format(organisation=check.organisation, year=check.fiscal_year, user=check.user,
                              rights=rights or TEXTS["everything"])
