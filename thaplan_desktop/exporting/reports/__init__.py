"""The printed reports of the plan in use, set with the plan's Thai typography engine (``exporting.pdf``).

``document`` (pages, page furniture, writing through ``exporting.output``), ``pages`` (cover, ประกาศ),
``tables`` (fitted ruled tables), ``charts`` (the dashboard's chart descriptions drawn with ReportLab), and
one module per report: ``progress`` with ``progress_tables`` (the monitoring report), ``procurement`` (the
procurement plan's annex), ``work_calendar`` (the printed work calendar).
"""
