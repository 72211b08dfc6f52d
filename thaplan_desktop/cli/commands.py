"""Every ``thaplan`` subcommand, declared once: its name, its Thai help, its arguments and what runs it.

The command modules import only ``argparse`` and ``cli.common`` at module level; each ``run_*`` imports
what its command needs (SQLAlchemy, ReportLab, openpyxl …) when it runs, so listing every command here
costs nothing at start-up.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from thaplan_desktop.cli import (
    backups,
    calendar,
    database,
    exports,
    imports,
    plan,
    procedure,
    procurement,
    tracking,
)


@dataclass(frozen=True)
class Command:
    """One subcommand: ``add_arguments`` fills its parser, ``run`` carries it out and returns the exit code."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: tuple[Command, ...] = (
    Command("demo", "สร้างไฟล์ฐานข้อมูลใหม่ที่มีแผนตัวอย่าง (อบต.ท่าสะท้อน) พร้อมข้อมูลการติดตามถึงวันนี้",
            plan.add_demo_arguments, plan.run_demo),
    Command("new", "สร้างไฟล์แผนใหม่ที่ว่างเปล่า", plan.add_new_arguments, plan.run_new),
    Command("info", "แสดงข้อมูลองค์กร ฉบับของแผน และสรุปโครงการ/งบประมาณ (ผด.01)",
            plan.add_info_arguments, plan.run_info),
    Command("db", database.TEXTS["group"], database.add_db_arguments, database.run_db),
    Command("copy", database.TEXTS["copy"], database.add_copy_arguments, database.run_copy),
    Command("backup", "สำรองไฟล์ฐานข้อมูลไว้ในโฟลเดอร์สำรองของผู้ใช้ (เก็บ 20 ไฟล์ล่าสุด)",
            backups.add_backup_arguments, backups.run_backup),
    Command("backups", "แสดงรายการไฟล์สำรองของไฟล์ฐานข้อมูล ใหม่สุดก่อน",
            backups.add_backups_arguments, backups.run_backups),
    Command("restore", "กู้คืนไฟล์ฐานข้อมูลจากไฟล์สำรอง (สำรองข้อมูลปัจจุบันไว้ก่อน)",
            backups.add_restore_arguments, backups.run_restore),
    Command("import-preview", "แสดงโครงการที่อ่านได้จากไฟล์ Excel/ODS ของกอง (--json ให้ผลแบบ JSON)",
            imports.add_import_preview_arguments, imports.run_import_preview),
    Command("import", "นำเข้าโครงการจากไฟล์ Excel/ODS เข้าแผน (ทั้งหมดหรือไม่เข้าเลย)",
            imports.add_import_arguments, imports.run_import),
    Command("export-xlsx", "ส่งออกแบบ ผด.01 ผด.02 และ ผด.02/1 เป็นไฟล์ Excel",
            exports.add_export_xlsx_arguments, exports.run_export_xlsx),
    Command("export-template", "สร้างไฟล์ Excel แบบฟอร์มให้กองกรอกโครงการ",
            exports.add_export_template_arguments, exports.run_export_template),
    Command("export-pdf", "ส่งออกแผนการดำเนินงานเป็นเอกสาร PDF ฉบับทางการ",
            exports.add_export_pdf_arguments, exports.run_export_pdf),
    Command("status", "แสดงขั้นตอนการจัดทำแผนและกำหนดเวลาตามระเบียบ พร้อมจำนวนวันที่เหลือ",
            procedure.add_status_arguments, procedure.run_status),
    Command("announce", "บันทึกการประกาศใช้แผน (ขั้นตอนที่ 7 เสร็จในวันที่ระบุ) ให้พิมพ์ฉบับประกาศใช้ได้",
            procedure.add_announce_arguments, procedure.run_announce),
    Command("export-progress", "สร้างแบบรายงานผลการดำเนินงาน (Excel) ให้หน่วยงานกรอกความคืบหน้าและการเบิกจ่าย",
            tracking.add_export_progress_arguments, tracking.run_export_progress),
    Command("import-progress", "นำเข้าผลการดำเนินงานจากแบบรายงานผลหรือไฟล์ JSON (ทั้งหมดหรือไม่เข้าเลย)",
            tracking.add_import_progress_arguments, tracking.run_import_progress),
    Command("report", "รายงานผลการติดตามและประเมินผล: report progress --as-of วันที่ --json หรือ --out ไฟล์.xlsx; "
                      "บันทึกรอบการรายงาน: report round --round 6m --reported วันที่",
            tracking.add_report_arguments, tracking.run_report),
    Command("calendar", "ปฏิทินการทำงานตามแผน: รายเดือน (--month, --json) หรือไฟล์ .ics สำหรับโปรแกรมปฏิทิน (--ics)",
            calendar.add_calendar_arguments, calendar.run_calendar),
    Command("export-procurement", "ส่งออกแผนการจัดซื้อจัดจ้าง (บัญชีแนบท้าย) เป็นไฟล์ Excel",
            procurement.add_export_procurement_arguments, procurement.run_export_procurement),
)
