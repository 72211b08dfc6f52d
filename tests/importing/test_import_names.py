"""Near-miss strategy and program names: normalising, proposing the plan's name, choices, remembered matches."""

from __future__ import annotations

import argparse
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from preview_expected import assert_has_expected
from sample_files import expected as expected_preview
from sample_files import sample_workbooks

from thaplan_desktop.cli import build_parser
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.importing import ImportResult, StagedProject, read_file
from thaplan_desktop.importing.apply import apply_import, prepare_import
from thaplan_desktop.importing.filing import (
    SETTING,
    file_under_plan,
    load_aliases,
    plan_names,
    remember_choices,
    remember_with_import,
)
from thaplan_desktop.importing.names import (
    PROGRAM,
    STRATEGY,
    NameAliases,
    PlanNames,
    PlanProgram,
    apply_choices,
    confident_choices,
    program_key,
    propose_matches,
    strategy_key,
)
from thaplan_desktop.workspace import Workspace

INFRA = "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
EDU = "ยุทธศาสตร์การพัฒนาด้านการศึกษา ศาสนา วัฒนธรรม และนันทนาการ"
ADMIN = "ยุทธศาสตร์การพัฒนาด้านการเมืองและการบริหารจัดการองค์กร"
STAFF = "ยุทธศาสตร์การพัฒนาศักยภาพบุคลากรขององค์การบริหารส่วนตำบล"
PLAN = PlanNames(
    (INFRA, EDU, ADMIN, STAFF),
    (PlanProgram(INFRA, "แผนงานเคหะและชุมชน", "00240"), PlanProgram(INFRA, "แผนงานอุตสาหกรรมและการโยธา", "00310"),
     PlanProgram(EDU, "แผนงานการศึกษา", "00210"), PlanProgram(EDU, "แผนงานการศาสนาวัฒนธรรมและนันทนาการ", "00260"),
     PlanProgram(ADMIN, "แผนงานบริหารงานทั่วไป", "00110"), PlanProgram(STAFF, "แผนงานบริหารงานทั่วไป", "00110")),
)


def staged(strategy: str, plan: str = "", name: str = "โครงการ", **more) -> StagedProject:
    return StagedProject(kind=more.pop("kind", ProjectKind.PROJECT), name=name, budget=Decimal("1000.00"),
                         strategy=strategy, plan=plan, unit="กองช่าง", months=frozenset({1}), **more)


def only(matches, kind=STRATEGY):
    (found,) = [m for m in matches if m.kind == kind]
    return found


@pytest.mark.parametrize("written", [
    "ยุทธศาสตร์การพัฒนาด้านโครงสร้าง พื้นฐาน",              # spacing
    "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน",            # numbering
    "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน",          # "ยุทธศาสตร์ที่ 1"
    "ยุทธศาสตร์ที่ ๑: การพัฒนาด้านโครงสร้างพื้นฐาน",         # Thai digits
    "ยุทธศาสตร์การพัฒนาโครงสร้างพื้นฐาน",                   # without ด้าน
    "ยุทธศาสตร์ด้านโครงสร้างพื้นฐาน",                        # without การพัฒนา
    "การพัฒนาด้านโครงสร้างพื้นฐาน",                          # without ยุทธศาสตร์
])
def test_strategy_variants_match_confidently(written: str) -> None:
    match = only(propose_matches([staged(written)], PLAN))
    assert (match.match, match.confident, match.confidence) == (INFRA, True, 1.0)


@pytest.mark.parametrize(("written", "plan_name"), [
    ("ยุทธศาสตร์การพัฒนาด้านการศึกษาฯ", EDU),                                       # ฯ: the beginning of one
    ("ยุทธศาสตร์การพัฒนาด้านการศึกษา, ศาสนา, วัฒนธรรม, นันทนาการ", EDU),             # commas for และ
    ("ยุทธศาสตร์การพัฒนาด้านการเมืองฯ", ADMIN),
    ("ยุทธศาสตร์การพัฒนาศักยภาพบุคลากรของ อบต.", STAFF),                            # อบต. written out
])
def test_abbreviated_strategies_match_confidently(written: str, plan_name: str) -> None:
    match = only(propose_matches([staged(written)], PLAN))
    assert (match.match, match.confident) == (plan_name, True)


