"""The built-in demo plan, อบต.ท่าสะท้อน: what a new user sees first, and what tests and benchmarks use.

``plan`` builds it (``build_demo``) from ``resources/demo/``; ``procedure`` gives its editions their state in
the procedure (the main edition announced, the additional one under way); ``tracking`` gives the main
edition its tracking up to the demo's "today".
"""

from thaplan_desktop.demo.plan import build_demo, demo_data, scaled_projects

__all__ = ["build_demo", "demo_data", "scaled_projects"]
