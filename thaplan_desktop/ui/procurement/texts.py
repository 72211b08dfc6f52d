"""Everything the procurement plan screen (แผนการจัดซื้อจัดจ้าง) says, in one place.

The default rule's reasons and the annex's wording are ``domain.procurement``'s and ``exporting.procurement``'s.
"""

TEXTS = {
    # the window's menu
    "menu": "แผนการจัดซื้อจัดจ้าง",
    "menu_tip": "รายการที่ต้องจัดซื้อจัดจ้าง วิธีจัดซื้อจัดจ้าง รหัสแผนในระบบ e-GP และเดือนที่คาดว่าจะประกาศ",
    "tab": "แผนการจัดซื้อจัดจ้าง",
    "export_menu": "ส่งออกแผนการจัดซื้อจัดจ้าง…",
    "export_menu_tip": "บัญชีแนบท้ายแผนการจัดซื้อจัดจ้างเป็นไฟล์ Excel เรียงตามหน่วยงาน",
    # the bar
    "title": "แผนการจัดซื้อจัดจ้าง ปีงบประมาณ {year}",
    "no_plan": "ยังไม่ได้เปิดแผน",
    "loading": "กำลังอ่านแผน…",
    "search": "ค้นหาชื่อโครงการ หน่วยงาน หรือรหัสแผน…",
    "only_procured": "แสดงเฉพาะรายการที่จัดซื้อจัดจ้าง",
    "export": "ส่งออก Excel หรือ PDF…",
    "summary": "จัดซื้อจัดจ้าง {procured:,} รายการ จากทั้งหมด {rows:,} รายการ · งบประมาณรวม {budget} บาท",
    "hint": "คลิกช่องสี่เหลี่ยมเพื่อกำหนดว่าจัดซื้อจัดจ้างหรือไม่ · ดับเบิลคลิกวิธี รหัสแผน หรือเดือน เพื่อแก้ไข · "
            "เลือกหลายแถวแล้วคลิกขวาเพื่อกำหนดพร้อมกัน · เลิกทำได้ด้วย Ctrl+Z",
    # columns
    "col_procured": "จัดซื้อจัดจ้าง",
    "col_name": "ชื่อโครงการ/รายการ",
    "col_kind": "แบบ",
    "col_unit": "หน่วยงาน",
    "col_budget": "งบประมาณ (บาท)",
    "col_reason": "เหตุผล",
    "col_method": "วิธีจัดซื้อจัดจ้าง",
    "col_code": "รหัสแผน (e-GP)",
    "col_month": "คาดว่าจะประกาศ (เดือน/ปี)",
    "project": "ผด.02",
    "equipment": "ผด.02/1",
    "by_rule": "ตามเกณฑ์: {reason}",
    "procured_yes": "จัดซื้อจัดจ้าง",
    "procured_no": "ไม่จัดซื้อจัดจ้าง",
    "month_default": "{month} (ตามเกณฑ์)",
    "month_rule": "ตามเกณฑ์: เดือนแรกที่ดำเนินการ",
    "no_month": "ยังไม่ระบุเดือน",
    # the context menu (one undo step each)
    "set_procured": "จัดซื้อจัดจ้าง",
    "set_not_procured": "ไม่จัดซื้อจัดจ้าง",
    "set_rule": "ใช้ตามเกณฑ์ (ยกเลิกที่กำหนดเอง)",
    "set_method": "วิธีจัดซื้อจัดจ้าง",
    "clear_method": "ไม่ระบุวิธี",
    # undo labels
    "label_procured": "กำหนดรายการจัดซื้อจัดจ้าง",
    "label_rule": "ใช้เกณฑ์รายการจัดซื้อจัดจ้าง",
    "label_method": "แก้ไขวิธีจัดซื้อจัดจ้าง",
    "label_code": "แก้ไขรหัสแผนจัดซื้อจัดจ้าง",
    "label_month": "แก้ไขเดือนที่คาดว่าจะประกาศจัดซื้อจัดจ้าง",
    # export
    "export_title": "ส่งออกแผนการจัดซื้อจัดจ้าง",
    "save_caption": "บันทึกแผนการจัดซื้อจัดจ้างเป็นไฟล์ Excel (.xlsx) หรือ PDF (.pdf)",
    "filter": "สมุดงาน Excel (*.xlsx);;เอกสาร PDF (*.pdf)",
    "default_name": "แผนการจัดซื้อจัดจ้าง {year}{suffix}.xlsx",
    "working": "กำลังสร้างแผนการจัดซื้อจัดจ้าง…",
    "done": "บันทึก {path} แล้ว: แผนการจัดซื้อจัดจ้าง {rows:,} รายการ จาก {units:,} หน่วยงาน",
    "failed": "ส่งออกไม่สำเร็จ:\n{error}",
}
