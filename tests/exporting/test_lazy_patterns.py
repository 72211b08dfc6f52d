"""The URL pattern ReportLab compiles at import (50 ms of every export) is compiled only when used, and then
matches exactly as ReportLab's own (thaplan_desktop/exporting/lazy_patterns.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from thaplan_desktop.exporting import lazy_patterns

SAMPLES = ["https://www.thasathon.go.th/plan", "http://192.168.1.10:8080/a?b=c", "ftp://[::1]/x",
           "https://ตำบล.ไทย/", "not a link", "mailto:someone@example.com", "http://localhost", "HTTP://EXAMPLE.COM"]

_PROBE = """
import json, sys
import thaplan_desktop.exporting.pdf  # an exporter, as the commands and the window import one
from reportlab.platypus import paragraph
deferred = type(paragraph.uri_pat).__name__
compiled_before_use = paragraph.uri_pat.__dict__.get("_compiled") is not None
matches = [bool(paragraph.uri_pat.match(s)) for s in json.loads(sys.argv[1])]
print(json.dumps([deferred, compiled_before_use, matches]))
"""


def test_reportlabs_url_pattern_waits_until_used_and_matches_as_its_own() -> None:
    done = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(SAMPLES)], capture_output=True, text=True,
                          check=True, timeout=120)
    deferred, compiled_before_use, matches = json.loads(done.stdout)
    # Not deferred means ReportLab's pattern changed: update lazy_patterns._URI (or drop it).
    assert deferred == "LazyPattern"
    assert not compiled_before_use
    real = re.compile(lazy_patterns.DEFERRED[0][0], re.IGNORECASE)
    assert matches == [bool(real.match(s)) for s in SAMPLES]
    assert matches[0]
    assert not matches[4]


def test_nothing_is_deferred_once_reportlab_is_loaded() -> None:
    done = subprocess.run([sys.executable, "-c", "import reportlab.platypus\n"
                           "from thaplan_desktop.exporting.lazy_patterns import defer_reportlab_patterns\n"
                           "print(defer_reportlab_patterns())"], capture_output=True, text=True, check=True,
                          timeout=120)
    assert done.stdout.strip() == "False"