@pytest.mark.parametrize(("written", "plan_name"), [
    ("แผนงาน 00240 เคหะและชุมชน", "แผนงานเคหะและชุมชน"),          # a budget code
    ("(00310) อุตสาหกรรมและการโยธา", "แผนงานอุตสาหกรรมและการโยธา"),
    ("1.1 แผนงานเคหะ และชุมชน", "แผนงานเคหะและชุมชน"),             # numbering and spacing
    ("เคหะและชุมชน", "แผนงานเคหะและชุมชน"),                        # no แผนงาน
    ("แผนงานอุตสาหกรรมฯ", "แผนงานอุตสาหกรรมและการโยธา"),            # ฯ
    ("แผนงาน 00310", "แผนงานอุตสาหกรรมและการโยธา"),                 # the code alone
])
def test_program_variants_match_confidently(written: str, plan_name: str) -> None:
    match = only(propose_matches([staged(INFRA, written)], PLAN), PROGRAM)
    assert (match.strategy, match.match, match.confident) == (INFRA, plan_name, True)


def test_a_dla_spelling_variant_matches_by_its_code() -> None:
    match = only(propose_matches([staged(ADMIN, "แผนงานบริหารทั่วไป")], PLAN), PROGRAM)
    assert (match.match, match.confident) == ("แผนงานบริหารงานทั่วไป", True)


def test_a_longer_name_is_proposed_but_not_confident() -> None:
    match = only(propose_matches([staged("ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐานและสาธารณูปโภค")], PLAN))
    assert match.match == INFRA
    assert not match.confident
    assert 0.6 < match.confidence < 1
    assert all(c.confidence <= match.confidence for c in match.alternatives)
    assert confident_choices([match]) == {}


def test_a_name_two_of_the_plans_share_is_not_confident() -> None:
    plan = PlanNames(("ยุทธศาสตร์การพัฒนาการศึกษา", "ยุทธศาสตร์ด้านการศึกษา"), ())
    match = only(propose_matches([staged("ยุทธศาสตร์ที่ 3 การพัฒนาด้านการศึกษา")], plan))
    assert not match.confident
    assert {match.match, *(c.name for c in match.alternatives)} == set(plan.strategies)
    assert "หลายชื่อ" in match.reason


def test_an_abbreviation_beginning_two_names_is_not_confident() -> None:
    match = only(propose_matches([staged("ยุทธศาสตร์ด้านการฯ")], PLAN))  # การศึกษา… and การเมือง…
    assert not match.confident
    assert {match.match, match.alternatives[0].name} == {EDU, ADMIN}
    assert "หลายชื่อ" in match.reason


def test_an_unrelated_name_gets_no_proposal() -> None:
    match = only(propose_matches([staged("ยุทธศาสตร์การท่องเที่ยวเชิงนิเวศ")], PLAN))
    assert (match.match, match.confident) == (None, False)


def test_exact_names_need_no_match_and_each_name_is_proposed_once() -> None:
    rows = [staged(INFRA, "แผนงานเคหะและชุมชน"), staged("1. " + INFRA, "แผนงานเคหะและชุมชน"),
            staged("1. " + INFRA, "แผนงานเคหะและชุมชน")]
    (match,) = propose_matches(rows, PLAN)
    assert (match.kind, match.name, match.rows) == (STRATEGY, "1. " + INFRA, 2)


def test_programs_are_matched_within_the_strategy_their_rows_fall_under() -> None:
    rows = [staged("ยุทธศาสตร์ที่ 1 ด้านโครงสร้างพื้นฐาน", "แผนงานการโยธา"),
            staged("ยุทธศาสตร์ใหม่ทั้งหมด", "แผนงานเคหะ"),                 # a new strategy: its programs are new
            staged("", "บริหารทั่วไป", kind=ProjectKind.EQUIPMENT)]         # no strategy: any strategy's program
    matches = propose_matches(rows, PLAN)
    programs = [m for m in matches if m.kind == PROGRAM]
    assert [(m.strategy, m.name) for m in programs] == [(INFRA, "แผนงานการโยธา"), ("", "บริหารทั่วไป")]
    near, equipment = programs
    assert (near.match, near.confident) == ("แผนงานอุตสาหกรรมและการโยธา", False)
    assert (equipment.match, equipment.confident) == ("แผนงานบริหารงานทั่วไป", True)


