"""Whole-page flowables of the document: the cover, the table of contents (สารบัญ), a part's title page, and
the ตราครุฑ above a ประกาศ's heading."""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.exporting.form_content import edition_suffix
from thaplan_desktop.exporting.pdf.layout import Align, Line, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.template import CM


class TableOfContents(Flowable):
    """The สารบัญ page: entries with dotted leaders and page numbers filled in at the end."""

    _NUMBER_ROOM = 1.6 * CM

    def __init__(self, ts: Typesetter, entries: list[tuple[str, str, int]], size: float = 16.0) -> None:
        super().__init__()
        self.ts = ts
        self.entries = entries
        self.style = TextStyle(size=size, leading_factor=1.45)
        self.width = 0.0
        self.height = 0.0
        self._laid: list[tuple[str, int, list[Line]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """Each entry wrapped short of the page-number column, plus the column heading."""
        self.width = availWidth
        self._laid = []
        for key, title, level in self.entries:
            style = self.style.but(bold=level == 0, left_indent=level * 1.0 * CM, hanging=0.75 * CM)
            lines = self.ts.lines(title, style, availWidth - self._NUMBER_ROOM)
            self._laid.append((key, level, lines))
        self.height = (sum(len(lines) for _k, _l, lines in self._laid) + 1) * self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        """Heading 'หน้า', then each entry: title, dotted leader, page-number form."""
        canvas = self.canv
        doc = canvas.thaplan_doc
        ts = self.ts
        style = self.style
        size = style.size
        head = ts.single_line("หน้า", size, bold=True)
        ts.draw_lines(canvas, [head], self.width - head.width, self.height, head.width, style)
        y = self.height - style.leading
        leader_unit = ts.single_line(" .", size)
        for key, level, lines in self._laid:
            entry_style = style.but(bold=level == 0, left_indent=level * 1.0 * CM, hanging=0.75 * CM)
            ts.draw_lines(canvas, lines, 0, y, self.width - self._NUMBER_ROOM, entry_style)
            y -= style.leading * (len(lines) - 1)
            last = lines[-1] if lines else None
            indent = entry_style.left_indent + (entry_style.hanging if len(lines) > 1 else 0.0)
            start = indent + (last.width if last else 0.0) + 2.0
            end = self.width - self._NUMBER_ROOM + 0.6 * CM
            count = int((end - start) // leader_unit.width) if leader_unit.width > 0 else 0
            if count > 0:
                dots = ts.single_line(" ." * count, size)
                ts.draw_lines(canvas, [dots], end - dots.width, y, dots.width, style)
            canvas.saveState()
            canvas.translate(self.width, y - style.leading)
            canvas.doForm(doc.toc_form_name(key))
            canvas.restoreState()
            y -= style.leading


class CoverPage(Flowable):
    """The cover: logo, title, year, edition suffix, ของ, organisation, district and province, unit."""

    def __init__(self, ts: Typesetter, plan: PlanData) -> None:
        super().__init__()
        self.ts = ts
        self.plan = plan
        self.width = 0.0
        self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """The whole frame."""
        self.width, self.height = availWidth, availHeight - 1.0
        return self.width, self.height

    def draw(self) -> None:
        """Everything centred; the logo (if any) at the top."""
        canvas = self.canv
        ts = self.ts
        plan = self.plan
        org = plan.organisation
        y = self.height
        if org.logo:
            try:
                image = ImageReader(io.BytesIO(org.logo))
                iw, ih = image.getSize()
                size = 4.5 * CM
                scale = min(size / iw, size / ih)
                w, h = iw * scale, ih * scale
                canvas.drawImage(image, (self.width - w) / 2.0, y - h, w, h, mask="auto")
                y -= h + 1.0 * CM
            except Exception:  # a broken logo must not stop the export
                y -= 0
        else:
            y -= 3.5 * CM
        suffix = edition_suffix(plan)
        blocks: list[tuple[str, float, bool, float]] = [
            ("แผนการดำเนินงาน", 34.0, True, 0.2),
            (f"ประจำปีงบประมาณ พ.ศ. {plan.edition.fiscal_year}", 28.0, True, 0.2),
        ]
        if suffix:
            blocks.append((f"({suffix})", 24.0, True, 0.2))
        blocks += [
            ("ของ", 24.0, True, 0.2),
            (org.name, 26.0, True, 0.2),
            (f"อำเภอ{org.district} จังหวัด{org.province}", 22.0, True, 0.0),
        ]
        y -= 1.5 * CM
        for text, size, bold, after in blocks:
            style = TextStyle(size=size, leading_factor=1.35, bold=bold, align=Align.CENTER)
            lines = ts.lines(text, style, self.width)
            y = ts.draw_lines(canvas, lines, 0, y, self.width, style) - after * size
        # Planning unit at the bottom.
        unit = org.planning_unit or "งานวิเคราะห์นโยบายและแผน สำนักปลัด"
        style = TextStyle(size=20.0, leading_factor=1.35, bold=True, align=Align.CENTER)
        bottom_lines = ts.lines(unit, style, self.width) + ts.lines(org.name, style, self.width)
        ts.draw_lines(canvas, bottom_lines, 0, 1.0 * CM + len(bottom_lines) * style.leading, self.width, style)


class DividerPage(Flowable):
    """A part's title page (ส่วนที่ 2 …), lines centred in the middle of the frame."""

    def __init__(self, ts: Typesetter, lines: list[str], size: float = 28.0) -> None:
        super().__init__()
        self.ts = ts
        self.text_lines = lines
        self.style = TextStyle(size=size, leading_factor=1.4, bold=True, align=Align.CENTER)
        self.width = self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """The whole frame."""
        self.width, self.height = availWidth, availHeight - 1.0
        return self.width, self.height

    def draw(self) -> None:
        """The lines in the middle."""
        laid: list[Line] = []
        for text in self.text_lines:
            laid += self.ts.lines(text, self.style, self.width)
        total = len(laid) * self.style.leading
        self.ts.draw_lines(self.canv, laid, 0, (self.height + total) / 2.0, self.width, self.style)


class Crest(Flowable):
    """The ตราครุฑ above the ประกาศ's heading, centred; the same room is kept when the office has set none
    (it is then stamped or glued on the printed copy)."""

    HEIGHT = 2.6 * CM

    def __init__(self, image: bytes | None) -> None:
        super().__init__()
        self.image = image
        self.width = 0.0
        self.height = self.HEIGHT + 0.3 * CM

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """The frame's width, the crest's height."""
        self.width = availWidth
        return self.width, self.height

    def draw(self) -> None:
        """The image, scaled to the crest's height."""
        if not self.image:
            return
        try:
            image = ImageReader(io.BytesIO(self.image))
            iw, ih = image.getSize()
            scale = min(self.HEIGHT / ih, self.width / iw)
            w, h = iw * scale, ih * scale
            self.canv.drawImage(image, (self.width - w) / 2.0, self.height - h, w, h, mask="auto")
        except Exception:  # a broken image must not stop the export  # noqa: BLE001
            return
