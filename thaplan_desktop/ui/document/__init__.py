"""The คำนำ and บทนำ editor: the printed plan's texts as formatted text, with Thai fields and a live page.

``markup`` reads the exporter's small text markup (``exporting.pdf.texts``) into a ``QTextDocument`` — each
line a block of its kind (title, heading, numbered item, signature line …), each ``{placeholder}`` a field
object — and writes it back, line for line. ``fields`` names the placeholders in Thai and draws them.
``editor`` is the widget the document dialog shows for a text: the formatting list, the "แทรกข้อมูล" menu,
the text, and beside it ``preview``: the page as the PDF will print it, laid out by the exporter itself.
"""
