"""The import screen: department workbooks into the shown edition, previewed first, applied as one undo step.

``controller`` chooses or receives the files (``drop``: dropped on the window), reads them on the worker
and applies the confirmed import; ``preview_dialog`` shows what would happen, row by row, with the
officer's choices; ``mapping_dialog`` corrects the columns the importer detected.
"""
