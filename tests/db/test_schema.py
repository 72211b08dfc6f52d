"""The database file: migrations equal the models, round trips keep every value, bad files are refused."""

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from thaplan_desktop.db.engine import DatabaseError, create_database, head_revision, open_database
from thaplan_desktop.db.models import Base
from thaplan_desktop.domain.model import EditionKind, ProjectKind
from thaplan_desktop.workspace import ProjectFields, Workspace


def test_alembic_head_gives_exactly_the_models_schema(tmp_path):
    engine = create_database(tmp_path / "new.sqlite")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"render_as_batch": True}), Base.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert diff == []
    assert version == head_revision()


def test_connections_use_wal_full_sync_and_foreign_keys(tmp_path):
    engine = create_database(tmp_path / "new.sqlite")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def _new(tmp_path):
    return Workspace.create(tmp_path / "plan.sqlite", name="องค์การบริหารส่วนตำบลท่าสะท้อน",
                            district="พุนพิน", province="สุราษฎร์ธานี", fiscal_year=2563)


def test_new_plan_has_organisation_main_edition_and_reference_data(tmp_path):
    with _new(tmp_path) as ws:
        org = ws.organisation()
        assert org.kind == "อบต."
        assert org.executive_title == "นายกองค์การบริหารส่วนตำบลท่าสะท้อน"
        [edition] = ws.editions()
        assert (edition.fiscal_year, edition.kind) == (2563, EditionKind.MAIN)
        assert "กองช่าง" in [u.name for u in ws.units()]
        assert len(ws.equipment_types()) == 17
        assert "จ่ายขาดเงินสะสม" in [f.name for f in ws.funding_sources()]


def test_project_round_trip_keeps_every_value_and_satang(tmp_path):
    with _new(tmp_path) as ws:
        edition = ws.find_edition()
        ws.add_strategy("ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน")
        ws.add_program(ws.strategies()[0].id, "แผนงาน อุตสาหกรรม และการโยธา")
        program = ws.programs()[0]
        assert (program.name, program.dla_code) == ("แผนงานอุตสาหกรรมและการโยธา", "00310")
        unit = next(u for u in ws.units() if u.name == "กองช่าง")
        equipment_type = ws.equipment_types()[0]
        ws.add_project(edition.id, ProjectFields(
            kind=ProjectKind.EQUIPMENT, name="ตู้เหล็ก ๒ บาน", details="จำนวน ๒ ตู้\nสีเทา",
            budget=Decimal("238613.38"), location="ที่ทำการ อบต.", unit_id=unit.id,
            months={1, 12}, program_id=program.id, equipment_type_id=equipment_type.id,
            dev_plan_ref="แผนพัฒนาท้องถิ่น หน้า 45 ลำดับที่ 12"))
        [project] = ws.projects(edition.id)
    with Workspace.open(tmp_path / "plan.sqlite") as ws:
        again = ws.project(project.id)
    assert again == project
    assert again.budget == Decimal("238613.38")
    assert isinstance(again.budget, Decimal)
    assert again.months == {1, 12}
    assert again.details == "จำนวน ๒ ตู้\nสีเทา"
    assert isinstance(again.created_at, dt.datetime)


def test_large_budgets_survive_exactly(tmp_path):
    with _new(tmp_path) as ws:
        edition = ws.find_edition()
        amounts = [Decimal("0.01"), Decimal("99999999999.99"), Decimal("12345678.90")]
        for amount in amounts:
            ws.add_project(edition.id, ProjectFields(name="x", budget=amount, months={1}))
        assert [p.budget for p in ws.projects(edition.id)] == amounts


def test_a_negative_budget_is_refused_by_the_database_itself(tmp_path):
    with _new(tmp_path) as ws:
        edition = ws.find_edition()
    con = sqlite3.connect(tmp_path / "plan.sqlite")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO project (edition_id, kind, name, details, budget_satang, location, months_mask,"
                    " dev_plan_ref, position, provenance, source_file, source_sheet)"
                    f" VALUES ({edition.id}, 'project', 'x', '', -1, '', 0, '', 0, 'typed', '', '')")
    con.close()


@pytest.mark.parametrize(
    "content",
    [b"", b"hello, this is not a database", b"SQLite format 3\x00" + b"\x00" * 50],
)
def test_files_that_are_not_thaplan_databases_are_refused_untouched(tmp_path, content):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="ThaPlan"):
        open_database(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite"]


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    with _new(tmp_path):
        pass
    path = tmp_path / "plan.sqlite"
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="รุ่นที่ใหม่กว่า"):
        open_database(path)
    assert path.read_bytes() == before


def test_the_quick_revision_reader_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    from thaplan_desktop.db import engine

    script = ScriptDirectory(str(engine._MIGRATIONS))
    assert engine.head_revision() == script.get_current_head()
    assert engine._script_revisions()[1] == {rev.revision for rev in script.walk_revisions()}


def test_every_project_has_its_own_lasting_uuid_and_a_duplicate_gets_a_new_one(tmp_path):
    with _new(tmp_path) as ws:
        edition = ws.find_edition()
        ws.add_project(edition.id, ProjectFields(name="ถนนสายบ้านบ่อกรัง", budget=Decimal("1000"), months={1}))
        ws.add_project(edition.id, ProjectFields(name="ไฟฟ้าส่องสว่าง", budget=Decimal("2000"), months={2}))
        first, second = ws.projects(edition.id)
        assert len({first.uuid, second.uuid}) == 2
        assert all(len(p.uuid) == 36 for p in (first, second))
        ws.update_project(first.id, ProjectFields(name="ถนนสายบ้านบ่อกรัง หมู่ที่ 2"))
        assert ws.project(first.id).uuid == first.uuid
        ws.duplicate_projects([first.id])
        copy = next(p for p in ws.projects(edition.id) if p.id not in (first.id, second.id))
        assert copy.name == "ถนนสายบ้านบ่อกรัง หมู่ที่ 2"
        assert copy.uuid not in (first.uuid, second.uuid)
        ws.delete_projects([second.id])
        ws.undo()
        assert ws.project(second.id).uuid == second.uuid


def test_a_road_budget_over_the_32_bit_limit_is_stored_as_a_64_bit_integer(tmp_path):
    with _new(tmp_path) as ws:
        edition = ws.find_edition()
        ws.add_project(edition.id, ProjectFields(name="ถนนลาดยาง", budget=Decimal("25000000.50"), months={3}))
    with sqlite3.connect(tmp_path / "plan.sqlite") as conn:
        declared = {row[1]: row[2] for row in conn.execute("PRAGMA table_info(project)")}
        stored = conn.execute("SELECT budget_satang FROM project").fetchone()[0]
    assert declared["budget_satang"] == "BIGINT"
    assert stored == 2_500_000_050 > 2**31