def test_choices_file_projects_under_the_plans_names() -> None:
    rows = [staged("ยุทธศาสตร์ที่ 1 ด้านโครงสร้างพื้นฐาน", "แผนงานการโยธา"),
            staged("ยุทธศาสตร์การพัฒนาด้านการศึกษาฯ", "1.1 แผนงานการศึกษา")]
    result = ImportResult("dept.xlsx", rows)
    matches = propose_matches(rows, PLAN)
    (filed,) = apply_choices([result], confident_choices(matches), PLAN)
    assert [(p.strategy, p.plan) for p in filed.projects] == [(INFRA, "แผนงานการโยธา"), (EDU, "แผนงานการศึกษา")]
    assert [(p.strategy, p.plan) for p in result.projects][0] == ("ยุทธศาสตร์ที่ 1 ด้านโครงสร้างพื้นฐาน",
                                                                  "แผนงานการโยธา")  # the originals are untouched
    # the officer takes the near miss for the program, and creates the education strategy anew
    near = next(m for m in matches if m.kind == PROGRAM and m.strategy == INFRA)
    edu = next(m for m in matches if m.kind == STRATEGY and m.name.endswith("ฯ"))
    choices = {**confident_choices(matches), near.key: near.match, edu.key: None}
    (filed,) = apply_choices([result], choices, PLAN)
    assert [(p.strategy, p.plan) for p in filed.projects] == [
        (INFRA, "แผนงานอุตสาหกรรมและการโยธา"), ("ยุทธศาสตร์การพัฒนาด้านการศึกษาฯ", "1.1 แผนงานการศึกษา")]


def test_keys_ignore_what_the_issue_lists() -> None:
    assert strategy_key("ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้าง พื้นฐาน").key == strategy_key(INFRA).key
    assert strategy_key("ยุทธศาสตร์ด้านการศึกษาฯ").abbreviated
    assert program_key("1.2 แผนงาน (00240) เคหะและชุมชน").code == "00240"
    assert program_key("แผนงานบริหารทั่วไป").code == "00110"


def test_remembered_aliases_are_confident() -> None:
    plan = PlanNames(PLAN.strategies, PLAN.programs,
                     NameAliases({strategy_key("ยุทธศาสตร์สาธารณูปโภค").key: INFRA}, {}))
    match = only(propose_matches([staged("ยุทธศาสตร์ สาธารณูปโภค")], plan))
    assert (match.match, match.confident) == (INFRA, True)
    assert "ครั้งก่อน" in match.reason


# --- with a plan file ---------------------------------------------------------------------------------

@pytest.fixture
def workspace(tmp_path: Path):
    ws = Workspace.create(tmp_path / "plan.sqlite", name="องค์การบริหารส่วนตำบลนาดี", district="เมือง",
                          province="สุราษฎร์ธานี", fiscal_year=2563)
    ws.add_strategy(INFRA)
    ws.add_strategy(EDU)
    strategies = {s.name: s.id for s in ws.strategies()}
    ws.add_program(strategies[INFRA], "แผนงานเคหะและชุมชน", "00240")
    ws.add_program(strategies[INFRA], "แผนงานอุตสาหกรรมและการโยธา", "00310")
    ws.add_program(strategies[EDU], "แผนงานการศึกษา", "00210")
    yield ws
    ws.close()


def test_confirmed_matches_are_remembered_for_the_next_import(workspace: Workspace) -> None:
    rows = [staged("ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐานและสาธารณูปโภค", "แผนงานการโยธา")]
    _filed, matches = file_under_plan(workspace, [ImportResult("a.xlsx", rows)])
    strategy = only(matches)
    assert not strategy.confident
    choices = {strategy.key: strategy.match}
    # once the strategy is chosen, its programs are matched within it
    _filed, matches = file_under_plan(workspace, [ImportResult("a.xlsx", rows)], choices)
    program = only(matches, PROGRAM)
    choices[program.key] = program.match
    assert remember_choices(workspace, matches, choices) is not None
    assert load_aliases(workspace).strategies  # kept in the plan file
    # the next file from another department writes the same names: both are confident now
    filed, matches = file_under_plan(workspace, [ImportResult("b.xlsx", [staged(rows[0].strategy, "แผนงาน การโยธา")])])
    assert all(m.confident for m in matches)
    assert [(p.strategy, p.plan) for p in filed[0].projects] == [(INFRA, "แผนงานอุตสาหกรรมและการโยธา")]
    edition = workspace.find_edition()
    plan = prepare_import(workspace, edition.id, filed)
    assert (plan.new_strategies, plan.new_programs) == ([], [])
    # choosing "สร้างใหม่" forgets it again; remembering the same again changes nothing
    remember_choices(workspace, matches, {only(matches).key: None})
    assert load_aliases(workspace).strategies == {}
    assert remember_choices(workspace, matches, {only(matches).key: None}) is None


