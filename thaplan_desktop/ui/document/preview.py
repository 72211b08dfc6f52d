"""The page being written, as the PDF will print it: laid out by the exporter itself, on the worker.

``LivePreview.request(markup)`` waits for a pause in the typing, then has the worker export the edition
with this text in place of the edition's own (``ExportOptions.preface_text`` / ``intro_text``) — the same
``export_pdf`` the ส่งออก PDF command runs, with the document's fonts and the officer's export options —
leaving the project tables out, which the text's pages do not show; the pages of the text's part (คำนำ, or
ส่วนที่ 1) are then drawn beside the editor (``viewer.pages``). A newer request cancels an older one still
running. The files go in a temporary folder that goes with the widget.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from thaplan_desktop.domain.model import Organisation, PlanData
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.exporting.pdf import export_options, prepared_font
from thaplan_desktop.ui.runner import Job
from thaplan_desktop.ui.session import user_message
from thaplan_desktop.ui.viewer.pages import PagesPreview
from thaplan_desktop.workspace import Workspace

TEXTS = {
    "working": "กำลังจัดหน้าตัวอย่าง…",
    "shown": "ตัวอย่างหน้า {pages} ตามที่จะพิมพ์ในไฟล์ PDF",
    "failed": "แสดงตัวอย่างไม่ได้: {error}",
    "no_font": "แสดงตัวอย่างไม่ได้: ไม่พบแบบอักษรสำหรับ PDF",
}

_PAUSE_MS = 350  # a render starts this long after the last keystroke


@dataclass(frozen=True, slots=True)
class Rendered:
    """A preview file and the 0-based pages of the text's part in it."""

    number: int
    path: Path
    first: int
    last: int


def part_pages(sections: list[tuple[str, str, int, str]], key: str) -> tuple[int, int]:
    """0-based first and last page of a part (``preface``, ``part1``) among an export's sections."""
    ordered = sorted(sections, key=lambda s: s[2])
    start = next(page for k, _title, page, _label in ordered if k == key)
    after = [page for k, _title, page, _label in ordered if page > start and not k.startswith(key)]
    end = (min(after) - 1) if after else start
    return start - 1, max(start, end) - 1


class LivePreview(QWidget):
    """The pages of one part of the printed plan, rendered again a moment after each change."""

    def __init__(self, context: ScreenContext, *, part: str, option: str,
                 organisation: Callable[[], Organisation] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.part = part  # "preface" or "part1"
        self.option = option  # the ExportOptions field that carries the text
        self.organisation = organisation
        self.pages = PagesPreview()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.folder = Path(tempfile.mkdtemp(prefix="thaplan-page-"))
        weakref.finalize(self, shutil.rmtree, self.folder, True)
        self._markup = ""
        self._count = 0
        self._job: Job | None = None
        self._plan: PlanData | None = None
        self.shown: Rendered | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_PAUSE_MS)
        self._timer.timeout.connect(self.render_now)

    def request(self, markup: str) -> None:
        """Render ``markup`` once the typing pauses."""
        self._markup = markup
        self._timer.start()

    def render_now(self) -> None:
        """Render the last requested text now (a render still running is cancelled)."""
        self._timer.stop()
        edition_id = self.context.session.edition_id
        if edition_id is None:
            return
        font = prepared_font(self.context)
        if font is None:
            self.status.setText(TEXTS["no_font"])
            return
        from thaplan_desktop.exporting.pdf import export_pdf

        if self._job is not None:
            self._job.cancel()
        self._count += 1
        number = self._count
        path = self.folder / f"page-{number}.pdf"
        options = export_options(self.context.settings, font, **{self.option: self._markup})
        organisation = self.organisation() if self.organisation is not None else None
        part = self.part
        known = self._plan

        def work(ws: Workspace, job: Job) -> tuple[Rendered, PlanData]:
            plan = known if known is not None else replace(ws.plan_data(edition_id), projects=())
            shown = replace(plan, organisation=organisation) if organisation is not None else plan
            result = export_pdf(shown, path, options, cancel=lambda: job.cancelled)
            first, last = part_pages(result.sections, part)
            return Rendered(number, path, first, last), plan

        self.status.setText(TEXTS["working"])
        self._job = self.context.session.work(work, label=TEXTS["working"], done=self._done, failed=self._failed)

    def _done(self, outcome: tuple[Rendered, PlanData]) -> None:
        if not shiboken6.isValid(self):  # the dialog went while the page was laid out
            return
        rendered, plan = outcome
        self._plan = plan
        if rendered.number != self._count:
            return  # a newer text is on its way
        self._job = None
        self.pages.show_pages(rendered.path, rendered.first, rendered.last)
        if self.shown is not None:
            self.shown.path.unlink(missing_ok=True)
        self.shown = rendered
        first, last = rendered.first + 1, rendered.last + 1
        self.status.setText(TEXTS["shown"].format(pages=f"{first}–{last}" if last > first else first))

    def _failed(self, exc: BaseException) -> None:
        from thaplan_desktop.exporting.pdf import ExportCancelled

        if isinstance(exc, ExportCancelled) or not shiboken6.isValid(self):
            return
        self._job = None
        self.status.setText(TEXTS["failed"].format(error=user_message(exc)))
