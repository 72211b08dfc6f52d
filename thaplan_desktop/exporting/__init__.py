"""Exporting a plan to files: ``pdf`` (the official document), ``reports`` (monitoring report, calendar,
procurement plan as PDF), ``xlsx`` (the forms as a workbook), ``ics``; ``output`` (where a file may be written,
whole or not at all), ``lazy_patterns`` (a pattern ReportLab compiles at import, deferred: done here, before
any exporter imports ReportLab)."""

from thaplan_desktop.exporting.lazy_patterns import defer_reportlab_patterns

defer_reportlab_patterns()
