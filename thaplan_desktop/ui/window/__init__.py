"""Parts of the main window that are not a screen of their own: opening plans, the status bar."""
