"""The classification tree beside the grid (ยุทธศาสตร์ → แผนงาน, ครุภัณฑ์ by type): model, widget, commands.

``model`` adapts ``PlanState`` with live counts and budgets; ``view`` wraps long Thai names and keeps what
was expanded and selected over a reset; ``commands`` adds, renames, renumbers, moves and deletes
strategies and programs, and files projects dropped on a node.
"""
