"""Helpers of the ติดตามผล tab's tests: cells of the grid, the file's tracking rows."""

from __future__ import annotations


def cell(tab, project_id, key):
    """The grid's index of a project's cell (invalid when the filter hides it)."""
    from thaplan_desktop.ui.tracking.columns import COLUMN_INDEX

    row = tab.proxy.proxy_row_of(project_id)
    return tab.proxy.index(row, COLUMN_INDEX[key])


def shown(tab, project_id, key):
    """The text of a project's cell as the grid shows it."""
    from PySide6.QtCore import Qt

    return cell(tab, project_id, key).data(Qt.ItemDataRole.DisplayRole)


def statuses_in_file(harness, project_id):
    """(effective date, status, progress, reason) of a project's status entries in the file, by date."""
    return harness.db("SELECT effective_on, status, progress, reason FROM tracking_status WHERE project_id = ? "
                      "ORDER BY effective_on, id", project_id)


def payments_in_file(harness, project_id):
    """(date, satang, note) of a project's disbursements in the file, by date."""
    return harness.db("SELECT paid_on, amount_satang, note FROM disbursement WHERE project_id = ? "
                      "ORDER BY paid_on, id", project_id)


def first_row(tab, predicate):
    """The first project (in the grid's order) whose as-of row meets ``predicate``."""
    for project in tab.model.rows:
        row = tab.store.row(project.id)
        if row is not None and predicate(row):
            return project.id
    raise AssertionError("no such project in the demo")