def test_the_import_remembers_its_matches_in_its_own_undo_step(demo_workspace: Workspace) -> None:
    """The window's import carries the officer's matches: one undo takes back the rows and the memory."""
    ws = demo_workspace
    edition = ws.find_edition()
    before = {p.id for p in ws.projects(edition.id)}
    undo_before = ws.undo_label()
    near = "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐานและสาธารณูปโภค"
    results = [ImportResult("a.xlsx", [staged(near, "แผนงานเคหะและชุมชน", name="ถนนสายใหม่บ้านนาดี")])]
    _filed, matches = file_under_plan(ws, results)
    choices = {only(matches).key: INFRA}
    filed, matches = file_under_plan(ws, results, choices)
    plan = prepare_import(ws, edition.id, filed)
    assert remember_with_import(ws, plan, matches, choices)
    summary = apply_import(ws, plan)
    assert summary.created_strategies == ()
    assert load_aliases(ws).strategies == {strategy_key(near).key: INFRA}
    (added,) = [p for p in ws.projects(edition.id) if p.id not in before]
    program = next(p for p in ws.programs() if p.id == added.program_id)
    assert (program.name, next(s.name for s in ws.strategies() if s.id == program.strategy_id)) == (
        "แผนงานเคหะและชุมชน", INFRA)
    assert ws.undo_label().startswith("นำเข้า 1 รายการ")
    ws.undo()
    assert {p.id for p in ws.projects(edition.id)} == before
    assert ws.setting(SETTING) == ""
    assert ws.undo_label() == undo_before  # one step took back both
    ws.redo()
    assert load_aliases(ws).strategies == {strategy_key(near).key: INFRA}


def test_plan_names_come_from_the_workspace(workspace: Workspace) -> None:
    names = plan_names(workspace)
    assert names.strategies == (INFRA, EDU)
    assert PlanProgram(INFRA, "แผนงานเคหะและชุมชน", "00240") in names.programs


# --- the command line -----------------------------------------------------------------------------------

def run(argv: list[str]) -> tuple[int, str]:
    args = build_parser().parse_args(argv)
    out = io.StringIO()
    return args.run(args, out=out), out.getvalue()


def near_miss_file(folder: Path) -> Path:
    rows = [("ก", "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้าง พื้นฐาน", "แผนงาน 00240 เคหะและชุมชน"),
            ("ข", "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐานและสาธารณูปโภค", "แผนงานเคหะและชุมชน"),
            ("ค", "ยุทธศาสตร์ด้านการศึกษาฯ", "1.1 แผนงานการศึกษา")]
    projects = [{"kind": "project", "name": f"โครงการ{n}", "details": "", "budget": "1000.00", "location": "",
                 "unit": "กองช่าง", "months": [1], "strategy": s, "plan": p, "equipment_type": ""} for n, s, p in rows]
    path = folder / "near.json"
    path.write_text(json.dumps({"ok": True, "projects": projects, "error": None}, ensure_ascii=False), "utf-8")
    return path


def test_import_applies_confident_matches_and_creates_the_rest(demo_db: Path, tmp_path: Path) -> None:
    code, text = run(["import", "--db", str(demo_db), str(near_miss_file(tmp_path))])
    assert code == 0
    assert "จัดเข้ายุทธศาสตร์ในแผน: “ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้าง พื้นฐาน” → “" + INFRA + "”" in text
    assert "จัดเข้ายุทธศาสตร์ในแผน: “ยุทธศาสตร์ด้านการศึกษาฯ” → “" + EDU + "”" in text
    assert "สร้างยุทธศาสตร์ใหม่: ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐานและสาธารณูปโภค" in text
    assert f"คล้าย “{INFRA}” ในแผน" in text
    assert text.count("สร้างยุทธศาสตร์ใหม่") == 1


