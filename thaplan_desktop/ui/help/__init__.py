"""ช่วยเหลือ → คู่มือการใช้งาน: the Thai user's guide, inside the app and as a printable PDF.

``guide`` shows ``resources/help/guide.md`` (the guide's text, with its screenshots in
``resources/help/images/``) with a list of its sections, and writes it as a PDF to print;
``screenshots`` is the script that makes those screenshots from the demo plan, so they stay current:
``python -m thaplan_desktop.ui.help.screenshots``.
"""
