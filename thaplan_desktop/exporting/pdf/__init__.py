"""The official plan as PDF: Thai typography over ReportLab, the forms, and the whole document.

Public surface: :func:`export_pdf` with :class:`ExportOptions`, returning :class:`ExportResult`, raising
:class:`ExportCancelled` when cancelled; :func:`prepare` to call once at start-up (fonts registered on
the main thread, the Thai word list loaded: a few tenths of a second).
Modules: ``fonts`` (finding, registering, extractable glyph codes, glyph ink), ``segment`` (Thai words
from stock newmm, glued units and known-name groups), ``shaping`` (HarfBuzz runs), ``layout_cache`` (what
those two learned, kept between runs in the user cache folder), ``breaking`` (line
breaking: greedy for cells, best fit for justified paragraphs), ``layout`` (measuring, breaking, cutting
only over-wide words, justifying), ``glyphs`` (drawing lines), ``cells`` and ``table`` (table cells,
whole rows across pages, 3 pt clearance from rules), ``fit`` (column widths fitted to a form's content),
``flowables`` (Platypus pieces), ``chart`` (procedure chart), ``forms`` (ผด.01, ผด.02, ผด.02/1), ``texts``
(default texts and their markup), ``pages`` (cover, contents, part title, crest), ``marks`` (the draft
mark ร่าง), ``story`` (the parts in order), ``template`` (page templates, page labels and what every page
carries), ``options`` (options and result), ``document`` (:func:`export_pdf`, the whole).
``thaplan export-pdf`` lives in ``cli/exports``.
"""

from thaplan_desktop.exporting.form_content import plan_title
from thaplan_desktop.exporting.pdf.document import export_pdf
from thaplan_desktop.exporting.pdf.fonts import FontNotFoundError, register_fonts
from thaplan_desktop.exporting.pdf.options import ExportCancelled, ExportOptions, ExportResult


def prepare(font: str = "auto", *, load_dictionary: bool = True) -> str:
    """Register the document fonts for a font setting and (optionally) load the Thai dictionary.

    Returns the family that will be used (e.g. "Laksaman" or "TH Sarabun New").
    """
    family = register_fonts(font).family
    if load_dictionary:
        from thaplan_desktop.exporting.pdf.segment import warm_up

        warm_up()
    return family


__all__ = [
    "ExportCancelled",
    "ExportOptions",
    "ExportResult",
    "FontNotFoundError",
    "export_pdf",
    "plan_title",
    "prepare",
    "register_fonts",
]
