"""The procedure of ข้อ 26–27: the seven steps, the regulation's deadlines, extensions and amendments.

- ``steps``: actors and steps as data, defined once (the flowchart view, the PDF chart and the checks).
- ``deadlines``: pure date arithmetic — complete within 30 days of the trigger, post within 15 days of the
  announcement, keep posted 30 days; extensions; warnings (the counting convention is documented there).
- ``status``: step status and the rules for changing it (order, forcing with a reason).
- ``procedure``: reading an edition's procedure as one plain ``ProcedureState``; amendment history.
- ``operations``: the undoable workspace operations that change it.
- ``demo``: the demo plan's procedure. (``thaplan status`` lives in ``cli/procedure``.)

No Qt here; importing this package is cheap (the modules are imported by name).
"""
