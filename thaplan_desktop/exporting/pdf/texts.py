"""The document's prose: default texts, placeholders, and a small markup turned into flowables.

The default preface (คำนำ), the introduction (ส่วนที่ 1, from the seed document) and the announcement
(ประกาศ) live in ``resources/texts/`` as plain UTF-8 files an office can edit; an edition may carry its
own preface or introduction text in the same markup. Placeholders in braces (``{org}``, ``{year}``,
``{title}`` …) are filled from the plan; unknown ones are left as written.

Markup, one construct per line:
``# text`` title line (centred, bold, large; consecutive ones form one title block) ·
``## text`` heading · ``### text`` sub-heading (indented) · ``1. text`` numbered item (hanging indent) ·
``- text`` indented line · ``> text`` signature-block line (centred in the right half; ``>`` alone is an
empty line) · ``= text`` line set in from the left (dates in announcements) · ``---`` short rule ·
``[แผนภูมิ]`` the procedure chart · ``[ตราครุฑ]`` the crest above a ประกาศ's heading (its room kept when the
office has set none) · any other line: a paragraph with a first-line indent (justified, the last line
left-aligned).
Blank lines separate nothing in particular (they are ignored).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.platypus.flowables import Flowable, Spacer

from thaplan_desktop.exporting.pdf.flowables import ThaiParagraph
from thaplan_desktop.exporting.pdf.layout import BODY_LEADING, TITLE_LEADING, Align, TextStyle, Typesetter

CM = 72.0 / 2.54
CHART_MARK = "[แผนภูมิ]"
CREST_MARK = "[ตราครุฑ]"
_NUMBERED = re.compile(r"^(\d+|[๐-๙]+)\.\s*(.*)$")


def texts_dir() -> Path:
    """The folder of the default texts (``resources/texts``)."""
    try:
        from thaplan_desktop.paths import resource

        folder = resource("texts")
        if folder.is_dir():
            return folder
    except (ImportError, FileNotFoundError):
        pass
    return Path(__file__).resolve().parents[3] / "resources" / "texts"


def default_text(name: str) -> str:
    """A default text by file stem: ``preface_default``, ``intro_template``, ``announcement_template``."""
    return (texts_dir() / f"{name}.txt").read_text(encoding="utf-8")


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` placeholders; unknown names stay as they are."""
    return template.format_map(_Keep(values)) if "{" in template else template


class _Rule(Flowable):
    """A short centred horizontal rule (under an announcement's heading)."""

    def __init__(self, length: float) -> None:
        super().__init__()
        self.length = length
        self.width = 0.0
        self.height = 10.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """Full width, a few points high."""
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        """The rule."""
        x = (self.width - self.length) / 2.0
        self.canv.setLineWidth(0.7)
        self.canv.line(x, self.height / 2.0, x + self.length, self.height / 2.0)


def markup_flowables(ts: Typesetter, text: str, *, body_size: float = 16.0,
                     chart: Callable[[], Flowable] | None = None,
                     title_size: float = 20.0,
                     heading_mark: Callable[[str], Flowable] | None = None,
                     crest: Callable[[], Flowable] | None = None) -> list[Flowable]:
    """Flowables for a text in the markup of the module docstring.

    ``heading_mark(text)`` may give a marker flowable put before each ``##`` heading (for the table of
    contents and the outline).
    """
    body = TextStyle(size=body_size, leading_factor=BODY_LEADING, align=Align.JUSTIFY, first_indent=2.5 * CM,
                     space_after=body_size * 0.15)
    title = TextStyle(size=title_size, leading_factor=TITLE_LEADING, bold=True, align=Align.CENTER)
    heading = TextStyle(size=body_size, leading_factor=BODY_LEADING, bold=True, space_before=body_size * 0.6,
                        space_after=body_size * 0.2)
    sub = heading.but(left_indent=1.25 * CM, space_before=body_size * 0.3, space_after=0.0)
    number_w = 0.75 * CM
    numbered = TextStyle(size=body_size, leading_factor=BODY_LEADING, align=Align.JUSTIFY, left_indent=1.25 * CM,
                         hanging=number_w, space_after=body_size * 0.1)
    indented = TextStyle(size=body_size, leading_factor=BODY_LEADING, left_indent=2.5 * CM)
    sign = TextStyle(size=body_size, leading_factor=BODY_LEADING, align=Align.CENTER, space_slack=0.6)
    set_in = TextStyle(size=body_size, leading_factor=BODY_LEADING, left_indent=5.0 * CM, space_before=body_size * 0.6)
    out: list[Flowable] = []
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    i = 0
    signature: list[str] = []

    def flush_signature() -> None:
        if signature:
            if out:
                out[-1].keepWithNext = True  # the date (or the last paragraph) stays with who signs
            spacer = Spacer(1, body_size * 1.2)
            spacer.keepWithNext = True
            out.append(spacer)
            out.append(_SignatureBlock(ts, list(signature), sign))
            signature.clear()

    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        i += 1
        if line.startswith(">"):
            signature.append(line[1:].strip())
            continue
        flush_signature()
        if not line:
            continue
        if line.startswith("# "):
            block = [line[2:].strip()]
            while i < len(lines) and lines[i].strip().startswith("# "):
                block.append(lines[i].strip()[2:].strip())
                i += 1
            for k, t in enumerate(block):
                style = title.but(space_after=title_size * 0.6) if k == len(block) - 1 else title
                out.append(ThaiParagraph(ts, t, style, keep_with_next=True))
        elif line.startswith("### "):
            out.append(ThaiParagraph(ts, line[4:].strip(), sub, keep_with_next=True))
        elif line.startswith("## "):
            if heading_mark is not None:
                out.append(heading_mark(line[3:].strip()))
            out.append(ThaiParagraph(ts, line[3:].strip(), heading, keep_with_next=True))
        elif line == "---":
            out.append(_Rule(4 * CM))
        elif line == CHART_MARK:
            if chart is not None:
                out.append(chart())
        elif line == CREST_MARK:
            if crest is not None:
                out.append(crest())
        elif line.startswith("- "):
            out.append(ThaiParagraph(ts, line[2:].strip(), indented))
        elif line.startswith("= "):
            out.append(ThaiParagraph(ts, line[2:].strip(), set_in))
        else:
            match = _NUMBERED.match(line)
            if match:
                number, rest = match.groups()
                # The number sits in the hanging indent: "1." then the text at a fixed tab.
                out.append(_numbered(ts, number, rest.strip(), numbered, number_w))
            else:
                out.append(ThaiParagraph(ts, line, body))
    flush_signature()
    return out


