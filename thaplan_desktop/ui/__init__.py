"""Everything PySide6: the application, main window, item models, views, dialogs, background runner."""