def test_no_create_refuses_near_misses_and_names_them(demo_db: Path, tmp_path: Path) -> None:
    from thaplan_desktop.cli.common import CommandError

    args = build_parser().parse_args(["import", "--no-create", "--db", str(demo_db), str(near_miss_file(tmp_path))])
    with pytest.raises(CommandError) as info:
        args.run(args, out=io.StringIO())
    message = str(info.value)
    assert "ไม่มียุทธศาสตร์ “ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐานและสาธารณูปโภค”" in message
    assert f"คล้าย “{INFRA}”" in message
    assert "ไม่ได้จับคู่" in message
    assert "ยุทธศาสตร์ด้านการศึกษาฯ" not in message  # confident: matched, not refused


def test_preview_json_with_a_plan_says_where_each_project_goes(demo_db: Path, tmp_path: Path) -> None:
    path = near_miss_file(tmp_path)
    code, text = run(["import-preview", "--json", "--db", str(demo_db), str(path)])
    assert code == 0
    got = json.loads(text)
    assert list(got) == ["ok", "projects", "error", "warnings"]
    first, second, third = (p["filed_under"] for p in got["projects"])
    assert first == {"strategy": INFRA, "program": "แผนงานเคหะและชุมชน", "unit": "กองช่าง", "created": []}
    assert second["created"] == ["strategy", "program"]
    assert (third["strategy"], third["program"]) == (EDU, "แผนงานการศึกษา")
    assert any("สาธารณูปโภค" in w and "คล้าย" in w for w in got["warnings"])
    assert got["projects"][0]["strategy"] == "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้าง พื้นฐาน"  # as the file says
    # the preview, saved, imports again: filed_under is passed over
    saved = tmp_path / "saved.json"
    saved.write_text(text, encoding="utf-8")
    assert [p.name for p in read_file(saved).projects] == ["โครงการก", "โครงการข", "โครงการค"]


def test_preview_without_a_plan_has_warnings_but_no_filing(tmp_path: Path) -> None:
    from thaplan_desktop.cli.imports import run_import_preview

    out = io.StringIO()
    run_import_preview(argparse.Namespace(file=str(near_miss_file(tmp_path)), json=True), out=out)
    got = json.loads(out.getvalue())
    assert list(got) == ["ok", "projects", "error", "warnings"]
    assert got["warnings"] == []
    assert all("filed_under" not in p for p in got["projects"])


def test_preview_text_with_a_plan_lists_the_filing(demo_db: Path, tmp_path: Path) -> None:
    code, text = run(["import-preview", "--db", str(demo_db), str(near_miss_file(tmp_path))])
    assert code == 0
    assert "จัดเข้าแผน (ฉบับหลัก ปีงบประมาณ 2563):" in text
    assert "สร้างยุทธศาสตร์ใหม่: ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐานและสาธารณูปโภค" in text


def test_a_file_of_another_fiscal_year_is_pointed_out(demo_db: Path, tmp_path: Path) -> None:
    from import_builders import mark, month_header, new_workbook, write_sheet

    wb, ws = new_workbook()
    first = month_header(ws, 1, 1, year=2562)  # "พ.ศ. 2561" over ต.ค.–ธ.ค.: fiscal year 2562
    write_sheet(ws, [[1, "โครงการ ก", "", 1000, "", "กองช่าง"]], start_row=3)
    mark(ws, 3, first, [2])
    wb.save(tmp_path / "old.xlsx")
    code, text = run(["import-preview", "--json", "--db", str(demo_db), str(tmp_path / "old.xlsx")])
    assert code == 0
    assert any("ปีงบประมาณ 2562" in w and "ปีงบประมาณ 2563" in w for w in json.loads(text)["warnings"])
    code, text = run(["import", "--db", str(demo_db), str(tmp_path / "old.xlsx")])
    assert "เป็นแผนปีงบประมาณ 2562" in text


def test_samples_previewed_against_a_plan_read_as_without_one(demo_db: Path) -> None:
    for path in sample_workbooks():
        expected = expected_preview(path)
        if not expected["ok"]:
            continue
        code, text = run(["import-preview", "--json", "--db", str(demo_db), str(path)])
        got = json.loads(text)
        assert code == 0
        assert all(set(p["filed_under"]) == {"strategy", "program", "unit", "created"} for p in got["projects"])
        assert_has_expected(got, expected)
