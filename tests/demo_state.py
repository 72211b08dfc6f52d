"""The day and fiscal year the tests build the demo plan for (``tests/conftest.py``), pinned.

On ``DEMO_TODAY`` (15 พฤษภาคม 2563) the demo's main edition of fiscal year 2563 is announced and half-way
through its year; its additional edition (เพิ่มเติม ฉบับที่ 1) was triggered on 20 เมษายน 2563, steps 1–4
done, step 5 in progress, the plan due on 20 พฤษภาคม 2563: five days away.
"""

import datetime as dt

DEMO_YEAR = 2563
DEMO_TODAY = dt.date(2020, 5, 15)
ADDITIONAL_TRIGGER = dt.date(2020, 4, 20)
