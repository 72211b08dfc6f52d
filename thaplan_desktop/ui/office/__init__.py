"""The office's shared plan in the window: connecting to the server, others' changes, what the user may change.

Modules: ``texts`` (everything these parts say), ``servers`` (a server as the officer types it, the servers
used before, a check's outcome and the user's rights in Thai), ``dialog`` (ไฟล์ → เชื่อมต่อฐานข้อมูล
สำนักงาน…: the connection dialog, its test on the worker), ``follow`` (others' changes reach the views
within a second), ``rights`` (which rows the user may change), ``window`` (the window's title and status
bar for a server plan, others' changes said). Opening a server plan — checked first, the dialog again when
something is wrong — is ``ui.window.opening``'s; a conflict or a refused right is told by the window's
message box like any refused edit, after the session read the row again.

Kept light: ``ui.state`` imports ``rights``, so this package imports none of its screens.
"""

from __future__ import annotations

from thaplan_desktop.ui.office.texts import TEXTS

__all__ = ["MENU_TIP", "MENU_TITLE"]

MENU_TITLE = TEXTS["menu"]
MENU_TIP = TEXTS["menu_tip"]
