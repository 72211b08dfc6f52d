"""Excel out: the forms ผด.01, ผด.02 and ผด.02/1 as a workbook (:mod:`.forms`) and the template a department
fills in (:mod:`.template`), both built from a plan's plain data (``PlanData``) with openpyxl."""

from thaplan_desktop.exporting.xlsx.forms import XlsxOptions, XlsxReport, export_forms
from thaplan_desktop.exporting.xlsx.template import TemplateOptions, export_template

__all__ = ["TemplateOptions", "XlsxOptions", "XlsxReport", "export_forms", "export_template"]
