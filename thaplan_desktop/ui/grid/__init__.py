"""The entry grid (บัญชีโครงการ, form ผด.02/ผด.02/1): its models, its widget and its commands.

``model`` (the project table) and ``filter`` (search and tree node) adapt ``PlanState``; ``view`` with
``header``, ``delegate`` and ``editors`` is the widget; ``commands`` adds, deletes, duplicates and saves
edits; ``clipboard`` copies and pastes, planned by ``paste`` (no Qt).
"""
