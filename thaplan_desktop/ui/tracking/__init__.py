"""The ติดตามผล tab and the plan-in-use screens: quick entry of statuses and disbursements, filters, reports.

``install.install(context, tabs)`` puts the tab in the window; ``install.MENU_ENTRIES`` are its menu
commands (ส่งแบบรายงานผลให้หน่วยงาน, นำเข้าผลการดำเนินงาน, รายงานผลการติดตาม). The tab reaches the plan
only through ``backend.TrackingBackend`` (typed wrappers over the window's ``PlanSession``); its figures
come from ``tracking`` (as-of rows, flags, the report model).
"""
