"""Pictures of the ติดตามผล screens for a person to look at (/tmp/trackui-shots), each taken in a state the test
checks first: a status filter on with a project's disbursements open; the list of calls to make; the import
preview; the export, report, disbursement and reason forms."""

from __future__ import annotations

from pathlib import Path

from demo_state import DEMO_TODAY
from openpyxl import Workbook
from PySide6.QtWidgets import QApplication
from trackhelp import first_row

from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.ui.tracking import export_progress, import_progress, report_dialog
from thaplan_desktop.ui.tracking.import_preview import ProgressPreviewDialog

SHOTS = Path("/tmp/trackui-shots")


def save(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


def test_the_tab_with_a_status_filter_and_a_projects_disbursements(harness, qtbot):
    tab = harness.tab
    tab.set_status_filter(frozenset({TrackingStatus.IN_PROGRESS}))
    project = first_row(tab, lambda r: r.status is TrackingStatus.IN_PROGRESS
                        and len(tab.store.disbursements_of(r.project.id)) >= 2)
    assert tab.grid.select_project(project)
    harness.settle(qtbot)
    assert tab.panel.disbursements.model.rowCount() == len(tab.store.disbursements_of(project))
    assert tab.panel.pages.currentWidget() is tab.panel.disbursements
    save(harness.window, "tab_in_progress_with_disbursements")
    tab.clear_filters()
    tab.late_check.setChecked(True)
    tab.grid.setCurrentIndex(tab.proxy.index(0, 3))
    harness.settle(qtbot)
    assert all(tab.store.row(tab.proxy.project_id_at(r)).should_have_started for r in range(tab.proxy.rowCount()))
    save(harness.window, "tab_calls_to_make")
    tab.panel.pages.setCurrentWidget(tab.panel.details)
    save(tab.panel, "panel_details")


def test_the_forms_of_the_plan_in_use(harness, qtbot, tmp_path):
    dialog = export_progress.run(harness.context, harness.tab.backend)
    qtbot.waitExposed(dialog)
    save(dialog, "export_progress_dialog")
    dialog.reject()
    report = report_dialog.run(harness.context, harness.tab.backend)
    harness.settle(qtbot)
    qtbot.waitExposed(report)
    save(report, "report_dialog")
    report.reject()
    project = harness.tab.proxy.project_id_at(2)
    pay = harness.tab.panel.disbursements.add("15000", project_id=project)
    qtbot.waitExposed(pay)
    save(pay, "disbursement_dialog")
    pay.reject()
    reason = harness.tab.ask_reason(project)
    qtbot.waitExposed(reason)
    save(reason, "reason_dialog")
    reason.reject()
    path = tmp_path / "รายงานผล กองสาธารณสุข.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["ข้อมูล ณ วันที่ 15 พฤษภาคม 2563"])
    sheet.append(["ที่", "โครงการ", "หน่วยงาน", "สถานะ", "ความคืบหน้า", "เบิกจ่าย", "ปัญหาและอุปสรรค"])
    own = [p for p in harness.tab.model.rows if harness.state.unit_name(p.unit_id) == "กองสาธารณสุขและสิ่งแวดล้อม"]
    for number, p in enumerate(own[:6], start=1):
        sheet.append([number, p.name, "กองสาธารณสุขและสิ่งแวดล้อม", "อยู่ระหว่างดำเนินการ", 50, None,
                      "รอผู้รับจ้างส่งมอบงาน" if number == 2 else None])
    sheet.append([7, "โครงการรณรงค์ลดขยะในชุมชน", "กองสาธารณสุขและสิ่งแวดล้อม", "ดำเนินการแล้วเสร็จ", 100])
    book.save(path)
    import_progress.import_files(harness.context, [path], harness.tab.backend, as_of=DEMO_TODAY)
    harness.settle(qtbot)
    preview = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressPreviewDialog)
                   and w.isVisible())
    assert preview.table.rowCount() == 7
    qtbot.waitExposed(preview)
    preview.resize(1286, 680)
    save(preview, "import_preview")
    preview.reject()
