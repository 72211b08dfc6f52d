"""PDF files shown inside ThaPlan with QtPdf: the exported plan, its preview, the user's guide, and pages.

``window`` is the viewer an export opens (pages, zoom, "open in another program"), also for a preview
of the plan before it is exported, with its own "save as"; ``pages`` shows chosen pages of a PDF as
images, as the document editor does for the page being written.
"""
