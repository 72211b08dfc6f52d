"""The procedure's actors and seven steps, as data defined once (ข้อ 26–27, the seed's chart).

This one definition drives the flowchart view, the chart printed in the PDF (ส่วนที่ 1) and the checks
on the order of steps. Titles follow the chart printed in the plan; a เทศบาล sees its own committees'
names (คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาเทศบาล, คณะกรรมการพัฒนาเทศบาล, นายกเทศมนตรี).

Layout is data too, so the screen and the paper draw the same chart: each actor is a lane (a row,
top to bottom, its name at the left) and each step sits in a column; the steps run left to right
within a lane and the hand-over to the next actor goes straight down, a staircase::

    support committee      [1] → [2] → [3]
                                        ↓
    development committee              [4] → [5]
                                              ↓
    executive                                [6] → [7]

Use ``procedure(org_kind)`` for everything at once, or ``actors``, ``procedure_steps`` and ``arrows``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from thaplan_desktop.domain.model import OrgKind

__all__ = [
    "ANNOUNCE",
    "APPROVE",
    "COLLECT",
    "DEVELOPMENT_COMMITTEE",
    "DRAFT",
    "EXECUTIVE",
    "REVIEW",
    "STEP_IDS",
    "SUBMIT_TO_COMMITTEE",
    "SUBMIT_TO_EXECUTIVE",
    "SUPPORT_COMMITTEE",
    "ActorDef",
    "Procedure",
    "StepDef",
    "actors",
    "arrows",
    "procedure",
    "procedure_steps",
    "step_def",
]

# Actor ids.
SUPPORT_COMMITTEE = "support_committee"
DEVELOPMENT_COMMITTEE = "development_committee"
EXECUTIVE = "executive"

# Step ids (stable: they are stored in the database).
COLLECT = "collect"
DRAFT = "draft"
SUBMIT_TO_COMMITTEE = "submit_to_committee"
REVIEW = "review"
SUBMIT_TO_EXECUTIVE = "submit_to_executive"
APPROVE = "approve"
ANNOUNCE = "announce"


@dataclass(frozen=True, slots=True)
class ActorDef:
    """One actor of the procedure: a lane of the chart."""

    id: str
    lane: int  # 0 = top lane
    name: str  # Thai, as printed in the chart for this kind of office


@dataclass(frozen=True, slots=True)
class StepDef:
    """One step of the procedure: a box of the chart."""

    id: str
    number: int  # 1..7, the order of the procedure
    actor: ActorDef  # who does it (``actor.id``, ``actor.name``)
    title: str  # Thai, as printed in the chart for this kind of office
    lane: int  # the actor's lane (row of the chart)
    column: int  # column of the chart, 0 = leftmost step column
    follows: tuple[str, ...]  # ids of the steps that must be done before this one

    @property
    def actor_id(self) -> str:
        """The id of the step's actor."""
        return self.actor.id


@dataclass(frozen=True, slots=True)
class Procedure:
    """Actors, steps and arrows for one kind of office: everything a chart needs."""

    actors: tuple[ActorDef, ...]
    steps: tuple[StepDef, ...]
    arrows: tuple[tuple[str, str], ...]  # (from step id, to step id)

    @property
    def columns(self) -> int:
        """Number of step columns of the chart."""
        return max(s.column for s in self.steps) + 1

    def step(self, step_id: str) -> StepDef:
        """The step with this id (KeyError for an unknown id)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


# --- the data ------------------------------------------------------------------------------------------
# {local} is ท้องถิ่น for an อบต./อบจ. and เทศบาล for a เทศบาล; {executive} is the executive's name.

_LOCAL = {False: "ท้องถิ่น", True: "เทศบาล"}
_EXECUTIVE = {False: "ผู้บริหารท้องถิ่น", True: "นายกเทศมนตรี"}

# (id, lane, Thai name template)
_ACTORS: tuple[tuple[str, int, str], ...] = (
    (SUPPORT_COMMITTEE, 0, "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนา{local}"),
    (DEVELOPMENT_COMMITTEE, 1, "คณะกรรมการพัฒนา{local}"),
    (EXECUTIVE, 2, "{executive}"),
)

# (id, actor, column, Thai title template), in the order of the procedure; each follows the one before.
_STEPS: tuple[tuple[str, str, int, str], ...] = (
    (COLLECT, SUPPORT_COMMITTEE, 0, "รวบรวมโครงการ/กิจกรรม"),
    (DRAFT, SUPPORT_COMMITTEE, 1, "จัดทำร่างแผนการดำเนินงาน"),
    (SUBMIT_TO_COMMITTEE, SUPPORT_COMMITTEE, 2, "เสนอร่างแผนการดำเนินงานต่อคณะกรรมการพัฒนา{local}"),
    (REVIEW, DEVELOPMENT_COMMITTEE, 2, "พิจารณาร่างแผนการดำเนินงาน"),
    (SUBMIT_TO_EXECUTIVE, DEVELOPMENT_COMMITTEE, 3, "เสนอร่างแผนการดำเนินงานต่อ{executive}"),
    (APPROVE, EXECUTIVE, 3, "ให้ความเห็นชอบ"),
    (ANNOUNCE, EXECUTIVE, 4, "ประกาศใช้แผนการดำเนินงาน"),
)

STEP_IDS: tuple[str, ...] = tuple(s[0] for s in _STEPS)


def _is_municipality(org_kind: OrgKind | str | None) -> bool:
    if org_kind is None:
        return False
    try:
        return OrgKind(org_kind).is_municipality
    except ValueError:
        return str(org_kind).startswith("เทศบาล")


@cache
def _procedure(municipality: bool) -> Procedure:
    words = {"local": _LOCAL[municipality], "executive": _EXECUTIVE[municipality]}
    actor_defs = tuple(ActorDef(id=a, lane=lane, name=name.format(**words)) for a, lane, name in _ACTORS)
    by_id = {a.id: a for a in actor_defs}
    steps = []
    for number, (step_id, actor, column, title) in enumerate(_STEPS, start=1):
        follows = (_STEPS[number - 2][0],) if number > 1 else ()
        steps.append(StepDef(id=step_id, number=number, actor=by_id[actor], title=title.format(**words),
                             lane=by_id[actor].lane, column=column, follows=follows))
    links = tuple((before, s.id) for s in steps for before in s.follows)
    return Procedure(actors=actor_defs, steps=tuple(steps), arrows=links)


def procedure(org_kind: OrgKind | str | None = None) -> Procedure:
    """Actors, steps and arrows, named for ``org_kind`` (None: the generic ท้องถิ่น wording)."""
    return _procedure(_is_municipality(org_kind))


def actors(org_kind: OrgKind | str | None = None) -> list[ActorDef]:
    """The three actors, top lane first."""
    return list(procedure(org_kind).actors)


def procedure_steps(org_kind: OrgKind | str | None = None) -> list[StepDef]:
    """The seven steps in the order of the procedure."""
    return list(procedure(org_kind).steps)


def arrows(org_kind: OrgKind | str | None = None) -> list[tuple[str, str]]:
    """The chart's arrows as (from step id, to step id)."""
    return list(procedure(org_kind).arrows)


def step_def(step_id: str, org_kind: OrgKind | str | None = None) -> StepDef:
    """One step's definition (KeyError for an unknown id)."""
    return procedure(org_kind).step(step_id)
