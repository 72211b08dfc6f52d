"""How the import screen reaches the plan: reading and filing on the worker, applying as one undo step.

``ImportBackend`` wraps the window's ``PlanSession`` (the workspace lives on its worker thread) with one
typed method per thing the import screen does:

- ``read`` (``PlanSession.work``, cancellable): each file read (``importing.read_file``), its strategy and
  program names matched to the plan's and the rows filed under them (``importing.filing.file_under_plan``:
  confident matches and the officer's choices), then resolved against the plan (``prepare_import``);
- ``refile``: the same filing again with the officer's changed choices, without reading the files again
  (programs are matched anew within the strategy chosen);
- ``apply`` (``PlanSession.run_operation``): the confirmed import, carrying the name matches the officer
  confirmed (``remember_with_import``), so one undo takes back the rows and what was remembered.

Nothing changes the plan but ``apply``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from thaplan_desktop.importing import ImportFailure, ImportResult, read_file
from thaplan_desktop.importing.apply import (
    ImportOptions,
    ImportPlan,
    ImportSummary,
    apply_import,
    prepare_import,
)
from thaplan_desktop.importing.filing import file_under_plan, plan_names, remember_with_import
from thaplan_desktop.importing.names import ChoiceKey, Choices, NameMatch, PlanNames
from thaplan_desktop.ui.importing.mapping_dialog import Overrides
from thaplan_desktop.ui.runner import Job, Progress
from thaplan_desktop.ui.session import PlanSession, Refresh
from thaplan_desktop.workspace import Workspace

Failed = Callable[[BaseException], None] | None

TEXTS = {
    "reading": "กำลังอ่านไฟล์ {name} ({index}/{count})…",
    "resolving": "กำลังเทียบกับข้อมูลในแผน…",
    "refiling": "กำลังจัดเข้ายุทธศาสตร์และแผนงานตามที่เลือก…",
}


@dataclass(frozen=True, slots=True)
class Filing:
    """The files' rows filed under the plan: the prepared import, the name matches behind it (with the
    choices they were made with) and the plan's names they were matched among."""

    plan: ImportPlan
    matches: tuple[NameMatch, ...]
    names: PlanNames
    choices: Mapping[ChoiceKey, str | None] = field(default_factory=dict)


@dataclass(slots=True)
class ReadOutcome:
    """What the worker read: results per readable file (as the files write them), Thai messages of the
    others, and their filing in the plan (None when nothing could be read)."""

    results: list[ImportResult] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    filing: Filing | None = None
    cancelled: bool = False


def file_results(workspace: Workspace, edition_id: int, results: list[ImportResult], choices: Choices) -> Filing:
    """On the worker: the results filed under the plan's names with ``choices`` and resolved against it."""
    filed, matches = file_under_plan(workspace, results, choices)
    plan = prepare_import(workspace, edition_id, filed, ImportOptions())
    return Filing(plan, tuple(matches), plan_names(workspace), dict(choices))


class ImportBackend:
    """Typed access to the plan for the import screen, through the window's session (results arrive on the
    GUI thread)."""

    def __init__(self, session: PlanSession) -> None:
        self.session = session

    def read(self, edition_id: int, paths: list[Path], overrides: Overrides, choices: Choices, *,
             label: str, done: Callable[[ReadOutcome], None], failed: Failed = None,
             progress: Progress | None = None) -> Job:
        """Read ``paths`` (with the officer's column corrections) and file them under the plan; cancellable
        between files."""
        paths = list(paths)
        overrides = {name: {sheet: dict(fields) for sheet, fields in sheets.items()}
                     for name, sheets in overrides.items()}
        choices = dict(choices)

        def work(workspace: Workspace, job: Job) -> ReadOutcome:
            outcome = ReadOutcome()
            for index, path in enumerate(paths):
                if job.cancelled:
                    outcome.cancelled = True
                    return outcome
                job.progress(index, len(paths) + 1,
                             TEXTS["reading"].format(name=path.name, index=index + 1, count=len(paths)))
                try:
                    outcome.results.append(read_file(path, overrides.get(path.name)))
                except ImportFailure as exc:
                    outcome.failures.append(str(exc))
            job.progress(len(paths), len(paths) + 1, TEXTS["resolving"])
            if outcome.results and not job.cancelled:
                outcome.filing = file_results(workspace, edition_id, outcome.results, choices)
            outcome.cancelled = job.cancelled
            return outcome

        return self.session.work(work, label=label, done=done, failed=failed, progress=progress)

    def refile(self, edition_id: int, results: list[ImportResult], choices: Choices, *,
               done: Callable[[Filing], None], failed: Failed = None) -> Job:
        """File the rows again with the officer's ``choices`` (the files are not read again)."""
        results, choices = list(results), dict(choices)
        return self.session.work(lambda ws, job: file_results(ws, edition_id, results, choices),
                                 label=TEXTS["refiling"], done=done, failed=failed)

    def apply(self, plan: ImportPlan, matches: tuple[NameMatch, ...], choices: Choices, *, label: str,
              done: Callable[[Refresh], None] | None = None, failed: Failed = None) -> Job:
        """Apply the confirmed import in one operation (one undo step) that also remembers the officer's name
        matches for the plan's next imports; ``refresh.result`` is its ``ImportSummary``."""
        choices = dict(choices)

        def operation(workspace: Workspace, job: Job) -> ImportSummary:
            remember_with_import(workspace, plan, matches, choices)
            return apply_import(workspace, plan)

        return self.session.run_operation(operation, label=label, done=done, failed=failed)
