"""The seven steps are data defined once; the chart (view and PDF) and the checks read the same definition."""

import pytest

from thaplan_desktop.domain.model import OrgKind
from thaplan_desktop.workflow import steps
from thaplan_desktop.workflow.steps import actors, arrows, procedure, procedure_steps

SEED_CHART = [
    ("คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาท้องถิ่น", "รวบรวมโครงการ/กิจกรรม"),
    ("คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาท้องถิ่น", "จัดทำร่างแผนการดำเนินงาน"),
    ("คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาท้องถิ่น", "เสนอร่างแผนการดำเนินงานต่อคณะกรรมการพัฒนาท้องถิ่น"),
    ("คณะกรรมการพัฒนาท้องถิ่น", "พิจารณาร่างแผนการดำเนินงาน"),
    ("คณะกรรมการพัฒนาท้องถิ่น", "เสนอร่างแผนการดำเนินงานต่อผู้บริหารท้องถิ่น"),
    ("ผู้บริหารท้องถิ่น", "ให้ความเห็นชอบ"),
    ("ผู้บริหารท้องถิ่น", "ประกาศใช้แผนการดำเนินงาน"),
]


def test_an_sao_sees_the_seed_chart_with_one_name_for_the_plan():
    """The seed's chart, word for word, except that it writes แผนดำเนินงาน in three boxes and
    แผนการดำเนินงาน in two: the steps say แผนการดำเนินงาน, the regulation's name, everywhere."""
    assert [(s.actor.name, s.title) for s in procedure_steps(OrgKind.SAO)] == SEED_CHART
    assert [s.number for s in procedure_steps()] == list(range(1, 8))
    assert not any("แผนดำเนินงาน" in s.title for s in procedure_steps(OrgKind.SAO))
    assert [a.name for a in actors(OrgKind.SAO)] == [
        "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาท้องถิ่น", "คณะกรรมการพัฒนาท้องถิ่น", "ผู้บริหารท้องถิ่น"]


@pytest.mark.parametrize("kind", [OrgKind.SUBDISTRICT_MUNICIPALITY, OrgKind.TOWN_MUNICIPALITY,
                                  OrgKind.CITY_MUNICIPALITY, "เทศบาลเมือง"])
def test_a_municipality_sees_its_own_committees(kind):
    assert [a.name for a in actors(kind)] == [
        "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาเทศบาล", "คณะกรรมการพัฒนาเทศบาล", "นายกเทศมนตรี"]
    titles = [s.title for s in procedure_steps(kind)]
    assert titles[2] == "เสนอร่างแผนการดำเนินงานต่อคณะกรรมการพัฒนาเทศบาล"
    assert titles[4] == "เสนอร่างแผนการดำเนินงานต่อนายกเทศมนตรี"
    assert not any("ท้องถิ่น" in t for t in titles)


def test_arrows_join_each_step_to_the_next_and_the_layout_is_a_staircase():
    proc = procedure(OrgKind.SAO)
    ids = [s.id for s in proc.steps]
    assert arrows() == list(zip(ids, ids[1:], strict=False))
    assert list(proc.arrows) == [(b, s.id) for s in proc.steps for b in s.follows]
    for before, after in proc.arrows:
        a, b = proc.step(before), proc.step(after)
        # within a lane the next box is to the right; a hand-over goes straight down to the next lane
        assert (b.lane, b.column) in ((a.lane, a.column + 1), (a.lane + 1, a.column))
    assert {s.lane for s in proc.steps} == {a.lane for a in proc.actors} == {0, 1, 2}
    assert all(s.lane == s.actor.lane for s in proc.steps)
    assert proc.columns == 5
    assert len({(s.lane, s.column) for s in proc.steps}) == 7  # no two boxes on one spot


def test_step_ids_are_stable_because_the_database_stores_them():
    assert steps.STEP_IDS == ("collect", "draft", "submit_to_committee", "review", "submit_to_executive",
                              "approve", "announce")


def test_the_pdf_chart_draws_the_same_steps():
    from thaplan_desktop.exporting.pdf import chart

    for kind in (OrgKind.SAO, OrgKind.TOWN_MUNICIPALITY):
        drawn = chart.ProcedureChart(None, kind).procedure  # the typesetter is only used when drawing
        assert drawn == procedure(kind)
        assert [a.name for a in drawn.actors] == [a.name for a in actors(kind)]
