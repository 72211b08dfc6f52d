"""The procedure screen (ขั้นตอนการจัดทำแผน) and the announced-edition guard.

``view`` puts together ``chart`` (the seven steps in three lanes), ``monitoring`` (the monitoring report's
rounds under it), ``deadlines`` (the side panel), ``dialogs`` (editing a step, the trigger, an extension, the
posting) and ``round_dialog`` (a round's dates), reaching the plan through ``backend``;
``tab`` shows it in the main window. ``amendment_dialog`` and ``edit_guard``: changing an announced edition
asks first (record an amendment, or open an additional edition).
"""
