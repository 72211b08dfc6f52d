"""The export screens: the official PDF, the forms as a workbook, a department's template, and the options.

``task`` runs an export on the worker with a cancellable progress dialog (through the runner's ``Job``);
``pdf`` and ``excel`` are the menu entries; ``template_dialog`` asks which unit a template is for;
``options`` keeps the export menu's check marks in the settings.
"""