def _numbered(ts: Typesetter, number: str, text: str, style: TextStyle, number_w: float) -> ThaiParagraph:
    """A numbered item: the number in the first-line indent, the text aligned at the tab after it."""
    return _NumberedParagraph(ts, number, text, style, number_w)


class _NumberedParagraph(ThaiParagraph):
    """A paragraph whose first line starts with its number in the hanging indent."""

    def __init__(self, ts: Typesetter, number: str, text: str, style: TextStyle, number_w: float,
                 **kwargs: Any) -> None:
        # Lines are laid out with every line (first included) at left_indent + hanging.
        body_style = style.but(left_indent=style.left_indent + number_w, hanging=0.0)
        super().__init__(ts, text, body_style, **kwargs)
        self.number = number
        self.number_style = style.but(align=Align.LEFT, hanging=0.0, first_indent=0.0)
        self.number_w = number_w
        self.item_style = style

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N802, N803 - Platypus API
        """As a paragraph; the number stays with the first part."""
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            first = _NumberedParagraph(self.ts, self.number, "", self.item_style, self.number_w,
                                       lines=parts[0]._lines, is_continuation=self.is_continuation)
            first.spaceAfter = 0.0
            return [first, parts[1]]
        return parts

    def draw(self) -> None:
        """The lines, then the number at the left of the first line."""
        super().draw()
        if not self.is_continuation:
            line = self.ts.single_line(f"{self.number}.", self.style.size)
            self.ts.draw_lines(self.canv, [line], 0, self.height, self.width, self.number_style)


class _SignatureBlock(Flowable):
    """Lines centred on one another at the right of the frame (who signs the preface or the announcement).

    The block is as wide as its widest line (at least half the frame), so a name or a position is never
    broken over two lines unless it is wider than the whole frame.
    """

    def __init__(self, ts: Typesetter, lines: list[str], style: TextStyle) -> None:
        super().__init__()
        self.ts = ts
        self.text_lines = lines
        self.style = style
        self.width = 0.0
        self.height = 0.0
        self.block = 0.0
        self.keepWithNext = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """Height of all lines."""
        self.width = availWidth
        widest = max((self.ts.width(t, self.style.size, self.style.bold) for t in self.text_lines if t), default=0.0)
        self.block = min(availWidth, max(availWidth * 0.5, widest + 2.0))
        self._laid = [self.ts.lines(t, self.style, self.block) if t else [] for t in self.text_lines]
        self.height = sum(max(1, len(ls)) for ls in self._laid) * self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        """Draw each line centred in the block at the right, a little in from the frame's edge."""
        x = max(0.0, self.width - self.block - (self.width - self.block) * 0.15)
        y = self.height
        for laid in self._laid:
            if laid:
                y = self.ts.draw_lines(self.canv, laid, x, y, self.block, self.style)
            else:
                y -= self.style.leading
