"""Exporting a plan to files: ``pdf`` (the official document) and ``xlsx`` (the forms as a workbook)."""
