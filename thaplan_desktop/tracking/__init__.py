"""The plan in use: status rules, as-of views, planned spending and the progress report (no Qt, no database).

``status`` (what each status means, the rules an entry keeps, the status true on a day), ``spending``
(planned spending by month, disbursed by month), ``views`` (each project as it stood on a day:
``ProjectProgress``), ``rounds`` (the monitoring report's rounds), ``report`` (the report as a
format-neutral model and its JSON). The records come from the workspace's reads
(``domain.tracking``); changes go through the workspace's tracking operations.
"""
