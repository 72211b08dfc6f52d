"""Menu entries whose screens other parts of the application provide: PDF and Excel, backups, the procedure.

Each hook is a function ``run(context: AppContext) -> None`` called on the GUI thread when the user picks
the menu entry; it talks to the plan only through ``context.session`` (its typed operations for changes,
``read`` for reads — both on the worker thread). A hook is found, in order, among functions given to
``register(name, fn)`` and at the ``"module:function"`` path of ``HOOK_PATHS``. Until one exists the
window says, in Thai, that the feature is not ready yet.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# name → "module:function"; a missing module simply means "not ready yet".
HOOK_PATHS: dict[str, str] = {
    "export_pdf": "thaplan_desktop.ui.export_pdf:run",
    "document": "thaplan_desktop.ui.document_dialog:run",
    "export_excel": "thaplan_desktop.ui.export_excel:run",
    "export_template": "thaplan_desktop.ui.export_excel:run_template",
    "import_excel": "thaplan_desktop.ui.import_excel:run",
    "backup": "thaplan_desktop.ui.backup:run_backup",
    "restore": "thaplan_desktop.ui.backup:run_restore",
    "procedure": "thaplan_desktop.ui.flowchart_view:show_procedure",
}

_registered: dict[str, Callable[[AppContext], Any]] = {}


@dataclass(frozen=True, slots=True)
class AppContext:
    """What a hook may use: the main window (parent for dialogs), the session, the shown edition's state."""

    window: Any
    session: Any
    state: Any


def register(name: str, fn: Callable[[AppContext], Any]) -> None:
    """Provide the function behind a menu entry."""
    _registered[name] = fn


def resolve(name: str) -> Callable[[AppContext], Any] | None:
    """The function behind a menu entry, or None when that screen is not ready yet."""
    if name in _registered:
        return _registered[name]
    path = HOOK_PATHS.get(name)
    if not path:
        return None
    module_name, _, attribute = path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    fn = getattr(module, attribute, None)
    return fn if callable(fn) else None
