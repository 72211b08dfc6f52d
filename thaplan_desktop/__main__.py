"""``python -m thaplan_desktop``: the same as the ``thaplan`` command."""

from thaplan_desktop.cli import main

raise SystemExit(main())
