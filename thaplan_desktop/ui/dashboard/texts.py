"""Everything the dashboard screen (ภาพรวม) says, in one place (the charts' own words are ``charts``')."""

TEXTS = {
    # the window's menu
    "menu": "ภาพรวม",
    "menu_tip": "แผนภูมิงบประมาณ จำนวนโครงการรายเดือน การใช้จ่ายเทียบแผน และความก้าวหน้า ตามที่เลือกในผังทางซ้าย",
    "tab": "ภาพรวม",
    # the header
    "title": "ภาพรวม — {scope}",
    "no_plan": "ยังไม่ได้เปิดแผน",
    "loading": "กำลังอ่านแผน…",
    "as_of": "ความก้าวหน้าและการเบิกจ่าย ณ วันที่ {date}",
    "scope_note": "แผนภูมิเป็นไปตามยุทธศาสตร์หรือแผนงานที่เลือกในผังทางซ้าย",
    # a chart's own commands
    "copy": "คัดลอก",
    "copy_tip": "คัดลอกแผนภูมิเป็นภาพ พร้อมตัวเลขเป็นข้อความ (วางใน Word หรือ Excel ได้)",
    "save_png": "บันทึก PNG…",
    "save_svg": "บันทึก SVG…",
    "png_caption": "บันทึกแผนภูมิเป็นภาพ PNG",
    "svg_caption": "บันทึกแผนภูมิเป็นภาพ SVG",
    "png_filter": "ภาพ PNG (*.png)",
    "svg_filter": "ภาพ SVG (*.svg)",
    "file_name": "{title} {year}",
    "copied": "คัดลอกแผนภูมิ “{title}” แล้ว",
    "saved": "บันทึกแผนภูมิ “{title}” เป็น {path} แล้ว",
    "save_failed": "บันทึกภาพไม่ได้: {path}",
    "empty": "ไม่มีข้อมูลสำหรับแผนภูมินี้",
    "tooltip": "{category}\n{series}: {value}",
    "baht": "{value} บาท",
}
