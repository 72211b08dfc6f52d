"""The whole official document: :func:`export_pdf` writes an edition of the plan as one PDF file.

The parts are assembled by :mod:`.story`, laid out on the page templates of :mod:`.template` (page
numbers, form titles, the table of contents' deferred page numbers) in one pass, and written to a
temporary file renamed at the end (:func:`..output.atomic_output`: listed while it exists, so that one left
by a crash is removed at the next start; the permissions the umask gives), so a failed, cancelled or killed
export leaves nothing behind.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from thaplan_desktop.domain.fiscal import month_runs
from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.exporting.form_content import plan_title
from thaplan_desktop.exporting.output import atomic_output
from thaplan_desktop.exporting.pdf.fonts import register_fonts
from thaplan_desktop.exporting.pdf.layout import Typesetter
from thaplan_desktop.exporting.pdf.options import ExportOptions, ExportResult, ProgressCallback
from thaplan_desktop.exporting.pdf.story import build_story, known_names
from thaplan_desktop.exporting.pdf.template import PlanCanvas, PlanDocTemplate, build_binary


class _Progress:
    """Turns pages and drawn rows into a fraction, throttled, for the caller's callback."""

    def __init__(self, callback: ProgressCallback | None, total_rows: int) -> None:
        self.callback = callback
        self.total = max(1, total_rows) + 10
        self.done = 0.0
        self.last = 0.0
        self.arrows = 0

    def rows(self, count: int) -> None:
        self.done += count
        self.report()

    def page(self) -> None:
        self.done += 0.05
        self.report()

    def report(self, message: str = "กำลังสร้างหน้าเอกสาร") -> None:
        if self.callback is None:
            return
        fraction = min(0.99, self.done / self.total)
        if fraction - self.last >= 0.01:
            self.last = fraction
            self.callback(fraction, message)


def _as_cancel(cancel: Callable[[], bool] | threading.Event | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


def export_pdf(plan: PlanData, path: Path | str, options: ExportOptions | None = None, *,
               progress: ProgressCallback | None = None,
               cancel: Callable[[], bool] | threading.Event | None = None) -> ExportResult:
    """Write the plan as the official PDF document to ``path``.

    ``progress(fraction, message)`` is called now and then (fraction 0..1, message Thai); ``cancel``
    (a callable or a ``threading.Event``) is checked between flowables and pages: when it says so the
    export stops with ``ExportCancelled`` and no file is left behind. The file is written to a
    temporary name in the same folder and renamed at the end.
    """
    started = time.perf_counter()
    options = options or ExportOptions()
    path = Path(path)
    is_cancelled = _as_cancel(cancel)
    if progress:
        progress(0.0, "กำลังเตรียมแบบอักษร")
    fonts = register_fonts(options.font)
    ts = Typesetter(fonts, thai_digits=options.thai_digits, names=known_names(plan))
    tracker = _Progress(progress, len(plan.projects))
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as partial:
        doc = _write(plan, str(partial), ts, options, tracker, is_cancelled, fonts.regular.name)
    if progress:
        progress(1.0, "เสร็จแล้ว")
    arrows = sum(len(month_runs(p.months)) for p in plan.projects) if options.month_marks == "arrows" else 0
    return ExportResult(
        path=path, pages=doc.page,
        sections=[(key, t, page, doc.page_label(page)) for key, t, page in doc.sections],
        projects=len(plan.projects), arrows=arrows,
        missing_characters="".join(sorted(ts.shaper.missing)),
        seconds=time.perf_counter() - started, font_family=fonts.family,
    )


def _write(plan: PlanData, tmp_name: str, ts: Typesetter, options: ExportOptions, tracker: _Progress,
           is_cancelled: Callable[[], bool], font_name: str) -> PlanDocTemplate:
    """Lay the document out and write it to ``tmp_name``; the template, which knows its pages."""
    story = build_story(plan, ts, options, tracker.rows)
    title = plan_title(plan)
    draft = not plan.edition.announced
    doc = PlanDocTemplate(
        tmp_name, ts, progress=tracker.page, cancel=is_cancelled, draft=draft,
        title=f"{title} {plan.organisation.name}" + (" (ร่าง)" if draft else ""), author=plan.organisation.name,
        subject="แผนการดำเนินงาน (ส่วนที่ 1 บทนำ, ส่วนที่ 2 บัญชีโครงการ/กิจกรรม/งบประมาณ)",
        creator="ThaPlan Desktop", producer="ThaPlan Desktop (ReportLab)",
        keywords=["แผนการดำเนินงาน", plan.organisation.name, str(plan.edition.fiscal_year)],
        lang="th-TH", initialFontName=font_name, initialFontSize=16,
        pageCompression=1 if options.compress else 0, invariant=0,
    )

    build_binary(doc, story, PlanCanvas, compress=options.compress)
    return doc
