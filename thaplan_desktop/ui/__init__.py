"""Everything PySide6: the application, the main window, its screens, item models, views and dialogs.

The window (``main_window``, its commands declared in ``actions``) is assembled from packages, one concern
each: ``grid`` (the entry grid), ``tree`` (the classification tree), ``procedure`` (the procedure screen
and the announced-edition guard), ``importing`` and ``exporting`` (the file screens), ``window`` (opening
plans, the status bar). All database work runs on one worker (``runner``, ``session``); ``state`` is the
GUI's copy of the shown edition. The UI reaches data only through the workspace.
"""
