"""Reading department workbooks into staged projects, in explicit stages.

file → cell grid (:mod:`.readers`) → header detection (:mod:`.header`) → rows → staged projects with
per-row warnings (:mod:`.rows`). :func:`read_file` runs them all and returns an :class:`ImportResult`,
or raises :class:`ImportFailure` with a Thai message naming the file, the sheet and the row.
Applying staged projects to a plan lives in :mod:`.apply`. No Qt here.
"""

from thaplan_desktop.importing.errors import FailureKind, ImportFailure
from thaplan_desktop.importing.pipeline import ColumnOverrides, read_file
from thaplan_desktop.importing.staged import ImportResult, SheetReport, StagedProject
from thaplan_desktop.importing.vocabulary import Field

__all__ = ["ColumnOverrides", "FailureKind", "Field", "ImportFailure", "ImportResult", "SheetReport",
           "StagedProject", "read_file"]
