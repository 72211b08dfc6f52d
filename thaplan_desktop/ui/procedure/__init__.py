"""The procedure screen (ขั้นตอนการจัดทำแผน) and the announced-edition guard.

``view`` puts together ``chart`` (the seven steps in three lanes), ``deadlines`` (the side panel) and
``dialogs`` (editing a step, the trigger, an extension, the posting), reaching the plan through ``backend``;
``tab`` shows it in the main window. ``amendment_dialog`` and ``edit_guard``: changing an announced edition
asks first (record an amendment, or open an additional edition).
"""
